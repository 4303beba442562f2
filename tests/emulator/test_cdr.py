"""v2 CDR exports: jobs on the emulator's clock, and gzip CSV downloads streamed from it."""

from __future__ import annotations

import csv
import gzip
import io
import urllib.request
import zlib
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import requests

from flowroute.emulator import CDR_EXPORT_COLUMNS, Emulator, Fault, NotFound
from flowroute.emulator._cdr_history import CallHistory, call_filter

from .conftest import Api, FakeClock

JANUARY = {"start_call_start_time": "2019-01-01 00:00:00", "start_call_end_time": "2019-02-01"}
FIRST_ROW = {
    "direction": "Inbound",
    "start_time": "2019-01-01 00:00:00+00",
    "end_time": "2019-01-01 00:10:56+00",
    "destination": "12065550103",
    "number_alias": "Home Phone",
    "callerid": "+14253900287",
    "total_cost": "0.02254500",
    "destination_name": "UNITED STATES",
    "callerid_country": "UNITED STATES",
    "line_information": "61",
    "result": "completed",
    "call_fail_sip_code": "200",
    "call_fail_reason": "OK",
    "duration": "656",
    "billed_duration": "660",
    "rate": "0.001500",
    "first_increment": "6",
    "subsequent_increment": "6",
    "cost_subtotal": "0.01650000",
    "connect_fee": "0.0000",
    "usf_fee": "0.00000000",
    "ccrf": "0.00214500",
    "cnam_lookup_fee": "0.00390000",
    "custom_x_tag": "",
    "customer_ip": "192.0.2.10",
}


def export_body(filters: Any = None, **attributes: Any) -> dict[str, Any]:
    attributes.setdefault("filter_parameters", JANUARY if filters is None else filters)
    return {"data": {"type": "cdrexport", "attributes": attributes}}


def rows_of(gzipped: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(gzipped).decode())))


def test_an_export_completes_at_once_by_default(api: Api, emulator: Emulator) -> None:
    emulator.set_call_history(10)
    body = export_body(callback_url="https://example.com/cdrs")
    created = api.post("/v2/cdrs/exports", body)
    assert created.status_code == 201, created.text
    data = created.json()["data"]
    assert (data["id"], data["type"]) == ("40001", "cdrexport")
    assert data["links"] == {"self": f"{api.url}/v2/cdrs/exports/40001"}
    attributes = data["attributes"]
    download_url = attributes.pop("download_url")
    assert download_url.startswith(f"{api.url}/cdr-downloads/40001.csv.gz?expires=")
    assert attributes == {
        "billed_minutes": 68,
        "call_subtotal": "0.22477000",
        "callback_url": "https://example.com/cdrs",
        "ccrf": "0.02922010",
        "cnamlookup_fees": "0.03120000",
        "connect_fees": "0.00000000",
        "created_at": "2024-03-01T12:00:00+00:00",
        "expires_at": "2024-03-04T12:00:00+00:00",
        "filter_parameters": JANUARY,
        "num_calls": 10,
        "requested_at": "2024-03-01T12:00:00+00:00",
        "status": "completed",
        "total_cost": "0.28519010",
        "usf_fees": "0.00000000",
    }
    assert api.get("/v2/cdrs/exports/40001").json() == created.json()
    assert api.get("/v2/cdrs/exports/404").status_code == 404


def test_a_delay_keeps_it_processing_on_the_clock(
    api: Api, emulator: Emulator, clock: FakeClock
) -> None:
    emulator.set_cdr_delay(timedelta(minutes=5))
    attributes = api.post("/v2/cdrs/exports", export_body()).json()["data"]["attributes"]
    assert attributes["status"] == "processing"
    assert attributes["download_url"] is attributes["num_calls"] is attributes["total_cost"] is None
    processing = api.get("/v2/cdrs/exports", {"status": "processing"}).json()["data"]
    assert [item["data"]["id"] for item in processing] == ["40001"]
    assert api.get("/v2/cdrs/exports", {"status": "completed"}).json()["data"] == []
    clock.advance(minutes=5)
    done = api.get("/v2/cdrs/exports/40001").json()["data"]["attributes"]
    assert (done["status"], done["num_calls"]) == ("completed", 1000)


