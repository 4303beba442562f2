"""The user tour of the v2 client, end to end against the emulator, through both front doors."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

import flowroute
from flowroute.emulator import Emulator
from flowroute.v2 import Number, RouteType

HOST_ROUTE = {"route_type": "host", "value": "pbx.example.com:5060", "alias": "office"}
MOBILE = "+1 (425) 555-0199"


@pytest.fixture(params=["serve", "mock"])
def tour(request: pytest.FixtureRequest) -> Iterator[tuple[Emulator, flowroute.Client]]:
    """A fresh seeded emulator and a Client reaching it through one front door."""
    emu = Emulator(seed=0)
    door = emu.serve() if request.param == "serve" else emu.mock()
    with door as url:
        base = url if request.param == "serve" else None  # mock answers the default URL
        with flowroute.Client(emu.access_key, emu.secret_key, base_url=base) as client:
            yield emu, client


def test_user_tour(tour: tuple[Emulator, flowroute.Client]) -> None:
    emu, client = tour
    numbers, routes, messages = client.v2.numbers, client.v2.routes, client.v2.messages

    codes = numbers.list_available_area_codes(limit=3, max_setup_cost=3.25)
    assert len(codes.items) == 3 and codes.has_next
    assert all(len(code.id) == 3 and code.id.isdigit() for code in codes.items)

    found = numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=3)
    assert len(found.items) == 3
    assert all(n.value.startswith("1206") for n in found.items)
    assert all(
        type(n.setup_cost) is Decimal and type(n.monthly_cost) is Decimal for n in found.items
    )

    number = numbers.purchase_a_phone_number(found.items[0].id)
    assert isinstance(number, Number)
    assert number.id == number.value == found.items[0].id

    listed = [n.id for n in numbers.list_account_phone_numbers(limit=2)]
    assert number.id in listed

    route = routes.create_an_inbound_route(HOST_ROUTE)
    assert (route.route_type, route.value, route.alias) == (
        RouteType.HOST,
        HOST_ROUTE["value"],
        "office",
    )
    assert route.id in [r.id for r in routes.list_inbound_routes()]

    routes.update_primary_voice_route(number.id, route.id)
    routes.update_failover_voice_route(number.id, "0")
    details = numbers.list_phone_number_details(number.id)
    assert (details.primary_route_id, details.failover_route_id) == (route.id, "0")
    assert details.primary_route is not None and details.primary_route.value == HOST_ROUTE["value"]
    assert details.failover_route is not None
    assert details.failover_route.route_type is RouteType.SIP_REG

    mdr_id = messages.send_a_message({"to": MOBILE, "from": number.id, "body": "hi"})
    assert mdr_id.startswith("mdr2-")
    record = messages.look_up_a_message_detail_record(mdr_id)
    assert (record.id, record.body, record.from_, record.to) == (
        mdr_id,
        "hi",
        number.id,
        "14255550199",
    )
    assert record.direction == "outbound"
    assert record.timestamp is not None
    assert record.amount_nanodollars is not None and record.amount_nanodollars > 0
    assert record.amount == Decimal(record.amount_nanodollars).scaleb(-9)
    day = record.timestamp.date()
    assert mdr_id in [m.id for m in messages.look_up_a_set_of_messages(day, limit=10)]

    # Every request reached the emulator once, in order, without its credentials in the log.
    assert [(r.method, r.path) for r in emu.requests] == [
        ("GET", "/v2/numbers/available/areacodes"),
        ("GET", "/v2/numbers/available"),
        ("POST", f"/v2/numbers/{number.id}"),
        ("GET", "/v2/numbers"),
        ("POST", "/v2/routes"),
        ("GET", "/v2/routes"),
        ("PATCH", f"/v2/numbers/{number.id}/relationships/primary_route"),
        ("PATCH", f"/v2/numbers/{number.id}/relationships/failover_route"),
        ("GET", f"/v2/numbers/{number.id}"),
        ("POST", "/v2.1/messages"),
        ("GET", f"/v2.1/messages/{mdr_id}"),
        ("GET", "/v2.1/messages"),
    ]
    assert all("authorization" not in r.headers for r in emu.requests)


def test_listing_walks_every_page_with_exact_offsets(
    tour: tuple[Emulator, flowroute.Client],
) -> None:
    emu, client = tour
    numbers = client.v2.numbers
    bought = {
        numbers.purchase_a_phone_number(n.id).id
        for n in numbers.search_for_purchasable_phone_numbers(limit=5).items
    }

    walked = [n.id for n in numbers.list_account_phone_numbers(limit=2)]

    assert sorted(walked) == sorted(bought) and len(walked) == 5
    queries = [r.query for r in emu.requests if r.path == "/v2/numbers"]
    assert queries == [
        {"limit": ["2"]},
        {"limit": ["2"], "offset": ["2"]},
        {"limit": ["2"], "offset": ["4"]},
    ]


def test_errors_from_the_emulator(tour: tuple[Emulator, flowroute.Client]) -> None:
    emu, client = tour

    with pytest.raises(flowroute.NotFoundError) as missing:
        client.v2.numbers.list_phone_number_details("12065550100")
    with pytest.raises(flowroute.NotFoundError):
        client.v2.messages.look_up_a_message_detail_record("mdr2-0000")
    wrong = flowroute.Client(emu.access_key, "not-the-secret", base_url=client.base_url)
    with pytest.raises(flowroute.AuthenticationError) as refused:
        wrong.v2.routes.list_inbound_routes()

    assert missing.value.detail != "no detail given"
    assert "not-the-secret" not in str(refused.value) + repr(refused.value)


def test_serve_and_mock_share_one_state() -> None:
    emu = Emulator(seed=0)
    with emu.serve() as url:
        client = flowroute.Client(emu.access_key, emu.secret_key, base_url=url)
        found = client.v2.numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=3)
        number = client.v2.numbers.purchase_a_phone_number(found.items[0].id)
        client.close()
    with emu.mock():
        listed = flowroute.Client(
            emu.access_key, emu.secret_key
        ).v2.numbers.list_account_phone_numbers()

    assert [n.id for n in listed.items] == [number.id]


def test_same_seed_same_inventory() -> None:
    def first_three() -> list[tuple[str, Decimal]]:
        emu = Emulator(seed=0)
        with emu.mock():
            client = flowroute.Client(emu.access_key, emu.secret_key)
            page = client.v2.numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=3)
            return [(n.id, n.setup_cost) for n in page.items]

    assert first_three() == first_three()


def test_an_mms_is_sent_with_its_media_and_looked_up_as_one(
    tour: tuple[Emulator, flowroute.Client],
) -> None:
    emu, client = tour
    number = emu.state.purchase(emu.state.search_available(starts_with="1206")[0].number)
    media = ["https://media.example/menu.png", "https://media.example/map.png"]
    messages = client.v2.messages
    mdr_id = messages.send_a_message(to=MOBILE, from_=number.number, body=None, media_urls=media)
    sent = emu.requests[-1].body["data"]["attributes"]
    assert (sent["is_mms"], sent["media_urls"], "body" in sent) == (True, media, False)
    record = messages.look_up_a_message_detail_record(mdr_id)
    assert record.is_mms and record.id == mdr_id
    assert emu.state.message(mdr_id).media_urls == tuple(media)
    listed = messages.look_up_a_set_of_messages(record.timestamp.date(), limit=10)  # type: ignore[union-attr]
    assert [m.is_mms for m in listed if m.id == mdr_id] == [True]
