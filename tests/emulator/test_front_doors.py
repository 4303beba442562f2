"""The two front doors: the loopback server and the `responses` mock."""

from __future__ import annotations

import ast
import builtins
import pathlib
import re
import socket
from typing import Any

import pytest
import requests

from flowroute.emulator import Emulator


def auth(emulator: Emulator) -> tuple[str, str]:
    return (emulator.access_key, emulator.secret_key)


def test_serve_yields_a_loopback_url_and_stops_on_exit(emulator: Emulator) -> None:
    with emulator.serve() as url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert requests.get(f"{url}/v2/routes", auth=auth(emulator)).status_code == 200
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port)):
        pass


def test_keep_alive_reuses_one_connection(emulator: Emulator) -> None:
    with emulator.serve() as url, requests.Session() as session:
        session.auth = auth(emulator)
        first = session.get(f"{url}/v2/routes")
        second = session.post(f"{url}/v2/numbers/19999999999")  # an error keeps it alive too
        third = session.get(f"{url}/v2/numbers")
        pools = session.get_adapter(url).poolmanager.pools
        # RecentlyUsedContainer refuses plain iteration; keys() is its API.
        (pool,) = [pools[key] for key in pools.keys()]  # noqa: SIM118
        assert (first.status_code, second.status_code, third.status_code) == (200, 404, 200)
        assert pool.num_requests == 3
        assert pool.num_connections == 1


def test_every_server_response_has_a_content_length(emulator: Emulator) -> None:
    with emulator.serve() as url, requests.Session() as session:
        session.auth = auth(emulator)
        number = session.get(f"{url}/v2/numbers/available?limit=1").json()["data"][0]["id"]
        assert session.post(f"{url}/v2/numbers/{number}").status_code == 201
        released = session.delete(f"{url}/v2/numbers/{number}")
        listed = session.get(f"{url}/v2/numbers")
    assert released.status_code == 204 and released.headers["Content-Length"] == "0"
    assert listed.headers["Content-Length"] == str(len(listed.content))


def test_chunked_request_bodies_are_read(emulator: Emulator) -> None:
    def chunks() -> Any:
        yield b'{"data": {"type": "route", "attributes": '
        yield b'{"route_type": "host", "value": "chunked.example.com", "alias": "chunked"}}}'

    with emulator.serve() as url:
        response = requests.post(f"{url}/v2/routes", data=chunks(), auth=auth(emulator))
    assert response.status_code == 201
    assert emulator.state.route_by_alias("chunked").value == "chunked.example.com"


def test_both_doors_share_one_state(emulator: Emulator) -> None:
    with emulator.mock() as mocked:
        listing = requests.get(f"{mocked}/v2/numbers/available?limit=1", auth=auth(emulator))
        number = listing.json()["data"][0]["id"]
        assert requests.post(f"{mocked}/v2/numbers/{number}", auth=auth(emulator)).ok
    with emulator.serve() as url:
        listed = requests.get(f"{url}/v2/numbers", auth=auth(emulator)).json()
    assert [item["id"] for item in listed["data"]] == [number]
    assert listed["data"][0]["links"]["self"] == f"{url}/v2/numbers/{number}"


def test_mock_intercepts_the_flowroute_host_by_default(emulator: Emulator) -> None:
    with emulator.mock() as base:
        assert base == "https://api.flowroute.com"
        response = requests.get(f"{base}/v2/routes", auth=auth(emulator))
    assert response.status_code == 200
    assert response.json()["links"]["self"].startswith("https://api.flowroute.com/v2/routes?")


def test_mock_with_a_base_url_under_a_path(emulator: Emulator) -> None:
    with emulator.mock(base_url="http://fake.test/api/") as base:
        assert base == "http://fake.test/api"
        response = requests.get(f"{base}/v2/routes", auth=auth(emulator))
        with pytest.raises(requests.ConnectionError):
            requests.get("http://fake.test/other", auth=auth(emulator))
    assert response.status_code == 200
    assert response.json()["data"][0]["links"]["self"] == "http://fake.test/api/v2/routes/0"
    assert emulator.requests[0].path == "/v2/routes"


