"""One Client shared by 8 threads, 500 mixed v2 and v1 calls each, on the loopback emulator.

Each thread owns one area code, so it alone buys, routes and releases
numbers there and knows exactly what every answer must be. Afterwards the
emulator's state must add up to what all threads did.
"""

from __future__ import annotations

import collections
import random
import threading
import time
from typing import Callable

import pytest

import flowroute
from flowroute.emulator import Emulator
from flowroute.v1.models import TelephoneNumber

from .conftest import Sleeps, policy

THREADS = 8
CALLS_PER_THREAD = 500
AREA_CODES = ("201", "206", "212", "303", "312", "347", "415", "503")
MAX_OWNED = 25  # per thread; well inside the smallest area's inventory
SIP_REG = "0"


class Worker:
    """One thread's calls, and its own record of what the service must now hold."""

    def __init__(self, client: flowroute.Client, index: int) -> None:
        self.client = client
        self.index = index
        self.rng = random.Random(index)
        self.npa = AREA_CODES[index]
        self.prefix = "1" + self.npa
        self.owned: dict[str, str] = {}  # number -> its primary route id
        self.aliases: dict[str, str] = {SIP_REG: "sip-reg"}  # route id -> alias
        self.messages: dict[str, tuple[str, str]] = {}  # id -> (from, body)
        self.counts: collections.Counter[str] = collections.Counter()
        self.failures: list[BaseException] = []
        self.operations: list[tuple[int, Callable[[int], None]]] = [
            (3, self.search),
            (3, self.purchase),
            (2, self.purchase_v1),
            (4, self.details),
            (2, self.details_v1),
            (2, self.list_account),
            (1, self.list_account_v1),
            (2, self.release),
            (2, self.create_route),
            (3, self.set_primary),
            (1, self.set_primary_v1),
            (4, self.send),
            (4, self.look_up),
        ]

    def run(self) -> None:
        weights = [w for w, _ in self.operations]
        operations = [op for _, op in self.operations]
        try:
            for n in range(CALLS_PER_THREAD):
                operation = self.rng.choices(operations, weights)[0]
                operation(n)
        except BaseException as exc:  # reported by the main thread
            self.failures.append(exc)

    def _count(self, name: str) -> None:
        self.counts[name] += 1

    def _some_owned(self) -> str:
        return self.rng.choice(sorted(self.owned))

    # -- numbers -----------------------------------------------------------

    def search(self, n: int) -> None:
        found = self.client.v2.numbers.search_for_purchasable_phone_numbers(
            starts_with=self.prefix, limit=5
        )
        self._count("search")
        assert 1 <= len(found.items) <= 5
        for offer in found.items:
            assert offer.id.startswith(self.prefix) and offer.id not in self.owned

    def purchase(self, n: int) -> None:
        if len(self.owned) >= MAX_OWNED:
            return self.release(n)
        numbers = self.client.v2.numbers
        offer = numbers.search_for_purchasable_phone_numbers(starts_with=self.prefix, limit=1)
        bought = numbers.purchase_a_phone_number(offer.items[0].id)
        self._count("search")
        self._count("purchase")
        assert bought.id == offer.items[0].id and bought.primary_route_id == SIP_REG
        self.owned[bought.id] = SIP_REG
        return None

    def purchase_v1(self, n: int) -> None:
        if len(self.owned) >= MAX_OWNED:
            return self.release(n)
        v1 = self.client.v1
        offer = v1.purchasable_phone_numbers.search(npa=self.npa, limit=1).items[0]
        assert offer.number.startswith(self.prefix) and offer.number not in self.owned
        v1.telephone_numbers.purchase("METERED", offer.number)
        self._count("search")
        self._count("purchase")
        self.owned[offer.number] = SIP_REG
        return None

    def details(self, n: int) -> None:
        if not self.owned:
            return self.purchase(n)
        number = self._some_owned()
        found = self.client.v2.numbers.list_phone_number_details(number)
        self._count("details")
        assert found.id == number and found.primary_route_id == self.owned[number]
        return None

    def details_v1(self, n: int) -> None:
        if not self.owned:
            return self.purchase_v1(n)
        number = self._some_owned()
        found = self.client.v1.telephone_numbers.telephone_number_details(number)
        self._count("details")
        assert isinstance(found, TelephoneNumber) and found.number == number
        assert found.routes[0].name == self.aliases[self.owned[number]]
        return None

    def list_account(self, n: int) -> None:
        page = self.client.v2.numbers.list_account_phone_numbers(starts_with=self.prefix, limit=200)
        self._count("list")
        assert {found.id for found in page.items} == set(self.owned)
        assert not page.has_next

    def list_account_v1(self, n: int) -> None:
        page = self.client.v1.telephone_numbers.list_account_telephone_numbers(
            pattern=self.prefix, limit=200
        )
        self._count("list")
        # `pattern` matches anywhere in a number: keep this thread's area only.
        mine = {found.number for found in page.items if found.number.startswith(self.prefix)}
        assert mine == set(self.owned)

    def release(self, n: int) -> None:
        if not self.owned:
            return self.purchase(n)
        number = self._some_owned()
        self.client.v2.numbers.release_a_phone_number(number)
        self._count("release")
        del self.owned[number]
        with pytest.raises(flowroute.NotFoundError):
            self.client.v2.numbers.list_phone_number_details(number)
        self._count("details")
        return None

    # -- routes ------------------------------------------------------------

    def create_route(self, n: int) -> None:
        alias = f"t{self.index}r{n}"
        value = f"pbx{self.index}.example.com:{5000 + n}"
        route = self.client.v2.routes.create_an_inbound_route(
            {"route_type": "host", "value": value, "alias": alias}
        )
        self._count("route")
        assert (route.alias, route.value, route.route_type) == (alias, value, "host")
        assert route.id not in self.aliases
        self.aliases[route.id] = alias

    def set_primary(self, n: int) -> None:
        if not self.owned:
            return self.purchase(n)
        number = self._some_owned()
        route_id = self.rng.choice(sorted(self.aliases))
        self.client.v2.routes.update_primary_voice_route(number, route_id)
        self._count("primary")
        self.owned[number] = route_id
        return None

    def set_primary_v1(self, n: int) -> None:
        if not self.owned:
            return self.purchase_v1(n)
        number = self._some_owned()
        route_id = self.rng.choice(sorted(self.aliases))
        # The emulator requires both routes, as the v1 documentation shows them.
        self.client.v1.telephone_numbers.update(number, [self.aliases[route_id], "sip-reg"])
        self._count("primary")
        self.owned[number] = route_id
        return None

    # -- messages ----------------------------------------------------------

    def send(self, n: int) -> None:
        if not self.owned:
            return self.purchase(n)
        sender = self._some_owned()
        text = f"thread {self.index} message {n}"
        mdr = self.client.v2.messages.send_a_message(
            {"to": "12065550123", "from": sender, "body": text}
        )
        self._count("send")
        assert mdr.startswith("mdr2-") and mdr not in self.messages
        self.messages[mdr] = (sender, text)
        return None

    def look_up(self, n: int) -> None:
        if not self.messages:
            return self.send(n)
        mdr = self.rng.choice(sorted(self.messages))
        record = self.client.v2.messages.look_up_a_message_detail_record(mdr)
        self._count("look_up")
        assert (record.id, record.from_, record.body) == (mdr, *self.messages[mdr])
        assert record.to == "12065550123"
        return None


