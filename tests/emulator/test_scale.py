"""Large accounts: bulk seeding, listing order and filters against a naive reference,
per-page work independent of the account's size, the bounded request log, and a
server that stops without polling."""

from __future__ import annotations

import selectors
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any, Callable, ClassVar, Optional

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from flowroute.emulator import Emulator, Invalid, _v1, _v2
from flowroute.emulator._log import MAX_LOGGED_BYTES
from flowroute.emulator._numbers import NumberIndex
from flowroute.emulator._records import Call, Reply, Request
from flowroute.emulator.state import State

from .conftest import Api, FakeClock
from .v1_signer import v1_api

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None)
DIGITS = st.text("0123456789", min_size=1, max_size=3)
FILTER = st.one_of(st.none(), DIGITS)


def naive(
    numbers: Any, starts: Optional[str], contains: Optional[str], ends: Optional[str]
) -> list[str]:
    """The listing as the emulator used to compute it: filter everything, then sort."""
    return sorted(
        n
        for n in numbers
        if (starts is None or n.startswith(starts))
        and (contains is None or contains in n)
        and (ends is None or n.endswith(ends))
    )


# -- bulk seeding --------------------------------------------------------------


def test_seeding_puts_numbers_on_the_account_sorted_new_and_deterministic() -> None:
    emulator = Emulator(seed=5)
    inventory = set(emulator.state.inventory)
    numbers = emulator.seed_numbers(2000)
    assert numbers == sorted(numbers) and len(set(numbers)) == 2000
    assert list(emulator.state.account) == numbers
    assert not set(numbers) & inventory and set(emulator.state.inventory) == inventory
    assert all(len(n) == 11 and n.startswith("1") and n.isdigit() for n in numbers)
    assert Emulator(seed=5).seed_numbers(2000) == numbers
    assert Emulator(seed=6).seed_numbers(2000) != numbers
    again = emulator.seed_numbers(500)
    assert not set(again) & set(numbers) and len(emulator.state.account) == 2500


def test_seeding_100k_numbers_is_one_call() -> None:
    emulator = Emulator(seed=0)
    numbers = emulator.seed_numbers(100_000)
    assert len(emulator.state.account) == len(set(numbers)) == 100_000
    middle = emulator.state.account[numbers[50_000]]
    assert (middle.number, middle.primary_route_id, middle.failover_route_id) == (
        numbers[50_000],
        "0",
        None,
    )


def test_a_seeded_number_behaves_as_a_bought_one(clock: FakeClock) -> None:
    emulator = Emulator(seed=1, clock=clock)
    number = emulator.seed_numbers(3)[1]
    owned = emulator.state.number(number)
    assert (owned.billing_method, owned.purchased_at, owned.alias) == ("METERED", clock.now, None)
    assert owned.state in {"nj", "wa", "ny", "co", "il", "ca", "or", "tx", "ma"}
    route = emulator.state.create_route("host", "sip.example.com", "office")
    emulator.state.set_primary_route(number, route.id)
    assert emulator.state.account[number].primary_route_id == route.id
    emulator.state.release(number)
    listing = emulator.state.inventory[number]
    assert (listing.number, listing.rate_center, listing.state) == (
        number,
        owned.rate_center,
        owned.state,
    )
    assert number not in emulator.state.account and len(emulator.state.account) == 2


@pytest.mark.parametrize("count", [-1, 10_000_001, 2.5, "10", True])
def test_seeding_refuses_a_bad_count(count: Any) -> None:
    emulator = Emulator(seed=0)
    with pytest.raises(ValueError, match="count must be a whole number from 0"):
        emulator.seed_numbers(count)
    assert len(emulator.state.account) == 0


def test_v2_lists_seeded_numbers_in_order(api: Api, emulator: Emulator) -> None:
    numbers = emulator.seed_numbers(450)
    listed: list[str] = []
    url: Optional[str] = f"{api.url}/v2/numbers?limit=200"
    while url is not None:
        page = api.session.get(url).json()
        listed += [item["id"] for item in page["data"]]
        url = page["links"].get("next")
    assert listed == numbers


def test_v1_lists_seeded_numbers_in_order(emulator: Emulator, clock: FakeClock) -> None:
    numbers = emulator.seed_numbers(450)
    with v1_api("serve", emulator, clock) as v1:
        pages = [v1.get("/v1/tns/", {"limit": 200, "page": p}).json() for p in (1, 2, 3, 4)]
    assert [list(p["tns"]) for p in pages[:3]] == [numbers[:200], numbers[200:400], numbers[400:]]
    assert pages[2]["links"] == {"prev": "/v1/tns/?limit=200&page=2"}
    assert pages[3] == {}