def test_mock_refuses_other_urls_as_a_refused_connection(emulator: Emulator) -> None:
    import flowroute
    from flowroute.errors import ConnectError

    client = flowroute.Client(emulator.access_key, emulator.secret_key)
    with emulator.mock(base_url="https://fake.test"):
        # Nothing was sent: not an OutcomeUnknownError saying the number may have been bought.
        with pytest.raises(ConnectError, match="refused"):
            client.v2.numbers.purchase_a_phone_number("12012551234")
        with pytest.raises(requests.ConnectionError, match="Connection refused"):
            requests.get("https://fake.test.example/v2/routes")
        assert requests.get("https://fake.test/v2/routes", auth=auth(emulator)).status_code == 200
    assert [r.path for r in emulator.requests] == ["/v2/routes"]


def test_mock_refuses_a_non_http_base_url(emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="base_url"):
        emulator.mock(base_url="ftp://files.example.com")


def test_mock_without_responses_names_the_extra(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_responses(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "responses":
            raise ImportError("No module named 'responses'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_responses)
    with pytest.raises(ImportError, match=r"flowroute-sdk\[testing\]"):
        emulator.mock()


def test_the_emulator_does_not_import_the_client_side() -> None:
    import flowroute.emulator as package

    for module in pathlib.Path(package.__path__[0]).glob("*.py"):
        if module.name == "pytest_plugin.py":
            continue  # glue for users' tests: it binds a flowroute.Client to an emulator
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert node.level <= 1, f"{module.name} imports from outside the emulator"
                names = [node.module or ""] if node.level == 0 else []
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                inside = name == "flowroute.emulator" or name.startswith("flowroute.emulator.")
                assert inside or not name.startswith("flowroute"), f"{module.name}: {name}"


def _raw_exchange(url: str, request: bytes, *, half_close: bool = False) -> bytes:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(request)
        if half_close:
            conn.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    ("head", "body", "status"),
    [
        (b"Content-Length: 1500000000", b"{}", b"413"),
        (b"Content-Length: 99999999999999999999", b"", b"413"),
        (b"Content-Length: 50", b"{}", b"400"),  # the client hangs up after 2 bytes
        (b"Content-Length: 2x", b"{}", b"400"),
    ],
    ids=["huge", "absurd", "short", "garbled"],
)
def test_a_body_that_does_not_match_its_length_is_refused_unhandled(
    emulator: Emulator, head: bytes, body: bytes, status: bytes
) -> None:
    with emulator.serve() as url:
        request = b"POST /v2/routes HTTP/1.1\r\nHost: x\r\n" + head + b"\r\n\r\n" + body
        answer = _raw_exchange(url, request, half_close=True)
    assert answer.startswith(b"HTTP/1.0 " + status) or answer.startswith(b"HTTP/1.1 " + status)
    assert emulator.requests == []  # never reached the service


def test_a_body_nested_too_deep_is_a_400_not_a_crash(emulator: Emulator) -> None:
    with emulator.serve() as url:
        sent = requests.post(f"{url}/v2/routes", data=b"[" * 200_000, auth=auth(emulator))
    assert sent.status_code == 400
    assert "not valid JSON" in sent.text
    (logged,) = emulator.requests
    assert logged.status == 400 and isinstance(logged.body, str)


def test_a_wildcard_address_yields_a_url_a_client_can_use(emulator: Emulator) -> None:
    with emulator.serve(host="0.0.0.0") as url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert requests.get(f"{url}/v2/routes", auth=auth(emulator)).status_code == 200


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6 on this machine")
def test_serves_on_ipv6_loopback(emulator: Emulator) -> None:
    try:
        door = emulator.serve(host="::1")
        url = door.__enter__()
    except OSError as exc:  # IPv6 compiled in but not configured
        pytest.skip(f"cannot listen on ::1: {exc}")
    try:
        assert re.fullmatch(r"http://\[::1\]:\d+", url)
        assert requests.get(f"{url}/v2/routes", auth=auth(emulator)).status_code == 200
    finally:
        door.__exit__(None, None, None)
