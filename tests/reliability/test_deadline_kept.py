"""The Transport's own connections keep the deadline themselves: no watchdog thread."""

from __future__ import annotations

import os
import ssl
import time
from pathlib import Path
from typing import Any

import pytest

import flowroute
from flowroute import _deadline, _watchdog, errors

from .hostile import Behaviour, Hostile, answer
from .test_hostile import KEYS, SLACK, drip_body, drip_headers

OK = answer("200 OK", b'{"data": []}')


def fresh_watchdog(
    monkeypatch: pytest.MonkeyPatch, **options: Any
) -> tuple[_watchdog.Watchdog, list[_deadline.Attempt]]:
    """A watchdog of the test's own for every Transport, and the attempts it is asked to watch."""
    watchdog = _watchdog.Watchdog(**options)
    monkeypatch.setattr(_watchdog.Watchdog, "_shared", watchdog)
    watched: list[_deadline.Attempt] = []
    original = watchdog.watch

    def recording(attempt: _deadline.Attempt) -> None:
        watched.append(attempt)
        original(attempt)

    monkeypatch.setattr(watchdog, "watch", recording)
    return watchdog, watched


def quick_client(url: str, **options: Any) -> flowroute.Client:
    return flowroute.Client(
        *KEYS, base_url=url, retry_policy=flowroute.RetryPolicy(max_retries=0), **options
    )


def test_a_call_on_the_clients_own_session_starts_no_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    watchdog, watched = fresh_watchdog(monkeypatch)
    with Hostile(OK) as url, quick_client(url) as c:
        assert c.v2.numbers.list_account_phone_numbers().items == []
    assert (watched, watchdog._thread) == ([], None)


def test_a_connection_of_the_callers_session_is_watched_by_the_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import requests

    _, watched = fresh_watchdog(monkeypatch)
    with (
        requests.Session() as session,
        Hostile(drip_headers) as url,
        quick_client(url, session=session, timeout=0.3) as c,
        pytest.raises(errors.ResponseTimeout),
    ):
        c.v2.numbers.list_account_phone_numbers()
    assert len(watched) == 1 and watched[0].expired


def test_nothing_is_sent_once_the_deadline_has_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Past every deadline once the attempt has started: what a connect taking
    # the whole timeout looks like to the send that follows.
    fresh_watchdog(monkeypatch, clock=jumping_clock())
    server = Hostile(OK)
    with (
        server as url,
        quick_client(url, timeout=5.0) as c,
        pytest.raises(errors.ResponseTimeout, match="5 s timeout"),
    ):
        c.v2.numbers.list_account_phone_numbers()
    assert [line for line in server.requests if line] == []


def test_a_purchase_refused_at_the_deadline_is_known_not_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Connected past the deadline, nothing of the request sent: the number was not
    # bought, so the caller is not told to look before retrying.
    fresh_watchdog(monkeypatch, clock=jumping_clock())
    server = Hostile(OK)
    with (
        server as url,
        quick_client(url, timeout=5.0) as c,
        pytest.raises(errors.FlowrouteError) as caught,
    ):
        c.v2.numbers.purchase_a_phone_number("12065550100")
    assert type(caught.value) is errors.ResponseTimeout
    assert [line for line in server.requests if line] == []


def test_the_deadline_holds_through_a_proxy_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    _, watched = fresh_watchdog(monkeypatch)
    with Hostile(drip_headers) as proxy:  # the dripping server is the proxy
        monkeypatch.setenv("HTTP_PROXY", proxy)
        c = quick_client("http://api.example.test", timeout=0.3, allow_insecure_http=True)
        started = time.monotonic()
        with pytest.raises(errors.ResponseTimeout, match=r"0\.3 s timeout"):
            c.v2.numbers.list_account_phone_numbers()
        elapsed = time.monotonic() - started
    assert 0.27 <= elapsed < 0.3 + SLACK
    assert watched == []  # kept by the connection itself, headers included


