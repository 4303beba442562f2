"""`flowroute migrate apply`: the corpus's exact rewrite, the CLI's statuses, the safety rules."""

from __future__ import annotations

import inspect
import io
import os
import shutil
from pathlib import Path

import pytest

import flowroute
from flowroute.cli import main
from flowroute.compat.mapping import TABLE, LegacyCall
from flowroute.migrate import _apply, _apply_plan
from flowroute.migrate._apply import apply_source, libcst_missing

from .conftest import CORPUS

HERE = Path(__file__).parent
REWRITTEN = HERE / "expected" / "apply"
MODULES = sorted(p.name for p in CORPUS.glob("*.py"))

# Every test but the one about its absence rewrites code: they need the migrate extra.
pytestmark = pytest.mark.skipif(libcst_missing(), reason="needs libcst (the migrate extra)")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["migrate", "apply", *argv], out=out), out.getvalue()


@pytest.mark.parametrize("name", MODULES)
def test_the_corpus_rewrite_is_exact(name: str) -> None:
    change = apply_source((CORPUS / name).read_text(encoding="utf-8"), name)
    assert change.error == ""
    expected = REWRITTEN / name
    if os.environ.get("REGENERATE_EXPECTED"):
        expected.write_text(change.after, encoding="utf-8")
    assert change.after == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", MODULES)
def test_a_second_run_changes_nothing(name: str) -> None:
    rewritten = (REWRITTEN / name).read_text(encoding="utf-8")
    assert apply_source(rewritten, name).after == rewritten


