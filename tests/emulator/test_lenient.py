"""Lenient by default, as the service is; strict on request. Robust against odd requests.

Real applications send query parameters the API does not document (an
``order_by`` on the number search, ``cnam_lookups_enabled`` on a
purchase): the service ignores them, so the emulator does, noting each on
the request's log entry. ``Emulator(strict=True)`` refuses them with a 400.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import requests

from flowroute.emulator import Emulator, Fault

from .conftest import FakeClock
from .v1_signer import v1_api

DOORS = ["serve", "mock"]


@contextmanager
def session(emulator: Emulator, door: str) -> Iterator[tuple[str, requests.Session]]:
    opened = emulator.serve() if door == "serve" else emulator.mock()
    with opened as url, requests.Session() as http:
        http.auth = (emulator.access_key, emulator.secret_key)
        yield url, http


IGNORED_ORDER_BY = (
    "ignored undocumented query parameter 'order_by' (documented: limit, offset, "
    "starts_with, contains, ends_with, rate_center, state)"
)


@pytest.mark.parametrize("door", DOORS)
def test_a_real_apps_search_and_purchase_work_and_are_noted(door: str) -> None:
    emulator = Emulator(seed=0)
    with session(emulator, door) as (url, http):
        found = http.get(f"{url}/v2/numbers/available?starts_with=1206&limit=1&order_by=cost")
        assert found.status_code == 200, found.text
        number = found.json()["data"][0]["id"]
        bought = http.post(f"{url}/v2/numbers/{number}?cnam_lookups_enabled=true")
        assert bought.status_code == 201, bought.text
    assert number in emulator.state.account
    search, purchase = emulator.requests
    assert search.warnings == (IGNORED_ORDER_BY,)
    assert search.query == {"starts_with": ["1206"], "limit": ["1"], "order_by": ["cost"]}
    assert purchase.warnings == (
        "ignored undocumented query parameter 'cnam_lookups_enabled' (documented: none)",
    )


@pytest.mark.parametrize("door", DOORS)
def test_a_strict_emulator_refuses_them_and_changes_nothing(door: str) -> None:
    emulator = Emulator(seed=0, strict=True)
    number = emulator.state.search_available(starts_with="1206")[0].number
    with session(emulator, door) as (url, http):
        found = http.get(f"{url}/v2/numbers/available?starts_with=1206&order_by=cost")
        bought = http.post(f"{url}/v2/numbers/{number}?cnam_lookups_enabled=true")
    assert (found.status_code, bought.status_code) == (400, 400)
    assert found.json()["errors"][0]["detail"] == (
        "unknown query parameter 'order_by' (accepted: limit, offset, starts_with, "
        "contains, ends_with, rate_center, state)"
    )
    assert emulator.state.account == {}
    assert [r.warnings for r in emulator.requests] == [(), ()]


def test_documented_parameters_carry_no_warning() -> None:
    emulator = Emulator(seed=0)
    with session(emulator, "mock") as (url, http):
        assert http.get(f"{url}/v2/numbers/available?limit=2").status_code == 200
    assert emulator.requests[0].warnings == ()


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("strict", [False, True])
def test_v1_reads_its_queries_alike(door: str, strict: bool) -> None:
    clock = FakeClock()
    emulator = Emulator(seed=0, clock=clock, strict=strict)
    with v1_api(door, emulator, clock) as v1:
        response = v1.get("/v1/available-tns/npas/", {"limit": 2, "sort": "asc"})
    assert response.status_code == (400 if strict else 200), response.text
    expected = (
        () if strict else ("ignored undocumented query parameter 'sort' (documented: limit, page)",)
    )
    assert emulator.requests[0].warnings == expected


MEDIA = ["http://e.com/a.png"]
SENT_AS_MMS = "media_urls without is_mms true: sent as an MMS"


def _send(url: str, http: requests.Session, sender: str, **attributes: Any) -> requests.Response:
    attributes = {"to": "12065550123", "from": sender, "body": "x", **attributes}
    document = {"data": {"type": "message", "attributes": attributes}}
    return http.post(f"{url}/v2.1/messages", json=document)


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("is_mms", [{}, {"is_mms": False}])
def test_media_without_is_mms_go_as_an_mms_and_are_noted(door: str, is_mms: dict[str, Any]) -> None:
    # The documentation sends media with is_mms true and says nothing of media without it.
    emulator = Emulator(seed=0)
    sender = emulator.seed_numbers(1)[0]
    with session(emulator, door) as (url, http):
        sent = _send(url, http, sender, media_urls=MEDIA, **is_mms)
    assert sent.status_code == 202, sent.text
    record = emulator.state.message(sent.json()["data"]["id"])
    assert (record.is_mms, record.media_urls, record.amount_nanodollars) == (
        True,
        tuple(MEDIA),
        20_000_000,
    )
    assert emulator.requests[0].warnings == (SENT_AS_MMS,)


@pytest.mark.parametrize("door", DOORS)
def test_a_strict_emulator_refuses_media_without_is_mms(door: str) -> None:
    emulator = Emulator(seed=0, strict=True)
    sender = emulator.seed_numbers(1)[0]
    with session(emulator, door) as (url, http):
        refused = _send(url, http, sender, media_urls=MEDIA)
        sent = _send(url, http, sender, media_urls=MEDIA, is_mms=True)
    assert (refused.status_code, sent.status_code) == (422, 202)
    assert refused.json()["errors"][0]["detail"] == "media_urls need is_mms set to true"
    assert [m.id for m in emulator.state.messages_by_id.values()] == [sent.json()["data"]["id"]]
    assert [r.warnings for r in emulator.requests] == [(), ()]


# -- robust against what a client may send --------------------------------------


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("path", ["/v2/numbers", "/v1/tns/"])
def test_a_non_ascii_authorization_header_is_a_logged_401(door: str, path: str) -> None:
    emulator = Emulator(seed=0)
    opened = emulator.serve() if door == "serve" else emulator.mock()
    with opened as url:
        if door == "serve":  # raw bytes on the wire, as a misconfigured client sends them
            status = _raw_status(url, f"GET {path} HTTP/1.1\r\nAuthorization: Basic \xe9t\xe9\r\n")
        else:
            status = requests.get(url + path, headers={"Authorization": "Basic \u00e9t\u00e9"})
            status = status.status_code
    assert status == 401
    [logged] = emulator.requests
    assert (logged.path, logged.status) == (path, 401)
    assert "authorization" not in logged.headers


def _raw_status(url: str, head: str, body: bytes = b"") -> int:
    host, port = url.rsplit("/", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(f"{head}Host: {host}\r\nConnection: close\r\n\r\n".encode("latin-1") + body)
        answer = conn.makefile("rb").readline()
    return int(answer.split()[1])


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("status", [200, 299, 418, 499, 520, 599])
def test_any_fault_status_is_served_with_a_reason(door: str, status: int) -> None:
    emulator = Emulator(seed=0)
    emulator.inject(Fault.status(status), times=1)
    with session(emulator, door) as (url, http):
        response = http.get(f"{url}/v2/routes")
    assert response.status_code == status
    if door == "serve":
        assert response.reason  # "Server Error" for 520, the standard phrase otherwise
    assert emulator.requests[0].status == status


def test_an_unnamed_status_gets_its_class_phrase() -> None:
    emulator = Emulator(seed=0)
    emulator.inject(Fault.status(520), times=1)
    with session(emulator, "serve") as (url, http):
        response = http.get(f"{url}/v2/routes")
    assert (response.status_code, response.reason) == (520, "Server Error")
    assert response.json()["errors"][0]["title"] == "Server Error"


@pytest.mark.parametrize("size", [b"-5", b"+5", b"0x5", b"zz"])
def test_a_bad_chunk_size_is_a_400_read_no_further(size: bytes) -> None:
    emulator = Emulator(seed=0)
    with emulator.serve() as url:
        head = "POST /v2/routes HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
        # No more bytes follow and the connection stays open: reading on would hang.
        status = _raw_status(url, head, size + b"\r\nabcde")
    assert status == 400
    assert emulator.requests == []


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(
    "start", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2024-13-01"]
)
def test_dates_out_of_range_are_422(door: str, start: str) -> None:
    emulator = Emulator(seed=0)
    with session(emulator, door) as (url, http):
        response = http.get(f"{url}/v2.1/messages", params={"start_date": start})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["detail"] == f"start_date is not a real date: {start!r}"


def test_the_access_log_has_a_line_per_request(caplog: pytest.LogCaptureFixture) -> None:
    emulator = Emulator(seed=0)
    emulator.inject(Fault.status(503), times=1)
    access = caplog.at_level(logging.INFO, "flowroute.emulator.access")
    with access, session(emulator, "mock") as (url, http):
        http.get(f"{url}/v2/routes")
        http.get(f"{url}/v2/numbers/available?limit=1&order_by=x")
    lines = [r.getMessage() for r in caplog.records if r.name == "flowroute.emulator.access"]
    assert lines == [
        "GET /v2/routes -> 503 (fault: status)",
        "GET /v2/numbers/available?limit=1&order_by=x -> 200 (ignored undocumented query "
        "parameter 'order_by' (documented: limit, offset, starts_with, contains, ends_with, "
        "rate_center, state))",
    ]
