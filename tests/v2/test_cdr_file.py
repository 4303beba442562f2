"""Reading CDR export files, and downloading them, in memory that does not grow with their size."""

from __future__ import annotations

import datetime
import gzip
import http.server
import io
import threading
import time
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import flowroute
from flowroute.errors import DecodeError
from flowroute.v2 import V2, CallDetailRecord
from flowroute.v2._cdr_file import GunzipWriter

UTC = datetime.timezone.utc
# The columns of Flowroute's CDR results documentation, in its order.
HEADER = (
    "direction,start_time,end_time,destination,number_alias,callerid,total_cost,"
    "destination_name,callerid_country,line_information,result,call_fail_sip_code,"
    "call_fail_reason,duration,billed_duration,rate,first_increment,subsequent_increment,"
    "cost_subtotal,connect_fee,usf_fee,ccrf,cnam_lookup_fee,custom_x_tag,customer_ip"
)
ROWS = (
    "Outbound,2019-06-25 18:18:54+00,2019-06-25 18:19:31+00,18774551500,Office Line 2,"
    "+12063389999,0.00000000,UNITED STATES - TOLL FREE,N/A,,completed,200,OK,37,42,0.000000,"
    "6,6,0.00000000,0.0000,0.00000000,0.00000000,0.00000000,,53.186.152.52:5080",
    "Inbound,2019-06-25 18:18:00+00,2019-06-25 18:18:29+00,12063389999,Office Line 2,"
    "+12069928999,0.00474784,UNITED STATES,UNITED STATES,61,completed,200,OK,29,30,0.001500,"
    "6,6,0.00075000,0.0000,0.00000000,0.00009784,0.00390000,,53.186.152.52",
)
SAMPLE = "\r\n".join((HEADER, *ROWS)) + "\r\n"
INBOUND = CallDetailRecord(
    direction="Inbound",
    start_time=datetime.datetime(2019, 6, 25, 18, 18, 0, tzinfo=UTC),
    end_time=datetime.datetime(2019, 6, 25, 18, 18, 29, tzinfo=UTC),
    destination="12063389999",
    number_alias="Office Line 2",
    callerid="+12069928999",
    total_cost=Decimal("0.00474784"),
    destination_name="UNITED STATES",
    callerid_country="UNITED STATES",
    line_information="61",
    result="completed",
    call_fail_sip_code=200,
    call_fail_reason="OK",
    duration=29,
    billed_duration=30,
    rate=Decimal("0.001500"),
    first_increment=6,
    subsequent_increment=6,
    cost_subtotal=Decimal("0.00075000"),
    connect_fee=Decimal("0.0000"),
    usf_fee=Decimal("0.00000000"),
    ccrf=Decimal("0.00009784"),
    cnam_lookup_fee=Decimal("0.00390000"),
    custom_x_tag=None,
    customer_ip="53.186.152.52",
)


def _sources(tmp_path: Path) -> dict[str, Any]:
    plain = tmp_path / "export.csv"
    plain.write_bytes(SAMPLE.encode())
    packed = tmp_path / "export.csv.gz"
    packed.write_bytes(gzip.compress(SAMPLE.encode()))
    return {
        "path": str(plain),
        "gzip-path": packed,
        "gzip-stream": io.BytesIO(gzip.compress(SAMPLE.encode())),
        "binary-stream": io.BytesIO(SAMPLE.encode()),
        "text-stream": io.StringIO(SAMPLE, newline=""),
    }


@pytest.mark.parametrize(
    "kind", ["path", "gzip-path", "gzip-stream", "binary-stream", "text-stream"]
)
def test_every_source_gives_the_same_typed_records(v2: V2, tmp_path: Path, kind: str) -> None:
    records = list(v2.cdrs.parse(_sources(tmp_path)[kind]))

    assert len(records) == 2
    assert records[1] == INBOUND
    assert records[0].line_information is None
    assert records[0].customer_ip == "53.186.152.52:5080"
    assert records[1].raw["callerid"] == "+12069928999"


