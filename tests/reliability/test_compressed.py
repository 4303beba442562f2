"""Compressed bodies: the size cap counts inflated bytes, and memory stays bounded.

A gzip bomb (a few dozen KiB that inflate to 32 MiB) must be refused at the
cap without ever being inflated whole, on urllib3 1.26 (the `make test-min`
stack) as on 2.x; ordinary gzip and deflate bodies read as before, and the
connection goes back to the pool.
"""

from __future__ import annotations

import gzip
import io
import json
import socket
import threading
import tracemalloc
import zlib
from typing import Any, Callable

import pytest

from flowroute import errors
from flowroute._transport import Transport

from .hostile import Behaviour, Hostile, answer, read_request
from .test_hostile import client, list_numbers

BOMB_SIZE = 32 * 1024 * 1024  # inflated
CAP = 1024 * 1024
PAGE = b'{"data": [], "links": {}}'


def compressed(data: Callable[[], Any], wbits: int, level: int = 9) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, wbits)
    return b"".join(packer.compress(part) for part in data()) + packer.flush()


def zeros() -> Any:
    return (bytes(1024 * 1024) for _ in range(BOMB_SIZE // (1024 * 1024)))


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    return {
        "gzip": compressed(zeros, 31),
        "deflate": compressed(zeros, 15),  # a zlib stream, as the RFC says
    }


def encoded(encoding: str, body: bytes) -> Behaviour:
    return answer("200 OK", body, f"Content-Encoding: {encoding}\r\n")


def peak_of(call: Callable[[], Any]) -> tuple[BaseException, int]:
    tracemalloc.start()
    try:
        with pytest.raises(errors.FlowrouteError) as caught:
            call()
        return caught.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_bomb_is_refused_at_the_cap_never_inflated_whole(
    bombs: dict[str, bytes], encoding: str
) -> None:
    body = bombs[encoding]
    assert len(body) < 64 * 1024  # small on the wire, 32 MiB inflated
    with (
        Hostile(encoded(encoding, body)) as url,
        client(url, max_response_bytes=CAP, timeout=5.0) as c,
    ):
        error, peak = peak_of(lambda: list_numbers(c))
    assert isinstance(error, errors.ResponseTooLargeError), repr(error)
    assert f"max_response_bytes={CAP}" in str(error)
    assert peak < 4 * CAP, peak  # inflating it whole would take 32 MiB


def test_a_download_inflates_a_bomb_a_chunk_at_a_time(bombs: dict[str, bytes]) -> None:
    written = []

    class Counter:
        def write(self, data: bytes) -> int:
            written.append(len(data))
            return len(data)

    with Hostile(encoded("gzip", bombs["gzip"])) as url:
        transport = Transport(url, timeout=5.0)
        tracemalloc.start()
        try:
            total = transport.download("/export", auth=None, into=Counter())
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            transport.close()
    assert total == sum(written) == BOMB_SIZE
    assert max(written) <= 64 * 1024
    assert peak < 2 * 1024 * 1024, peak


def raw_deflate(data: bytes) -> bytes:
    return compressed(lambda: [data], -15)


def two_members(data: bytes) -> bytes:
    half = len(data) // 2
    return gzip.compress(data[:half]) + gzip.compress(data[half:])


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("gzip", two_members),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
        ("identity", lambda data: data),
    ],
    ids=["gzip", "x-gzip", "gzip-members", "deflate-zlib", "deflate-raw", "identity"],
)
def test_encoded_bodies_read_as_before(encoding: str, encode: Callable[[bytes], bytes]) -> None:
    with Hostile(encoded(encoding, encode(PAGE))) as url, client(url) as c:
        page = list_numbers(c)
    assert page.items == [] and page.response.body == {"data": [], "links": {}}


def test_a_body_that_does_not_inflate_is_a_read_error() -> None:
    with (
        Hostile(encoded("gzip", gzip.compress(PAGE)[:10] + b"\xff" * 16)) as url,
        client(url) as c,
        pytest.raises(errors.ReadError) as caught,
    ):
        list_numbers(c)
    assert "undecodable" in str(caught.value)


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, br"])
def test_an_encoding_never_asked_for_is_a_read_error(encoding: str) -> None:
    # urllib3 would undo brotli or zstd whole where they are installed: past the cap.
    with (
        Hostile(encoded(encoding, b"\x1b\x00\x00" * 64)) as url,
        client(url) as c,
        pytest.raises(errors.ReadError) as caught,
    ):
        list_numbers(c)
    assert "undecodable: ContentDecodingError" in str(caught.value)
    assert f"Content-Encoding {encoding!r} was not asked for" in str(caught.value.__cause__)


def test_a_large_gzip_body_under_the_cap_reads_whole() -> None:
    items = [{"id": str(n), "type": "number", "attributes": {}} for n in range(6000)]
    document = json.dumps({"data": items, "links": {}}).encode()
    with Hostile(encoded("gzip", gzip.compress(document))) as url, client(url) as c:
        raw = c.v2.numbers.with_raw_response.list_account_phone_numbers()
    assert len(document) > 256 * 1024  # more than one piece
    assert len(raw.body["data"]) == 6000


def test_the_connection_goes_back_to_the_pool_after_a_gzip_body() -> None:
    connections = []
    body = gzip.compress(PAGE)

    def keep_alive(conn: socket.socket, stop: threading.Event) -> None:
        connections.append(conn)
        head = f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {len(body)}\r\n\r\n"
        conn.sendall(head.encode() + body)
        read_request(conn)  # the second call, on this same connection
        conn.sendall(head.encode() + body)
        stop.wait(0.5)

    with Hostile(keep_alive) as url, client(url) as c:
        list_numbers(c)
        list_numbers(c)
    assert len(connections) == 1


def test_an_error_page_of_a_download_is_read_only_so_far(bombs: dict[str, bytes]) -> None:
    behaviour = answer("500 Oops", bombs["gzip"], "Content-Encoding: gzip\r\n")
    with Hostile(behaviour) as url:
        transport = Transport(url, timeout=5.0)
        tracemalloc.start()
        try:
            with pytest.raises(errors.ServerError) as caught:
                transport.download("/export", auth=None, into=io.BytesIO())
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            transport.close()
    assert caught.value.response is not None
    assert len(caught.value.body) == 64 * 1024
    assert peak < 2 * 1024 * 1024, peak
