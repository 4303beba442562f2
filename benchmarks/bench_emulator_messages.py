"""The emulator's time per page of the v2.1 message list, against how many messages it holds.

One emulator in this process, answering through `Emulator.mock()` (no
socket): it is given ``N`` messages (one a second on its clock), then
serves pages of 200 (``GET /v2.1/messages``) over the whole range, from
the first page and from the middle of the list. Printed: the median CPU
per page at each size, and the ratio of the largest size to the smallest,
which should stay near 1 (the cost of a page, not of the account).

Usage: ``.venv/bin/python benchmarks/bench_emulator_messages.py [N ...]``
(default 1000 50000).
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

import requests

from flowroute.emulator import Emulator

START = datetime(2024, 1, 1, tzinfo=timezone.utc)
ROUNDS = 15
LIMIT = 200


class Clock:
    """A clock a test moves: one second per message sent."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def filled(count: int) -> tuple[Emulator, Clock]:
    clock = Clock()
    emu = Emulator(seed=0, clock=clock)
    sender = emu.seed_numbers(1)[0]
    for n in range(count):
        emu.state.send_message(to="12065550123", from_=sender, body=f"message {n}")
        clock.now += timedelta(seconds=1)
    return emu, clock


def page_cpu(emu: Emulator, clock: Clock, offset: int) -> float:
    """Median CPU seconds of one page at `offset`, through the mock front door."""
    query = {
        "start_date": START.isoformat(),
        "end_date": clock.now.isoformat(),
        "limit": str(LIMIT),
        "offset": str(offset),
    }
    keys = (emu.access_key, emu.secret_key)
    times = []
    with emu.mock() as url, requests.Session() as session:
        for _ in range(ROUNDS):
            began = time.process_time()
            answer = session.get(url + "/v2.1/messages", params=query, auth=keys)
            times.append(time.process_time() - began)
            assert answer.status_code == 200 and len(answer.json()["data"]) == LIMIT
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    figures = {}
    for size in sizes:
        began = time.perf_counter()
        emu, clock = filled(size)
        seeded = time.perf_counter() - began
        first, middle = page_cpu(emu, clock, 0), page_cpu(emu, clock, size // 2)
        figures[size] = first
        print(
            f"{size:>7} messages (sent in {seeded:5.2f} s): "
            f"first page {first * 1000:7.2f} ms CPU, middle page {middle * 1000:7.2f} ms CPU"
        )
    small, large = min(figures), max(figures)
    print(f"CPU per page, {large} vs {small} messages: x{figures[large] / figures[small]:.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 50000])
