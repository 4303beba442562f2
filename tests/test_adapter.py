"""APIAdapter: requests' adapter minus per-call lookups, with requests' behaviour kept."""

from __future__ import annotations

import http.server
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from requests.adapters import HTTPAdapter

import flowroute
from flowroute._adapter import APIAdapter, settings_for, split_origin

from .reliability.hostile import Hostile, answer

KEYS = ("access-key-1234", "secret-key-5678")
NUMBER = (
    b'{"data": {"type": "number", "id": "12065550100", "attributes": {"value": "12065550100"}}}'
)
# The method requests' adapter looks the pool up with: renamed in requests 2.32.2.
LOOKUP = (
    "get_connection_with_tls_context"
    if hasattr(HTTPAdapter, "get_connection_with_tls_context")
    else "get_connection"
)

segments = st.text(alphabet="abcXYZ019-._~%+:@!$&'()*,;=", min_size=0, max_size=8)
queries = st.text(alphabet="abc019=&%+/:?@", min_size=1, max_size=12)


@given(
    scheme=st.sampled_from(["http", "https"]),
    host=st.sampled_from(["127.0.0.1", "api.flowroute.com", "[::1]", "localhost"]),
    port=st.sampled_from(["", ":8080", ":443"]),
    path=st.lists(segments, min_size=1, max_size=4),
    query=st.one_of(st.none(), queries),
)
def test_split_origin_cuts_the_path_requests_would_send(
    scheme: str, host: str, port: str, path: list[str], query: Optional[str]
) -> None:
    origin = f"{scheme}://{host}{port}"
    url = origin + "/" + "/".join(path) + (f"?{query}" if query else "")
    request = requests.PreparedRequest()
    request.url = url
    assert split_origin(url) == (origin, request.path_url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1",  # no path
        "http://127.0.0.1?a=/b",  # a query before any path
        "http://127.0.0.1/a#frag",  # a fragment is never sent
        "http://127.0.0.1/a?",  # an empty query: requests drops the "?"
        "http://user:pa%2Fss@127.0.0.1/a",  # a user name: requests parses it out
        "not a url",
    ],
)
def test_split_origin_leaves_odd_urls_to_requests(url: str) -> None:
    assert split_origin(url) is None


class Counting:
    """Counts the calls that reach requests' own implementation of a method."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.calls = 0
        original = getattr(HTTPAdapter, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(HTTPAdapter, name, counted)


def number_details(url: str) -> Any:
    with flowroute.Client(*KEYS, base_url=url) as client:
        return [
            client.v2.numbers.with_raw_response.list_phone_number_details("12065550100")
            for _ in range(3)
        ]


def test_the_pool_is_looked_up_and_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    lookups = Counting(monkeypatch, LOOKUP)
    checks = Counting(monkeypatch, "cert_verify")
    headers = "X-Request-Id: req-9\r\nContent-Type: application/vnd.api+json\r\n"
    with Hostile(answer("200 OK", NUMBER, headers)) as url:
        raws = number_details(url)
    assert (lookups.calls, checks.calls) == (1, 1)
    assert [(r.status, r.request_id, r.headers["x-request-id"]) for r in raws] == [
        (200, "req-9", "req-9")
    ] * 3  # urllib3's headers, case-insensitive as requests' are


def test_a_pool_the_manager_closed_is_looked_up_again(monkeypatch: pytest.MonkeyPatch) -> None:
    lookups = Counting(monkeypatch, LOOKUP)
    with Hostile(answer("200 OK", NUMBER)) as url:
        client = flowroute.Client(*KEYS, base_url=url)
        client.v2.numbers.list_phone_number_details("12065550100")
        adapter = client._transport.session.get_adapter(url)
        assert isinstance(adapter, APIAdapter)
        # What evicting it from the manager's ten pools does (urllib3 1.26 also closes it).
        pools = list(adapter._pools.values())
        adapter.poolmanager.clear()
        for pool in pools:
            pool.close()
        number = client.v2.numbers.list_phone_number_details("12065550100")
    assert (number.id, lookups.calls) == ("12065550100", 2)


def test_a_proxy_from_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = Hostile(answer("200 OK", NUMBER))
    with proxy as proxy_url:
        monkeypatch.setenv("HTTP_PROXY", proxy_url)
        client = flowroute.Client(
            *KEYS, base_url="http://api.example.test", allow_insecure_http=True
        )
        number = client.v2.numbers.list_phone_number_details("12065550100")
    assert number.id == "12065550100"
    # The absolute form of the request line: the proxy was asked, not the host.
    assert proxy.requests == ["GET http://api.example.test/v2/numbers/12065550100 HTTP/1.1"]


def test_a_callers_adapter_gets_requests_case_insensitive_headers() -> None:
    seen: list[str] = []

    class Recording(HTTPAdapter):
        def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
            seen.append(request.headers["authorization"])  # any case, as requests allows
            return super().send(request, **kwargs)

    session = requests.Session()
    session.mount("http://", Recording())
    with Hostile(answer("200 OK", NUMBER)) as url:
        client = flowroute.Client(*KEYS, base_url=url, session=session)
        client.v2.numbers.list_phone_number_details("12065550100")
    assert seen == ["Basic YWNjZXNzLWtleS0xMjM0OnNlY3JldC1rZXktNTY3OA=="]


TLS = Path(__file__).parent / "data" / "tls"


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(NUMBER)))
        self.end_headers()
        self.wfile.write(NUMBER)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def tls_url() -> Iterator[str]:
    """An HTTPS server on loopback, its certificate signed by tests/data/tls/ca.pem."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "server.pem", TLS / "server.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("trusted", [True, False])