def test_the_listing_wraps_each_export_newest_first(api: Api) -> None:
    for _ in range(3):
        assert api.post("/v2/cdrs/exports", export_body()).status_code == 201
    listed = api.get("/v2/cdrs/exports", {"limit": 2}).json()
    assert [item["data"]["id"] for item in listed["data"]] == ["40003", "40002"]
    assert set(listed["data"][0]) == {"data"}
    assert listed["links"] == {
        "self": f"{api.url}/v2/cdrs/exports?limit=2&offset=0",
        "next": f"{api.url}/v2/cdrs/exports?limit=2&offset=2",
    }
    assert api.get("/v2/cdrs/exports", {"status": "done"}).status_code == 422


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"start_call_start_time": "2019-01-01"}, "start_call_end_time"),
        ({**JANUARY, "start_call_end_time": "2018-01-01"}, "start_call_end_time"),
        ({**JANUARY, "start_call_start_time": "yesterday"}, "start_call_start_time"),
        ({**JANUARY, "number_aliases": "Office 221"}, "number_aliases"),
        ({**JANUARY, "colour": ["blue"]}, "colour"),
        ({**JANUARY, "duration_greater_than": "long"}, "duration_greater_than"),
    ],
)
def test_bad_filters_are_422(api: Api, filters: dict[str, Any], field: str) -> None:
    refused = api.post("/v2/cdrs/exports", export_body(filters))
    assert refused.status_code == 422
    assert field in refused.json()["errors"][0]["detail"]


