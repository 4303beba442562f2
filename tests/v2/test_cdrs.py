"""client.v2.cdrs and client.v2.porting: exact requests, typed results, downloads."""

from __future__ import annotations

import datetime
import gzip
import io
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest
import responses
from responses import matchers

from flowroute.errors import DecodeError, NotFoundError, ValidationError
from flowroute.v2 import V2, CdrExport, CdrExportStatus, Portability

from .expect import AUTHORIZATION, BASE_URL, expect

UTC = datetime.timezone.utc
STORAGE = "https://storage.example.test/exports/38647.gz?X-Amz-Signature=abc123"
CSV = (
    "direction,start_time,end_time,destination,number_alias,callerid,total_cost\r\n"
    "Outbound,2019-06-25 18:18:54+00,2019-06-25 18:19:31+00,18774551500,Office,+12063389999,"
    "0.00000000\r\n"
)


def _export(ident: Any, status: str = "completed", url: Any = STORAGE) -> dict[str, Any]:
    return {
        "type": "cdrexport",
        "id": ident,
        "attributes": {
            "callback_url": None,
            "status": status,
            "download_url": url,
            "requested_at": "2019-03-18T23:20:17+00:00",
            "created_at": "2019-03-18T23:20:30+00:00",
            "expires_at": "2019-03-21T23:20:30+00:00",
            "total_cost": "34.321300",
            "usf_fees": "5.93190",
            "ccrf": "0.0",
            "num_calls": 301,
            "billed_minutes": 10,
            "filter_parameters": {"number_aliases": ["Home Phone"]},
        },
    }


FILTERS = {
    "start_call_start_time": "2019-01-01 00:00:00",
    "start_call_end_time": "2019-02-01 00:00:00",
    "number_aliases": ["Office 221", "Office 888"],
}


def test_create_sends_the_filters_and_callback(v2: V2, rsps: responses.RequestsMock) -> None:
    body = {
        "data": {
            "type": "cdrexport",
            "attributes": {
                "filter_parameters": FILTERS,
                "callback_url": "https://myserver.com/cdrs",
            },
        }
    }
    reply = {"data": _export("38647", "processing", None)}
    expect(rsps, "POST", "/v2/cdrs/exports", body=body, status=201, reply=reply)

    export = v2.cdrs.create_cdr_export(FILTERS, "https://myserver.com/cdrs")

    assert (export.id, export.status, export.download_url) == (
        "38647",
        CdrExportStatus.PROCESSING,
        None,
    )


def test_keyword_filters_are_checked_and_merged(v2: V2, rsps: responses.RequestsMock) -> None:
    filters = {
        "start_call_start_time": "2019-01-01T00:00:00",
        "start_call_end_time": "2019-02-01",
        "destination_numbers": ["12065550100"],
        "caller_ip": "10.0.0.1",
        "duration_greater_than": 30,
        "exclude_cancelled": True,
    }
    body = {"data": {"type": "cdrexport", "attributes": {"filter_parameters": filters}}}
    expect(rsps, "POST", "/v2/cdrs/exports", body=body, status=201, reply={"data": _export(1)})

    v2.cdrs.create_cdr_export(
        {"exclude_cancelled": True, "start_call_end_time": "2000-01-01"},
        start_call_start_time=datetime.datetime(2019, 1, 1, tzinfo=UTC),
        start_call_end_time=datetime.date(2019, 2, 1),
        destination_numbers=("12065550100",),
        caller_ip="10.0.0.1",
        duration_greater_than=30,
    )