def jumping_clock() -> Any:
    """A clock that jumps a minute ahead once an attempt has started (read its deadline)."""
    started: list[float] = []

    def clock() -> float:
        now = time.monotonic()
        if started:
            return now + 60.0
        started.append(now)
        return now

    return clock


@pytest.mark.parametrize(
    ("late", "expected"), [(False, errors.ReadTimeout), (True, errors.ResponseTimeout)]
)
def test_a_read_timeout_ending_past_the_deadline_is_the_deadline(
    late: bool, expected: type[errors.TimeoutError], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A float timeout is both the read timeout and the deadline: which one a
    # silent server trips first must not decide what the caller is told.
    import requests
    import responses

    fresh_watchdog(monkeypatch, **({"clock": jumping_clock()} if late else {}))
    with responses.RequestsMock() as rsps, quick_client("https://api.example.test") as c:
        rsps.get("https://api.example.test/v2/numbers", body=requests.ReadTimeout("read timed out"))
        with pytest.raises(errors.TimeoutError) as caught:
            c.v2.numbers.list_account_phone_numbers()
    assert type(caught.value) is expected


@pytest.mark.parametrize("late", [False, True])
def test_a_connect_timeout_keeps_its_name_past_the_deadline(
    late: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import requests
    import responses

    fresh_watchdog(monkeypatch, **({"clock": jumping_clock()} if late else {}))
    with responses.RequestsMock() as rsps, quick_client("https://api.example.test") as c:
        rsps.post("https://api.example.test/v2/numbers/12065550100", body=requests.ConnectTimeout())
        with pytest.raises(errors.ConnectTimeout):  # nothing sent: not an unknown outcome
            c.v2.numbers.purchase_a_phone_number("12065550100")


TLS = Path(__file__).parent.parent / "data" / "tls"


class TLSHostile(Hostile):
    """The hostile server behind TLS, its certificate signed by tests/data/tls/ca.pem."""

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(behaviour)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS / "server.pem", TLS / "server.key")
        self._listener = context.wrap_socket(self._listener, server_side=True)

    def __enter__(self) -> str:
        return super().__enter__().replace("http://", "https://")


@pytest.mark.parametrize("behaviour", [drip_headers, drip_body], ids=["headers", "body"])
def test_the_deadline_holds_over_tls_without_a_thread(
    behaviour: Behaviour, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "ca.pem"))  # verified, as always
    _, watched = fresh_watchdog(monkeypatch)
    with TLSHostile(behaviour) as url, quick_client(url, timeout=0.3) as c:
        started = time.monotonic()
        with pytest.raises(errors.ResponseTimeout, match=r"0\.3 s timeout"):
            c.v2.numbers.list_account_phone_numbers()
        elapsed = time.monotonic() - started
    assert 0.27 <= elapsed < 0.3 + SLACK
    assert watched == []


def tls_garbage_after_the_request(conn: Any, stop: Any) -> None:
    # The request was read (bought, for all the client knows); then the TLS stream
    # breaks: bytes that are no TLS record, written under the TLS layer.
    os.write(conn.fileno(), b"HTTP/1.1 200 OK\r\n\r\n")
    stop.wait(0.5)


@pytest.mark.parametrize("own", [True, False], ids=["own-session", "callers-session"])
def test_a_purchase_whose_tls_breaks_after_it_was_sent_is_an_unknown_outcome(
    own: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ConnectError promises "the request was not sent": a TLS failure after the
    # request went out must not be reported as one, nor retried.
    import requests

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "ca.pem"))
    server = TLSHostile(tls_garbage_after_the_request)
    with (
        requests.Session() as session,
        server as url,
        quick_client(url, timeout=5.0, **({} if own else {"session": session})) as c,
        pytest.raises(errors.FlowrouteError) as caught,
    ):
        c.v2.numbers.purchase_a_phone_number("12065550100")
    assert type(caught.value) is errors.OutcomeUnknownError, repr(caught.value)
    assert [line for line in server.requests if line] == ["POST /v2/numbers/12065550100 HTTP/1.1"]


