"""v1 and v2 are two views of one account: what one changes, the other sees.

One Client speaks both versions to one emulator, through either front door.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

import flowroute
from flowroute import cli
from flowroute.emulator import Emulator
from flowroute.v1 import Route as V1Route
from flowroute.v1 import RouteType as V1RouteType

from .emulated import DOORS, client_through

SIP_REG = V1Route(name="sip-reg", type="SIP-REG")


@pytest.fixture
def emu() -> Emulator:
    return Emulator(seed=7)


@pytest.fixture(params=DOORS)
def client(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[flowroute.Client]:
    yield from client_through(request, emu)


def available(client: flowroute.Client, count: int = 1) -> list[str]:
    found = client.v1.purchasable_phone_numbers.search(limit=count, npa=312)
    return [n.number for n in found.items]


def test_bought_on_v1_is_listed_on_v2(client: flowroute.Client) -> None:
    (number,) = available(client)
    client.v1.telephone_numbers.purchase("VPRI", number)
    listed = client.v2.numbers.list_account_phone_numbers()
    assert [n.id for n in listed.items] == [number]
    details = client.v2.numbers.list_phone_number_details(number)
    assert (details.primary_route_id, details.failover_route_id) == ("0", None)
    # Sold: neither version offers it any more.
    offered = client.v2.numbers.search_for_purchasable_phone_numbers(starts_with=number)
    assert offered.items == []
    assert client.v1.purchasable_phone_numbers.search(tn=number).items == []


def test_bought_on_v2_has_v1_details(client: flowroute.Client) -> None:
    (number,) = available(client)
    client.v2.numbers.purchase_a_phone_number(number)
    details = client.v1.telephone_numbers.telephone_number_details(number)
    assert (details.number, details.billing_method) == (number, "METERED")
    assert details.routes == [SIP_REG, SIP_REG]
    assert [n.number for n in client.v1.telephone_numbers.list_account_telephone_numbers()] == [
        number
    ]


def test_released_on_v2_is_gone_from_v1(client: flowroute.Client) -> None:
    (number,) = available(client)
    client.v1.telephone_numbers.purchase("METERED", number)
    client.v2.numbers.release_a_phone_number(number)
    assert client.v1.telephone_numbers.list_account_telephone_numbers().items == []
    assert [n.number for n in client.v1.purchasable_phone_numbers.search(tn=number).items] == [
        number
    ]


@pytest.mark.parametrize(
    ("mtype", "value", "route_type"),
    [
        ("HOST", "24.239.23.40:5060", "host"),
        ("PSTN", "16476998778", "number"),
        ("URI", "sip:alice@example.com", "uri"),
    ],
)
def test_v1_route_by_name_is_a_v2_route_with_that_alias(
    client: flowroute.Client, mtype: str, value: str, route_type: str
) -> None:
    client.v1.inbound_routes.create_new_route("office1", mtype, value)
    (route,) = [r for r in client.v2.routes.list_inbound_routes() if r.alias == "office1"]
    assert (route.route_type, route.value) == (route_type, value)


def test_v2_route_is_listed_on_v1_by_alias(client: flowroute.Client) -> None:
    client.v2.routes.create_an_inbound_route(
        {"route_type": "uri", "value": "sip:desk@example.com", "alias": "desk"}
    )
    assert list(client.v1.inbound_routes.list()) == [
        V1Route(name="desk", type=V1RouteType.URI, value="sip:desk@example.com"),
        V1Route(name="sip-reg", type="SIP-REG", value="sip-reg"),
    ]


def test_v1_update_is_seen_by_v2(client: flowroute.Client) -> None:
    (number,) = available(client)
    client.v1.telephone_numbers.purchase("METERED", number)
    client.v1.inbound_routes.create_new_route("pbx", "HOST", "pbx.example.com:5060")
    client.v1.telephone_numbers.update(number, ["pbx", "sip-reg"])
    details = client.v2.numbers.list_phone_number_details(number)
    pbx = next(r for r in client.v2.routes.list_inbound_routes() if r.alias == "pbx")
    assert (details.primary_route_id, details.failover_route_id) == (pbx.id, "0")


def test_v2_patches_are_seen_by_v1(client: flowroute.Client) -> None:
    (number,) = available(client)
    client.v2.numbers.purchase_a_phone_number(number)
    route = client.v2.routes.create_an_inbound_route(
        {"route_type": "number", "value": "12065550123", "alias": "cell"}
    )
    client.v2.routes.update_failover_voice_route(number, route.id)
    details = client.v1.telephone_numbers.telephone_number_details(number)
    assert details.routes == [SIP_REG, V1Route(name="cell", type=V1RouteType.PSTN)]
    client.v2.routes.update_primary_voice_route(number, route.id)
    client.v2.routes.update_failover_voice_route(number, "0")
    details = client.v1.telephone_numbers.telephone_number_details(number)
    assert details.routes == [V1Route(name="cell", type=V1RouteType.PSTN), SIP_REG]


def test_v1_paging_walks_numbers_bought_on_v2(client: flowroute.Client, emu: Emulator) -> None:
    numbers = available(client, 5)
    for number in numbers:
        client.v2.numbers.purchase_a_phone_number(number)
    first = client.v1.telephone_numbers.list_account_telephone_numbers(limit=2)
    assert [n.number for n in first.items] == numbers[:2]
    assert [n.number for n in first] == numbers
    pages = [r.query.get("page") for r in emu.requests if r.path == "/v1/tns/"]
    assert pages == [None, ["2"], ["3"]]


def test_the_demo_buys_on_v1_and_lists_on_v2() -> None:
    out = io.StringIO()
    assert cli.main(["demo", "--seed", "7"], out=out) == 0
    text = out.getvalue()
    tour = text[text.index("== v1: area codes") :]
    for heading in (
        "== v1: purchasable numbers in NPA 206",
        "== v1: purchased with billing method METERED",
        "== v2: account numbers, the v1 purchase included",
    ):
        assert heading in tour
    bought = tour.split("== v1: purchased")[1].splitlines()[3].split()
    assert bought[1:] == ["METERED", "sip-reg", "sip-reg"]
    listed = tour.split("== v2: account numbers")[1].splitlines()
    assert any(row.split()[0] == bought[0] and row.split()[-1] == "v1" for row in listed[3:])
    assert "{" not in tour