def test_status_is_typed_money_exact(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/cdrs/exports/38647", reply={"data": _export("38647")})

    export = v2.cdrs.get_cdr_export_status(38647)

    assert export.status is CdrExportStatus.COMPLETED
    assert export.total_cost == Decimal("34.321300")
    assert export.usf_fees == Decimal("5.93190")
    assert export.expires_at == datetime.datetime(2019, 3, 21, 23, 20, 30, tzinfo=UTC)
    assert (export.num_calls, export.billed_minutes) == (301, 10)
    assert export.filter_parameters == {"number_aliases": ["Home Phone"]}


def test_listing_reads_the_wrapped_items(v2: V2, rsps: responses.RequestsMock) -> None:
    reply = {
        "data": [{"data": _export(203485)}, {"data": _export(203484, "failed", None)}],
        "links": {"next": "http://cdr-api/cdrs/exports?offset=2&limit=2"},
    }
    expect(
        rsps, "GET", "/v2/cdrs/exports", query={"status": "completed", "limit": "2"}, reply=reply
    )
    expect(
        rsps,
        "GET",
        "/v2/cdrs/exports",
        query={"status": "completed", "limit": "2", "offset": "2"},
        reply={"data": []},
    )

    page = v2.cdrs.list_cdr_exports("completed", 2)
    exports = list(page)

    assert [e.id for e in exports] == ["203485", "203484"]
    assert exports[1].status is CdrExportStatus.FAILED
    assert all(isinstance(e, CdrExport) for e in exports)


def test_download_streams_gzip_to_a_path_without_our_credentials(
    v2: V2, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    expect(rsps, "GET", "/v2/cdrs/exports/38647", reply={"data": _export("38647")})
    rsps.get(
        STORAGE.split("?")[0],
        body=gzip.compress(CSV.encode()),
        content_type="application/gzip",
        match=[matchers.query_param_matcher({"X-Amz-Signature": "abc123"})],
    )
    target = tmp_path / "export.csv"

    export = v2.cdrs.download_cdr_export("38647", target)

    assert target.read_bytes() == CSV.encode()
    assert export.id == "38647"
    assert rsps.calls[-1].request.url.startswith(STORAGE.split("?")[0])
    assert "Authorization" not in rsps.calls[-1].request.headers


def test_download_on_the_api_host_is_signed_and_may_be_plain(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    own = f"{BASE_URL}/v2/cdrs/exports/7/download"
    expect(rsps, "GET", "/v2/cdrs/exports/7", reply={"data": _export("7", url=own)})
    rsps.get(own, body=CSV.encode(), content_type="text/csv")
    into = io.BytesIO()

    v2.cdrs.download_cdr_export(7, into)

    assert into.getvalue() == CSV.encode()
    assert rsps.calls[-1].request.url == own
    assert rsps.calls[-1].request.headers["Authorization"] == AUTHORIZATION


def test_a_failed_download_leaves_no_partial_file(
    v2: V2, rsps: responses.RequestsMock, tmp_path: Path
) -> None:
    expect(rsps, "GET", "/v2/cdrs/exports/38647", reply={"data": _export("38647")})
    rsps.get(STORAGE.split("?")[0], status=404, body=b"<Error>NoSuchKey</Error>")
    target = tmp_path / "export.csv"

    with pytest.raises(NotFoundError) as raised:
        v2.cdrs.download_cdr_export("38647", target)

    assert not target.exists()
    assert "X-Amz-Signature" not in str(raised.value)


def test_a_cut_gzip_download_is_an_error(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/cdrs/exports/38647", reply={"data": _export("38647")})
    rsps.get(STORAGE.split("?")[0], body=gzip.compress(CSV.encode() * 50)[:60])

    with pytest.raises(DecodeError, match="gzip"):
        v2.cdrs.download_cdr_export("38647", io.BytesIO())


def test_an_unfinished_export_is_not_downloaded(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/cdrs/exports/9", reply={"data": _export("9", "processing", None)})

    with pytest.raises(ValidationError, match="processing"):
        v2.cdrs.download_cdr_export(9, io.BytesIO())

    assert len(rsps.calls) == 1


def test_portability_sends_e164_and_reads_the_groups(v2: V2, rsps: responses.RequestsMock) -> None:
    sent = {"numbers": ["+14254664444", "+18827833439"]}
    reply = {
        "data": {
            "hypernetwork_enabled": ["+14254664444"],
            "nonportable": ["+18827833439"],
            "portable": ["+14254664444"],
        }
    }
    expect(rsps, "POST", "/v2/portorders/portability", body=sent, reply=reply)

    result = v2.porting.check_portability(["14254664444", "(882) 783-3439"])

    assert result == Portability(
        portable=("+14254664444",),
        nonportable=("+18827833439",),
        hypernetwork_enabled=("+14254664444",),
    )


def test_a_garbled_portability_answer_is_a_decode_error(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    sent = {"numbers": ["+14254664444"]}
    expect(rsps, "POST", "/v2/portorders/portability", body=sent, reply={"data": {"portable": 3}})

    with pytest.raises(DecodeError, match="portable"):
        v2.porting.check_portability(["+14254664444"])


REFUSED: dict[str, tuple[Callable[[V2], Any], str]] = {
    "no-start": (
        lambda v2: v2.cdrs.create_cdr_export({"start_call_end_time": "2019-01-01"}),
        "start_call_start_time",
    ),
    "bad-time": (
        lambda v2: v2.cdrs.create_cdr_export({**FILTERS, "start_call_end_time": "soon"}),
        "start_call_end_time",
    ),
    "alias-text": (
        lambda v2: v2.cdrs.create_cdr_export({**FILTERS, "number_aliases": "Office"}),
        "number_aliases",
    ),
    "filters-type": (lambda v2: v2.cdrs.create_cdr_export(["x"]), "filters"),  # type: ignore[arg-type]
    "callback": (lambda v2: v2.cdrs.create_cdr_export(FILTERS, "ftp://x"), "callback_url"),
    "duration": (
        lambda v2: v2.cdrs.create_cdr_export(FILTERS, duration_greater_than=-1),
        "duration_greater_than",
    ),
    "status": (lambda v2: v2.cdrs.list_cdr_exports("done"), "status"),
    "limit": (lambda v2: v2.cdrs.list_cdr_exports(limit=201), "limit"),
    "export-id": (lambda v2: v2.cdrs.get_cdr_export_status("../1"), "cdrexport_id"),
    "into": (lambda v2: v2.cdrs.download_cdr_export(1, 42), "into"),  # type: ignore[arg-type]
    "parse-source": (lambda v2: v2.cdrs.parse(42), "source"),  # type: ignore[arg-type]
    "numbers-text": (lambda v2: v2.porting.check_portability("12065550100"), "numbers"),
    "numbers-empty": (lambda v2: v2.porting.check_portability([]), "numbers"),
    "numbers-bad": (lambda v2: v2.porting.check_portability(["+44 20 7946 0958"]), "numbers"),
}


@pytest.mark.parametrize("call, argument", REFUSED.values(), ids=REFUSED.keys())
def test_bad_input_is_refused_before_sending(
    v2: V2, quiet: responses.RequestsMock, call: Callable[[V2], Any], argument: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        call(v2)

    assert raised.value.argument == argument
    assert len(quiet.calls) == 0
