"""Every `client.v1` method against the emulator, through both front doors, with exact results.

The emulator runs on the real clock here: the client signs with the real
time (the skewed case is in test_v1_signature).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

import flowroute
from flowroute.emulator import Emulator
from flowroute.v1 import (
    AvailableTelephoneNumber,
    BillingMethod,
    Npa,
    NpaNxx,
    Route,
    RouteType,
    TelephoneNumber,
)

from ..emulated import DOORS, client_through

SIP_REG = Route(name="sip-reg", type="SIP-REG")


@pytest.fixture
def emu() -> Emulator:
    return Emulator(seed=0)


@pytest.fixture(params=DOORS)
def client(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[flowroute.Client]:
    yield from client_through(request, emu)


def npa_model(npa: str) -> Npa:
    return Npa(
        npa=npa,
        nxxs_url=f"/v1/available-tns/npanxxs/?npa={npa}",
        tns_url=f"/v1/available-tns/tns/?npa={npa}",
    )


def test_list_available_np_as(client: flowroute.Client, emu: Emulator) -> None:
    codes = emu.state.area_codes()
    page = client.v1.purchasable_phone_numbers.list_available_np_as(limit=5)
    assert page.items == [npa_model(code) for code in codes[:5]]
    assert page.has_next
    assert list(page) == [npa_model(code) for code in codes]


def test_list_area_and_exchange(client: flowroute.Client, emu: Emulator) -> None:
    codes = emu.state.exchanges("206")
    page = client.v1.purchasable_phone_numbers.list_area_and_exchange(limit=2, npa=206, page=2)
    assert page.items == [
        NpaNxx(
            npanxx=code,
            npa="206",
            nxx=code[3:],
            tns_url=f"/v1/available-tns/tns/?npa=206&nxx={code[3:]}",
        )
        for code in codes[2:4]
    ]
    assert [item.npanxx for item in page] == codes[2:]


def test_search(client: flowroute.Client, emu: Emulator) -> None:
    sample = emu.state.search_available(npa="206")[0]
    page = client.v1.purchasable_phone_numbers.search(
        limit=1,
        npa=206,
        nxx=sample.nxx,
        page=1,
        ratecenter=sample.rate_center,
        state="wa",
        tn=sample.number[-4:],
    )
    assert page.items == [
        AvailableTelephoneNumber(
            number=sample.number,
            initial_cost=sample.setup_cost,
            monthly_cost=Decimal("1.25"),
            state="WA",
            ratecenter=sample.rate_center.upper(),
            billing_methods=["VPRI", "METERED"],
        )
    ]


def test_search_without_matches_is_an_empty_page(client: flowroute.Client) -> None:
    page = client.v1.purchasable_phone_numbers.search(npa=999)
    assert (page.items, page.has_next, list(page)) == ([], False, [])


def test_purchase_and_details(client: flowroute.Client, emu: Emulator) -> None:
    number = emu.state.search_available(npa="503")[0].number
    numbers = client.v1.telephone_numbers
    assert numbers.purchase(BillingMethod(billing_method="VPRI"), f"+{number}") is None
    assert numbers.telephone_number_details(int(number)) == TelephoneNumber(
        number=number, billing_method="VPRI", routes=[SIP_REG, SIP_REG]
    )
    assert emu.state.number(number).billing_method == "VPRI"


def test_list_account_telephone_numbers(client: flowroute.Client, emu: Emulator) -> None:
    bought = [emu.state.purchase(n.number).number for n in emu.state.search_available()[:5]]
    page = client.v1.telephone_numbers.list_account_telephone_numbers(limit=2, page=2)
    assert page.items == [
        TelephoneNumber(
            number=number,
            billing_method="METERED",
            routes=[SIP_REG, SIP_REG],
            detail_url=f"/v1/tns/{number}",
        )
        for number in bought[2:4]
    ]
    assert [n.number for n in page] == bought[2:]
    matching = client.v1.telephone_numbers.list_account_telephone_numbers(pattern=bought[1][-5:])
    assert [n.number for n in matching] == [bought[1]]


def test_update(client: flowroute.Client, emu: Emulator) -> None:
    (number,) = [emu.state.purchase(n.number).number for n in emu.state.search_available()[:1]]
    client.v1.inbound_routes.create_new_route("HOSTroute1", RouteType.HOST, "24.239.23.40:5060")
    client.v1.telephone_numbers.update(number, [Route(name="HOSTroute1"), {"name": "sip-reg"}])
    details = client.v1.telephone_numbers.telephone_number_details(number)
    assert details.routes == [Route(name="HOSTroute1", type=RouteType.HOST), SIP_REG]
    client.v1.telephone_numbers.update(number, ["sip-reg", "HOSTroute1"])
    details = client.v1.telephone_numbers.telephone_number_details(number)
    assert details.routes == [SIP_REG, Route(name="HOSTroute1", type=RouteType.HOST)]


def test_create_new_route_and_list(client: flowroute.Client) -> None:
    routes = client.v1.inbound_routes
    assert routes.create_new_route("PSTNroute1", "PSTN", 16476998778) is None
    routes.create_new_route("HOSTroute1", "HOST", "24.239.23.40:5060")
    routes.create_new_route("URIroute1", RouteType.URI, "sip:16476998778@215.122.69.152:5060")
    expected = [
        Route(name="HOSTroute1", type=RouteType.HOST, value="24.239.23.40:5060"),
        Route(name="PSTNroute1", type=RouteType.PSTN, value="16476998778"),
        Route(name="URIroute1", type=RouteType.URI, value="sip:16476998778@215.122.69.152:5060"),
        Route(name="sip-reg", type="SIP-REG", value="sip-reg"),
    ]
    page = routes.list(limit=3)
    assert (page.items, page.has_next) == (expected[:3], True)
    assert list(page) == expected
    assert routes.list(limit=3, page=2).items == expected[3:]


def test_api_errors_reach_the_client_in_v1_shape(client: flowroute.Client, emu: Emulator) -> None:
    number = emu.state.search_available()[0].number
    with pytest.raises(flowroute.errors.NotFoundError) as missing:
        client.v1.telephone_numbers.telephone_number_details(number)
    assert missing.value.detail == f"number {number} is not on this account"
    client.v1.inbound_routes.create_new_route("dup", "HOST", "a.example.com")
    with pytest.raises(flowroute.errors.ConflictError) as duplicate:
        client.v1.inbound_routes.create_new_route("dup", "HOST", "b.example.com")
    assert duplicate.value.body == {"error": "a route with alias 'dup' already exists"}
    emu.state.purchase(number)
    with pytest.raises(flowroute.errors.NotFoundError, match="no route named 'nowhere'"):
        client.v1.telephone_numbers.update(number, ["sip-reg", "nowhere"])


def test_update_with_only_a_primary_is_refused(client: flowroute.Client, emu: Emulator) -> None:
    # The documentation asks for both routes; the emulator's own 400 for one route is
    # pinned in test_v1_endpoints.py.
    number = emu.state.purchase(emu.state.search_available()[0].number).number
    with pytest.raises(flowroute.ValidationError, match="routes"):
        client.v1.telephone_numbers.update(number, ["sip-reg"])
    assert emu.requests == []
