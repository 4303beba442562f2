"""Fault injection through both front doors: what the client sees, and whether the state changed."""

from __future__ import annotations

import socket
import threading
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
import urllib3

import flowroute
from flowroute import errors
from flowroute.emulator import Emulator, Fault
from flowroute.emulator._fault_specs import parse_specs

from .conftest import Api, FakeClock

ROUTE_BODY = {
    "data": {
        "type": "route",
        "attributes": {"route_type": "host", "value": "pbx.example.com", "alias": "pbx"},
    }
}


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def emulator(clock: FakeClock, sleeps: list[float]) -> Emulator:
    return Emulator(seed=0, clock=clock, sleep=sleeps.append)


def buy_request(api: Api) -> tuple[str, str]:
    number = api.first_available()
    return number, f"{api.url}/v2/numbers/{number}"


# -- status, html ---------------------------------------------------------------


def test_status_fault_strikes_the_next_matching_requests(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.status(503, retry_after=1), method="GET", path="/v2/numbers", times=2)
    first, second = api.get("/v2/numbers"), api.get("/v2/numbers")
    other = api.get("/v2/routes")
    third = api.get("/v2/numbers")
    assert [first.status_code, second.status_code, other.status_code, third.status_code] == [
        503,
        503,
        200,
        200,
    ]
    assert first.headers["Retry-After"] == "1"
    assert first.headers["Content-Type"] == "application/vnd.api+json"
    error = first.json()["errors"][0]
    assert (error["status"], error["detail"]) == (503, "injected fault: 503 Service Unavailable")
    assert [e.fault for e in emulator.requests] == ["status", "status", None, None]
    assert emulator.requests[0].status == 503
    assert emulator.requests[0].response == first.json()


def test_status_fault_leaves_the_state_unchanged(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.status(500), method="POST", times=1)
    number, url = buy_request(api)
    assert api.session.post(url).status_code == 500
    assert number not in emulator.state.account
    assert api.session.post(url).status_code == 201
    assert list(emulator.state.account) == [number]


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("slow down", "text/plain; charset=utf-8", b"slow down"),
        (b"\x00raw", "text/plain; charset=utf-8", b"\x00raw"),
        ({"errors": [{"detail": "custom"}]}, "application/vnd.api+json", None),
    ],
)
def test_status_fault_bodies(
    api: Api, emulator: Emulator, body: Any, content_type: str, expected: Any
) -> None:
    emulator.inject(Fault.status(429, body=body))
    response = api.get("/v2/routes")
    assert response.status_code == 429
    assert response.headers["Content-Type"] == content_type
    assert "Retry-After" not in response.headers
    if expected is None:
        assert response.json() == body
    else:
        assert response.content == expected


def test_html_fault_answers_an_html_page(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.html(), method="POST", path="/v2/routes")
    response = api.post("/v2/routes", ROUTE_BODY)
    assert response.status_code == 502
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.text.startswith("<html>") and "502 Bad Gateway" in response.text
    assert [r.id for r in emulator.state.routes()] == ["0"]
    assert emulator.requests[-1].fault == "html"
    assert emulator.requests[-1].response == response.text


# -- matching, counting, probability ---------------------------------------------


def test_path_patterns_and_methods(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.status(418), method="get", path="/v2/numbers/*")
    assert api.get("/v2/numbers").status_code == 200
    assert api.get("/v2/numbers/available").status_code == 418
    assert api.get("/v2/numbers/12065550100/relationships/x").status_code == 418
    assert api.delete("/v2/numbers/12065550100").status_code == 404  # another method
    assert api.get("/v2/routes").status_code == 200


def test_probability_is_deterministic_for_a_seed(api: Api, emulator: Emulator) -> None:
    def pattern(seed: int) -> list[int]:
        emulator.reset()
        emulator.inject(Fault.status(503), probability=0.3, seed=seed)
        return [api.get("/v2/routes").status_code for _ in range(40)]

    first, again, other = pattern(7), pattern(7), pattern(8)
    assert first == again
    assert first != other
    assert 0 < first.count(503) < 40
    assert set(first) == {200, 503}


def test_probability_and_times_together(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.status(503), probability=0.5, seed=3, times=2)
    statuses = [api.get("/v2/routes").status_code for _ in range(30)]
    assert statuses.count(503) == 2


def test_rules_apply_in_order_and_latencies_add_up(
    api: Api, emulator: Emulator, sleeps: list[float]
) -> None:
    emulator.inject(Fault.latency(0.25), times=2)
    emulator.inject(Fault.latency(1))
    emulator.inject(Fault.status(503), times=1)
    emulator.inject(Fault.status(429), times=1)
    first, second, third = (api.get("/v2/routes") for _ in range(3))
    assert [first.status_code, second.status_code, third.status_code] == [503, 429, 200]
    assert sleeps == [1.25, 1.25, 1.0]
    logged = [(e.fault, e.delay, e.status) for e in emulator.requests]
    assert logged == [("status", 1.25, 503), ("status", 1.25, 429), ("latency", 1.0, 200)]


