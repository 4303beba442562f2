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
    assert [r.method for r in emu.requests] == ["GET"] * len(emu.requests)
    assert emu.secret_key not in text


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
