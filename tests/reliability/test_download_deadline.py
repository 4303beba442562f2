"""A CDR download has a deadline of its own, `download_timeout`, over the whole attempt.

The export's status comes from one loopback server; its ``download_url``
points at another, which misbehaves. The calls' `timeout` is long here, so
what cuts a download is `download_timeout` alone, whichever session sends it.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Optional

import pytest
import requests

import flowroute
from flowroute import errors

from .hostile import Behaviour, Hostile, answer, one_byte_at_a_time, send_slowly
from .test_hostile import (
    EVERY,
    KEYS,
    SLACK,
    _Delegating,
    drip_body,
    drip_headers,
    endless_chunks,
    own_session,
    slow_chunks,
)

DOWNLOAD_TIMEOUT = 0.3  # seconds: small, so that each test is quick
CALL_TIMEOUT = 5.0  # far longer: a cut at 0.3 s is download_timeout's doing
BEHAVIOURS = [drip_headers, drip_body, slow_chunks, endless_chunks]
IDS = ["headers", "body", "chunks", "endless"]


class Sink:
    """A binary file that keeps only how many bytes it was given: an endless body fits."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)


@contextmanager
def exporting(storage: Behaviour, **options: Any) -> Iterator[flowroute.Client]:
    """A Client whose export 7 is completed, its file served by `storage`."""
    with ExitStack() as stack:
        file_url = stack.enter_context(Hostile(storage))
        export = {
            "type": "cdrexport",
            "id": "7",
            "attributes": {"status": "completed", "download_url": f"{file_url}/7.csv.gz?sig=s3"},
        }
        api = stack.enter_context(Hostile(answer("200 OK", json.dumps({"data": export}).encode())))
        options.setdefault("timeout", CALL_TIMEOUT)
        options.setdefault("download_timeout", DOWNLOAD_TIMEOUT)
        yield stack.enter_context(
            flowroute.Client(
                *KEYS, base_url=api, retry_policy=flowroute.RetryPolicy(max_retries=0), **options
            )
        )


def cut(c: flowroute.Client, into: Any) -> tuple[errors.ResponseTimeout, float]:
    started = time.monotonic()
    with pytest.raises(errors.ResponseTimeout) as info:
        c.v2.cdrs.download_cdr_export(7, into)
    return info.value, time.monotonic() - started


def written(error: BaseException) -> int:
    found = re.search(r"(\d+) bytes written", str(error))
    assert found, str(error)
    return int(found.group(1))


@pytest.mark.parametrize("session", [None, "plain", "retry-adapter"])
@pytest.mark.parametrize("behaviour", BEHAVIOURS, ids=IDS)
def test_a_dripping_or_endless_download_is_cut_at_download_timeout(
    behaviour: Behaviour, session: Optional[str]
) -> None:
    options = {} if session is None else {"session": own_session(session)}
    sink = Sink()
    with exporting(behaviour, **options) as c:
        error, elapsed = cut(c, sink)
    assert isinstance(error, errors.TimeoutError)
    assert "download_timeout=0.3 s" in str(error)
    assert "pass a larger download_timeout to flowroute.Client" in str(error)
    assert "sig=s3" not in str(error)  # the presigned query is a credential
    # GunzipWriter holds back a first byte until it knows whether the file is gzip.
    assert sink.size <= written(error) <= sink.size + 1
    if behaviour is endless_chunks:
        assert written(error) > 64 * 1024
    assert DOWNLOAD_TIMEOUT * 0.9 <= elapsed < DOWNLOAD_TIMEOUT + SLACK
    if behaviour is drip_headers:
        assert error.response is None  # the headers never came whole
    else:
        assert error.response is not None and error.response.status == 200


@pytest.mark.parametrize("behaviour", [slow_chunks, endless_chunks], ids=["chunks", "endless"])
def test_with_an_adapter_of_another_kind_the_downloads_body_is_still_cut(
    behaviour: Behaviour,
) -> None:
    session = requests.Session()
    session.mount("http://", _Delegating())  # no pool to watch: its body is watched
    with exporting(behaviour, session=session) as c:
        error, elapsed = cut(c, Sink())
    assert "download_timeout=0.3 s" in str(error)
    assert error.response is not None and error.response.status == 200
    assert DOWNLOAD_TIMEOUT * 0.9 <= elapsed < DOWNLOAD_TIMEOUT + SLACK
    session.close()