def test_one_client_shared_by_eight_threads(sleeps: Sleeps) -> None:
    emulator = Emulator(seed=0, log_size=None)  # every request is counted below
    with (
        emulator.serve() as url,
        flowroute.Client(
            emulator.access_key, emulator.secret_key, base_url=url, retry_policy=policy(sleeps)
        ) as client,
    ):
        workers = [Worker(client, index) for index in range(THREADS)]
        threads = [threading.Thread(target=w.run, name=f"worker-{w.index}") for w in workers]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        elapsed = time.perf_counter() - started

    assert not any(thread.is_alive() for thread in threads)
    failures = [exc for w in workers for exc in w.failures]
    assert failures == [], failures
    assert sleeps.delays == [], "a call was retried"
    counts = sum((w.counts for w in workers), collections.Counter())
    state = emulator.state
    assert len(state.account) == counts["purchase"] - counts["release"]
    assert set(state.account) == {number for w in workers for number in w.owned}
    for worker in workers:
        for number, route_id in worker.owned.items():
            assert state.account[number].primary_route_id == route_id
    assert len(state.messages_by_id) == counts["send"]
    assert len(state.routes_by_id) == 1 + counts["route"]
    requests_sent = len(emulator.requests)
    assert requests_sent == sum(counts.values())
    print(
        f"\n{THREADS} threads x {CALLS_PER_THREAD} operations: {requests_sent} requests "
        f"in {elapsed:.1f} s ({requests_sent / elapsed:.0f}/s); {dict(sorted(counts.items()))}"
    )
