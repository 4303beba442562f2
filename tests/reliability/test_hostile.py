"""The transport's promises, each held against a hostile server on loopback.

A timeout bounds an attempt as a whole (a server dripping one byte at a time
cannot hold a call), a body cap bounds memory (an endless body cannot grow
it), and a purchase, send or create whose answer is lost, garbled or a
gateway's 504 raises `OutcomeUnknownError` and is never sent twice.
"""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any, Callable

import pytest
import requests
import urllib3

import flowroute
from flowroute import errors

from .hostile import Behaviour, Hostile, answer, one_byte_at_a_time, send_slowly

TIMEOUT = 0.3  # seconds: small, so that each test is quick
SLACK = 2.0  # seconds a loaded 2-core machine may add; a drip would take minutes
EVERY = 0.02  # seconds between the bytes of a drip: far inside the socket timeout
KEYS = ("access-key-1234", "secret-key-5678")
BOUGHT = "the number may have been bought; list the account's numbers before retrying"
SENT = "the message may have been sent; list the recent messages before retrying"


def client(url: str, **options: Any) -> flowroute.Client:
    options.setdefault("timeout", TIMEOUT)
    options.setdefault("retry_policy", flowroute.RetryPolicy(max_retries=0))
    return flowroute.Client(*KEYS, base_url=url, **options)


def list_numbers(c: flowroute.Client) -> Any:
    return c.v2.numbers.list_account_phone_numbers()


def purchase(c: flowroute.Client) -> Any:
    return c.v2.numbers.purchase_a_phone_number("12065550100")


def send(c: flowroute.Client) -> Any:
    return c.v2.messages.send_a_message({"to": "12065550100", "from": "12065550101", "body": "x"})


def timed(call: Callable[[], Any]) -> tuple[BaseException, float]:
    started = time.monotonic()
    with pytest.raises(errors.FlowrouteError) as info:
        call()
    return info.value, time.monotonic() - started


# -- the deadline ---------------------------------------------------------------------


def drip_headers(conn: socket.socket, stop: threading.Event) -> None:
    head = b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 10_000 + b"\r\n\r\n{}"
    send_slowly(conn, stop, one_byte_at_a_time(head), EVERY)