def test_clear_faults_and_reset(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.status(503))
    assert api.get("/v2/routes").status_code == 503
    emulator.clear_faults()
    assert api.get("/v2/routes").status_code == 200
    assert len(emulator.requests) == 2
    emulator.inject(Fault.status(503))
    emulator.reset()
    assert api.get("/v2/routes").status_code == 200


# -- faults after the service handled the request ---------------------------------


def test_latency_delays_then_handles(api: Api, emulator: Emulator, sleeps: list[float]) -> None:
    emulator.inject(Fault.latency(2.5), method="POST")
    number, url = buy_request(api)
    assert api.session.post(url).status_code == 201
    assert sleeps == [2.5]
    assert number in emulator.state.account
    assert (emulator.requests[-1].fault, emulator.requests[-1].delay) == ("latency", 2.5)


def test_refuse_never_reaches_the_service(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.refuse(), method="POST", times=1)
    number, url = buy_request(api)
    with pytest.raises(requests.ConnectionError) as caught:
        api.session.post(url)
    if api.door == "mock":  # the error of a connection that could not be made
        reason = caught.value.args[0].reason
        assert isinstance(reason, urllib3.exceptions.NewConnectionError)
    assert number not in emulator.state.account
    refused = emulator.requests[-1]
    assert (refused.fault, refused.status, refused.response) == ("refuse", None, None)
    assert api.session.post(url).status_code == 201


def test_drop_handles_then_closes(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.drop(), method="POST", times=1)
    number, url = buy_request(api)
    with pytest.raises(requests.ConnectionError) as caught:
        api.session.post(url)
    assert not isinstance(getattr(caught.value.args[0], "reason", None), Exception)
    assert list(emulator.state.account) == [number]
    dropped = emulator.requests[-1]
    assert (dropped.fault, dropped.status) == ("drop", 201)
    assert dropped.response["data"]["id"] == number
    assert api.get("/v2/numbers").status_code == 200  # the next request is served


def test_timeout_handles_then_answers_nothing(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.timeout(), method="POST", times=1)
    number, url = buy_request(api)
    with pytest.raises(requests.ReadTimeout):
        api.session.post(url, timeout=(5, 0.2))
    assert list(emulator.state.account) == [number]
    assert (emulator.requests[-1].fault, emulator.requests[-1].status) == ("timeout", 201)
    assert api.get("/v2/numbers").status_code == 200


def test_leaving_serve_releases_a_held_connection() -> None:
    reached = threading.Event()
    emulator = Emulator(seed=0, sleep=lambda seconds: reached.set())
    emulator.inject(Fault.latency(0.001))
    emulator.inject(Fault.timeout())
    with emulator.serve() as url:
        parts = urlsplit(url)
        conn = socket.create_connection((parts.hostname, parts.port))
        conn.settimeout(5)  # a failure, not a hang, if the server kept holding it
        conn.sendall(b"GET /v2/routes HTTP/1.1\r\nHost: emulator\r\n\r\n")
        assert reached.wait(5)
    with conn:
        assert conn.recv(1) == b""  # closed without a response


def assert_cut_short(response: requests.Response) -> None:
    """The body ends before its Content-Length: urllib3 2 refuses it by default;
    1.26 (what requests 2.28, our floor, installs) only when asked to."""
    response.raw.enforce_content_length = True
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        response.content  # noqa: B018 (reading the body is the point)


def test_truncated_body_is_cut_short(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.truncated(), method="POST", times=1)
    number, url = buy_request(api)
    assert_cut_short(api.session.post(url, stream=True))
    assert list(emulator.state.account) == [number]
    truncated = emulator.requests[-1]
    assert (truncated.fault, truncated.status) == ("truncated", 201)
    assert truncated.response["data"]["id"] == number
    assert api.get("/v2/numbers").status_code == 200


