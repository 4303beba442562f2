"""Configuration never leaks or overflows: URLs, secrets, timeouts, limits, arguments.

Each bad setting is a `ConfigurationError` at construction that does not
echo what it refused; each bad argument a `ValidationError` with nothing
sent; never an `OverflowError`, a bare `ValueError` or another number bought.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
import responses

import flowroute
from flowroute import RetryPolicy, errors
from flowroute._auth import BasicAuth, V1Signature, v1_message

ACCESS_KEY = "AK-config-account-1234"
SECRET_KEY = "SK-config-secret-hunter2"
API = "https://api.flowroute.com"


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.mark.parametrize(
    "url",
    [
        "https://user:hunter2@api.flowroute.com",
        "https://:hunter2@api.flowroute.com",
        "http://user:hunter2@127.0.0.1:8080",
        "https://api.flowroute.com/?token=hunter2",
        "https://api.flowroute.com/v2#hunter2",
    ],
)
def test_a_base_url_carrying_secrets_is_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(errors.ConfigurationError, match="credentials, a query") as info:
        flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=url)
    assert "hunter2" not in str(info.value)
    assert "hunter2" not in repr(info.value)


@pytest.mark.parametrize(
    "url", ["https://api.flowroute.com:99999", "http://[::1", "https://[nonsense]/", 12]
)
def test_a_malformed_base_url_is_a_configuration_error(url: Any) -> None:
    with pytest.raises(errors.ConfigurationError, match="base_url must be an http"):
        flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=url)


def test_plain_http_to_another_host_needs_the_explicit_opt_in(
    rsps: responses.RequestsMock,
) -> None:
    url = "http://emulator:8080"
    with pytest.raises(errors.ConfigurationError, match="allow_insecure_http=True"):
        flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=url)
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=url, allow_insecure_http=True)
    rsps.get(f"{url}/v2/routes", json={"data": []})
    assert client.v2.routes.list_inbound_routes().items == []
    assert rsps.calls[0].request.url == f"{url}/v2/routes"


def _strings(value: Any, seen: set[int]) -> Iterator[str]:
    """Every string reachable through attributes, containers and reprs, skipping auth objects."""
    if id(value) in seen or isinstance(value, (BasicAuth, V1Signature)):
        return
    seen.add(id(value))
    if isinstance(value, (str, bytes)):
        yield value if isinstance(value, str) else value.decode("latin-1")
        return
    yield repr(value)
    if isinstance(value, dict):
        items: list[Any] = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        items = list(getattr(value, "__dict__", {}).values())
    for item in items:
        yield from _strings(item, seen)


def test_no_secret_is_kept_outside_the_auth_objects(rsps: responses.RequestsMock) -> None:
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY)
    rsps.get(f"{API}/v2/routes", json={"data": []})
    client.v2.routes.list_inbound_routes()  # the namespaces and auth are built by now
    token = BasicAuth(ACCESS_KEY, SECRET_KEY)._header.split()[1]
    found = [
        s
        for s in _strings([vars(client), vars(client._transport)], set())
        if SECRET_KEY in s or token in s
    ]
    assert found == []
    assert isinstance(client._v2_auth(), BasicAuth)  # it is there, only there


@pytest.mark.parametrize(
    "settings",
    [
        {"timeout": float("inf")},
        {"timeout": float("nan")},
        {"timeout": 86_401},
        {"timeout": 1e300},
        {"timeout": (5.0, float("inf"))},
        {"timeout": (float("nan"), 5.0)},
        {"timeout": True},
        {"timeout": "30"},
        {"timeout": (1.0, 2.0, 3.0)},
        {"max_response_bytes": 0},
        {"max_response_bytes": 1.5},
        {"max_response_bytes": True},
        {"retry_policy": "later"},
    ],
)
def test_absurd_settings_are_configuration_errors(settings: dict[str, Any]) -> None:
    with pytest.raises(errors.ConfigurationError):
        flowroute.Client(ACCESS_KEY, SECRET_KEY, **settings)


@pytest.mark.parametrize("timeout", [SECRET_KEY, (5.0, SECRET_KEY)])
def test_a_timeout_given_a_key_by_mistake_is_refused_without_echoing_it(timeout: Any) -> None:
    with pytest.raises(errors.ConfigurationError, match="timeout must be seconds") as info:
        flowroute.Client(ACCESS_KEY, SECRET_KEY, timeout=timeout)
    assert SECRET_KEY not in str(info.value) and "str" in str(info.value)


@pytest.mark.parametrize("name", ["initial_backoff", "max_backoff", "retry_after_cap", "budget"])
@pytest.mark.parametrize("value", [float("inf"), float("nan"), -1.0, 1e12, "1"])
def test_absurd_retry_settings_are_configuration_errors(name: str, value: Any) -> None:
    with pytest.raises(errors.ConfigurationError, match=name):
        RetryPolicy(**{name: value})


NOW = datetime.timezone(datetime.timedelta(hours=5))
WEST = datetime.timezone(datetime.timedelta(hours=-5))
BAD_ARGUMENTS = [
    ("id", lambda c: c.v2.numbers.purchase_a_phone_number(-12012421208)),
    ("id", lambda c: c.v2.numbers.purchase_a_phone_number("-12012421208")),
    ("id", lambda c: c.v2.numbers.purchase_a_phone_number(10**5000)),
    ("id", lambda c: c.v2.numbers.purchase_a_phone_number(120124212080)),
    ("number", lambda c: c.v1.telephone_numbers.purchase("METERED", -12012421208)),
    ("limit", lambda c: c.v2.numbers.list_account_phone_numbers(limit="9" * 5000)),
    ("limit", lambda c: c.v2.numbers.list_account_phone_numbers(limit=10**5000)),
    (
        "start_date",
        lambda c: c.v2.messages.look_up_a_set_of_messages(datetime.datetime(1, 1, 1, tzinfo=NOW)),
    ),
    (
        "start_date",
        lambda c: c.v2.messages.look_up_a_set_of_messages(
            datetime.datetime(9999, 12, 31, 23, tzinfo=WEST)
        ),
    ),
    ("start_date", lambda c: c.v2.messages.look_up_a_set_of_messages("0000-01-01")),
]


@pytest.mark.parametrize(("argument", "call"), BAD_ARGUMENTS)
def test_signed_overlong_or_out_of_range_arguments_are_validation_errors(
    rsps: responses.RequestsMock, argument: str, call: Any
) -> None:
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY)
    with pytest.raises(errors.ValidationError) as info:
        call(client)
    assert info.value.argument == argument
    assert len(str(info.value)) < 400
    assert len(rsps.calls) == 0


def test_v1_401_says_to_check_the_secret_and_the_clock(rsps: responses.RequestsMock) -> None:
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=RetryPolicy(max_retries=0))
    rsps.get(f"{API}/v1/tns/", status=401, json={"error": "Unauthorized"})
    rsps.get(f"{API}/v2/routes", status=401, json={"errors": [{"detail": "Unauthorized"}]})
    with pytest.raises(errors.AuthenticationError) as v1:
        client.v1.telephone_numbers.list_account_telephone_numbers()
    assert "check the secret key, and this machine's clock" in str(v1.value)
    assert v1.value.hint is not None
    with pytest.raises(errors.AuthenticationError) as v2:
        client.v2.routes.list_inbound_routes()
    assert "clock" not in str(v2.value)  # v2 signs nothing with the time


def test_v1_signing_works_where_fips_forbids_md5_for_security(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_md5 = hashlib.md5

    def fips_md5(data: bytes = b"", *, usedforsecurity: bool = True) -> Any:
        if usedforsecurity:
            raise ValueError("[digital envelope routines] unsupported")  # as OpenSSL in FIPS mode
        return real_md5(data, usedforsecurity=False)

    monkeypatch.setattr(hashlib, "md5", fips_md5)
    message = v1_message("2024-01-01T00:00:00", "PATCH", f"{API}/v1/tns/1", b'{"a":1}')
    assert real_md5(b'{"a":1}').hexdigest() in message
