"""The Client: credentials and configuration, one pool for v1 and v2, retries and logs.

Transport behaviour (every retry rule, failure mapping, escaping) is tested
in test_transport.py; here only what a Client adds or wires up.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from typing import Any, Callable

import pytest
import requests
import responses

import flowroute
from flowroute import RetryPolicy, errors

ACCESS_KEY = "AK-first-account-7f3a"
SECRET_KEY = "SK-very-secret-value-91"
API = "https://api.flowroute.com"
AREA_CODES = "/v2/numbers/available/areacodes"


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def no_retry_client(*args: Any, **kwargs: Any) -> flowroute.Client:
    return flowroute.Client(*args, retry_policy=RetryPolicy(max_retries=0), **kwargs)


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


class Sleeps:
    """An injected sleep and clock: records each wait, never waits."""

    def __init__(self) -> None:
        self.now = 0.0
        self.delays: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


# --- credentials ---------------------------------------------------------


@pytest.mark.parametrize(
    ("access_key", "secret_key", "named", "not_named"),
    [
        (None, None, ["FR_ACCESS_KEY", "FR_SECRET_KEY"], []),
        (ACCESS_KEY, None, ["FR_SECRET_KEY"], ["FR_ACCESS_KEY"]),
        (None, SECRET_KEY, ["FR_ACCESS_KEY"], ["FR_SECRET_KEY"]),
        ("", "", ["FR_ACCESS_KEY", "FR_SECRET_KEY"], []),
    ],
)
def test_missing_credentials_fail_at_the_first_call_naming_the_variables(
    rsps: responses.RequestsMock,
    access_key: Any,
    secret_key: Any,
    named: list[str],
    not_named: list[str],
) -> None:
    client = no_retry_client(access_key, secret_key)  # constructing is fine
    numbers = client.v2.numbers  # so is reaching a controller
    repr(client)

    with pytest.raises(errors.ConfigurationError) as caught:
        numbers.list_account_phone_numbers()

    message = str(caught.value)
    assert all(name in message for name in named)
    assert not any(name in message for name in not_named)
    assert SECRET_KEY not in message
    assert len(rsps.calls) == 0


def test_credentials_and_base_url_fall_back_to_the_environment(
    rsps: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FR_ACCESS_KEY", "env-access-key")
    monkeypatch.setenv("FR_SECRET_KEY", "env-secret-key")
    monkeypatch.setenv("FLOWROUTE_BASE_URL", "https://sandbox.example.test/")
    rsps.get("https://sandbox.example.test/v2/routes", json={"data": []})

    client = no_retry_client()
    client.v2.routes.list_inbound_routes()

    assert client.base_url == "https://sandbox.example.test"
    sent = rsps.calls[0].request
    assert sent.headers["Authorization"] == basic("env-access-key", "env-secret-key")


def test_arguments_win_over_the_environment(
    rsps: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FR_ACCESS_KEY", "env-access-key")
    monkeypatch.setenv("FR_SECRET_KEY", "env-secret-key")
    monkeypatch.setenv("FLOWROUTE_BASE_URL", "https://sandbox.example.test")
    rsps.get(f"{API}/v2/routes", json={"data": []})

    no_retry_client(ACCESS_KEY, SECRET_KEY, base_url=API).v2.routes.list_inbound_routes()

    assert rsps.calls[0].request.headers["Authorization"] == basic(ACCESS_KEY, SECRET_KEY)


def test_default_base_url() -> None:
    assert flowroute.Client(ACCESS_KEY, SECRET_KEY).base_url == API


# --- base URL ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://api.flowroute.com",
        "http://10.0.0.8:8080",
        "http://192.168.1.2",
        "http://localhost.example.com",
        "http://127.0.0.1.example.com",
        "ftp://127.0.0.1",
        "api.flowroute.com",
        "https://",
        "https://user:pw@api.flowroute.com",
        "https://api.flowroute.com/?x=1",
    ],
)
def test_unsafe_or_malformed_base_url_is_refused(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(errors.ConfigurationError, match="base_url"):
        flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=url)
    monkeypatch.setenv("FLOWROUTE_BASE_URL", url)
    with pytest.raises(errors.ConfigurationError, match="base_url"):
        flowroute.Client(ACCESS_KEY, SECRET_KEY)


def test_plain_http_refusal_explains_itself() -> None:
    with pytest.raises(errors.ConfigurationError, match="plain HTTP") as caught:
        flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url="http://api.flowroute.com")
    assert SECRET_KEY not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.3.2.1/", "http://127.3.2.1"),
        ("http://localhost", "http://localhost"),
        ("http://LOCALHOST:9000", "http://LOCALHOST:9000"),
        ("http://[::1]:9000/", "http://[::1]:9000"),
        ("https://api.flowroute.com/", "https://api.flowroute.com"),
        ("https://proxy.example.test/flowroute", "https://proxy.example.test/flowroute"),
    ],
)
def test_loopback_http_and_any_https_are_accepted(url: str, kept: str) -> None:
    assert flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=url).base_url == kept


def test_base_url_path_prefix_is_kept(rsps: responses.RequestsMock) -> None:
    rsps.get("https://proxy.example.test/flowroute/v2/routes", json={"data": []})

    client = no_retry_client(
        ACCESS_KEY, SECRET_KEY, base_url="https://proxy.example.test/flowroute/"
    )
    client.v2.routes.list_inbound_routes()

    assert len(rsps.calls) == 1


@pytest.mark.parametrize(
    "settings",
    [
        {"timeout": 0},
        {"timeout": (1.0, -1.0)},
        {"max_retries": -1},
        {"max_retries": 1, "retry_policy": RetryPolicy()},
    ],
)
def test_bad_settings_fail_at_construction(settings: dict[str, Any]) -> None:
    with pytest.raises(errors.ConfigurationError):
        flowroute.Client(ACCESS_KEY, SECRET_KEY, **settings)


# --- secrets stay out of repr and logs -----------------------------------


def test_repr_shows_at_most_the_last_four_characters_of_the_access_key() -> None:
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY)

    shown = repr(client)

    assert "...7f3a" in shown
    assert ACCESS_KEY not in shown and ACCESS_KEY[:-4] not in shown
    assert SECRET_KEY not in shown and "SK-" not in shown
    for part in (client.v1, client.v2, client.v2.numbers, client._v2_auth()):
        assert SECRET_KEY not in repr(part) and ACCESS_KEY not in repr(part)


def test_repr_of_a_short_key_shows_none_of_it() -> None:
    shown = repr(flowroute.Client("abcd1234", SECRET_KEY))
    assert "abcd" not in shown and "1234" not in shown


def test_repr_without_credentials() -> None:
    assert repr(flowroute.Client()) == f"Client(access_key=None, base_url='{API}')"


def test_debug_log_names_each_attempt_without_secrets(
    rsps: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="flowroute")
    sleeps = Sleeps()
    policy = RetryPolicy(sleep=sleeps.sleep, clock=sleeps.clock, random=lambda: 0.0)
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=policy)
    rsps.get(f"{API}{AREA_CODES}", status=503)
    rsps.get(f"{API}{AREA_CODES}", json={"data": []})
    rsps.get(f"{API}/v1/routes/", json={"routes": {}})

    client.v2.numbers.list_available_area_codes(limit=1)
    client.v1.inbound_routes.list()

    records = [r for r in caplog.records if r.name == "flowroute"]
    assert all(r.levelno == logging.DEBUG for r in records)
    lines = [r.getMessage() for r in records]
    assert f"GET {API}{AREA_CODES}?limit=1 -> 503 (attempt 1)" in lines
    assert f"GET {API}{AREA_CODES}?limit=1 -> 200 (attempt 2)" in lines
    text = "\n".join(lines) + caplog.text
    v1_password = base64.b64decode(
        rsps.calls[-1].request.headers["Authorization"].split()[1]
    ).decode()
    for secret in (SECRET_KEY, ACCESS_KEY, basic(ACCESS_KEY, SECRET_KEY), v1_password):
        assert secret not in text


# --- several accounts, one pool per Client -------------------------------


def test_two_clients_in_one_process_send_their_own_credentials(
    rsps: responses.RequestsMock,
) -> None:
    rsps.get(f"{API}/v2/routes", json={"data": []})
    rsps.get(f"{API}/v1/routes/", json={"routes": {}})
    first = no_retry_client(ACCESS_KEY, SECRET_KEY)
    second = no_retry_client("AK-second-account-0b1c", "SK-other-secret-22")

    for client in (first, second, first, second):
        client.v2.routes.list_inbound_routes()
        client.v1.inbound_routes.list()

    sent = [c.request.headers["Authorization"] for c in rsps.calls]
    v2_first, v2_second = (
        basic(ACCESS_KEY, SECRET_KEY),
        basic("AK-second-account-0b1c", "SK-other-secret-22"),
    )
    assert sent[0::2] == [v2_first, v2_second, v2_first, v2_second]
    v1_users = [base64.b64decode(h.split()[1]).decode().split(":")[0] for h in sent[1::2]]
    assert v1_users == [ACCESS_KEY, "AK-second-account-0b1c", ACCESS_KEY, "AK-second-account-0b1c"]


def test_v1_and_v2_share_one_session_and_adapter(
    rsps: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[tuple[requests.Session, object]] = []
    original = requests.Session.get_adapter

    def recording(self: requests.Session, url: str) -> Any:
        adapter = original(self, url)
        used.append((self, adapter))
        return adapter

    monkeypatch.setattr(requests.Session, "get_adapter", recording)
    rsps.get(f"{API}/v2/numbers", json={"data": []})
    rsps.get(f"{API}/v1/tns/", json={"tns": {}})
    client = no_retry_client(ACCESS_KEY, SECRET_KEY)

    client.v2.numbers.list_account_phone_numbers()
    client.v1.telephone_numbers.list_account_telephone_numbers()
    client.v2.numbers.list_account_phone_numbers()

    assert len(used) == 3
    assert len({id(session) for session, _ in used}) == 1
    assert len({id(adapter) for _, adapter in used}) == 1


def test_given_session_is_used_for_both_versions_and_left_open(
    rsps: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = closes_recorded(monkeypatch)
    session = requests.Session()
    calls: list[str] = []
    original = session.get_adapter

    def recording(url: str) -> Any:
        calls.append(url)
        return original(url)

    monkeypatch.setattr(session, "get_adapter", recording)
    rsps.get(f"{API}/v2/routes", json={"data": []})
    rsps.get(f"{API}/v1/routes/", json={"routes": {}})

    with flowroute.Client(ACCESS_KEY, SECRET_KEY, session=session) as client:
        client.v2.routes.list_inbound_routes()
        client.v1.inbound_routes.list()

    assert calls == [f"{API}/v2/routes", f"{API}/v1/routes/"]
    assert closed == []  # the caller owns it
    session.close()


def closes_recorded(monkeypatch: pytest.MonkeyPatch) -> list[requests.Session]:
    """Record every `requests.Session.close` from now on (and still close)."""
    closed: list[requests.Session] = []
    original = requests.Session.close

    def recording(self: requests.Session) -> None:
        closed.append(self)
        original(self)

    monkeypatch.setattr(requests.Session, "close", recording)
    return closed


def test_with_block_closes_the_clients_own_session(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = closes_recorded(monkeypatch)

    with flowroute.Client(ACCESS_KEY, SECRET_KEY) as client:
        assert closed == []
        session = client._transport.session

    assert closed == [session]


def test_with_block_closes_even_when_the_body_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = closes_recorded(monkeypatch)

    with pytest.raises(RuntimeError), flowroute.Client(ACCESS_KEY, SECRET_KEY):
        raise RuntimeError("boom")

    assert len(closed) == 1


# --- retries at the Client level ------------------------------------------


def test_get_retried_on_503_honouring_retry_after(rsps: responses.RequestsMock) -> None:
    sleeps = Sleeps()
    policy = RetryPolicy(max_retries=2, sleep=sleeps.sleep, clock=sleeps.clock, random=lambda: 0.9)
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=policy)
    rsps.get(f"{API}/v2/numbers/12065550100", status=503, headers={"Retry-After": "2"})
    rsps.get(f"{API}/v2/numbers/12065550100", status=503, headers={"Retry-After": "0.25"})
    detail = {
        "data": {"type": "number", "id": "12065550100", "attributes": {"value": "12065550100"}}
    }
    rsps.get(f"{API}/v2/numbers/12065550100", json=detail)

    number = client.v2.numbers.list_phone_number_details("+12065550100")

    assert number.id == "12065550100"
    assert sleeps.delays == [2.0, 0.25]
    assert len(rsps.calls) == 3
    assert {c.request.headers["Authorization"] for c in rsps.calls} == {
        basic(ACCESS_KEY, SECRET_KEY)
    }


def test_max_retries_setting_reaches_the_transport(rsps: responses.RequestsMock) -> None:
    rsps.get(f"{API}/v2/routes", status=503, headers={"Retry-After": "0"})

    with pytest.raises(errors.ServerError):
        flowroute.Client(ACCESS_KEY, SECRET_KEY, max_retries=1).v2.routes.list_inbound_routes()

    assert len(rsps.calls) == 2


POSTS: dict[str, tuple[str, Callable[[flowroute.Client], Any], str]] = {
    "purchase": (
        "/v2/numbers/12065550100",
        lambda c: c.v2.numbers.purchase_a_phone_number("12065550100"),
        "the number may have been bought; list the account's numbers before retrying",
    ),
    "message": (
        "/v2.1/messages",
        lambda c: c.v2.messages.send_a_message(
            {"to": "12065550100", "from": "12065550101", "body": "x"}
        ),
        "the message may have been sent; list the recent messages before retrying",
    ),
    "route": (
        "/v2/routes",
        lambda c: c.v2.routes.create_an_inbound_route(
            {"route_type": "host", "value": "h", "alias": "a"}
        ),
        "the route may have been created; list the routes before retrying",
    ),
}


@pytest.mark.parametrize("name", POSTS)
def test_post_not_resent_after_a_read_timeout(rsps: responses.RequestsMock, name: str) -> None:
    path, call, operation = POSTS[name]
    sleeps = Sleeps()
    policy = RetryPolicy(max_retries=5, sleep=sleeps.sleep, clock=sleeps.clock)
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=policy)
    rsps.post(f"{API}{path}", body=requests.ReadTimeout("read timed out"))

    with pytest.raises(errors.OutcomeUnknownError) as caught:
        call(client)

    assert len(rsps.calls) == 1
    assert sleeps.delays == []
    assert (caught.value.method, caught.value.url) == ("POST", f"{API}{path}")
    assert caught.value.operation == operation
    assert operation in str(caught.value)
    assert isinstance(caught.value.__cause__, errors.ReadTimeout)
    assert isinstance(caught.value.__cause__.__cause__, requests.ReadTimeout)


def test_one_client_shared_by_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from flowroute.emulator import Emulator

    emu = Emulator(seed=0)
    with (
        emu.serve() as url,
        flowroute.Client(emu.access_key, emu.secret_key, base_url=url) as client,
    ):

        def work(i: int) -> list[str]:
            return [r.id for r in client.v2.routes.list_inbound_routes(limit=1 + i % 3).items]

        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(work, range(16)))

    assert results == [["0"]] * 16
    assert len(emu.requests) == 16
