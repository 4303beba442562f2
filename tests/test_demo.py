"""`flowroute demo` tours the API against the embedded emulator."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from flowroute import cli
from flowroute.emulator import Emulator


def test_demo_prints_the_tour_as_tables() -> None:
    out = io.StringIO()
    assert cli.main(["demo"], out=out) == 0
    text = out.getvalue()
    for heading in (
        "== Area codes",
        "== Purchasable numbers starting with 1206",
        "== Purchased",
        "== Account numbers",
        "== Voice routes",
        "== Inbound routes",
        "== Message sent",
        "== Webhooks: an SMS and an MMS reach the app",
        "== Webhooks: delivery receipts of the two replies",
    ):
        assert heading in text
    assert "{" not in text  # tables, not raw dicts
    assert "sip-reg" in text
    webhooks = text.split("== Webhooks: an SMS", 1)[1].split("== v1:", 1)[0]
    assert "Are you open today?" in webhooks and "menu.png" in webhooks
    assert webhooks.count("delivered") == 2 and webhooks.count("smsc submit") == 2


def test_demo_is_deterministic_for_a_seed() -> None:
    first, second = io.StringIO(), io.StringIO()
    cli.main(["demo", "--seed", "3"], out=first)
    cli.main(["demo", "--seed", "3"], out=second)

    def without_url(text: str) -> str:
        return text.split("\n", 1)[1]  # the first line names the random port

    assert without_url(first.getvalue()) == without_url(second.getvalue())


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flowroute", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "demo" in done.stdout


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["nope"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def _run_against(url: str, emu: Emulator, *extra: str) -> str:
    out = io.StringIO()
    argv = ["demo", "--base-url", url, "--access-key", emu.access_key]
    argv += ["--secret-key", emu.secret_key, *extra]
    assert cli.main(argv, out=out) == 0
    return out.getvalue()


def test_against_an_account_the_demo_only_reads_by_default() -> None:
    emu = Emulator(seed=1)
    with emu.serve() as url:
        text = _run_against(url, emu)
    assert "Read-only run" in text
    # The portability check is the one POST: it asks a question and changes nothing.
    changes = [(r.method, r.path) for r in emu.requests if r.method != "GET"]
    assert changes == [("POST", "/v2/portorders/portability")]
    assert emu.secret_key not in text
    services = text.split("\n== E911 addresses (first 3)\n", 1)[1]
    for heading in ("CNAM records (first 3)", "CDR exports (first 3)", "Portability check"):
        assert f"\n== {heading}\n" in services


def test_allow_purchases_buys_routes_and_sends() -> None:
    emu = Emulator(seed=1)
    with emu.serve() as url:
        text = _run_against(url, emu, "--allow-purchases")
    assert "== Message sent" in text
    methods = {r.method for r in emu.requests}
    assert {"POST", "PATCH"} <= methods


def test_emulator_port_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["emulator", "--port", "99999"])
    assert exit_info.value.code == 2
    assert "a port from 0 to 65535" in capsys.readouterr().err


# What `make demo` shows of E911, CNAM, CDR exports and porting (seed 0).
_SERVICES = """\
== E911: address validated, saved and given to the number
id     label    street             city     state  zip
-----  -------  -----------------  -------  -----  -----
20001  Demo HQ  645 Elliott Ave W  Seattle  WA     98119

== CNAM: new record, waiting for approval
id     value    approved
-----  -------  --------
30001  Demo Co  no

== CNAM: approved (by the emulator) and associated
id     value    approved
-----  -------  --------
30001  Demo Co  yes

== Number details with E911 and CNAM
number       e911 address  cnam preset
-----------  ------------  -----------
12062730619  20001         30001

== CDR export of one day of calls
id     status     calls  billed minutes  total cost
-----  ---------  -----  --------------  ----------
40001  completed  1000   7063            $46.8391

== CDR export downloaded and parsed: 3 of 1000 calls
start                      direction  from          to           seconds  cost
-------------------------  ---------  ------------  -----------  -------  -------
2019-01-01 00:00:00+00:00  Inbound    +14253900287  12065550103  656      $0.0225
2019-01-01 00:01:00+00:00  Inbound    +13606563930  12065550102  73       $0.0061
2019-01-01 00:02:00+00:00  Outbound   +12065550101  12532422525  51       $0.0100

== Portability check
number        portable  hypernetwork
------------  --------  ------------
+13127300100  yes       yes
+13125550100  no        no
"""


def test_demo_gives_the_number_e911_and_cnam_and_reads_a_cdr_export() -> None:
    out = io.StringIO()
    assert cli.main(["demo"], out=out) == 0
    assert "\n== E911: " + out.getvalue().split("\n== E911: ", 1)[1] == "\n" + _SERVICES


def test_against_an_account_a_new_cnam_waits_for_approval() -> None:
    emu = Emulator(seed=1)
    with emu.serve() as url:
        text = _run_against(url, emu, "--allow-purchases")
    assert "== CNAM: Flowroute approves new records within 48 hours; associate it then" in text
    assert not any("/relationships/cnams/" in r.path for r in emu.requests)
    row = text.split("== Number details with E911 and CNAM\n", 1)[1].splitlines()[2]
    number, *presets = row.split()
    assert presets == ["20001"]  # the E911 address, and no CNAM preset
    associated = [r.path for r in emu.requests if r.method == "PATCH" and "e911s" in r.path]
    assert associated == [f"/v2/numbers/{number}/relationships/e911s/20001"]
