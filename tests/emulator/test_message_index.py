"""Message records kept in time order: a page of the v2.1 list equals sorting them all."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from flowroute.emulator import Emulator
from flowroute.emulator._message_index import MessageIndex
from flowroute.emulator.models import Message

from .conftest import START, FakeClock

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None)
MINUTES = st.integers(0, 5)  # few distinct times, so equal timestamps are common


def record(n: int, minute: int) -> Message:
    return Message(
        id=f"mdr2-{n:032x}",
        to="12065550123",
        from_="12065550100",
        body=str(n),
        is_mms=False,
        media_urls=(),
        direction="outbound",
        status="delivered",
        timestamp=START + timedelta(minutes=minute),
        amount_nanodollars=4_000_000,
        message_type="longcode",
        message_encoding=0,
        delivery_receipts=(),
    )


def newest_first(records: list[Message], start: datetime, end: datetime) -> list[Message]:
    """What the list answered before the index: every record sorted, on every request."""
    chosen = [m for m in records if start <= m.timestamp <= end]
    return sorted(reversed(chosen), key=lambda m: m.timestamp, reverse=True)


OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["add", "add", "step", "move", "del"]), MINUTES), max_size=30
)


@SETTINGS
@given(OPERATIONS, MINUTES, MINUTES, st.integers(1, 4))
def test_every_page_equals_sorting_every_record(
    operations: list[tuple[str, int]], first: int, last: int, limit: int
) -> None:
    index = MessageIndex()
    reference: dict[str, Message] = {}  # a dict keeps insertion order, as the list's ties do
    for n, (action, minute) in enumerate(operations):
        older = list(reference)
        if action == "add" or not older:
            message = record(n, minute)
        elif action == "step":  # a delivery step: the same record, a new status
            message = attrs.evolve(reference[older[minute % len(older)]], status="sent")
        elif action == "move":
            moved = record(0, minute).timestamp
            message = attrs.evolve(reference[older[minute % len(older)]], timestamp=moved)
        else:
            gone = older[minute % len(older)]
            del index[gone], reference[gone]
            continue
        index[message.id] = reference[message.id] = message
    assert dict(index) == reference and list(index) == list(reference)
    for start, end in ((START, START + timedelta(minutes=5)), sorted_range(first, last)):
        expected = newest_first(list(reference.values()), start, end)
        for offset in range(0, len(expected) + limit, limit):
            page = expected[offset : offset + limit]
            assert index.page(start, end, offset, limit) == (page, len(expected))


def sorted_range(first: int, last: int) -> tuple[datetime, datetime]:
    low, high = sorted((first, last))
    return START + timedelta(minutes=low), START + timedelta(minutes=high)


def test_the_list_walks_a_large_account_newest_first() -> None:
    clock = FakeClock()
    emulator = Emulator(seed=0, clock=clock)
    sender = emulator.seed_numbers(1)[0]
    sent = []
    for n in range(250):
        sent.append(emulator.state.send_message(to="12065550123", from_=sender, body=str(n)))
        if n % 3 == 0:  # equal timestamps in threes: the later sent comes first
            clock.advance(seconds=1)
    start, end = sent[0].timestamp, clock.now
    walked = []
    for offset in range(0, 250, 100):
        page, total = emulator.state.messages_page(start, end, offset, 100)
        assert total == 250
        walked.extend(m.id for m in page)
    assert walked == [m.id for m in newest_first(sent, start, end)]
    assert walked == [m.id for m in emulator.state.messages(start, end)]
    assert emulator.state.messages_page(start, end, 250, 100) == ([], 250)


def test_records_out_of_sight_are_out_of_the_count() -> None:
    clock = FakeClock()
    emulator = Emulator(seed=0, clock=clock)
    emulator.set_mdr_delay(timedelta(seconds=5))
    sender = emulator.seed_numbers(1)[0]
    early = emulator.state.send_message(to="12065550123", from_=sender, body="early")
    clock.advance(seconds=4)
    emulator.state.send_message(to="12065550123", from_=sender, body="late")
    clock.advance(seconds=1)
    day = (START - timedelta(days=1), START + timedelta(days=1))
    page, total = emulator.state.messages_page(*day, 0, 10)
    assert ([m.id for m in page], total) == ([early.id], 1)


def test_a_clock_in_the_first_moments_of_year_one_shows_nothing_delayed() -> None:
    dawn = datetime(1, 1, 1, tzinfo=timezone.utc)
    emulator = Emulator(seed=0, clock=FakeClock(dawn))
    emulator.set_mdr_delay(timedelta(seconds=5))
    sender = emulator.seed_numbers(1)[0]
    emulator.state.send_message(to="12065550123", from_=sender, body="too soon")
    assert emulator.state.messages_page(dawn, dawn + timedelta(days=1), 0, 10) == ([], 0)