def test_download_is_the_seeded_history_as_gzip_csv(api: Api, emulator: Emulator) -> None:
    emulator.set_call_history(50)
    attributes = api.post("/v2/cdrs/exports", export_body()).json()["data"]["attributes"]
    fetched = requests.get(attributes["download_url"])  # no credentials: the link is signed
    assert fetched.status_code == 200
    assert fetched.headers["Content-Type"] == "application/gzip"
    rows = rows_of(fetched.content)
    assert len(rows) == attributes["num_calls"] == 50
    assert tuple(rows[0]) == CDR_EXPORT_COLUMNS
    assert rows[0] == FIRST_ROW
    # The document's sums are the file's sums.
    total = sum(Decimal(row["total_cost"]) for row in rows)
    assert Decimal(attributes["total_cost"]) == total
    billed = sum(int(row["billed_duration"]) for row in rows)
    assert attributes["billed_minutes"] == -(-billed // 60)
    again = Emulator(seed=0)
    again.set_call_history(50)
    with again.mock() as url, requests.Session() as session:
        session.auth = (again.access_key, again.secret_key)
        link = session.post(f"{url}/v2/cdrs/exports", json=export_body()).json()
        assert requests.get(link["data"]["attributes"]["download_url"]).content == fetched.content
    assert emulator.requests[-1].response is None  # a file is not kept in the log


def test_filters_select_calls(api: Api, emulator: Emulator) -> None:
    emulator.set_call_history(200)
    filters = {
        "start_call_start_time": "2019-01-01T00:10:00Z",
        "start_call_end_time": "2019-01-01T02:00:00+00:00",
        "number_aliases": ["Office 221", "Office 888"],
        "duration_greater_than": 60,
    }
    created = api.post("/v2/cdrs/exports", export_body(filters)).json()["data"]["attributes"]
    rows = rows_of(requests.get(created["download_url"]).content)
    assert len(rows) == created["num_calls"] > 0
    assert {row["number_alias"] for row in rows} == {"Office 221", "Office 888"}
    assert all(int(row["duration"]) > 60 for row in rows)
    starts = [row["start_time"] for row in rows]
    assert starts[0] >= "2019-01-01 00:10:00+00" and starts[-1] < "2019-01-01 02:00:00+00"
    by_caller = {**JANUARY, "callerid_numbers": ["12065550101"], "destination_numbers": []}
    assert (
        api.post("/v2/cdrs/exports", export_body(by_caller)).json()["data"]["attributes"][
            "num_calls"
        ]
        == 0
    )


def test_a_tampered_or_expired_link_is_403(api: Api, clock: FakeClock) -> None:
    link = api.post("/v2/cdrs/exports", export_body()).json()["data"]["attributes"]["download_url"]
    tampered = link.replace("40001.csv.gz", "40002.csv.gz")
    assert requests.get(tampered).status_code == 403
    clock.advance(days=3, seconds=1)
    expired = requests.get(link)
    assert expired.status_code == 403
    assert "expired" in expired.json()["errors"][0]["detail"]


def test_a_processing_export_has_no_file(api: Api, emulator: Emulator) -> None:
    emulator.set_cdr_delay(timedelta(hours=1))
    api.post("/v2/cdrs/exports", export_body())
    cdrs = emulator.state.cdrs
    export = cdrs.get("40001")
    expires = int(export.expires_at.timestamp())
    signature = cdrs.link_signature("40001", expires)
    link = f"{api.url}/cdr-downloads/40001.csv.gz?expires={expires}&signature={signature}"
    assert requests.get(link).status_code == 404


def test_the_v3_sdk_fetches_the_link_with_urlopen(emulator: Emulator) -> None:
    emulator.set_call_history(5)
    with emulator.serve() as url:
        created = requests.post(
            f"{url}/v2/cdrs/exports",
            json=export_body(),
            auth=(emulator.access_key, emulator.secret_key),
        )
        link = created.json()["data"]["attributes"]["download_url"]
        with urllib.request.urlopen(link) as response:
            assert response.headers["Transfer-Encoding"] == "chunked"
            assert len(rows_of(response.read())) == 5


def test_a_truncated_download_fails_to_read(api: Api, emulator: Emulator) -> None:
    emulator.set_call_history(20_000)  # more than one chunk
    link = api.post("/v2/cdrs/exports", export_body()).json()["data"]["attributes"]["download_url"]
    emulator.inject(Fault.truncated(), path="/cdr-downloads/*", times=1)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(link)
    assert len(rows_of(requests.get(link).content)) == 20_000


def test_a_large_history_streams_in_bounded_chunks() -> None:
    history = CallHistory(seed=0, calls=100_000)
    chosen = call_filter(
        {"start_call_start_time": "2019-01-01", "start_call_end_time": "2020-01-01"}
    )
    unpack = zlib.decompressobj(47)
    chunks = lines = 0
    for chunk in history.gzip_csv(chosen):
        assert len(chunk) < 1_000_000  # each chunk a few thousand calls, never the whole file
        chunks += 1
        lines += unpack.decompress(chunk).count(b"\n")
    assert (chunks > 10, lines) == (True, 100_001)
    assert history.totals(chosen).num_calls == 100_000


def test_history_settings_are_checked(emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="calls"):
        emulator.set_call_history(-1)
    with pytest.raises(ValueError, match="interval"):
        emulator.set_call_history(5, interval=timedelta(0))
    with pytest.raises(ValueError, match="whole seconds"):
        emulator.set_call_history(5, interval=timedelta(milliseconds=1500))


def test_a_failed_export_has_no_totals_and_no_file(api: Api, emulator: Emulator) -> None:
    link = api.post("/v2/cdrs/exports", export_body()).json()["data"]["attributes"]["download_url"]
    api.post("/v2/cdrs/exports", export_body())
    emulator.fail_cdr_export("40001")
    attributes = api.get("/v2/cdrs/exports/40001").json()["data"]["attributes"]
    assert attributes["status"] == "failed"
    assert attributes["download_url"] is attributes["num_calls"] is None
    failed = api.get("/v2/cdrs/exports", {"status": "failed"}).json()["data"]
    assert [item["data"]["id"] for item in failed] == ["40001"]
    refused = requests.get(link)
    assert refused.status_code == 404
    assert "failed" in refused.json()["errors"][0]["detail"]
    with pytest.raises(NotFound):
        emulator.fail_cdr_export("1")


def test_a_malformed_fault_replaces_the_file(api: Api, emulator: Emulator) -> None:
    link = api.post("/v2/cdrs/exports", export_body()).json()["data"]["attributes"]["download_url"]
    emulator.inject(Fault.malformed_json(), path="/cdr-downloads/*", times=1)
    spoiled = requests.get(link)
    assert spoiled.status_code == 200
    assert not spoiled.content.startswith(b"\x1f\x8b")
    assert requests.get(link).content.startswith(b"\x1f\x8b")  # gzip again


def test_the_columns_are_public() -> None:
    assert CDR_EXPORT_COLUMNS[:3] == ("direction", "start_time", "end_time")
    assert len(CDR_EXPORT_COLUMNS) == len(set(CDR_EXPORT_COLUMNS)) == 25
