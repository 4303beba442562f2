"""Run-time recording ($FLOWROUTE_COMPAT_RECORD) and `flowroute migrate report`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest

from flowroute.cli import main
from flowroute.emulator import Emulator

from .conftest import CORPUS


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["migrate", *argv], out=out), out.getvalue()


def test_nothing_is_recorded_by_default(
    emulator: Emulator, load: Callable[[Path], ModuleType], tmp_path: Path
) -> None:
    load(CORPUS / "numbers_tour.py").main()
    assert list(tmp_path.iterdir()) == []


def test_each_call_is_recorded_with_its_site_and_loss(
    emulator: Emulator,
    load: Callable[[Path], ModuleType],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = tmp_path / "calls.jsonl"
    monkeypatch.setenv("FLOWROUTE_COMPAT_RECORD", str(record))
    tour = load(CORPUS / "numbers_tour.py")
    tour.main()
    with pytest.raises(tour.APIException):  # not for sale: recorded all the same
        tour.tnc.purchase(tour.BillingMethod(billing_method="VPRI"), "12065550100")
    entries = [json.loads(line) for line in record.read_text().splitlines()]
    site = str(CORPUS / "numbers_tour.py")
    assert [(e["call"], e["file"], e["line"]) for e in entries[:4]] == [
        ("PurchasablePhoneNumbersController.list_available_np_as", site, 19),
        ("PurchasablePhoneNumbersController.search", site, 21),
        ("TelephoneNumbersController.purchase", site, 24),
        ("TelephoneNumbersController.telephone_number_details", site, 27),
    ]
    assert entries[2]["lost"] is None
    assert "'VPRI' has no v2 equivalent" in entries[4]["lost"]


def test_report_counts_sites_beside_the_scan(
    emulator: Emulator,
    load: Callable[[Path], ModuleType],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = tmp_path / "calls.jsonl"
    monkeypatch.setenv("FLOWROUTE_COMPAT_RECORD", str(record))
    tour = load(CORPUS / "numbers_tour.py")
    tour.main()
    tour.main()
    with record.open("a") as out:
        out.write('{"call": "cut sho')  # a process killed mid-line
    status, report = run("report", str(record), str(CORPUS / "numbers_tour.py"))
    site = CORPUS / "numbers_tour.py"
    assert status == 0
    assert report.splitlines() == [
        "8 legacy calls ran at 4 call sites",
        f"     2  PurchasablePhoneNumbersController.list_available_np_as  {site}:19",
        f"     2  PurchasablePhoneNumbersController.search  {site}:21",
        f"     2  TelephoneNumbersController.purchase  {site}:24",
        f"     2  TelephoneNumbersController.telephone_number_details  {site}:27",
        "(1 lines of the record were not records)",
        "4 legacy calls in the code; 0 never ran",
        f"{site}:19: PurchasablePhoneNumbersController.list_available_np_as: ran 2x",
        f"{site}:21: PurchasablePhoneNumbersController.search: ran 2x",
        f"{site}:24: TelephoneNumbersController.purchase: ran 2x",
        f"{site}:27: TelephoneNumbersController.telephone_number_details: ran 2x",
    ]
    status, document = run("report", str(record), "--format", "json")
    assert json.loads(document)["ran"][0]["count"] == 2


def test_report_on_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert run("report", str(tmp_path / "none.jsonl"))[0] == 2