def test_v1_pattern_filters_seeded_numbers(emulator: Emulator, clock: FakeClock) -> None:
    numbers = emulator.seed_numbers(3000)
    expected = naive(numbers, None, "42", None)
    with v1_api("mock", emulator, clock) as v1:
        listed = v1.get("/v1/tns/", {"limit": 200, "pattern": "42"}).json()
    assert list(listed["tns"]) == expected[:200]
    assert ("next" in listed["links"]) == (len(expected) > 200)


# -- ordering and filters against the naive reference --------------------------


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("buy"), st.integers(0, 999)),
        st.tuples(st.just("release"), st.integers(0, 999)),
        st.tuples(st.just("seed"), st.integers(0, 40)),
        st.tuples(st.just("list"), st.integers(0, 60)),
    ),
    max_size=25,
)


@SETTINGS
@given(OPERATIONS, FILTER, FILTER, FILTER, st.integers(1, 30))
def test_pages_equal_the_naive_listing(
    operations: list[tuple[str, int]],
    starts: Optional[str],
    contains: Optional[str],
    ends: Optional[str],
    limit: int,
) -> None:
    state = State(0, FakeClock())
    for action, value in operations:
        if action == "buy":
            state.purchase(sorted(state.inventory)[value % len(state.inventory)])
        elif action == "release" and state.account:
            state.release(list(state.account)[value % len(state.account)])
        elif action == "seed":
            state.seed_numbers(value)
        else:  # a listing between changes must not leave stale results behind
            state.account_page(value, limit, starts_with=starts, contains=contains, ends_with=ends)
    expected = naive(state.account, starts, contains, ends)
    for offset in range(0, len(expected) + limit, limit):
        numbers, total = state.account_page(
            offset, limit, starts_with=starts, contains=contains, ends_with=ends
        )
        assert [n.number for n in numbers] == expected[offset : offset + limit]
        assert total == len(expected)
    everything = state.account_numbers(starts_with=starts, ends_with=ends, contains=contains)
    assert [n.number for n in everything] == expected


KEYS = st.text("0123", min_size=1, max_size=4)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["set", "del", "bulk", "page"]), KEYS)), FILTER, FILTER)
def test_the_index_matches_a_plain_dict(
    operations: list[tuple[str, str]], contains: Optional[str], ends: Optional[str]
) -> None:
    index: NumberIndex[str] = NumberIndex()
    reference: dict[str, str] = {}
    for action, key in operations:
        if action == "set":
            index[key] = reference[key] = key.upper()
        elif action == "del" and key in reference:
            del index[key], reference[key]
        elif action == "bulk" and key not in reference:
            index.add_pending([key, key + "9"] if key + "9" not in reference else [key], str.upper)
            reference.update({k: k.upper() for k in (key, key + "9") if k not in reference})
        else:
            index.page(0, 3, key[:1], contains, ends)
        assert len(index) == len(reference) and list(index) == sorted(reference)
    assert dict(index) == reference and index == reference
    for starts in (None, "1", "23"):
        expected = naive(reference, starts, contains, ends)
        records, total = index.page(1, 4, starts, contains, ends)
        assert (records, total) == ([reference[k] for k in expected[1:5]], len(expected))


def test_clearing_the_index_empties_every_view() -> None:
    index: NumberIndex[str] = NumberIndex()
    index["12065550100"] = "owned"
    index.add_pending(["12065550101", "12065550102"], str.upper)
    index.page(0, 10, None, "55", None)
    index.clear()
    assert (len(index), list(index), index.page(0, 10, None, "55", None)) == (0, [], ([], 0))


def test_a_bulk_addition_refuses_a_key_already_present() -> None:
    index: NumberIndex[str] = NumberIndex()
    index["12065550100"] = "owned"
    with pytest.raises(KeyError):
        index.add_pending(["12065550101", "12065550100"], str)
    assert list(index) == ["12065550100"]


def test_filters_are_validated_as_before() -> None:
    state = State(0, FakeClock())
    with pytest.raises(Invalid, match="contains must be 1 to 11 digits"):
        state.account_page(0, 10, contains="4x")


# -- per-page work independent of the account's size ---------------------------


def _calls_made(handler: Callable[[Call], Reply], emulator: Emulator, query: str) -> int:
    """How many Python and C function calls one listing request makes (its work, not its time)."""
    request = Request(
        method="GET", path="/", query=query, headers={}, body=b"", base_url="http://127.0.0.1:1"
    )
    call = Call(state=emulator.state, request=request, params={})
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        reply = handler(call)
    finally:
        sys.setprofile(None)
    assert reply.status == 200
    return count


