"""wait_for_message: a bounded wait for a record the service shows a moment after sending."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import flowroute
from flowroute.emulator import Emulator
from flowroute.errors import NotFoundError, ValidationError


class Time:
    """One fake time for both ends: the emulator's clock and the client's monotonic clock."""

    def __init__(self) -> None:
        self.now = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
        self.sleeps: list[float] = []

    def clock(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return (self.now - datetime(2024, 1, 1, tzinfo=timezone.utc)).total_seconds()

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def time() -> Time:
    return Time()


@pytest.fixture
def setup(time: Time) -> Iterator[tuple[Emulator, flowroute.Client, str]]:
    emu = Emulator(seed=0, clock=time.clock)
    sender = emu.state.search_available()[0].number
    emu.state.purchase(sender)
    emu.set_mdr_delay(timedelta(seconds=2))
    with emu.mock(), flowroute.Client(emu.access_key, emu.secret_key) as client:
        yield emu, client, sender


def _lookups(emu: Emulator) -> list[int]:
    return [r.status for r in emu.requests if r.method == "GET" and "/messages/" in r.path]


def test_it_looks_again_until_the_record_appears(
    setup: tuple[Emulator, flowroute.Client, str], time: Time
) -> None:
    emu, client, sender = setup
    messages = client.v2.messages
    message_id = messages.send_a_message(to="12065551234", from_=sender, body="hi")
    with pytest.raises(NotFoundError):
        messages.look_up_a_message_detail_record(message_id)
    record = messages.wait_for_message(
        message_id, timeout=10, interval=0.5, sleep=time.sleep, clock=time.monotonic
    )
    assert record.id == message_id and record.body == "hi"
    assert time.sleeps == [0.5, 0.5, 0.5, 0.5]
    assert _lookups(emu) == [404, 404, 404, 404, 404, 200]


def test_it_gives_up_after_the_timeout(
    setup: tuple[Emulator, flowroute.Client, str], time: Time
) -> None:
    emu, client, sender = setup
    message_id = client.v2.messages.send_a_message(to="12065551234", from_=sender, body="hi")
    with pytest.raises(NotFoundError):
        client.v2.messages.wait_for_message(
            message_id, timeout=1.2, interval=0.5, sleep=time.sleep, clock=time.monotonic
        )
    assert time.sleeps == [0.5, 0.5, pytest.approx(0.2)]
    assert _lookups(emu) == [404, 404, 404, 404]


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({"timeout": -1}, "timeout"),
        ({"timeout": True}, "timeout"),
        ({"interval": 0}, "interval"),
        ({"interval": "1"}, "interval"),
    ],
)
def test_bad_waits_are_refused_before_sending(
    setup: tuple[Emulator, flowroute.Client, str], arguments: dict[str, Any], argument: str
) -> None:
    emu, client, _ = setup
    with pytest.raises(ValidationError) as refused:
        client.v2.messages.wait_for_message("mdr2-" + "0" * 32, **arguments)
    assert refused.value.argument == argument
    assert emu.requests == []