def test_unknown_columns_are_kept_and_missing_ones_are_none(v2: V2) -> None:
    text = "callerid,total_cost,carrier\r\n+12069928999,0.5,ACME\r\n"

    (record,) = v2.cdrs.parse(io.StringIO(text, newline=""))

    assert (record.callerid, record.total_cost, record.direction) == (
        "+12069928999",
        Decimal("0.5"),
        None,
    )
    assert record.raw["carrier"] == "ACME"


def test_other_time_forms_are_read_as_utc(v2: V2) -> None:
    text = "start_time,end_time\r\n2019-06-25T18:18:54Z,2019-06-25 11:18:54-07\r\n"

    (record,) = v2.cdrs.parse(io.StringIO(text, newline=""))

    assert (
        record.start_time
        == record.end_time
        == datetime.datetime(2019, 6, 25, 18, 18, 54, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    "text, message",
    [
        (HEADER + "\r\n" + ROWS[0].replace(",37,", ",3x7,") + "\r\n", "line 2, column duration"),
        (HEADER + "\r\n" + ROWS[1].replace("0.001500", "cheap") + "\r\n", "column"),
        (
            HEADER + "\r\n" + ROWS[1].replace("2019-06-25 18:18:00+00", "yesterday") + "\r\n",
            "start_time",
        ),
        (HEADER + "\r\nOutbound,2019\r\n", "line 2: 2 cells"),
        ("name,age\r\nBob,3\r\n", "not a CDR export"),
    ],
    ids=["integer", "money", "time", "short-row", "not-cdr"],
)
def test_unreadable_content_is_a_decode_error(v2: V2, text: str, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        list(v2.cdrs.parse(io.StringIO(text, newline="")))


def test_a_corrupt_gzip_file_is_a_decode_error(v2: V2) -> None:
    broken = gzip.compress(SAMPLE.encode() * 100)[:80]

    with pytest.raises(DecodeError, match="cannot be read"):
        list(v2.cdrs.parse(io.BytesIO(broken)))


def test_an_empty_file_has_no_records(v2: V2) -> None:
    assert list(v2.cdrs.parse(io.BytesIO(b""))) == []


def _write_export(path: Path, count: int) -> None:
    with gzip.open(path, "wt", newline="", compresslevel=1) as out:
        out.write(HEADER + "\r\n")
        for n in range(count):
            out.write(ROWS[n % 2] + "\r\n")


def test_a_100k_record_export_is_read_in_small_constant_memory(v2: V2, tmp_path: Path) -> None:
    path = tmp_path / "big.csv.gz"
    _write_export(path, 100_000)

    tracemalloc.start()
    try:
        count = 0
        billed = 0
        for record in v2.cdrs.parse(path):
            count += 1
            billed += record.billed_duration or 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 100_000
    assert billed == 50_000 * (42 + 30)
    # The records themselves would take well over 100 MB held at once.
    assert peak < 2 * 1024 * 1024


class _Chunked(http.server.BaseHTTPRequestHandler):
    """Serves a gzip CDR export generated on the fly, never held whole."""

    rows = 0

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        packer = gzip.compress  # one member per block: a valid multi-member gzip file
        block = "".join(ROWS[n % 2] + "\r\n" for n in range(500)).encode()
        for part in (
            packer((HEADER + "\r\n").encode()),
            *(packer(block) for _ in range(self.rows // 500)),
        ):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, *args: Any) -> None:
        """Quiet: the test output is not the place for access logs."""


@pytest.fixture
def export_server() -> Iterator[str]:
    _Chunked.rows = 100_000
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Chunked)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Counter:
    def __init__(self) -> None:
        self.size = 0
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        self.lines += data.count(b"\n")
        return len(data)


def test_a_download_streams_in_small_constant_memory(export_server: str) -> None:
    client = flowroute.Client("key", "secret", base_url=export_server)
    sink = _Counter()
    gunzip = GunzipWriter(sink)

    tracemalloc.start()
    try:
        started = time.monotonic()
        client._transport.download(f"{export_server}/export.gz", auth=None, into=gunzip)
        gunzip.close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        client.close()

    assert sink.lines == 100_001
    assert sink.size > 15_000_000
    assert peak < 4 * 1024 * 1024
    assert time.monotonic() - started < 60
