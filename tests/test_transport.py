"""Transport: retries, failure mapping, timeouts, escaping and logging, as tables."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import responses
import urllib3

from flowroute import RetryPolicy, errors
from flowroute._auth import BasicAuth
from flowroute._transport import Transport, path_param

BASE = "https://api.example.test"
AUTH = BasicAuth("access-key-1234", "top-secret-value")


class FakeTime:
    """An injected clock: sleeping advances it instead of waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def make_transport(fake_time: FakeTime, **policy: Any) -> Transport:
    retry = RetryPolicy(sleep=fake_time.sleep, clock=fake_time.clock, random=lambda: 0.5, **policy)
    return Transport(BASE, retry=retry, timeout=(3.0, 7.0))


def refused() -> requests.ConnectionError:
    reason = urllib3.exceptions.NewConnectionError(None, "refused")  # type: ignore[arg-type]
    return requests.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/", reason))  # type: ignore[arg-type]


def test_get_returns_decoded_json_with_exact_request(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time)
    rsps.get(f"{BASE}/v2/numbers", json={"data": []}, headers={"X-Request-Id": "req-7"})
    result = transport.request("GET", "/v2/numbers", auth=AUTH, params={"limit": 2, "x": None})
    assert result.body == {"data": []}
    assert (result.method, result.url, result.status) == ("GET", f"{BASE}/v2/numbers?limit=2", 200)
    assert result.request_id == "req-7"
    assert result.headers["x-request-id"] == "req-7"  # case-insensitive
    assert 0 <= result.elapsed < 5
    assert repr(result) == f"<Response [200] GET {BASE}/v2/numbers?limit=2>"
    with pytest.raises(AttributeError):
        result.status = 500  # type: ignore[misc]
    assert not hasattr(result, "__dict__")
    sent = rsps.calls[0].request
    assert sent.url == f"{BASE}/v2/numbers?limit=2"
    assert sent.headers["Authorization"].startswith("Basic ")
    assert sent.headers["Accept"] == "application/json"
    assert "Content-Type" not in sent.headers


def test_json_body_serialised_once_with_content_type(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time)
    rsps.post(f"{BASE}/v2/routes", status=201, json={"data": {"id": "1"}})
    transport.request("POST", "/v2/routes", auth=AUTH, json={"a": [1, "b"]})
    sent = rsps.calls[0].request
    assert sent.body == b'{"a":[1,"b"]}'
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Content-Length"] == str(len(sent.body))


def test_post_without_body_sends_zero_content_length(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time)
    rsps.post(f"{BASE}/v2/numbers/12065550100", status=201, json={})
    transport.request("POST", "/v2/numbers/12065550100", auth=AUTH)
    assert rsps.calls[0].request.headers["Content-Length"] == "0"


@pytest.mark.parametrize("status", [204, 202])
def test_empty_success_body_is_none(
    rsps: responses.RequestsMock, fake_time: FakeTime, status: int
) -> None:
    transport = make_transport(fake_time)
    rsps.patch(f"{BASE}/x", status=status, body=b"")
    assert transport.request("PATCH", "/x", auth=AUTH).body is None


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (500, errors.ServerError),
        (502, errors.ServerError),
        (418, errors.APIError),
    ],
)
def test_error_status_maps_to_class_with_detail(
    rsps: responses.RequestsMock,
    fake_time: FakeTime,
    status: int,
    error_class: type[errors.APIError],
) -> None:
    transport = make_transport(fake_time, max_retries=0)
    body = {"errors": [{"detail": f"detail for {status}", "status": str(status), "id": "e1"}]}
    rsps.get(f"{BASE}/x", status=status, json=body, headers={"X-Request-Id": "req-9"})
    with pytest.raises(error_class) as info:
        transport.request("GET", "/x", auth=AUTH)
    error = info.value
    assert type(error) is error_class
    assert (error.status, error.request_id, error.method) == (status, "req-9", "GET")
    assert error.errors == [errors.ErrorDetail(f"detail for {status}", str(status), "e1")]
    assert str(error) == f"{status}: detail for {status} (GET {BASE}/x)"


def test_v1_error_shape_and_non_json_body(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time, max_retries=0)
    rsps.get(f"{BASE}/v1", status=400, json={"error": "bad limit"})
    rsps.get(f"{BASE}/html", status=500, body="<html>oops</html>")
    with pytest.raises(errors.BadRequestError, match="bad limit"):
        transport.request("GET", "/v1", auth=AUTH)
    with pytest.raises(errors.ServerError) as info:
        transport.request("GET", "/html", auth=AUTH)
    assert info.value.body == "<html>oops</html>"
    assert info.value.errors == []


