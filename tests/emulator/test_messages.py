"""v2.1 messages: send, look up by date range, look up one record."""

from __future__ import annotations

import re
from typing import Any

import pytest

from flowroute.emulator import Emulator

from . import documented as doc
from .conftest import Api, FakeClock

MESSAGES = "/v2.1/messages"
MOBILE = "12065551234"


def message_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "message", "attributes": attributes}}


def send(api: Api, sender: str, text: str = "hello there") -> str:
    response = api.post(MESSAGES, message_body(to=MOBILE, body=text, **{"from": sender}))
    assert response.status_code == 202, response.text
    return str(response.json()["data"]["id"])


def test_send_matches_the_documented_shape(api: Api) -> None:
    sender = api.buy()
    response = api.post(MESSAGES, message_body(to=MOBILE, body="hi", **{"from": sender}))
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"data"}
    assert set(body["data"]) == doc.MESSAGE_ACCEPTED
    message_id = body["data"]["id"]
    assert re.fullmatch(r"mdr2-[0-9a-f]{32}", message_id)
    assert body["data"]["type"] == "message"
    assert body["data"]["links"] == {"self": f"{api.url}{MESSAGES}/{message_id}"}


def test_message_detail_record(api: Api, clock: FakeClock) -> None:
    sender = api.buy()
    clock.now = clock.now.replace(microsecond=390000)
    message_id = send(api, sender, "Hello are you there?")
    response = api.get(f"{MESSAGES}/{message_id}")
    assert response.status_code == 200
    data = response.json()["data"]
    assert set(data) == doc.MESSAGE_ITEM
    attributes = data["attributes"]
    assert set(attributes) == doc.MESSAGE_ATTRIBUTES
    assert attributes["timestamp"] == "2024-03-01T12:00:00.39Z"
    assert attributes["from"] == sender and attributes["to"] == MOBILE
    assert attributes["direction"] == "outbound"
    assert attributes["amount_nanodollars"] == 4000000
    assert attributes["amount_display"] == "$0.0040"
    assert attributes["is_mms"] is False and attributes["message_type"] == "longcode"
    assert attributes["delivery_receipts"]
    assert all(set(receipt) == doc.RECEIPT for receipt in attributes["delivery_receipts"])


def test_mms_with_the_documented_string_flag(api: Api, emulator: Emulator) -> None:
    sender = api.buy()
    body = message_body(
        to=MOBILE,
        body="look",
        is_mms="true",
        media_urls=["http://s3.amazonaws.com/barkpost-assets/50+GIFs/37.gif"],
        **{"from": sender},
    )
    response = api.post(MESSAGES, body)
    assert response.status_code == 202
    stored = emulator.state.message(response.json()["data"]["id"])
    assert stored.is_mms and stored.media_urls == (body["data"]["attributes"]["media_urls"][0],)
    detail = api.get(f"{MESSAGES}/{stored.id}").json()["data"]["attributes"]
    assert detail["is_mms"] is True and detail["amount_display"] == "$0.0200"


def test_the_openapi_flat_body_is_accepted(api: Api) -> None:
    sender = api.buy()
    response = api.post(MESSAGES, {"to": MOBILE, "from": sender, "body": "flat"})
    assert response.status_code == 202