def first_then_drip(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    conn.sendall(b"3e8\r\n" + b"a" * 1000 + b"\r\n")
    send_slowly(conn, stop, iter(lambda: b"1\r\nb\r\n", None), EVERY)


def test_the_bytes_written_before_the_cut_are_reported_and_the_file_removed(
    tmp_path: Path,
) -> None:
    sink = Sink()
    with exporting(first_then_drip) as c:
        error, _ = cut(c, sink)
        target = tmp_path / "calls.csv"
        cut(c, target)
    assert written(error) == sink.size >= 1000
    assert not target.exists()  # a partial file must not pass for a whole export


def test_a_download_may_outlast_the_call_timeout_within_download_timeout() -> None:
    body = b"direction\r\nOutbound\r\n"  # 21 bytes, one every EVERY seconds: longer than 0.2 s

    def slow_file(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunks = (b"1\r\n" + byte + b"\r\n" for byte in one_byte_at_a_time(body))
        send_slowly(conn, stop, chunks, EVERY)
        conn.sendall(b"0\r\n\r\n")
        stop.wait(0.5)

    sink = Sink()
    with exporting(slow_file, timeout=0.2, download_timeout=5.0) as c:
        started = time.monotonic()
        export = c.v2.cdrs.download_cdr_export(7, sink)
    assert export.id == "7" and sink.size == len(body)
    assert time.monotonic() - started > 0.2  # longer than a call may take: not cut


def test_a_silent_file_server_is_a_read_timeout_long_before_download_timeout() -> None:
    def headers_then_silence(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
        stop.wait(5.0)

    sink = Sink()
    with exporting(headers_then_silence, timeout=0.2, download_timeout=5.0) as c:
        started = time.monotonic()
        with pytest.raises(errors.ReadTimeout) as info:
            c.v2.cdrs.download_cdr_export(7, sink)
        elapsed = time.monotonic() - started
    assert info.value.response is not None and info.value.response.status == 200
    assert 0.2 * 0.9 <= elapsed < 0.2 + SLACK  # each wait for a byte: the call's timeout


def test_the_default_download_timeout_is_an_hour() -> None:
    client = flowroute.Client(*KEYS)
    assert client._transport.download_timeout == 3600.0


@pytest.mark.parametrize(
    "value", [0, -1.0, float("inf"), float("nan"), 86_401, True, None, (1.0, 2.0), KEYS[1]]
)
def test_a_bad_download_timeout_is_refused_without_echoing_it(value: Any) -> None:
    with pytest.raises(errors.ConfigurationError, match="download_timeout") as info:
        flowroute.Client(*KEYS, download_timeout=value)
    assert KEYS[1] not in str(info.value)


def test_the_callers_session_is_still_theirs_after_a_cut_download() -> None:
    session = requests.Session()
    with Hostile(answer("200 OK", b"fine")) as other:
        with exporting(drip_body, session=session) as c:
            cut(c, Sink())
        assert session.get(f"{other}/own", timeout=5.0).content == b"fine"  # never watched
    session.close()


@pytest.mark.parametrize("session", [None, "plain"])
def test_a_download_from_another_host_takes_the_proxy_requests_would(
    session: Optional[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # NO_PROXY exempts the API's host, not the storage host: requests sends the
    # file's GET through the proxy, and so must the Client.
    for name in ("ALL_PROXY", "all_proxy", "http_proxy", "no_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    body = b"direction\r\nOutbound\r\n"
    with ExitStack() as stack:
        storage = Hostile(answer("200 OK", b"wrong server"))
        proxy = Hostile(answer("200 OK", body))
        file_url = stack.enter_context(storage).replace("127.0.0.1", "localhost")
        monkeypatch.setenv("HTTP_PROXY", stack.enter_context(proxy))
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        export = {
            "type": "cdrexport",
            "id": "7",
            "attributes": {"status": "completed", "download_url": f"{file_url}/7.csv"},
        }
        api = stack.enter_context(Hostile(answer("200 OK", json.dumps({"data": export}).encode())))
        options = {} if session is None else {"session": own_session(session)}
        c = stack.enter_context(flowroute.Client(*KEYS, base_url=api, **options))
        sink = Sink()
        c.v2.cdrs.download_cdr_export(7, sink)
    assert proxy.requests == [f"GET {file_url}/7.csv HTTP/1.1"]
    assert storage.requests == [] and sink.size == len(body)


def test_a_failed_downloads_traceback_does_not_show_the_presigned_query() -> None:
    # The query of a presigned URL is a credential for the file: the error's
    # message leaves it out, and so must what a traceback prints of its cause.
    import traceback

    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: the connection is refused

    with ExitStack() as stack:
        export = {
            "type": "cdrexport",
            "id": "7",
            "attributes": {
                "status": "completed",
                "download_url": f"http://127.0.0.1:{port}/7.csv.gz?X-Amz-Signature=s3cr3t",
            },
        }
        api = stack.enter_context(Hostile(answer("200 OK", json.dumps({"data": export}).encode())))
        c = stack.enter_context(flowroute.Client(*KEYS, base_url=api))
        with pytest.raises(errors.FlowrouteError) as info:
            c.v2.cdrs.download_cdr_export(7, Sink())
    shown = "".join(traceback.format_exception(type(info.value), info.value, info.tb))
    assert "7.csv.gz" in shown and "s3cr3t" not in shown
