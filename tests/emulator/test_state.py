"""The state on its own: seeded inventory, determinism, verbs, thread safety."""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from flowroute.emulator import Conflict, Emulator, Forbidden, Invalid, NotFound
from flowroute.emulator.state import State

from .conftest import Api, FakeClock


def fixed_clock() -> datetime:
    return datetime(2024, 1, 1, tzinfo=timezone.utc)


def test_same_seed_same_inventory_and_credentials() -> None:
    first, second = Emulator(seed=7), Emulator(seed=7)
    assert first.state.inventory == second.state.inventory
    assert (first.access_key, first.secret_key) == (second.access_key, second.secret_key)


def test_different_seed_different_inventory_and_credentials() -> None:
    first, second = Emulator(seed=1), Emulator(seed=2)
    assert set(first.state.inventory) != set(second.state.inventory)
    assert first.access_key != second.access_key and first.secret_key != second.secret_key


def test_explicit_credentials_leave_the_inventory_unchanged() -> None:
    chosen = Emulator(seed=3, access_key="me", secret_key="s3cret")
    assert (chosen.access_key, chosen.secret_key) == ("me", "s3cret")
    assert chosen.state.inventory == Emulator(seed=3).state.inventory
    assert "s3cret" not in repr(chosen)


def test_derived_credentials_look_like_flowroute_keys() -> None:
    emulator = Emulator()
    assert re.fullmatch(r"\d{8}", emulator.access_key)
    assert re.fullmatch(r"[0-9a-f]{32}", emulator.secret_key)


@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_inventory_is_large_varied_and_realistic(seed: int) -> None:
    inventory = list(Emulator(seed=seed).state.inventory.values())
    assert len(inventory) >= 1000
    area_codes = Counter(n.npa for n in inventory)
    assert len(area_codes) >= 10
    assert all(len({n.nxx for n in inventory if n.npa == npa}) >= 3 for npa in area_codes)
    for listing in inventory:
        assert re.fullmatch(r"1\d{10}", listing.number)
        assert listing.number[1:4] == listing.npa and listing.number[4:7] == listing.nxx
        assert re.fullmatch(r"[a-z]{2}", listing.state)
        assert re.fullmatch(r"[a-z0-9]+", listing.rate_center)
        assert listing.monthly_cost == Decimal("1.25")
    costs = Counter(n.setup_cost for n in inventory)
    assert costs.most_common(1)[0][0] == Decimal("1.00")
    assert Decimal("3.99") in costs
    assert {"seattle", "nwyrcyzn01", "millbrae"} <= {n.rate_center for n in inventory}


def test_an_exchange_has_one_rate_center() -> None:
    inventory = Emulator().state.inventory.values()
    centers: dict[str, set[str]] = {}
    for listing in inventory:
        centers.setdefault(listing.npa + listing.nxx, set()).add(listing.rate_center)
    assert all(len(found) == 1 for found in centers.values())


def test_fresh_account_has_only_the_sip_reg_route() -> None:
    state = Emulator().state
    assert state.account == {} and state.messages_by_id == {}
    (route,) = state.routes()
    expected = ("0", "sip-reg", "sip-reg", None)
    assert (route.id, route.alias, route.route_type, route.value) == expected


def test_purchase_and_release_move_numbers_between_inventory_and_account() -> None:
    state = State(0, fixed_clock)
    listing = state.search_available(rate_center="seattle")[0]
    owned = state.purchase(listing.number, billing_method="VPRI")
    assert owned.billing_method == "VPRI" and owned.purchased_at == fixed_clock()
    assert (owned.primary_route_id, owned.failover_route_id) == ("0", None)
    assert owned.rate_center == "seattle" and owned.alias is None and owned.cnam_lookups_enabled
    assert listing.number not in state.inventory
    with pytest.raises(Conflict):
        state.purchase(listing.number)
    state.release(listing.number)
    assert state.inventory[listing.number] == listing
    with pytest.raises(NotFound):
        state.release(listing.number)


def test_domain_errors_name_the_field() -> None:
    state = State(0, fixed_clock)
    with pytest.raises(Invalid) as bad_billing:
        state.purchase(next(iter(state.inventory)), billing_method="MONTHLY")
    assert bad_billing.value.field == "billing_method"
    with pytest.raises(Invalid) as bad_filter:
        state.search_available(npa="2065")
    assert bad_filter.value.field == "npa"


def test_v1_style_lookups_by_npa_nxx_and_alias() -> None:
    state = State(0, fixed_clock)
    exchange = state.exchanges("206")[0]
    found = state.search_available(npa="206", nxx=exchange[3:])
    assert found and all(n.npa + n.nxx == exchange for n in found)
    route = state.create_route("uri", "sip:desk@example.com", "desk")
    assert state.route_by_alias("desk") == route
    assert state.route_by_alias("sip-reg").id == "0"
    with pytest.raises(NotFound):
        state.route_by_alias("nope")


def test_sending_needs_an_owned_number() -> None:
    clock = FakeClock()
    state = State(0, clock)
    with pytest.raises(Forbidden):
        state.send_message(to="12065551234", from_="12065550000", body="hi")
    sender = state.purchase(next(iter(state.inventory))).number
    message = state.send_message(to="12065551234", from_=sender, body="hi")
    assert message.timestamp == clock.now and message.direction == "outbound"
    assert [m.id for m in state.messages(clock.now, clock.now)] == [
        message.id
    ]  # moved on: delivered


def test_message_ids_are_deterministic_per_seed() -> None:
    def first_id(seed: int) -> str:
        state = State(seed, fixed_clock)
        sender = state.purchase(next(iter(state.inventory))).number
        return state.send_message(to="12065551234", from_=sender, body="x").id

    assert first_id(5) == first_id(5) != first_id(6)


def test_concurrent_purchases_of_distinct_numbers(api: Api, emulator: Emulator) -> None:
    numbers = [n["id"] for n in api.get("/v2/numbers/available", {"limit": 40}).json()["data"]]

    def buy(number: str) -> int:
        return api.session.post(f"{api.url}/v2/numbers/{number}").status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(buy, numbers))
    assert statuses == [201] * len(numbers)
    assert sorted(emulator.state.account) == sorted(numbers)
    assert not set(numbers) & set(emulator.state.inventory)
    assert len(emulator.requests) == len(numbers) + 1


def test_concurrent_purchases_of_one_number_sell_it_once(api: Api) -> None:
    number = api.first_available()

    def buy(_: int) -> int:
        return api.session.post(f"{api.url}/v2/numbers/{number}").status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = Counter(pool.map(buy, range(16)))
    assert statuses == Counter({201: 1, 409: 15})