def test_list_by_dates_newest_first_with_paging(api: Api, clock: FakeClock) -> None:
    sender = api.buy()
    sent = []
    for day in range(4):
        sent.append(send(api, sender, f"day {day}"))
        clock.advance(days=1)
    params = {"start_date": "2024-03-01", "end_date": "2024-03-05", "limit": 2}
    first = api.get(MESSAGES, params)
    assert first.status_code == 200
    body = first.json()
    assert set(body) == {"data", "links"}
    assert [m["id"] for m in body["data"]] == [sent[3], sent[2]]
    assert all(set(m) == doc.MESSAGE_ITEM for m in body["data"])
    assert body["links"] == {
        "next": f"{api.url}{MESSAGES}?limit=2&start_date=2024-03-01T00%3A00%3A00%2B00%3A00"
        "&end_date=2024-03-05T00%3A00%3A00%2B00%3A00&offset=2"
    }
    second = api.session.get(body["links"]["next"]).json()
    assert [m["id"] for m in second["data"]] == [sent[1], sent[0]]
    assert "next" not in second["links"] and "prev" in second["links"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start_date": "2024-03-02"}, [2, 1]),
        ({"start_date": "2024-03-01", "end_date": "2024-03-02"}, [0]),
        ({"start_date": "2024-03-02T12:00:00Z", "end_date": "2024-03-03T12:00:00.00Z"}, [2, 1]),
        ({"start_date": "2024-03-02T13:00:00+01:00"}, [2, 1]),
        ({"start_date": "2024-02-01", "end_date": "2024-02-29T23:59:59Z"}, []),
    ],
)
def test_date_range_selects_messages(
    api: Api, clock: FakeClock, params: dict[str, str], expected: list[int]
) -> None:
    sender = api.buy()
    sent = []
    for day in range(3):
        sent.append(send(api, sender, f"day {day}"))
        clock.advance(days=1)
    clock.advance(days=-1)  # "now" is the last message's time, so the default end includes it
    found = api.get(MESSAGES, {**params, "limit": 10}).json()["data"]
    assert [m["id"] for m in found] == [sent[i] for i in expected]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "start_date"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"start_date": "2024-02-30"}, "start_date"),
        ({"start_date": "2024-03-02", "end_date": "2024-03-01"}, "end_date"),
        ({"start_date": "2024-03-01", "limit": 0}, "limit"),
        ({"start_date": "2024-03-01", "offset": "x"}, "offset"),
    ],
)
def test_invalid_listing_parameters_are_422(api: Api, params: dict[str, Any], field: str) -> None:
    response = api.get(MESSAGES, params)
    assert response.status_code == 422
    assert field in doc.error_of(response.json())["detail"]


def test_limit_has_no_documented_maximum(api: Api) -> None:
    response = api.get(MESSAGES, {"start_date": "2024-01-01", "limit": 5000})
    assert response.status_code == 200 and response.json() == {"data": [], "links": {}}


def test_unknown_message_is_404(api: Api) -> None:
    response = api.get(f"{MESSAGES}/mdr2-{'0' * 32}")
    assert response.status_code == 404
    assert doc.error_of(response.json())["status"] == 404


def test_sending_from_a_number_not_on_the_account_is_403(api: Api, emulator: Emulator) -> None:
    stranger = api.first_available()
    response = api.post(MESSAGES, message_body(to=MOBILE, body="hi", **{"from": stranger}))
    assert response.status_code == 403
    assert stranger in doc.error_of(response.json())["detail"]
    assert emulator.state.messages_by_id == {}


@pytest.mark.parametrize(
    ("attributes", "field"),
    [
        ({"body": "no recipient"}, "to"),
        ({"to": "+12065551234", "body": "plus sign"}, "to"),
        ({"to": MOBILE, "body": ""}, "body"),
        ({"to": MOBILE, "body": 42}, "body"),
        ({"to": MOBILE, "is_mms": True, "media_urls": ["ftp://e.com/a"]}, "media_urls"),
        ({"to": MOBILE, "is_mms": True, "media_urls": "http://e.com/a"}, "media_urls"),
        ({"to": MOBILE, "body": "x", "is_mms": "yes"}, "is_mms"),
        ({"to": MOBILE, "body": "x", "subject": "extra"}, "subject"),
    ],
)
def test_invalid_messages_are_422(api: Api, attributes: dict[str, Any], field: str) -> None:
    sender = api.buy()
    response = api.post(MESSAGES, message_body(**{"from": sender, **attributes}))
    assert response.status_code == 422, response.text
    assert field in doc.error_of(response.json())["detail"]


def test_missing_sender_is_422(api: Api) -> None:
    response = api.post(MESSAGES, message_body(to=MOBILE, body="who?"))
    assert response.status_code == 422
    assert "from" in doc.error_of(response.json())["detail"]