def drip_body(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n")
    send_slowly(conn, stop, one_byte_at_a_time(b" " * 10_000), EVERY)


def slow_chunks(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    send_slowly(conn, stop, iter(lambda: b"1\r\n \r\n", None), EVERY)


@pytest.mark.parametrize(
    "behaviour", [drip_headers, drip_body, slow_chunks], ids=["headers", "body", "chunks"]
)
def test_a_dripping_server_cannot_hold_a_call_past_the_timeout(behaviour: Behaviour) -> None:
    with Hostile(behaviour) as url, client(url) as c:
        error, elapsed = timed(lambda: list_numbers(c))
    assert isinstance(error, errors.TimeoutError), repr(error)
    assert isinstance(error, errors.ResponseTimeout)
    assert "0.3 s timeout" in str(error)
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + SLACK


def own_session(kind: str) -> requests.Session:
    session = requests.Session()
    if kind == "retry-adapter":  # what callers mount: requests' adapter with urllib3 retries
        session.mount("http://", requests.adapters.HTTPAdapter(max_retries=3))
    return session


@pytest.mark.parametrize("kind", ["plain", "retry-adapter"])
@pytest.mark.parametrize(
    "behaviour", [drip_headers, drip_body, slow_chunks], ids=["headers", "body", "chunks"]
)
def test_the_deadline_holds_with_a_session_of_the_callers_own(
    behaviour: Behaviour, kind: str
) -> None:
    session = own_session(kind)
    with Hostile(behaviour) as url, client(url, session=session) as c:
        error, elapsed = timed(lambda: list_numbers(c))
    assert isinstance(error, errors.ResponseTimeout), repr(error)
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + SLACK
    session.close()


def test_the_callers_own_use_of_the_session_is_never_cut() -> None:
    def late(conn: socket.socket, stop: threading.Event) -> None:
        stop.wait(2 * TIMEOUT)  # longer than the client's timeout
        conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n{"data": []}')
        stop.wait(0.5)

    session = own_session("plain")
    with Hostile(late) as url, client(url, session=session) as c:
        with pytest.raises(errors.ResponseTimeout):
            list_numbers(c)  # watched: cut at the timeout
        assert session.get(f"{url}/own", timeout=5.0).json() == {"data": []}  # not watched
    session.close()


def silent(conn: socket.socket, stop: threading.Event) -> None:
    stop.wait(5.0)


def test_retries_add_at_most_one_timeout_each() -> None:
    delays: list[float] = []
    policy = flowroute.RetryPolicy(max_retries=2, sleep=delays.append)
    server = Hostile(silent)
    with server as url, client(url, retry_policy=policy) as c:
        error, elapsed = timed(lambda: list_numbers(c))
    assert isinstance(error, errors.TimeoutError), repr(error)
    assert len(delays) == 2 and len(server.requests) == 3  # each attempt cut at the timeout
    assert elapsed < 3 * TIMEOUT + SLACK


# -- the body cap ---------------------------------------------------------------------


def endless_chunks(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
    while not stop.is_set():
        conn.sendall(chunk)


def test_an_endless_body_hits_the_cap_with_memory_bounded() -> None:
    cap = 1024 * 1024
    with Hostile(endless_chunks) as url, client(url, max_response_bytes=cap, timeout=5.0) as c:
        tracemalloc.start()
        try:
            error, elapsed = timed(lambda: list_numbers(c))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert isinstance(error, errors.ResponseTooLargeError), repr(error)
    assert f"max_response_bytes={cap}" in str(error)
    assert peak < 4 * cap, peak
    assert elapsed < 5.0


def test_a_declared_oversized_body_is_refused_unread() -> None:
    def huge(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n{")
        stop.wait(5.0)

    with Hostile(huge) as url, client(url, max_response_bytes=1000) as c:
        error, elapsed = timed(lambda: list_numbers(c))
    assert isinstance(error, errors.ResponseTooLargeError), repr(error)
    assert elapsed < TIMEOUT  # refused at the headers, not waited out


# -- honest outcomes ------------------------------------------------------------------


def hang_up(conn: socket.socket, stop: threading.Event) -> None:
    conn.shutdown(socket.SHUT_RDWR)


def cut_short(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b'HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\n{"data": ')
    conn.shutdown(socket.SHUT_RDWR)


POSTS = [
    (answer("201 Created", b"<html>"), purchase, BOUGHT, errors.DecodeError, 201),
    (answer("504 Gateway Timeout", b"<html>gateway</html>"), send, SENT, errors.ServerError, 504),
    (answer("502 Bad Gateway", b"{}"), purchase, BOUGHT, errors.ServerError, 502),
    (hang_up, purchase, BOUGHT, errors.ReadError, None),
    # The status line came; the body did not: the error keeps what arrived.
    (cut_short, purchase, BOUGHT, errors.ReadError, 201),
    (silent, send, SENT, errors.TimeoutError, None),
    (drip_body, purchase, BOUGHT, errors.TimeoutError, 200),
]


@pytest.mark.parametrize(
    ("behaviour", "call", "operation", "cause", "status"),
    POSTS,
    ids=["garbled-2xx", "504-send", "502-purchase", "hang-up", "cut-short", "silent", "drip"],
)
def test_a_lost_answer_to_a_write_is_an_unknown_outcome_sent_once(
    behaviour: Behaviour,
    call: Callable[[flowroute.Client], Any],
    operation: str,
    cause: type[Exception],
    status: Any,
) -> None:
    # Retries allowed: a write that may have reached the server must still go once.
    policy = flowroute.RetryPolicy(max_retries=3, sleep=lambda _: None)
    with Hostile(behaviour) as server_url, client(server_url, retry_policy=policy) as c:
        error, _ = timed(lambda: call(c))
    assert isinstance(error, errors.OutcomeUnknownError), repr(error)
    assert error.operation == operation
    assert str(error).startswith("outcome unknown, ")
    assert operation in str(error)
    assert error.status == status
    assert (error.response.status if error.response else None) == status
    assert isinstance(error.__cause__, cause), repr(error.__cause__)
    assert not isinstance(error, (errors.DecodeError, errors.ReadError, errors.TimeoutError))


def test_a_write_is_sent_exactly_once_whatever_the_server_does() -> None:
    policy = flowroute.RetryPolicy(max_retries=3, sleep=lambda _: None)
    server = Hostile(answer("504 Gateway Timeout", b""))
    with (
        server as url,
        client(url, retry_policy=policy) as c,
        pytest.raises(errors.OutcomeUnknownError),
    ):
        send(c)
    assert server.requests == ["POST /v2.1/messages HTTP/1.1"]


def test_a_read_is_retried_after_a_504_and_succeeds() -> None:
    served: Iterator[Behaviour] = iter(
        [answer("504 Gateway Timeout", b""), answer("200 OK", b'{"data": []}')]
    )
    policy = flowroute.RetryPolicy(max_retries=3, sleep=lambda _: None)
    server = Hostile(lambda conn, stop: next(served)(conn, stop))
    with server as url, client(url, retry_policy=policy) as c:
        assert list_numbers(c).items == []
    assert len(server.requests) == 2


class _SlowToConnect(urllib3.connection.HTTPConnection):
    def connect(self) -> None:
        threading.Event().wait(TIMEOUT + 0.1)  # a slow network: the deadline passes meanwhile
        super().connect()


class _SlowPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _SlowToConnect


class _SlowNetworkAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _SlowPool}


def test_a_deadline_that_passes_while_connecting_still_cuts_the_headers() -> None:
    session = requests.Session()
    session.mount("http://", _SlowNetworkAdapter())
    # The deadline passes before there is a socket to cut: it is cut once there is one.
    with Hostile(drip_headers) as url, client(url, session=session) as c:
        error, elapsed = timed(lambda: list_numbers(c))
    assert isinstance(error, errors.ResponseTimeout), repr(error)
    assert elapsed < TIMEOUT + 0.1 + SLACK
    session.close()


class _Delegating(requests.adapters.BaseAdapter):
    """An adapter of another kind (no urllib3 pool of its own to watch): it wraps one."""

    def __init__(self) -> None:
        super().__init__()
        self.inner = requests.adapters.HTTPAdapter()

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        return self.inner.send(request, **kwargs)

    def close(self) -> None:
        self.inner.close()


def test_with_an_adapter_of_another_kind_the_body_is_still_bounded() -> None:
    session = requests.Session()
    session.mount("http://", _Delegating())
    with Hostile(drip_body) as url, client(url, session=session) as c:
        error, elapsed = timed(lambda: list_numbers(c))
    assert isinstance(error, errors.ResponseTimeout), repr(error)
    assert elapsed < TIMEOUT + SLACK
    session.close()


def test_a_pool_the_callers_adapter_let_go_and_made_again_is_watched_too() -> None:
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_connections=1))  # one pool kept
    ok = answer("200 OK", b'{"data": []}')
    with (
        Hostile(drip_headers) as dripping,
        Hostile(ok) as fine,
        client(dripping, session=session) as slow,
        client(fine, session=session) as quick,
    ):
        for _ in range(2):  # each call to the other server replaces the one pool
            error, elapsed = timed(lambda: list_numbers(slow))
            assert isinstance(error, errors.ResponseTimeout), repr(error)
            assert elapsed < TIMEOUT + SLACK
            assert list_numbers(quick).items == []
    session.close()


def test_the_deadline_holds_through_the_callers_proxy() -> None:
    session = requests.Session()
    with Hostile(drip_headers) as proxy:
        session.proxies = {"http": proxy}  # the dripping server is the proxy
        with flowroute.Client(
            *KEYS,
            base_url="http://api.example.test",
            allow_insecure_http=True,
            timeout=TIMEOUT,
            retry_policy=flowroute.RetryPolicy(max_retries=0),
            session=session,
        ) as c:
            error, elapsed = timed(lambda: list_numbers(c))
    assert isinstance(error, errors.ResponseTimeout), repr(error)
    assert elapsed < TIMEOUT + SLACK
    session.close()
