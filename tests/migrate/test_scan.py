"""`flowroute migrate scan`: the corpus's exact reports, the CLI's statuses, the table's rows."""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from flowroute.cli import main
from flowroute.compat.mapping import NAMES, TABLE
from flowroute.migrate import scan_paths, scan_source
from flowroute.migrate._report import render
from tests.compat.examples import EXAMPLES

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
EXPECTED = HERE / "expected"


def expect(name: str, actual: str) -> None:
    """`actual` is the file `expected/name`; REGENERATE_EXPECTED=1 rewrites it."""
    path = EXPECTED / name
    if os.environ.get("REGENERATE_EXPECTED"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(["migrate", *argv], out=out)
    return status, out.getvalue()


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("format", ["text", "json", "markdown"])
def test_the_corpus_report_is_exact(at_root: None, format: str) -> None:
    status, report = run("scan", "tests/migrate/corpus", "--format", format)
    assert status == 1
    expect(f"scan.{ {'text': 'txt', 'json': 'json', 'markdown': 'md'}[format] }", report)


def test_json_summary_counts_every_finding(at_root: None) -> None:
    _, report = run("scan", "tests/migrate/corpus", "--format", "json")
    document = json.loads(report)
    counted = sum(sum(names.values()) for names in document["summary"].values())
    assert counted == len(document["findings"]) == 95
    assert document["unreadable"] == []


def test_the_summary_says_one_use_in_one_file(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.py"
    legacy.write_text("from FlowrouteNumbersLib import Configuration\n")
    code, out = run("scan", str(legacy))
    assert code == 1 and "\n1 legacy use in 1 file\n" in out


def test_clean_code_exits_0(at_root: None) -> None:
    assert run("scan", "tests/migrate/corpus/clean.py") == (0, "0 legacy uses in 0 files\n")


@pytest.mark.parametrize(
    "argv",
    [["scan", "no/such/path.py"], ["scan"], ["scan", ".", "--format", "xml"], ["launch"]],
)
def test_usage_errors_exit_2(at_root: None, argv: list[str]) -> None:
    try:
        status, _ = run(*argv)
    except SystemExit as exit:  # argparse refuses before the command runs
        status = int(str(exit.code))
    assert status == 2


def test_a_file_that_does_not_parse_fails_the_gate(tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text("print 'python 2'\n")
    status, report = run("scan", str(tmp_path))
    assert status == 1
    assert f"unreadable: {tmp_path / 'old.py'}: SyntaxError" in report


def test_every_legacy_example_of_this_repository_is_listed() -> None:
    scan = scan_paths([str(ROOT / "tests" / "compat")])
    assert scan.unreadable == ()
    examples = [
        f.legacy for f in scan.findings if f.path.endswith("examples.py") and f.kind == "call"
    ]
    # Nested calls (``tnc.purchase(..., pnc.search(...))``) are listed too.
    assert not Counter(e for e, _ in EXAMPLES) - Counter(examples)
    files = {Path(f.path).name for f in scan.findings}
    assert {"examples.py", "test_v3.py", "test_messaging.py", "conftest.py"} <= files


def test_every_reported_call_and_name_comes_from_the_table(at_root: None) -> None:
    scan = scan_paths(["tests/compat", "tests/migrate/corpus"])
    rows = {(r.library, r.name): r for r in TABLE}
    names = {(n.library, n.name) for n in NAMES}
    for finding in scan.findings:
        if finding.kind == "call":
            row = rows[(finding.library, finding.legacy)]
            assert finding.replacement == " then ".join(row.v2)
        elif finding.kind not in ("import", "configuration"):
            assert (finding.library, finding.legacy) in names or (finding.library, "*") in names


@pytest.mark.parametrize(
    ("source", "legacy"),
    [
        (
            "import FlowrouteNumbersLib\n"
            "FlowrouteNumbersLib.TelephoneNumbersController().purchase(b, n)",
            "TelephoneNumbersController.purchase",
        ),
        (
            "import FlowrouteNumbersLib.Controllers.InboundRoutesController as r\n"
            "r.InboundRoutesController.list(None)",
            "InboundRoutesController.list",
        ),
        (
            "from FlowrouteMessagingLib.Controllers.APIController import *\n"
            "c = APIController('k', 's')\nc.get_message_lookup('mdr2-1')",
            "APIController.get_message_lookup",
        ),
        (
            "from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import *\n"
            "FlowroutenumbersandmessagingClient('k', 's').e911s.list_e911s()",
            "E911sController.list_e911s",
        ),
        (
            "def later():\n    tnc.update(n, [])\n"
            "from FlowrouteNumbersLib import TelephoneNumbersController as T\ntnc = T()",
            "TelephoneNumbersController.update",
        ),
    ],
)
def test_calls_are_found_through_any_import_form(source: str, legacy: str) -> None:
    calls = [f.legacy for f in scan_source(source) if f.kind == "call"]
    assert calls == [legacy]


def test_unrelated_calls_of_the_same_name_are_not_reported() -> None:
    source = "import requests\nrequests.Session().update({})\nitems.list()\n"
    assert scan_source(source) == []


def test_a_handler_reports_the_attributes_it_reads() -> None:
    source = (
        "from FlowrouteNumbersLib.APIException import APIException\n"
        "try:\n    pass\nexcept APIException as e:\n    log(e.reason, e.response_code)\n"
    )
    (handler,) = [f for f in scan_source(source) if f.kind == "exception"]
    assert handler.line == 4
    assert handler.changes[1:] == (
        "e.reason -> str(e) or e.detail",
        "e.response_code -> e.status (0 for no answer: catch flowroute.errors.TransportError)",
    )


def test_render_keeps_pipes_out_of_markdown_cells() -> None:
    scan = scan_paths([str(HERE / "corpus" / "sms_proxy.py")])
    table = render(scan, "markdown").split("\n\n")[0]
    assert all(line.count(" | ") == 4 for line in table.splitlines()[2:])