@pytest.mark.parametrize(
    ("handler", "query_for"),
    [
        (_v2.list_account_numbers, lambda n: f"limit=200&offset={n // 2}"),
        (_v2.list_account_numbers, lambda n: f"limit=200&offset={n // 2}&starts_with=1206"),
        (_v1.list_account_numbers, lambda n: f"limit=200&page={n // 400}"),
    ],
    ids=["v2", "v2-starts-with", "v1"],
)
def test_a_page_of_100k_costs_what_a_page_of_1k_costs(
    handler: Callable[[Call], Reply], query_for: Callable[[int], str]
) -> None:
    work = {}
    for size in (1_000, 100_000):
        emulator = Emulator(seed=0)
        emulator.seed_numbers(size)
        _calls_made(handler, emulator, query_for(size))  # builds the page's records once
        work[size] = _calls_made(handler, emulator, query_for(size))
    assert work[1_000] > 200  # the page itself is rendered
    assert work[100_000] <= work[1_000] * 1.1, work


def test_a_filtered_walk_scans_the_account_once() -> None:
    emulator = Emulator(seed=0)
    emulator.seed_numbers(20_000)
    first = _calls_made(_v2.list_account_numbers, emulator, "limit=50&ends_with=7")
    later = _calls_made(_v2.list_account_numbers, emulator, "limit=50&offset=50&ends_with=7")
    assert later < first / 2, (first, later)


# -- the bounded request log ---------------------------------------------------


def test_the_log_keeps_the_newest_entries() -> None:
    emulator = Emulator(seed=0, log_size=3)
    with emulator.mock() as url, requests.Session() as session:
        session.auth = (emulator.access_key, emulator.secret_key)
        for limit in range(1, 6):
            session.get(f"{url}/v2/routes", params={"limit": limit})
        missing = session.get(f"{url}/v2/numbers/19999999999").json()
    assert [r.query["limit"] for r in emulator.requests[:2]] == [["4"], ["5"]]
    assert len(emulator.requests) == 3
    # Error ids keep counting every request, dropped ones included.
    assert missing["errors"][0]["id"] == "emulator-5"
    emulator.reset()
    assert emulator.requests == []


def test_an_unbounded_log_keeps_everything() -> None:
    emulator = Emulator(seed=0, log_size=None)
    with emulator.mock() as url:
        for _ in range(1100):
            requests.get(f"{url}/v2/routes")
    assert len(emulator.requests) == 1100


@pytest.mark.parametrize("size", [-1, 2.0, "10"])
def test_a_bad_log_size_is_refused(size: Any) -> None:
    with pytest.raises(ValueError, match="log_size"):
        Emulator(log_size=size)


def test_big_documents_are_logged_truncated(api: Api, emulator: Emulator) -> None:
    emulator.seed_numbers(300)
    big = api.get("/v2/numbers", {"limit": 200})
    small = api.get("/v2/numbers", {"limit": 2})
    big_entry, small_entry = emulator.requests
    assert len(big.content) > MAX_LOGGED_BYTES
    assert big_entry.truncated and isinstance(big_entry.response, str)
    assert big.text.startswith(big_entry.response) and len(big_entry.response) == 1024
    assert not small_entry.truncated and small_entry.response == small.json()


def test_big_request_bodies_are_logged_truncated(api: Api, emulator: Emulator) -> None:
    body = {"data": {"type": "route", "attributes": {"alias": "x" * MAX_LOGGED_BYTES}}}
    api.post("/v2/routes", body)
    logged = emulator.requests[-1]
    assert logged.truncated and logged.body.startswith('{"data": {"type": "route"')
    assert len(logged.body) == 1024


# -- serve() stops without polling ---------------------------------------------


class _RecordingSelector(selectors.DefaultSelector):
    timeouts: ClassVar[list[Optional[float]]] = []

    def select(self, timeout: Optional[float] = None) -> Any:
        self.timeouts.append(timeout)
        return super().select(timeout)


@pytest.fixture
def recorded_selects(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Optional[float]]]:
    timeouts: ClassVar[list[Optional[float]]] = []
    monkeypatch.setattr(_RecordingSelector, "timeouts", timeouts)
    monkeypatch.setattr(selectors, "DefaultSelector", _RecordingSelector)
    yield timeouts


def test_the_server_waits_without_a_timeout_and_stops_when_woken(
    recorded_selects: list[Optional[float]],
) -> None:
    emulator = Emulator(seed=0)
    with emulator.serve() as url, requests.Session() as session:
        session.auth = (emulator.access_key, emulator.secret_key)
        for _ in range(3):  # one kept-alive connection: a single accept
            assert session.get(f"{url}/v2/routes").status_code == 200
    # Never a poll: one wait for the connection, one that the stop ends.
    assert recorded_selects == [None, None]


def test_stopping_ends_open_connections_and_the_server_thread() -> None:
    emulator = Emulator(seed=0)
    with emulator.serve() as url:
        session = requests.Session()
        session.get(f"{url}/v2/routes")  # keep-alive connection left open
        port = url.rsplit(":", 1)[1]
    names = {thread.name for thread in threading.enumerate()}
    assert f"flowroute-emulator-{port}" not in names
    with pytest.raises(requests.ConnectionError):
        session.get(f"{url}/v2/routes")
    session.close()