def test_truncated_empty_response_becomes_a_cut_200(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    emulator.inject(Fault.truncated(), method="PATCH")
    path = f"/v2/numbers/{number}/relationships/failover_route"
    body = {"data": {"type": "route", "id": "0"}}
    assert_cut_short(api.session.patch(api.url + path, json=body, stream=True))
    assert emulator.state.account[number].failover_route_id == "0"


def test_malformed_json_handles_then_garbles(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.malformed_json(), method="POST", times=1)
    number, url = buy_request(api)
    response = api.session.post(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vnd.api+json"
    with pytest.raises(ValueError):
        response.json()
    assert list(emulator.state.account) == [number]
    garbled = emulator.requests[-1]
    assert (garbled.fault, garbled.status, garbled.response) == (
        "malformed_json",
        200,
        response.text,
    )


def test_log_never_keeps_secret_headers(api: Api, emulator: Emulator) -> None:
    emulator.inject(Fault.status(503), times=1)
    api.session.get(f"{api.url}/v2/routes", headers={"Cookie": "s=1", "X-Timestamp": "t"})
    api.session.get(f"{api.url}/v2/routes", headers={"Proxy-Authorization": "Basic eDp5"})
    for entry in emulator.requests:
        assert not {"authorization", "cookie", "proxy-authorization"} & set(entry.headers)
    assert emulator.requests[0].headers["x-timestamp"] == "t"


# -- the client's view: nothing performed twice -----------------------------------


@pytest.fixture
def client(api: Api, emulator: Emulator, sleeps: list[float]) -> flowroute.Client:
    policy = flowroute.RetryPolicy(max_retries=2, sleep=sleeps.append, random=lambda: 0.0)
    return flowroute.Client(
        emulator.access_key, emulator.secret_key, base_url=api.url, retry_policy=policy
    )


def test_client_retries_a_refused_post_and_buys_once(
    api: Api, client: flowroute.Client, emulator: Emulator
) -> None:
    number = api.first_available()
    emulator.inject(Fault.refuse(), method="POST", times=1)
    if api.door == "serve":  # over a socket a refusal looks like a drop: not retried
        with pytest.raises(errors.OutcomeUnknownError) as info:
            client.v2.numbers.purchase_a_phone_number(number)
        assert isinstance(info.value.__cause__, errors.ReadError)
        assert number not in emulator.state.account
        return
    assert client.v2.numbers.purchase_a_phone_number(number).id == number
    assert list(emulator.state.account) == [number]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.drop(), errors.ReadError),
        (Fault.timeout(), errors.ReadTimeout),
        (Fault.truncated(), errors.ReadError),
        (Fault.malformed_json(), errors.DecodeError),
    ],
)
def test_client_never_repeats_a_handled_post(
    api: Api, emulator: Emulator, sleeps: list[float], fault: Fault, error: type[Exception]
) -> None:
    policy = flowroute.RetryPolicy(sleep=sleeps.append, random=lambda: 0.0)
    keys = (emulator.access_key, emulator.secret_key)
    client = flowroute.Client(*keys, base_url=api.url, retry_policy=policy, timeout=(5, 0.2))
    number = api.first_available()
    emulator.inject(fault, method="POST")
    with pytest.raises(errors.OutcomeUnknownError, match="the number may have been bought") as info:
        client.v2.numbers.purchase_a_phone_number(number)
    assert isinstance(info.value.__cause__, error)
    assert list(emulator.state.account) == [number]
    assert [e.method for e in emulator.requests].count("POST") == 1


# -- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Fault.status(99), "status must be an int from 200 to 599"),
        (lambda: Fault.status(True), "status must be an int"),
        (lambda: Fault.status(503, retry_after=[1]), "retry_after must be"),
        (lambda: Fault.html(700), "status must be"),
        (lambda: Fault.latency(-1), "seconds must be a finite number >= 0"),
        (lambda: Fault.latency("1"), "seconds must be"),
        (lambda: Fault.latency(float("nan")), "seconds must be a finite"),
        (lambda: Fault.latency(float("inf")), "seconds must be a finite"),
        (lambda: Fault.status(503, retry_after=float("nan")), "retry_after must be"),
        (lambda: Fault.status(503, retry_after=-5), "retry_after must be"),
        (lambda: Fault.status(503, body={1, 2}), "JSON-serialisable"),
    ],
)
def test_fault_arguments_are_checked(make: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"times": 0}, "times must be an int >= 1"),
        ({"times": 1.5}, "times must be"),
        ({"probability": 1.5}, "probability must be a number from 0 to 1"),
        ({"probability": True}, "probability must be"),
        ({"method": "G T"}, "method must be an HTTP method"),
        ({"path": "v2/numbers"}, "path must be a path pattern"),
        ({"seed": "7"}, "seed must be an int"),
    ],
)
def test_rule_arguments_are_checked(emulator: Emulator, rule: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        emulator.inject(Fault.drop(), **rule)


def test_inject_needs_a_fault(emulator: Emulator) -> None:
    with pytest.raises(TypeError, match="fault must be a Fault"):
        emulator.inject("drop")  # type: ignore[arg-type]


def test_fault_specs_as_data() -> None:
    specs = parse_specs(
        [
            {"fault": "status", "status": 503, "retry_after": 1, "method": "GET", "times": 2},
            {"fault": "html", "path": "/v2/*", "probability": 0.1, "seed": 1},
            {"fault": "latency", "seconds": 0.5},
            {"fault": "drop"},
        ]
    )
    assert specs == [
        (Fault.status(503, retry_after=1), {"method": "GET", "times": 2}),
        (Fault.html(502), {"path": "/v2/*", "probability": 0.1, "seed": 1}),
        (Fault.latency(0.5), {}),
        (Fault.drop(), {}),
    ]
    assert [fault.handled for fault, _ in specs] == [False, False, True, True]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fault": "drop"}, "expected a list of fault objects, got dict"),
        (["drop"], "entry 0: expected an object, got str"),
        ([{"status": 503}], "entry 0: 'fault' must be one of drop, html, latency, "),
        ([{"fault": "drop"}, {"fault": "status"}], "entry 1: a status fault needs 'status'"),
        ([{"fault": "drop", "status": 503}], "entry 0: unknown key 'status' for a drop fault"),
        ([{"fault": "status", "status": "503"}], "entry 0: status must be an int"),
        ([{"fault": "drop", "times": -1}], "entry 0: times must be an int >= 1"),
    ],
)
def test_fault_specs_errors_name_the_entry(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_specs(data)