def tls_garbage_in_the_body(conn: Any, stop: Any) -> None:
    conn.sendall(b"HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\n{")
    tls_garbage_after_the_request(conn, stop)


def test_a_purchase_whose_tls_breaks_in_the_body_is_an_unknown_outcome_on_any_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import requests

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "ca.pem"))
    with (
        requests.Session() as session,
        TLSHostile(tls_garbage_in_the_body) as url,
        quick_client(url, timeout=5.0, session=session) as c,
        pytest.raises(errors.FlowrouteError) as caught,
    ):
        c.v2.numbers.purchase_a_phone_number("12065550100")
    assert type(caught.value) is errors.OutcomeUnknownError, repr(caught.value)


@pytest.mark.parametrize("own", [True, False], ids=["own-session", "callers-session"])
def test_a_tls_handshake_failure_is_known_not_sent(
    own: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No CA bundle for the test's certificate: refused before a byte of the request left.
    import requests

    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    server = TLSHostile(OK)
    with (
        requests.Session() as session,
        server as url,
        quick_client(url, timeout=5.0, **({} if own else {"session": session})) as c,
        pytest.raises(errors.FlowrouteError) as caught,
    ):
        c.v2.numbers.purchase_a_phone_number("12065550100")
    assert type(caught.value) is errors.ConnectError, repr(caught.value)


@pytest.fixture
def black_hole() -> Any:
    """A loopback port whose SYNs are dropped: a listener with its accept queue full."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    queued = []
    for _ in range(8):  # fill the queue; a connect that does not complete at once is held
        client = socket.socket()
        client.setblocking(False)
        client.connect_ex(("127.0.0.1", port))
        queued.append(client)
    yield port
    for client in queued:
        client.close()
    listener.close()


def test_connecting_to_a_host_of_many_addresses_stays_within_the_deadline(
    black_hole: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # socket.create_connection gives each address the whole connect timeout: a host
    # with six black-holed addresses (say, an IPv6 route that drops everything) took
    # six timeouts. The attempt's deadline covers connecting, whatever the addresses.
    import socket

    real = socket.getaddrinfo

    def six_addresses(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "api.example.test":
            return real("127.0.0.1", *args, **kwargs) * 6
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", six_addresses)
    url = f"http://api.example.test:{black_hole}"
    with quick_client(url, timeout=0.5, allow_insecure_http=True) as c:
        started = time.monotonic()
        with pytest.raises(errors.TimeoutError):
            c.v2.numbers.purchase_a_phone_number("12065550100")
        elapsed = time.monotonic() - started
    assert elapsed < 0.5 + SLACK  # six timeouts would be 3 s


def test_a_tls_handshake_after_a_slow_connect_gets_only_what_is_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The handshake waits on the socket's timeout, set when connecting began: after
    # a connect that took most of the attempt, a silent server held it a whole
    # connect timeout more. A connect taking 2.9 of 3 s is a clock jump here.
    import socket

    from urllib3.connection import HTTPConnection

    connected: list[bool] = []
    original = HTTPConnection._new_conn

    def slow_connect(self: Any) -> Any:
        sock = original(self)
        connected.append(True)
        return sock

    monkeypatch.setattr(HTTPConnection, "_new_conn", slow_connect)
    fresh_watchdog(monkeypatch, clock=lambda: time.monotonic() + (2.9 if connected else 0.0))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "ca.pem"))
    with socket.create_server(("127.0.0.1", 0)) as silent:  # connects, never accepted
        url = f"https://127.0.0.1:{silent.getsockname()[1]}"
        with quick_client(url, timeout=3.0) as c:
            started = time.monotonic()
            with pytest.raises(errors.TimeoutError):
                c.v2.numbers.list_account_phone_numbers()
            elapsed = time.monotonic() - started
    assert connected and elapsed < 0.1 + SLACK  # not the 3 s of a whole connect timeout
