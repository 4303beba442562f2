"""The v3 SDK's CDR demo sequence and portability check (written here, not copied).

The SDK's own download and parse failed on Python 3 (``StringIO.StringIO``,
gzip bytes written as text); here the export streams to the file and
``parse_cdr_export`` returns the rows ``csv.DictReader`` reads from it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from flowroute.emulator import Emulator
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)

from .v3_support import answered, last_request

FILTERS = {
    "start_call_start_time": "2019-01-01 00:00:00",
    "start_call_end_time": "2019-02-01 00:00:00",
    "number_aliases": ["Office 221", "Office 888"],
}
COLUMNS = [
    "direction",
    "start_time",
    "end_time",
    "destination",
    "number_alias",
    "callerid",
    "total_cost",
    "destination_name",
    "callerid_country",
    "line_information",
    "result",
    "call_fail_sip_code",
    "call_fail_reason",
    "duration",
    "billed_duration",
    "rate",
    "first_increment",
    "subsequent_increment",
    "cost_subtotal",
    "connect_fee",
    "usf_fee",
    "ccrf",
    "cnam_lookup_fee",
    "custom_x_tag",
    "customer_ip",
]


def test_the_cdr_demo_sequence(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient, tmp_path: Path
) -> None:
    emulator.set_call_history(40)
    cdrs = sdk.cdrs
    created = answered(emulator, cdrs.create_cdr_export(FILTERS, "https://myserver.com/cdrs"))
    assert last_request(emulator)[:2] == ("POST", "/v2/cdrs/exports")
    assert emulator.requests[-1].body == {
        "data": {
            "type": "cdrexport",
            "attributes": {
                "filter_parameters": FILTERS,
                "callback_url": "https://myserver.com/cdrs",
            },
        }
    }
    listed = answered(emulator, cdrs.list_cdrs(10, None))
    assert emulator.requests[-1].query == {"limit": ["10"]}
    completed = answered(emulator, cdrs.list_cdrs(10, None, "completed"))
    assert emulator.requests[-1].query == {"limit": ["10"], "status": ["completed"]}
    assert completed["data"] == listed["data"]
    # Each export is wrapped in its own "data", as the demo reads it.
    cdr_id = completed["data"][0]["data"]["id"]
    assert cdr_id == created["data"]["id"]
    status = answered(emulator, cdrs.get_cdr_export_status(cdr_id))
    assert status["data"]["attributes"]["status"] == "completed"

    filename = str(tmp_path / "temp_cdr_file.csv")
    assert cdrs.download_cdr_export(cdr_id, filename) == {"filename": filename}
    with open(filename, newline="") as written:
        expected = list(csv.DictReader(written))
    rows = cdrs.parse_cdr_export(filename)
    assert rows == expected
    assert len(rows) == status["data"]["attributes"]["num_calls"] > 0
    assert list(rows[0]) == COLUMNS


def test_check_portability_answers_the_apis_document(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    numbers = ["14254664444", "18827833439"]
    checked = answered(emulator, sdk.porting.checkPortability(numbers))
    assert last_request(emulator) == (
        "POST",
        "/v2/portorders/portability",
        {},
        {"numbers": ["+14254664444", "+18827833439"]},
    )
    assert set(checked["data"]) == {"portable", "nonportable", "hypernetwork_enabled"}
