"""Every example of the legacy v1 documentation runs unchanged, on every backend."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest

from flowroute.compat import (
    Configuration,
    FlowrouteDeprecationWarning,
    FlowrouteTranslationWarning,
    reset,
)
from flowroute.compat._shadow import differences
from flowroute.compat.mapping import BY_NAME, ERROR_DIFFERENCES
from flowroute.emulator import Emulator

from .conftest import compat_warnings, sign_in
from .examples import EXAMPLES, run_examples

SCRIPT = """\
from FlowrouteNumbersLib.Controllers.InboundRoutesController import *
from FlowrouteNumbersLib.Controllers.PurchasablePhoneNumbersController import *
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *
from FlowrouteNumbersLib.Models import *
Configuration.username = ACCESS_KEY; Configuration.password = SECRET_KEY
pnc = PurchasablePhoneNumbersController()
npas = pnc.list_available_np_as(limit=10)
npanxxs = pnc.list_area_and_exchange(limit=10)
nothing = pnc.search(10, 206, 641, None, 'seattle', 'wa', None)
found = pnc.search(10, 206, 617, None, 'seattle', 'wa', None)
tnc = TelephoneNumbersController()
try:
    tnc.purchase(billing=BillingMethod(billing_method="VPRI"), number="12066417607")
except APIException as e:
    refused = (e.response_code, e.response_body['error'])
number = sorted(found['tns'])[0]
tnc.purchase(billing=BillingMethod(billing_method="METERED"), number=number)
InboundRoutesController().create_new_route('my-host-route', 'HOST', 'example.com')
tnc.update(number, [Route(name='sip-reg'), Route(name='my-host-route')])
details = TelephoneNumbersController.telephone_number_details(number)
"""


def _categories(caught: list[warnings.WarningMessage]) -> list[type[Warning]]:
    return [w.category for w in caught]


def test_every_example_runs_with_its_documented_outcome(backend: str) -> None:
    with compat_warnings() as caught:
        outcomes = run_examples()
    # One deprecation per legacy call; on v2 the VPRI purchase also warns, once.
    calls = sum(source.count(c) for _, source in EXAMPLES for c in ("pnc.", "tnc.", "irc."))
    translation = [FlowrouteTranslationWarning] if backend == "v2" else []
    assert sorted(_categories(caught), key=str) == sorted(
        [FlowrouteDeprecationWarning] * calls + translation, key=str
    )
    for w in caught:
        assert re.fullmatch(r"<legacy example \d+>", w.filename), w.filename
    kinds = [kind for kind, _ in outcomes]
    failing = {i for i, kind in enumerate(kinds) if kind == "APIException"}
    # Numbers and routes the documentation made up do not exist; bad arguments are refused.
    assert failing == {6, 9, 12, 13, 18, 19, 24, 27}
    for kind, outcome in outcomes:
        if kind == "APIException":
            status, body = outcome
            assert status in (400, 404, 409) and isinstance(body["error"], str)
    npas = outcomes[1][1]
    assert list(npas["npas"]) == ["201", "206"]
    assert npas["links"] == {"next": "/v1/available-tns/npas/?limit=2&page=2"}
    assert outcomes[12][1][0] == 404 and "15852003968" in outcomes[12][1][1]["error"]
    assert outcomes[14] == ("ok", "")
    routes = outcomes[25][1]["routes"]
    assert routes["HOSTroute1"] == {"type": "HOST", "value": "24.239.23.40:5060"}
    assert routes["PSTNroute1"] == {"type": "PSTN", "value": "18002364455"}
    assert routes["sip-reg"] == {"type": "SIP-REG", "value": "sip-reg"}
    assert outcomes[29][1] == {
        "routes": [{"type": "SIP-REG", "name": "sip-reg"}, {"type": "HOST", "name": "HOSTroute1"}],
        "billing_method": "METERED",
    }


def _outcomes_on(backend: str) -> list[tuple[str, Any]]:
    reset()
    emulator = Emulator(seed=0)
    sign_in(emulator, backend)
    with emulator.mock(), warnings.catch_warnings():
        warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
        warnings.simplefilter("ignore", FlowrouteTranslationWarning)
        return run_examples()


def test_v1_and_v2_answer_alike_but_for_documented_differences() -> None:
    on_v1, on_v2 = _outcomes_on("v1"), _outcomes_on("v2")
    for (name, source), (kind1, one), (kind2, two) in zip(EXAMPLES, on_v1, on_v2):
        assert kind1 == kind2, source
        if kind1 == "APIException":
            assert one[0] == two[0], source
            assert differences(one[1], two[1], ERROR_DIFFERENCES) == [] or one[0] == 400, source
        else:
            assert differences(one, two, BY_NAME[name].differences) == [], source
    # The documented difference is there: v2 knows only METERED.
    assert on_v1[11][1]["tns"]["12062730619"]["billing_methods"] == ["VPRI", "METERED"]
    assert on_v2[11][1]["tns"]["12062730619"]["billing_methods"] == ["METERED"]


@pytest.mark.parametrize("backend", ["v1", "v2", "shadow"])
@pytest.mark.parametrize("how", ["BASE_URI", "FLOWROUTE_BASE_URL"])
def test_the_issue_script_runs_unchanged_against_a_served_emulator(
    backend: str, how: str, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    Configuration.backend = backend
    namespace: dict[str, Any] = {
        "ACCESS_KEY": emulator.access_key,
        "SECRET_KEY": emulator.secret_key,
    }
    with emulator.serve() as url, compat_warnings() as caught:
        if how == "BASE_URI":
            Configuration.BASE_URI = url + "/v1"
        else:
            monkeypatch.setenv("FLOWROUTE_BASE_URL", url)
        exec(compile(SCRIPT, "<legacy script>", "exec"), namespace)
    assert namespace["refused"] == (404, "number 12066417607 is not available for purchase")
    assert namespace["details"] == {
        "routes": [
            {"type": "SIP-REG", "name": "sip-reg"},
            {"type": "HOST", "name": "my-host-route"},
        ],
        "billing_method": "METERED",
    }
    assert namespace["nothing"] == {}
    assert len(namespace["found"]["tns"]) == 10
    assert namespace["found"]["tns"][namespace["number"]]["ratecenter"] == "SEATTLE"
    assert len(namespace["npas"]["npas"]) == 10 and "next" in namespace["npas"]["links"]
    deprecations = [w for w in caught if w.category is FlowrouteDeprecationWarning]
    assert len(deprecations) == 9
    assert {w.category for w in caught} <= {
        FlowrouteDeprecationWarning,
        FlowrouteTranslationWarning,
    }
    prefixes = {r.path.split("/")[1] for r in emulator.requests}
    assert prefixes == (
        {"v2"} if backend == "v2" else {"v1", "v2"} if backend == "shadow" else {"v1"}
    )
