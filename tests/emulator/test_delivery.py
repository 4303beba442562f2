"""The emulator calls the app back: inbound messages, delivery receipts, retries, the worker."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any, Optional

import pytest
import requests

from flowroute.emulator import CallbackReceiver, Emulator, Invalid, NotFound

from .conftest import START, FakeClock

APP = "https://app.example.com"
MOBILE = "12065551234"


class FakePost:
    """Stands in for the HTTP POST: records each call, answers from a script."""

    def __init__(self, *answers: tuple[Optional[int], Optional[str]]) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, bytes, float]] = []

    def __call__(
        self, url: str, body: bytes, timeout: float
    ) -> tuple[Optional[int], Optional[str]]:
        self.calls.append((url, body, timeout))
        return self.answers.pop(0) if self.answers else (200, None)


@pytest.fixture
def post() -> FakePost:
    return FakePost()


@pytest.fixture
def emu(clock: FakeClock, post: FakePost) -> Emulator:
    return Emulator(seed=0, clock=clock, post=post, callback_timeout=2.5)


def _number(emu: Emulator) -> str:
    found = emu.state.search_available()[0].number
    emu.state.purchase(found)
    return found


def _send(emu: Emulator, sender: str, **extra: Any) -> str:
    return emu.state.send_message(to=MOBILE, from_=sender, body="hello", **extra).id


def test_an_inbound_sms_is_posted_to_the_accounts_sms_callback(
    emu: Emulator, post: FakePost
) -> None:
    number = _number(emu)
    emu.state.callbacks.set("sms_callback", f"{APP}/sms")
    message = emu.receive_message(to=number, from_="12065550199", body="hi there")
    assert post.calls == []  # nothing leaves before delivery
    [attempt] = emu.deliver()
    assert (attempt.url, attempt.kind, attempt.status, attempt.error) == (
        f"{APP}/sms",
        "sms",
        200,
        None,
    )
    assert attempt.ok and attempt.attempt == 1 and attempt.at == START
    assert post.calls[0][0] == f"{APP}/sms" and post.calls[0][2] == 2.5
    assert attempt.payload == {
        "data": {
            "attributes": {
                "amount_display": "$0.0000",
                "amount_nanodollars": 0,
                "body": "hi there",
                "delivery_receipts": [],
                "direction": "inbound",
                "from": "12065550199",
                "is_mms": False,
                "message_callback_url": f"{APP}/sms",
                "message_encoding": 0,
                "message_type": "longcode",
                "status": "delivered",
                "timestamp": "2024-03-01T12:00:00.00Z",
                "to": number,
            },
            "id": message.id,
            "type": "message",
        }
    }
    assert emu.callbacks == [attempt]
    assert emu.state.message(message.id).direction == "inbound"


def test_an_inbound_mms_lists_its_files_under_included(emu: Emulator) -> None:
    number = _number(emu)
    emu.state.callbacks.set("mms_callback", f"{APP}/mms")
    media = [
        "https://cdn.example.com/cat.png",
        {"url": "https://cdn.example.com/x", "file_name": "clip.mp4", "file_size": 2048},
    ]
    message = emu.receive_message(to=number, from_="12065550199", media=media)
    [attempt] = emu.deliver()
    assert attempt.kind == "mms"
    data, included = attempt.payload["data"], attempt.payload["included"]
    assert data["attributes"]["is_mms"] is True and data["attributes"]["body"] is None
    ids = [item["id"] for item in data["relationships"]["media"]["data"]]
    assert ids == [item["id"] for item in included] and len(set(ids)) == 2
    assert [item["attributes"] for item in included] == [
        {
            "file_name": "cat.png",
            "file_size": 0,
            "mime_type": "image/png",
            "url": "https://cdn.example.com/cat.png",
        },
        {
            "file_name": "clip.mp4",
            "file_size": 2048,
            "mime_type": "video/mp4",
            "url": "https://cdn.example.com/x",
        },
    ]
    assert all(item["type"] == "media" for item in included)
    assert message.media_urls == ("https://cdn.example.com/cat.png", "https://cdn.example.com/x")


def test_a_numbers_callback_wins_over_the_accounts(emu: Emulator) -> None:
    number = _number(emu)
    emu.state.callbacks.set("sms_callback", f"{APP}/account")
    emu.state.callbacks.set("sms_callback", f"{APP}/number", number)
    emu.receive_message(to=number, from_="12065550199", body="hi")
    assert [a.url for a in emu.deliver()] == [f"{APP}/number"]


def test_without_a_callback_url_nothing_is_posted(emu: Emulator, post: FakePost) -> None:
    number = _number(emu)
    emu.receive_message(to=number, from_="12065550199", body="hi")
    _send(emu, number)
    assert emu.deliver() == [] and post.calls == [] and emu.callbacks == []


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"from_": "not-a-number", "body": "x"}, "from"),
        ({"from_": "12065550199", "body": ""}, "body"),
        ({"from_": "12065550199", "media": ["ftp://x/y.png"]}, "media"),
        ({"from_": "12065550199", "media": [{"url": "https://x/y", "file_size": -1}]}, "media"),
    ],
)
def test_a_malformed_inbound_message_is_refused(
    emu: Emulator, arguments: dict[str, Any], field: str
) -> None:
    number = _number(emu)
    with pytest.raises(Invalid) as refused:
        emu.receive_message(to=number, **arguments)
    assert refused.value.field == field
    assert emu.state.messages_by_id == {}


def test_an_inbound_message_needs_one_of_the_accounts_numbers(emu: Emulator) -> None:
    with pytest.raises(NotFound):
        emu.receive_message(to="12065550100", from_="12065550199", body="hi")


def _receipts(emu: Emulator) -> list[tuple[str, Optional[str], int]]:
    return [
        (
            a.payload["data"]["attributes"]["status"],
            a.payload["data"]["attributes"]["status_code"],
            a.payload["data"]["attributes"]["level"],
        )
        for a in emu.callbacks
        if a.kind == "dlr"
    ]


def test_receipts_follow_the_message_on_the_clock(emu: Emulator, clock: FakeClock) -> None:
    number = _number(emu)
    emu.state.callbacks.set("dlr_callback", f"{APP}/dlr")
    emu.set_dlr_interval(timedelta(seconds=2))
    message_id = _send(emu, number)
    emu.deliver()
    assert _receipts(emu) == [("message buffered", "1003", 2)]
    clock.advance(seconds=1)
    assert emu.deliver() == []
    clock.advance(seconds=1)
    emu.deliver()
    clock.advance(seconds=2)
    emu.deliver()
    assert _receipts(emu) == [
        ("message buffered", "1003", 2),
        ("smsc submit", None, 1),
        ("delivered", "1000", 2),
    ]
    record = emu.state.message(message_id)
    assert record.status == "delivered" and len(record.delivery_receipts) == 3
    dlr = emu.callbacks[-1].payload["data"]
    assert dlr["id"] == message_id and dlr["type"] == "delivery_receipt"
    assert dlr["attributes"]["body"] == "hello"
    assert dlr["attributes"]["timestamp"] == "2024-03-01T12:00:04.00Z"
    assert dlr["links"] == {"related": f"https://api.flowroute.com/v2.1/messages/{message_id}"}


def test_messages_to_a_failing_number_fail(emu: Emulator) -> None:
    number = _number(emu)
    emu.state.callbacks.set("dlr_callback", f"{APP}/dlr")
    emu.fail_messages_to(MOBILE)
    message_id = _send(emu, number)
    emu.deliver()
    assert _receipts(emu)[-1] == ("undeliverable", "1010", 2)
    assert emu.state.message(message_id).status == "undeliverable"


def test_the_dlr_url_is_the_messages_then_the_numbers_then_the_accounts(emu: Emulator) -> None:
    number = _number(emu)
    emu.state.callbacks.set("dlr_callback", f"{APP}/account")
    _send(emu, number)
    emu.deliver()
    emu.state.callbacks.set("dlr_callback", f"{APP}/number", number)
    _send(emu, number)
    emu.deliver()
    _send(emu, number, dlr_callback=f"{APP}/message")
    emu.deliver()
    urls = [a.url for a in emu.callbacks]
    assert urls == [f"{APP}/account"] * 3 + [f"{APP}/number"] * 3 + [f"{APP}/message"] * 3


def test_a_failed_post_is_retried_30_seconds_later_five_times_in_all(
    clock: FakeClock,
) -> None:
    post = FakePost(*[(500, "HTTP 500")] * 10)
    emu = Emulator(seed=0, clock=clock, post=post)
    number = _number(emu)
    emu.state.callbacks.set("sms_callback", f"{APP}/sms")
    emu.receive_message(to=number, from_="12065550199", body="hi")
    assert [a.error for a in emu.deliver()] == ["HTTP 500"]
    clock.advance(seconds=29)
    assert emu.deliver() == []
    for _ in range(6):
        clock.advance(seconds=30)
        emu.deliver()
    assert [(a.attempt, a.status) for a in emu.callbacks] == [(n, 500) for n in range(1, 6)]
    assert emu.state.outbox.pending == []  # given up after the fifth
    assert len({a.payload["data"]["id"] for a in emu.callbacks}) == 1  # the same message


def test_a_retry_that_succeeds_ends_the_retries(clock: FakeClock) -> None:
    emu = Emulator(seed=0, clock=clock, post=FakePost((None, "no answer: refused")))
    number = _number(emu)
    emu.state.callbacks.set("sms_callback", f"{APP}/sms")
    emu.receive_message(to=number, from_="12065550199", body="hi")
    emu.deliver()
    clock.advance(seconds=30)
    emu.deliver()
    clock.advance(seconds=60)
    assert emu.deliver() == []
    assert [(a.status, a.error) for a in emu.callbacks] == [
        (None, "no answer: refused"),
        (200, None),
    ]


def test_mdr_delay_hides_a_new_record_for_a_moment(emu: Emulator, clock: FakeClock) -> None:
    number = _number(emu)
    emu.set_mdr_delay(timedelta(seconds=3))
    message_id = _send(emu, number)
    with pytest.raises(NotFound):
        emu.state.message(message_id)
    assert emu.state.messages(START, START) == []
    clock.advance(seconds=3)
    assert emu.state.message(message_id).id == message_id


def test_reset_forgets_callbacks(emu: Emulator) -> None:
    number = _number(emu)
    emu.state.callbacks.set("sms_callback", f"{APP}/sms")
    emu.receive_message(to=number, from_="12065550199", body="hi")
    emu.reset()
    assert emu.deliver() == [] and emu.callbacks == []


# -- real HTTP: the worker, the receiver, the control routes --------------------


def _workers() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "flowroute-emulator-callbacks"]


@pytest.mark.parametrize("door", ["serve", "mock"])
def test_the_worker_posts_while_a_door_is_open_and_stops_with_it(door: str) -> None:
    emu = Emulator(seed=0)
    number = _number(emu)
    with CallbackReceiver() as app:
        emu.state.callbacks.set("sms_callback", f"{app.url}/sms")
        opened = emu.serve() if door == "serve" else emu.mock()
        with opened:
            assert _workers() == ["flowroute-emulator-callbacks"]
            emu.receive_message(to=number, from_="12065550199", body="hi")
            [got] = app.wait_for(1)
        assert _workers() == []
    assert got.method == "POST" and got.path == "/sms"
    assert got.headers["content-type"] == "application/json"
    assert got.json()["data"]["attributes"]["body"] == "hi"
    assert emu.callbacks[0].status == 200


def test_wait_for_callbacks_delivers_without_a_worker() -> None:
    emu = Emulator(seed=0)
    number = _number(emu)
    with CallbackReceiver() as app:
        app.respond_with(503)
        emu.state.callbacks.set("sms_callback", f"{app.url}/sms")
        emu.receive_message(to=number, from_="12065550199", body="hi")
        [attempt] = emu.wait_for_callbacks(1, timeout=5)
        assert (attempt.status, attempt.error) == (503, "HTTP 503")
        assert app.received[0].status == 503
        with pytest.raises(TimeoutError, match="1 callback attempt"):
            emu.wait_for_callbacks(2, timeout=0.01)  # the retry is 30 s away on the clock


def test_an_unreachable_app_is_recorded_not_raised() -> None:
    emu = Emulator(seed=0, callback_timeout=1.0)
    number = _number(emu)
    with CallbackReceiver() as app:
        gone = app.url
    emu.state.callbacks.set("sms_callback", f"{gone}/sms")
    emu.receive_message(to=number, from_="12065550199", body="hi")
    [attempt] = emu.deliver()
    assert attempt.status is None and attempt.error.startswith("no answer")


def test_the_control_routes_drive_a_served_emulator() -> None:
    emu = Emulator(seed=0)
    number = _number(emu)
    with CallbackReceiver() as app, emu.serve() as url, requests.Session() as http:
        http.auth = (emu.access_key, emu.secret_key)
        body = {"data": {"attributes": {"callback_url": f"{app.url}/mms"}}}
        assert http.put(f"{url}/v2.1/messages/mms_callback", json=body).status_code == 204
        injected = {"to": number, "from": "12065550199", "media": ["https://x.example/a.jpg"]}
        created = http.post(f"{url}/_emulator/inbound_messages", json=injected)
        assert created.status_code == 201, created.text
        message_id = created.json()["data"]["id"]
        [got] = app.wait_for(1)
        assert got.json()["data"]["id"] == message_id
        assert got.json()["included"][0]["attributes"]["mime_type"] == "image/jpeg"
        emu.wait_for_callbacks(1)
        listed = http.get(f"{url}/_emulator/callbacks").json()["data"]
        assert [(c["kind"], c["status"], c["url"]) for c in listed] == [
            ("mms", 200, f"{app.url}/mms")
        ]
        failing = http.post(f"{url}/_emulator/failing_numbers", json={"number": MOBILE})
        assert failing.status_code == 204
        assert MOBILE in emu.state.messaging.failing
        bad = http.post(f"{url}/_emulator/inbound_messages", json={"to": number, "from": "x"})
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["detail"].startswith("from must be")
        anonymous = requests.get(f"{url}/_emulator/callbacks")
        assert anonymous.status_code == 401