def test_malformed_success_body_is_decode_error(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time, max_retries=0)
    rsps.get(f"{BASE}/x", status=200, body="{not json")
    with pytest.raises(errors.DecodeError) as info:
        transport.request("GET", "/x", auth=AUTH)
    assert info.value.status == 200


# What a failure on the wire becomes, for an idempotent call (GET) and for a
# POST, and whether a retry may follow. A POST that may have reached the
# server is never retried and becomes OutcomeUnknownError.
EXCEPTION_TABLE = [
    (refused(), errors.ConnectError, True, errors.ConnectError, True),
    (requests.ConnectTimeout(), errors.ConnectTimeout, True, errors.ConnectTimeout, True),
    (requests.ReadTimeout(), errors.ReadTimeout, True, errors.OutcomeUnknownError, False),
    (
        requests.ConnectionError("Connection aborted"),
        errors.ReadError,
        True,
        errors.OutcomeUnknownError,
        False,
    ),
    (  # a read timeout in the body, as requests reports it
        requests.ConnectionError(urllib3.exceptions.ReadTimeoutError(None, "", "Read timed out.")),
        errors.ReadTimeout,
        True,
        errors.OutcomeUnknownError,
        False,
    ),
    (
        requests.exceptions.ChunkedEncodingError(),
        errors.ReadError,
        True,
        errors.OutcomeUnknownError,
        False,
    ),
    (requests.exceptions.SSLError(), errors.ConnectError, False, errors.ConnectError, False),
    (
        requests.exceptions.InvalidHeader(),
        errors.TransportError,
        False,
        errors.OutcomeUnknownError,
        False,
    ),
]


@pytest.mark.parametrize(
    ("exc", "get_error", "get_retried", "post_error", "post_retried"), EXCEPTION_TABLE
)
def test_exception_mapping_and_retry_rules(
    rsps: responses.RequestsMock,
    fake_time: FakeTime,
    exc: Exception,
    get_error: type[errors.TransportError],
    get_retried: bool,
    post_error: type[errors.TransportError],
    post_retried: bool,
) -> None:
    for method, error_class, retried in (
        ("GET", get_error, get_retried),
        ("POST", post_error, post_retried),
    ):
        transport = make_transport(fake_time, max_retries=2)
        rsps.reset()
        rsps.add(method, f"{BASE}/x", body=exc)
        with pytest.raises(error_class) as info:
            transport.request(method, "/x", auth=AUTH)
        assert type(info.value) is error_class
        cause = info.value.__cause__
        if error_class is errors.OutcomeUnknownError:  # it wraps the mapped error
            assert isinstance(cause, errors.TransportError)
            cause = cause.__cause__
        assert isinstance(cause, requests.RequestException)
        assert len(rsps.calls) == (3 if retried else 1), method


def test_post_never_resent_after_read_timeout(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time, max_retries=5)
    rsps.post(f"{BASE}/v2/numbers/12065550100", body=requests.ReadTimeout())
    rsps.post(f"{BASE}/v2/numbers/12065550100", status=201, json={})
    bought = "the number may have been bought; list the account's numbers before retrying"
    with pytest.raises(errors.OutcomeUnknownError) as info:
        transport.request("POST", "/v2/numbers/12065550100", auth=AUTH, outcome=bought)
    assert str(info.value) == (
        f"outcome unknown, no answer in time (ReadTimeout): {bought} "
        f"(POST {BASE}/v2/numbers/12065550100)"
    )
    assert (info.value.operation, info.value.status) == (bought, None)
    assert isinstance(info.value.__cause__, errors.ReadTimeout)
    assert len(rsps.calls) == 1
    assert fake_time.sleeps == []


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (429, errors.RateLimitError),  # refused before acting: the outcome is known
        (503, errors.ServerError),
        (502, errors.OutcomeUnknownError),  # a gateway: the service may have acted
        (504, errors.OutcomeUnknownError),
    ],
)
def test_post_not_retried_on_retryable_status(
    rsps: responses.RequestsMock,
    fake_time: FakeTime,
    status: int,
    error_class: type[errors.FlowrouteError],
) -> None:
    transport = make_transport(fake_time)
    rsps.post(
        f"{BASE}/x",
        status=status,
        json={"errors": [{"detail": "busy"}]},
        headers={"X-Request-Id": "r1"},
    )
    with pytest.raises(error_class) as info:
        transport.request("POST", "/x", auth=AUTH)
    assert len(rsps.calls) == 1
    if error_class is errors.OutcomeUnknownError:
        assert (info.value.status, info.value.request_id) == (status, "r1")  # type: ignore[attr-defined]
        assert isinstance(info.value.__cause__, errors.ServerError)


