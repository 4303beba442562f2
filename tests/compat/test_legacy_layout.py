"""The legacy packages have the module trees the originals had, name by name.

The tables below were written by reading the published originals
(flowroute/flowroute-numbers-python, flowroute/flowroute-messaging-python):
every module, every public name it defines or imports from its own
library, and what kind of object that name is there. The numbers library
was Python 2 with implicit relative star imports in its ``__init__`` files,
so there a package attribute named like a submodule is the class the star
import bound over it (``FlowrouteNumbersLib.APIException`` is the class);
the messaging library's ``__init__`` files are empty, so there it is the
module. Third-party modules the originals imported for themselves
(``jsonpickle``, ``unirest``, ``re``, ``hmac``) are left out; ``requests``,
which ``import *`` handed to messaging callers, is in.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from typing import Any

import pytest

MODULE, CLASS, ROUTINE, VALUE = "module", "class", "routine", "value"

_NUMBERS_CONTROLLER_SCOPE = {
    "APIHelper": CLASS,
    "Configuration": CLASS,
    "APIException": CLASS,
    "CustomAuthUtility": CLASS,
}

# module (as imported by its dotted path) -> {public name: kind}
NUMBERS: dict[str, dict[str, str]] = {
    "FlowrouteNumbersLib": {
        "APIException": CLASS,
        "APIHelper": CLASS,
        "Configuration": CLASS,
        "CustomAuthUtility": CLASS,
        "Models": MODULE,
        "Controllers": MODULE,
        "BillingMethod": CLASS,
        "Route": CLASS,
        "InboundRoutesController": CLASS,
        "PurchasablePhoneNumbersController": CLASS,
        "TelephoneNumbersController": CLASS,
    },
    "FlowrouteNumbersLib.APIException": {"APIException": CLASS},
    "FlowrouteNumbersLib.APIHelper": {"APIHelper": CLASS},
    "FlowrouteNumbersLib.Configuration": {"Configuration": CLASS},
    "FlowrouteNumbersLib.CustomAuthUtility": {"CustomAuthUtility": CLASS, "Configuration": CLASS},
    "FlowrouteNumbersLib.Models": {"BillingMethod": CLASS, "Route": CLASS, "APIHelper": CLASS},
    "FlowrouteNumbersLib.Models.BillingMethod": {"BillingMethod": CLASS, "APIHelper": CLASS},
    "FlowrouteNumbersLib.Models.Route": {"Route": CLASS, "APIHelper": CLASS},
    "FlowrouteNumbersLib.Controllers": {
        **_NUMBERS_CONTROLLER_SCOPE,
        "InboundRoutesController": CLASS,
        "PurchasablePhoneNumbersController": CLASS,
        "TelephoneNumbersController": CLASS,
    },
    **{
        f"FlowrouteNumbersLib.Controllers.{name}": {**_NUMBERS_CONTROLLER_SCOPE, name: CLASS}
        for name in (
            "InboundRoutesController",
            "PurchasablePhoneNumbersController",
            "TelephoneNumbersController",
        )
    },
}

MESSAGING: dict[str, dict[str, str]] = {
    "FlowrouteMessagingLib": {},
    "FlowrouteMessagingLib.APIException": {"APIException": CLASS},
    "FlowrouteMessagingLib.APIHelper": {"APIHelper": CLASS},
    "FlowrouteMessagingLib.Configuration": {"Configuration": CLASS},
    "FlowrouteMessagingLib.Controllers": {},
    "FlowrouteMessagingLib.Controllers.APIController": {
        "APIController": CLASS,
        "APIHelper": CLASS,
        "Configuration": CLASS,
        "APIException": CLASS,
        "requests": MODULE,
    },
    "FlowrouteMessagingLib.Models": {},
    "FlowrouteMessagingLib.Models.Message": {"Message": CLASS, "APIHelper": CLASS},
}

_HELPER = (
    "json_serialize",
    "json_deserialize",
    "append_url_with_template_parameters",
    "append_url_with_query_parameters",
    "clean_url",
    "form_encode",
    "resolve_names",
    "resolve_name",
)

# class (by a dotted path to it) -> {public attribute: kind}
MEMBERS: dict[str, dict[str, str]] = {
    "FlowrouteNumbersLib.APIHelper.APIHelper": dict.fromkeys(_HELPER, ROUTINE),
    "FlowrouteMessagingLib.APIHelper.APIHelper": dict.fromkeys(_HELPER, ROUTINE),
    "FlowrouteNumbersLib.CustomAuthUtility.CustomAuthUtility": {"appendCustomAuthParams": ROUTINE},
    "FlowrouteNumbersLib.Configuration.Configuration": {
        "BASE_URI": VALUE,
        "username": VALUE,
        "password": VALUE,
    },
    "FlowrouteMessagingLib.Configuration.Configuration": {"BASE_URI": VALUE},
    "FlowrouteNumbersLib.Models.BillingMethod.BillingMethod": {"resolve_names": ROUTINE},
    "FlowrouteNumbersLib.Models.Route.Route": {"resolve_names": ROUTINE},
    "FlowrouteMessagingLib.Models.Message.Message": {"resolve_names": ROUTINE},
    "FlowrouteNumbersLib.Controllers.InboundRoutesController.InboundRoutesController": {
        "list": ROUTINE,
        "create_new_route": ROUTINE,
    },
    "FlowrouteNumbersLib.Controllers.PurchasablePhoneNumbersController."
    "PurchasablePhoneNumbersController": {
        "list_area_and_exchange": ROUTINE,
        "list_available_np_as": ROUTINE,
        "search": ROUTINE,
    },
    "FlowrouteNumbersLib.Controllers.TelephoneNumbersController.TelephoneNumbersController": {
        "telephone_number_details": ROUTINE,
        "purchase": ROUTINE,
        "list_account_telephone_numbers": ROUTINE,
        "update": ROUTINE,
    },
    "FlowrouteMessagingLib.Controllers.APIController.APIController": {
        "create_message": ROUTINE,
        "get_message_lookup": ROUTINE,
    },
    "FlowrouteNumbersLib.APIException.APIException": {"with_traceback": ROUTINE},
}

# Instance attributes the originals set: (class path, constructor arguments) -> names.
INSTANCE: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("FlowrouteMessagingLib.Models.Message.Message", {"to": "1", "from_": "2"}, ("to", "mfrom")),
    ("FlowrouteNumbersLib.Models.Route.Route", {"name": "sip-reg"}, ("name",)),
    (
        "FlowrouteNumbersLib.Models.BillingMethod.BillingMethod",
        {"billing_method": "METERED"},
        ("billing_method",),
    ),
]


def _kind(value: Any) -> str:
    if inspect.ismodule(value):
        return MODULE
    if inspect.isclass(value):
        return CLASS
    return ROUTINE if inspect.isroutine(value) else VALUE


def _resolve(path: str) -> Any:
    module, _, name = path.rpartition(".")
    while True:
        try:
            found = importlib.import_module(module)
            break
        except ImportError:
            module, _, outer = module.rpartition(".")
            name = f"{outer}.{name}"
    for part in name.split("."):
        found = getattr(found, part)
    return found


@pytest.mark.parametrize("module", [*NUMBERS, *MESSAGING])
def test_every_public_name_of_the_original_module_is_there_and_of_its_kind(module: str) -> None:
    imported = importlib.import_module(module)
    expected = {**NUMBERS, **MESSAGING}[module]
    found = {name: _kind(getattr(imported, name, None)) for name in expected}
    assert found == expected


@pytest.mark.parametrize("owner", MEMBERS)
def test_every_public_member_of_the_original_classes_is_there(owner: str) -> None:
    cls = _resolve(owner)
    assert inspect.isclass(cls)
    found = {name: _kind(getattr(cls, name, None)) for name in MEMBERS[owner]}
    assert found == MEMBERS[owner]


@pytest.mark.parametrize(("owner", "arguments", "names"), INSTANCE)
def test_models_keep_the_original_attributes(
    owner: str, arguments: dict[str, Any], names: tuple[str, ...]
) -> None:
    made = _resolve(owner)(**arguments, unknown="ignored")
    assert [getattr(made, name) for name in names] == list(arguments.values())


# Each form an original's README, demo or a real user's code wrote, run in a fresh
# interpreter (the import order there is the user's, not the test suite's).
FORMS = [
    # The messaging README's and demo's forms; Models' __init__ is empty.
    "from FlowrouteMessagingLib.Models import Message\n"
    "m = Message.Message(to='1', from_='2', content='hi')\n"
    "assert (m.to, m.mfrom, m.content) == ('1', '2', 'hi')",
    "from FlowrouteMessagingLib.Models.Message import Message\n"
    "from FlowrouteMessagingLib.Controllers.APIController import APIController\n"
    "assert Message(to='1').to == '1' and APIController(username='a', password='b')",
    "from FlowrouteMessagingLib.Controllers.APIController import *\n"
    "from FlowrouteMessagingLib.Models.Message import *\n"
    "assert APIException and APIHelper and Configuration and requests and Message",
    "from FlowrouteMessagingLib import APIException\n"
    "assert issubclass(APIException.APIException, Exception)",
    "import FlowrouteMessagingLib.Configuration as C\n"
    "assert C.Configuration.BASE_URI == 'https://api.flowroute.com/v2'",
    "import FlowrouteMessagingLib.Models.Message\n"
    "import FlowrouteMessagingLib\n"
    "assert FlowrouteMessagingLib.Models.Message.Message(content='x').content == 'x'",
    # The numbers README's and demo's forms.
    "from FlowrouteNumbersLib.Controllers.InboundRoutesController import *\n"
    "from FlowrouteNumbersLib.Controllers.PurchasablePhoneNumbersController import *\n"
    "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\n"
    "from FlowrouteNumbersLib.Models import *\n"
    "Configuration.username = 'a'\n"
    "assert BillingMethod(billing_method='VPRI').resolve_names() == {'billing_method': 'VPRI'}\n"
    "assert APIHelper.json_serialize([Route(name='x')]) == '[{\"name\": \"x\"}]'\n"
    "assert CustomAuthUtility.appendCustomAuthParams and issubclass(APIException, Exception)\n"
    "assert PurchasablePhoneNumbersController and TelephoneNumbersController",
    "from FlowrouteNumbersLib.Controllers import TelephoneNumbersController\n"
    "assert callable(TelephoneNumbersController.update)",
    "import FlowrouteNumbersLib.CustomAuthUtility\n"
    "import FlowrouteNumbersLib as lib\n"
    "assert isinstance(lib.CustomAuthUtility, type) and isinstance(lib.APIException, type)",
    "from FlowrouteNumbersLib.APIHelper import APIHelper\n"
    "from FlowrouteNumbersLib.APIException import APIException\n"
    "assert str(APIException('USER ERROR', 400, {'error': 'x'})) == 'USER ERROR'",
]


def test_the_originals_import_forms_run_unchanged() -> None:
    # One interpreter per form, all started at once: the suite waits for the slowest only.
    command = [sys.executable, "-W", "error", "-c"]
    running = [(form, subprocess.Popen([*command, form], stderr=subprocess.PIPE)) for form in FORMS]
    failed = {form: ran.communicate(timeout=120)[1].decode() for form, ran in running}
    assert {form: err for form, err in failed.items() if err} == {}