def test_the_certificate_is_verified_on_every_call(
    tls_url: str, trusted: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pool is remembered after the first call: the check must not be.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "ca.pem" if trusted else certifi_bundle()))
    client = flowroute.Client(
        *KEYS, base_url=tls_url, retry_policy=flowroute.RetryPolicy(max_retries=0)
    )
    for _ in range(2):
        if trusted:
            assert client.v2.numbers.list_phone_number_details("12065550100").id == "12065550100"
        else:
            with pytest.raises(flowroute.errors.ConnectError, match="TLS handshake failed"):
                client.v2.numbers.list_phone_number_details("12065550100")


def certifi_bundle() -> str:
    from requests.utils import DEFAULT_CA_BUNDLE_PATH

    return str(DEFAULT_CA_BUNDLE_PATH)


@pytest.mark.parametrize("own_session", [True, False])
def test_a_missing_ca_bundle_is_a_configuration_error(
    tls_url: str, own_session: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca.pem")
    session = None if own_session else requests.Session()
    client = flowroute.Client(*KEYS, base_url=tls_url, session=session)
    with pytest.raises(flowroute.errors.ConfigurationError, match=r"/nonexistent/ca\.pem"):
        client.v2.numbers.list_phone_number_details("12065550100")


def test_pools_of_many_origins_are_not_all_kept() -> None:
    adapter = APIAdapter()
    for port in range(1000, 1025):
        request = requests.PreparedRequest()
        request.prepare(method="GET", url=f"https://storage.example.test:{port}/export.csv")
        if LOOKUP == "get_connection":
            pool = adapter.get_connection(request.url or "")
        else:
            pool = adapter.get_connection_with_tls_context(request, True)
        adapter.cert_verify(pool, request.url or "", True, None)
    # As many as requests' pool manager keeps (ten): later ones are looked up again.
    assert len(adapter._pools) <= 10
    assert len(adapter._verified) <= 10


PROXY_AND_TLS_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
)


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"REQUESTS_CA_BUNDLE": "/etc/ca/a.pem"},
        {"CURL_CA_BUNDLE": "/etc/ca/curl.pem"},
        {"REQUESTS_CA_BUNDLE": "/etc/ca/a.pem", "CURL_CA_BUNDLE": "/etc/ca/curl.pem"},
        {"HTTPS_PROXY": "http://proxy.example.test:3128"},
        {"https_proxy": "http://proxy.example.test:3128", "NO_PROXY": "api.flowroute.com"},
        {"all_proxy": "socks5://proxy.example.test:1080", "CURL_CA_BUNDLE": "/etc/ca/b.pem"},
        {"no_proxy": "*"},
    ],
)
def test_settings_are_what_requests_resolves_from_the_environment(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in PROXY_AND_TLS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    url = "https://api.flowroute.com"
    expected = requests.Session().merge_environment_settings(url, {}, False, None, None)

    verify, cert, proxies = settings_for(requests.Session(), url, own=True)

    assert (verify, cert, dict(proxies)) == (
        expected["verify"],
        expected["cert"],
        dict(expected["proxies"]),
    )