def test_post_retried_when_connection_refused_then_succeeds(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time)
    rsps.post(f"{BASE}/x", body=refused())
    rsps.post(f"{BASE}/x", status=202, json={"data": {"id": "mdr2-1"}})
    assert transport.request("POST", "/x", auth=AUTH).body == {"data": {"id": "mdr2-1"}}
    assert len(rsps.calls) == 2


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_idempotent_retried_with_backoff_then_succeeds(
    rsps: responses.RequestsMock, fake_time: FakeTime, status: int
) -> None:
    transport = make_transport(fake_time, max_retries=2, initial_backoff=1.0)
    rsps.get(f"{BASE}/x", status=status)
    rsps.get(f"{BASE}/x", status=status)
    rsps.get(f"{BASE}/x", json={"ok": True})
    assert transport.request("GET", "/x", auth=AUTH).body == {"ok": True}
    # Full jitter with random()=0.5: half of 1s, then half of 2s.
    assert fake_time.sleeps == [0.5, 1.0]


def test_retries_exhausted_raise_last_error(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time, max_retries=2)
    rsps.get(f"{BASE}/x", status=503, json={"errors": [{"detail": "down"}]})
    with pytest.raises(errors.ServerError, match="down"):
        transport.request("GET", "/x", auth=AUTH)
    assert len(rsps.calls) == 3


@pytest.mark.parametrize(
    ("header", "expected"),
    [("3", 3.0), ("0", 0.0), ("120", 30.0), ("Thu, 01 Jan 1970 00:00:10 GMT", 5.0)],
)
def test_retry_after_honoured_and_capped(
    rsps: responses.RequestsMock, fake_time: FakeTime, header: str, expected: float
) -> None:
    retry = RetryPolicy(
        sleep=fake_time.sleep, clock=fake_time.clock, wallclock=lambda: 5.0, random=lambda: 0.0
    )
    transport = Transport(BASE, retry=retry)
    rsps.get(f"{BASE}/x", status=429, headers={"Retry-After": header})
    rsps.get(f"{BASE}/x", json={})
    transport.request("GET", "/x", auth=AUTH)
    assert fake_time.sleeps == [expected]


def test_budget_stops_retrying(rsps: responses.RequestsMock, fake_time: FakeTime) -> None:
    transport = make_transport(fake_time, max_retries=10, budget=10.0)
    rsps.get(f"{BASE}/x", status=429, headers={"Retry-After": "6"})
    with pytest.raises(errors.RateLimitError):
        transport.request("GET", "/x", auth=AUTH)
    assert fake_time.sleeps == [6.0]
    assert len(rsps.calls) == 2


def test_garbled_success_retried_for_get_not_for_post(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time)
    rsps.get(f"{BASE}/x", body="<html>")
    rsps.get(f"{BASE}/x", json={"ok": 1})
    assert transport.request("GET", "/x", auth=AUTH).body == {"ok": 1}
    rsps.post(f"{BASE}/y", status=201, body="{trunc")
    with pytest.raises(errors.OutcomeUnknownError, match="the answer was unreadable") as info:
        transport.request("POST", "/y", auth=AUTH)
    assert info.value.status == 201
    assert isinstance(info.value.__cause__, errors.DecodeError)
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "POST"]


def test_real_refused_connection_is_connect_error(fake_time: FakeTime) -> None:
    with socket.socket() as sock:  # bind then close: the port is free and refuses
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    retry = RetryPolicy(sleep=fake_time.sleep, clock=fake_time.clock, max_retries=1)
    transport = Transport(f"http://127.0.0.1:{port}", retry=retry)
    with pytest.raises(errors.ConnectError) as info:
        transport.request("POST", "/v2/routes", auth=AUTH, json={})
    assert type(info.value) is errors.ConnectError
    assert len(fake_time.sleeps) == 1  # refused before sending: safe to retry even a POST


def test_timeouts_always_applied(rsps: responses.RequestsMock, fake_time: FakeTime) -> None:
    transport = make_transport(fake_time)
    seen: list[Any] = []

    def callback(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        return 200, {}, "{}"

    rsps.add_callback("GET", f"{BASE}/x", callback=callback)
    original = rsps._on_request

    def spy(adapter: Any, request: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("timeout"))
        return original(adapter, request, **kwargs)

    rsps._on_request = spy  # type: ignore[method-assign]
    transport.request("GET", "/x", auth=AUTH)
    assert seen == [(3.0, 7.0)]


@pytest.mark.parametrize("timeout", [0, -1, (1.0,), (1.0, 0), "5", True])
def test_bad_timeout_is_configuration_error(timeout: Any) -> None:
    with pytest.raises(errors.ConfigurationError, match="timeout"):
        Transport(BASE, timeout=timeout)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [("+12065550100", "%2B12065550100"), ("a b/c", "a%20b%2Fc"), (12065550100, "12065550100")],
)
def test_path_param_escapes_plus_slash_and_space(value: object, escaped: str) -> None:
    assert path_param(value) == escaped