def test_the_corpus_counts() -> None:
    changes = [apply_source((CORPUS / n).read_text(encoding="utf-8"), n) for n in MODULES]
    counts = {c.path: (c.rewritten, c.kept) for c in changes}
    assert counts == {
        "clean.py": (0, 0),
        "local_smoke.py": (2, 1),
        "numbers_batch.py": (2, 1),
        "numbers_tour.py": (0, 4),
        "provisioning.py": (0, 4),
        "sms_proxy.py": (0, 2),
        "v3_demo.py": (9, 1),
        "v3_inventory.py": (2, 1),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    return copy


def test_the_diff_is_shown_and_nothing_written_until_write(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_text() for p in corpus.glob("*.py")}
    status, shown = run(str(corpus))
    assert status == 1
    assert f"--- a/{corpus / 'v3_demo.py'}\n+++ b/{corpus / 'v3_demo.py'}\n" in shown
    assert "+    client.v2.numbers.purchase_a_phone_number(id=number)\n" in shown
    assert {p.name: p.read_text() for p in corpus.glob("*.py")} == before
    assert "would rewrite 15 legacy calls in 7 files; 14 kept" in capsys.readouterr().err

    assert run(str(corpus), "--write") == (0, "")
    for name in MODULES:
        assert (corpus / name).read_text() == (REWRITTEN / name).read_text(), name
    assert run(str(corpus)) == (0, "")  # nothing left to change
    assert run(str(corpus), "--write") == (0, "")


def test_a_rewrite_that_would_not_parse_is_never_written(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_apply, "_transform", lambda source, plan: source + "\ndef broken(:\n")
    target = corpus / "v3_demo.py"
    before = target.read_text()
    assert run(str(target), "--write") == (1, "")
    assert target.read_text() == before
    assert "left " + str(target) + " alone: the rewrite would not parse" in capsys.readouterr().err


def test_a_call_placed_elsewhere_by_libcst_leaves_the_file_alone(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_apply_plan, "_position", lambda call, lines: (call.lineno, 0, 0, 0))
    target = corpus / "v3_demo.py"
    before = target.read_text()
    assert run(str(target), "--write") == (1, "")
    assert target.read_text() == before
    assert "alone: not rewritten: could not place the legacy calls on lines 21, 23, " in (
        capsys.readouterr().err
    )


def test_python_2_code_is_left_alone_and_fails_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.py"
    old.write_text("print 'python 2'\n")
    assert run(str(old), "--write") == (1, "")
    assert old.read_text() == "print 'python 2'\n"
    assert "does not parse" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(str(tmp_path / "missing.py"))[0] == 2
    with pytest.raises(SystemExit) as exit:
        run()
    assert exit.value.code == 2


def test_line_endings_and_comments_are_kept() -> None:
    source = (
        "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\r\n"
        "tnc = TelephoneNumbersController()\r\n"
        "# buy it\r\n"
        "tnc.purchase('METERED', n)  # now\r\n"
    )
    after = apply_source(source).after
    assert after.endswith("# buy it\r\nclient.v2.numbers.purchase_a_phone_number(id=n)  # now\r\n")
    assert "\nimport flowroute\r\n" in after


@pytest.mark.parametrize(
    ("call", "why"),
    [
        ("tnc.purchase('VPRI', n)", "lost on v2: billing method 'VPRI' has no v2 equivalent"),
        ("tnc.purchase(plan, n)", "lost on v2: `billing`: v2 bills every number as `METERED`."),
        ("x = tnc.purchase('METERED', n)", "its result is used, and differs on v2: `''`"),
        ("tnc.purchase(*args)", "lost on v2: `billing`"),  # not known: may lose it
    ],
)
def test_a_call_that_would_change_is_kept_with_the_reason(call: str, why: str) -> None:
    source = (
        "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\n"
        f"tnc = TelephoneNumbersController()\n{call}\n"
    )
    after = apply_source(source).after
    comment = after.splitlines()[2]
    assert comment.startswith("# flowroute-migrate: " + why)
    assert after.endswith(f"\n{call}\n")
    assert "import flowroute\n" not in after  # nothing rewritten: no client needed


def test_a_model_built_elsewhere_keeps_the_call() -> None:
    source = (
        "from FlowrouteMessagingLib.Controllers.APIController import APIController\n"
        "sms = APIController('k', 's')\nsms.create_message(msg)\n"
    )
    assert (
        apply_source(source)
        .after.splitlines()[2]
        .startswith(
            "# flowroute-migrate: its arguments are not translated as written: `Message(to=,"
        )
    )


def test_a_handler_outside_the_function_does_not_keep_the_call() -> None:
    source = (
        "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\n"
        "tnc = TelephoneNumbersController()\n"
        "try:\n    def buy(n):\n        tnc.purchase('METERED', n)\n"
        "except APIException:\n    pass\n"
    )
    assert "client.v2.numbers.purchase_a_phone_number(id=n)" in apply_source(source).after


_ROWS = [row for row in TABLE if row.rewrite is not None]


@pytest.mark.parametrize("row", _ROWS, ids=[row.name for row in _ROWS])
def test_each_rewrite_names_real_v2_keywords(row: LegacyCall) -> None:
    assert row.rewrite is not None
    _, resource, method = row.v2[0].rsplit(".", 2)
    with flowroute.Client("access", "secret") as client:
        signature = inspect.signature(getattr(getattr(client.v2, resource), method))
    renamed = dict(row.rewrite.arguments)
    model, inner = row.rewrite.model
    for parameter in row.parameters:
        name, _, default = parameter.partition("=")
        keyword = renamed.get(name, name)
        if name == model or not keyword:
            continue
        assert keyword in signature.parameters, (row.name, keyword)
        if default == "None":  # a None passed by position is left out: v2's default is None
            assert signature.parameters[keyword].default is None
    assert all(keyword in signature.parameters for _, keyword in inner)
    if row.rewrite.result == "raw":  # the page's document is the legacy result
        assert "Page[" in str(signature.return_annotation)


def test_the_documented_diff_is_what_the_tool_prints(capsys: pytest.CaptureFixture[str]) -> None:
    page = (HERE.parent.parent / "docs" / "migrate.rst").read_text(encoding="utf-8")
    example = page.split("    $ flowroute migrate apply src/\n", 1)[1].split("\n\n", 1)[0]
    lines = [line[4:] for line in example.splitlines()]
    hunk, summary = lines[2 : lines.index("...")], lines[-1]
    status, shown = run(str(CORPUS))
    assert status == 1
    assert "\n".join(hunk) + "\n" in shown.replace(str(CORPUS), "src")
    assert summary in capsys.readouterr().err
    assert lines[:2] == ["--- a/src/numbers_batch.py", "+++ b/src/numbers_batch.py"]


def test_a_parameter_v2_names_otherwise_is_passed_by_the_v2_name() -> None:
    source = (
        "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
        "e911s = FlowroutenumbersandmessagingClient().e911s\n"
        "e911s.associate(address_id, number)\n"
        "found = e911s.list_e911s(10, None, 'WA')\n"
    )
    assert apply_source(source).after.splitlines()[-2:] == [
        "client.v2.e911s.associate(e911_id=address_id, number_id=number)",
        "found = client.v2.e911s.list_e911s(limit=10, state='WA').raw",
    ]


def test_a_call_run_at_import_before_the_client_exists_is_kept() -> None:
    source = (
        "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\n"
        "tnc = TelephoneNumbersController()\n"
        "tnc.purchase('METERED', '1')\n"
        "Configuration.username = 'key'\n"
        "tnc.purchase('METERED', '2')\n"
        "def later():\n    tnc.purchase('METERED', '3')\n"
    )
    after = apply_source(source).after
    assert after.splitlines()[3:] == [
        "# flowroute-migrate: it runs at import, before the module's `client =",
        "#   flowroute.Client(...)`",
        "tnc.purchase('METERED', '1')",
        "Configuration.username = 'key'",
        "client = flowroute.Client(access_key=Configuration.username)",
        "client.v2.numbers.purchase_a_phone_number(id='2')",
        "def later():",
        "    client.v2.numbers.purchase_a_phone_number(id='3')",
    ]
    assert apply_source(after).after == after


def test_an_existing_client_is_used() -> None:
    source = (
        "import flowroute\n"
        "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\n"
        "fr = flowroute.Client(timeout=5)\n"
        "TelephoneNumbersController().purchase('METERED', '1')\n"
    )
    assert apply_source(source).after == source.replace(
        "TelephoneNumbersController().purchase('METERED', '1')",
        "fr.v2.numbers.purchase_a_phone_number(id='1')",
    )


def test_a_with_expecting_a_legacy_exception_keeps_the_call() -> None:
    source = (
        "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
        "from flowroutenumbersandmessaging.exceptions.error_exception import ErrorException\n"
        "routes = FlowroutenumbersandmessagingClient().routes\n"
        "def test_refused():\n"
        "    with pytest.raises(ErrorException):\n"
        "        routes.list_inbound_routes()\n"
    )
    comment = apply_source(source).after.splitlines()[-4]
    assert comment.startswith(
        "        # flowroute-migrate: the handler `with pytest.raises(ErrorException)` around it"
    )


_NUMBERS = (
    "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\n"
    "tnc = TelephoneNumbersController()\n"
)
# A base URI not known from the source is not guessed:
_NOT_CARRIED_URL = [
    "# flowroute-migrate: `Configuration.BASE_URI = url` is not carried over: pass this",
    "#   client base_url=, that URI without its `/v1`, or it talks to $FLOWROUTE_BASE_URL or",
    "#   production",
]
_NOT_CARRIED_AUGMENTED = [
    "# flowroute-migrate: `Configuration.BASE_URI += v` is not carried over: pass this client",
    "#   base_url=, that URI without its `/v1`, or it talks to $FLOWROUTE_BASE_URL or",
    "#   production",
]
_NOT_CARRIED_V3 = [
    "# flowroute-migrate: `FlowroutenumbersandmessagingClient(base_url=url)` is not carried",
    "#   over: pass this client base_url=, that URI, or it talks to $FLOWROUTE_BASE_URL or",
    "#   production",
]
_FROM_ENVIRONMENT = "client = flowroute.Client()  # keys from $FR_ACCESS_KEY and $FR_SECRET_KEY"


@pytest.mark.parametrize(
    ("setting", "client"),
    [
        # The origin, as the compat layer maps it: the library's own `/v1` goes.
        (
            "Configuration.BASE_URI = 'http://127.0.0.1:8080/v1/'",
            [
                "# keys from $FR_ACCESS_KEY and $FR_SECRET_KEY",
                'client = flowroute.Client(base_url="http://127.0.0.1:8080")',
            ],
        ),
        ("Configuration.BASE_URI = 'https://api.flowroute.com/v1'", [_FROM_ENVIRONMENT]),
        ("Configuration.BASE_URI = url", [*_NOT_CARRIED_URL, _FROM_ENVIRONMENT]),
        ("Configuration.BASE_URI += v", [*_NOT_CARRIED_AUGMENTED, _FROM_ENVIRONMENT]),
    ],
)
def test_the_legacy_base_uri_becomes_the_clients_base_url(setting: str, client: list[str]) -> None:
    source = f"{_NUMBERS}{setting}\ndef buy(n):\n    tnc.purchase('METERED', n)\n"
    after = apply_source(source).after
    assert after.splitlines() == [
        "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *",
        "import flowroute",
        "",
        *client,
        "tnc = TelephoneNumbersController()",
        setting,
        "def buy(n):",
        "    client.v2.numbers.purchase_a_phone_number(id=n)",
    ]
    assert apply_source(after).after == after


def test_the_v3_sdks_base_uri_becomes_the_clients_base_url() -> None:
    source = (
        "from flowroutenumbersandmessaging.configuration import Configuration\n"
        "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
        "routes = FlowroutenumbersandmessagingClient().routes\n"
        "Configuration.base_uri = 'http://localhost:8000/'\n"
        "def run():\n    routes.list_inbound_routes()\n"
    )
    assert apply_source(source).after.splitlines()[2:6] == [
        "import flowroute",
        "",
        "# keys from $FR_ACCESS_KEY and $FR_SECRET_KEY",
        'client = flowroute.Client(base_url="http://localhost:8000")',
    ]


def test_calls_that_went_to_two_servers_get_no_base_url_but_a_comment() -> None:
    source = (
        "from FlowrouteMessagingLib.Controllers.APIController import APIController\n"
        "from FlowrouteMessagingLib.Models.Message import Message\n"
        f"{_NUMBERS}"
        "Configuration.BASE_URI = 'http://localhost:8080/v1'\n"  # messaging: production
        "def run(n):\n"
        "    tnc.purchase('METERED', n)\n"
        "    APIController().create_message(Message(to=n, from_=n, content='hi'))\n"
    )
    assert apply_source(source).after.splitlines()[3:11] == [
        "import flowroute",
        "",
        "# flowroute-migrate: the legacy calls went to more than one server",
        "#   (FlowrouteMessagingLib: the default; FlowrouteNumbersLib: http://localhost:8080):",
        "#   pass this client base_url= the one its calls need, or it talks to",
        "#   $FLOWROUTE_BASE_URL or production",
        _FROM_ENVIRONMENT,
        "tnc = TelephoneNumbersController()",
    ]


def test_a_kept_call_in_an_elif_test_is_explained_right_under_it() -> None:
    source = (
        f"{_NUMBERS}"
        "def check(n):\n"
        "    if n is None:\n        return 0\n"
        "    elif tnc.purchase('VPRI', n):  # buy it\n"
        "        # bought\n        return 1\n"
        "    elif tnc.purchase(n, n): return 2\n"  # no block to put it in: above the `elif`
        "    else:\n        return 3\n"
    )
    after = apply_source(source).after
    assert after.splitlines()[2:] == [
        "def check(n):",
        "    if n is None:",
        "        return 0",
        "    elif tnc.purchase('VPRI', n):  # buy it",
        "        # flowroute-migrate: in the `elif` above: lost on v2: billing method 'VPRI' has",
        "        #   no v2 equivalent; the number is bought and billed as METERED",
        "        # bought",
        "        return 1",
        "    # flowroute-migrate: lost on v2: `billing`: v2 bills every number as `METERED`.",
        "    #   Another billing method warns once (FlowrouteTranslationWarning), is recorded in",
        "    #   `flowroute.compat.migration_report()`, and is refused in strict mode.",
        "    elif tnc.purchase(n, n): return 2",
        "    else:",
        "        return 3",
    ]
    assert apply_source(after).after == after


def test_a_rewritten_call_past_the_line_length_gets_one_argument_a_line() -> None:
    source = (
        "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
        "numbers = FlowroutenumbersandmessagingClient().numbers\n"
        "def main(starts_with, ends_with, contains, limit, offset):\n"
        "    if limit:\n"
        "        result = numbers.list_account_phone_numbers(starts_with, ends_with,\n"
        "                                                    contains, limit, offset)  # all\n"
        "        numbers.list_account_phone_numbers(starts_with, ends_with,  # kept as it is\n"
        "                                           contains, limit, offset)\n"
        "        numbers.list_account_phone_numbers(limit=2)\n"
    )
    assert apply_source(source).after.splitlines()[5:] == [
        "def main(starts_with, ends_with, contains, limit, offset):",
        "    if limit:",
        "        result = client.v2.numbers.list_account_phone_numbers(",
        "            starts_with=starts_with,",
        "            ends_with=ends_with,",
        "            contains=contains,",
        "            limit=limit,",
        "            offset=offset,",
        "        ).raw  # all",
        # A comment inside would be lost or land elsewhere: the call keeps its layout.
        "        client.v2.numbers.list_account_phone_numbers(starts_with=starts_with, "
        "ends_with=ends_with,  # kept as it is",
        "                                           contains=contains, limit=limit, "
        "offset=offset).raw",
        "        client.v2.numbers.list_account_phone_numbers(limit=2).raw",  # fits: as it was
    ]


@pytest.mark.parametrize("length", [100, 101])
def test_a_line_is_wrapped_only_past_100_characters(length: int) -> None:
    name = "n" * (length - len("client.v2.numbers.list_account_phone_numbers(limit=).raw"))
    source = (
        "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
        f"FlowroutenumbersandmessagingClient().numbers.list_account_phone_numbers(limit={name})\n"
    )
    one_line = f"client.v2.numbers.list_account_phone_numbers(limit={name}).raw"
    wrapped = ["client.v2.numbers.list_account_phone_numbers(", f"    limit={name},", ").raw"]
    assert len(one_line) == length
    lines = apply_source(source).after.splitlines()[4:]
    assert lines == ([one_line] if length == 100 else wrapped)


@pytest.mark.parametrize(
    ("given", "client"),
    [
        (
            "'http://127.0.0.1:9000/'",
            [
                "# keys from $FR_ACCESS_KEY and $FR_SECRET_KEY",
                'client = flowroute.Client(base_url="http://127.0.0.1:9000")',
            ],
        ),
        (
            "url",
            [*_NOT_CARRIED_V3, _FROM_ENVIRONMENT],
        ),
    ],
)
def test_the_compat_v3_clients_base_url_is_carried_over(given: str, client: list[str]) -> None:
    # The compat layer's FlowroutenumbersandmessagingClient takes base_url (the SDK did not).
    source = (
        "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
        f"routes = FlowroutenumbersandmessagingClient(base_url={given}).routes\n"
        "def run():\n    routes.list_inbound_routes()\n"
    )
    assert apply_source(source).after.splitlines()[1:-3] == ["import flowroute", "", *client]


def test_a_returned_call_is_wrapped_too() -> None:
    source = (
        "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
        "numbers = FlowroutenumbersandmessagingClient().numbers\n"
        "def owned(starts_with, ends_with, contains):\n"
        "    return numbers.list_account_phone_numbers(starts_with, ends_with, contains)\n"
    )
    assert apply_source(source).after.splitlines()[-6:] == [
        "def owned(starts_with, ends_with, contains):",
        "    return client.v2.numbers.list_account_phone_numbers(",
        "        starts_with=starts_with,",
        "        ends_with=ends_with,",
        "        contains=contains,",
        "    ).raw",
    ]


_IMPORTS = (
    "from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *\n"
    "from FlowrouteMessagingLib.Configuration import Configuration as Messaging\n"
    "from FlowrouteMessagingLib.Controllers.APIController import APIController\n"
    "from FlowrouteMessagingLib.Models.Message import Message\n"
    "from flowroutenumbersandmessaging.configuration import Configuration as V3\n"
    "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
)
_NUMBERS_CALL = "TelephoneNumbersController().purchase('METERED', n)"
_MESSAGING_CALL = "APIController().create_message(Message(to=n, from_=n, content=n))"
_V3_CALL = "FlowroutenumbersandmessagingClient().routes.list_inbound_routes()"


@pytest.mark.parametrize("environment", ["", "http://127.0.0.1:9999"])
@pytest.mark.parametrize(
    ("setting", "call", "base_url"),
    [
        ("Configuration.BASE_URI = 'https://api.flowroute.com/v1/'", _NUMBERS_CALL, ""),
        ("Messaging.BASE_URI = 'https://api.flowroute.com/v2.1'", _MESSAGING_CALL, ""),
        ("Messaging.BASE_URI = 'http://localhost:8080/v2.1'", _MESSAGING_CALL, "localhost:8080"),
        ("V3.base_uri = 'https://api.flowroute.com/'", _V3_CALL, ""),
        ("V3.base_uri = 'http://localhost:8080/v2'", _V3_CALL, "localhost:8080/v2"),
    ],
)
def test_the_base_url_written_does_not_depend_on_the_environment(
    setting: str, call: str, base_url: str, environment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At run time the compat layer lets $FLOWROUTE_BASE_URL win over a default
    # base URI; the rewrite must be the same on every machine it runs on.
    monkeypatch.setenv("FLOWROUTE_BASE_URL", environment)
    source = f"{_IMPORTS}{setting}\ndef run(n):\n    {call}\n"
    argument = f'base_url="http://{base_url}"' if base_url else ""
    assert f"\nclient = flowroute.Client({argument})" in apply_source(source).after