def test_debug_log_has_no_secret(
    rsps: responses.RequestsMock, fake_time: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    transport = make_transport(fake_time)
    caplog.set_level(logging.DEBUG, logger="flowroute")
    rsps.get(f"{BASE}/x", status=503)
    rsps.get(f"{BASE}/x", json={})
    transport.request("GET", "/x", auth=AUTH)
    messages = [r.getMessage() for r in caplog.records]
    assert any("-> 503 (attempt 1)" in m for m in messages)
    assert any("-> 200 (attempt 2)" in m for m in messages)
    text = "\n".join(messages)
    assert "top-secret-value" not in text
    assert AUTH._header not in text


def test_log_filter_redacts_authorization_values(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="flowroute")
    logging.getLogger("flowroute").debug("header %s sig %s", AUTH._header, "ab" * 20)
    message = caplog.records[-1].getMessage()
    assert message == "header Basic [redacted] sig [redacted]"


def test_request_body_json_is_compact_and_exact(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    transport = make_transport(fake_time)
    payload = {"data": {"type": "route", "id": "0"}}
    rsps.patch(f"{BASE}/x", status=204)
    transport.request("PATCH", "/x", auth=AUTH, json=payload)
    assert json.loads(rsps.calls[0].request.body) == payload


NOT_FOUND = {"errors": [{"detail": "not on this account", "status": 404}]}


@pytest.mark.parametrize(
    ("first", "outcome"),
    [
        # The first attempt may have deleted it: a 404 on the retry means done.
        (requests.ReadTimeout("lost"), None),
        ({"status": 504}, None),
        # Nothing was deleted by a refused connection or a 503: the 404 is real.
        (refused(), errors.NotFoundError),
        ({"status": 503}, errors.NotFoundError),
    ],
    ids=["read-timeout", "504", "refused", "503"],
)
def test_a_retried_delete_that_finds_nothing_succeeds_only_if_it_may_have_worked(
    rsps: responses.RequestsMock, fake_time: FakeTime, first: Any, outcome: Any
) -> None:
    transport = make_transport(fake_time)
    url = f"{BASE}/v2/numbers/12065550100"
    if isinstance(first, dict):
        rsps.delete(url, **first)
    else:
        rsps.delete(url, body=first)
    rsps.delete(url, status=404, json=NOT_FOUND)
    if outcome is None:
        assert transport.request("DELETE", "/v2/numbers/12065550100", auth=AUTH).body is None
    else:
        with pytest.raises(outcome):
            transport.request("DELETE", "/v2/numbers/12065550100", auth=AUTH)
    assert len(rsps.calls) == 2


def test_a_delete_answered_404_at_once_is_not_found(
    rsps: responses.RequestsMock, fake_time: FakeTime
) -> None:
    rsps.delete(f"{BASE}/v2/numbers/12065550100", status=404, json=NOT_FOUND)
    with pytest.raises(errors.NotFoundError, match="not on this account"):
        make_transport(fake_time).request("DELETE", "/v2/numbers/12065550100", auth=AUTH)
    assert len(rsps.calls) == 1


def test_a_body_over_the_cap_is_refused_not_retried(rsps: responses.RequestsMock) -> None:
    retry = RetryPolicy(sleep=lambda _: None)
    transport = Transport(BASE, retry=retry, max_response_bytes=1000)
    rsps.get(f"{BASE}/x", body=b" " * 1001)
    rsps.post(f"{BASE}/y", status=201, body=b" " * 1001)
    with pytest.raises(errors.ResponseTooLargeError, match="max_response_bytes=1000"):
        transport.request("GET", "/x", auth=AUTH)
    with pytest.raises(errors.OutcomeUnknownError) as info:
        transport.request("POST", "/y", auth=AUTH)
    assert isinstance(info.value.__cause__, errors.ResponseTooLargeError)
    assert len(rsps.calls) == 2
    rsps.replace("GET", f"{BASE}/x", body=b" " * 1000)
    assert transport.request("GET", "/x", auth=AUTH).body is None  # at the cap: fine
