"""Responses that are not what v1 documents raise DecodeError naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import responses

import flowroute
from flowroute.v1 import AvailableTelephoneNumber, Npa, Route, RouteType, TelephoneNumber
from flowroute.v1._converter import structure, structure_keyed

from .expect import expect

BAD_LISTINGS = [
    pytest.param([], "$", id="body-is-a-list"),
    pytest.param({"npanxxs": ["206258"]}, "$.npanxxs", id="section-is-a-list"),
    pytest.param({"npanxxs": {"206258": "tns"}}, "$.npanxxs['206258']", id="item-not-object"),
    pytest.param({"npanxxs": {"2062": {"tns": "/x"}}}, "$.npanxxs['2062']", id="key-not-npanxx"),
    pytest.param({"npanxxs": {"206258": {"tns": 5.5}}}, "$.npanxxs['206258'].tns", id="url-float"),
]

BAD_NEXT_LINKS = [
    pytest.param("/v1/available-tns/npanxxs/?page=1", id="next-goes-backwards"),
    pytest.param(2, id="next-not-text"),
]


@pytest.mark.parametrize(("reply", "where"), BAD_LISTINGS)
def test_listing_not_as_documented(
    client: flowroute.Client, rsps: responses.RequestsMock, reply: Any, where: str
) -> None:
    expect(rsps, "GET", "/v1/available-tns/npanxxs/", reply=reply)

    with pytest.raises(flowroute.DecodeError) as caught:
        client.v1.purchasable_phone_numbers.list_area_and_exchange()

    assert where in str(caught.value)
    assert caught.value.method == "GET"
    assert caught.value.url == "https://api.flowroute.com/v1/available-tns/npanxxs/"
    assert caught.value.status == 200
    assert caught.value.path == where


@pytest.mark.parametrize("link", BAD_NEXT_LINKS)
def test_next_link_that_cannot_be_followed_fails_when_followed(
    client: flowroute.Client, rsps: responses.RequestsMock, link: Any
) -> None:
    reply = {"npanxxs": {"206258": {"tns": "/x"}}, "links": {"next": link}}
    expect(rsps, "GET", "/v1/available-tns/npanxxs/", reply=reply)

    page = client.v1.purchasable_phone_numbers.list_area_and_exchange()

    assert [item.npanxx for item in page.items] == ["206258"]
    assert page.has_next
    with pytest.raises(flowroute.DecodeError) as caught:
        page.next_page()
    assert caught.value.path == "$.links.next"
    assert caught.value.url == "https://api.flowroute.com/v1/available-tns/npanxxs/"
    assert len(rsps.calls) == 1


def test_next_link_without_a_page_moves_on_by_one(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    first = {"npanxxs": {"206258": {}}, "links": {"next": "/v1/available-tns/npanxxs/?limit=1"}}
    expect(rsps, "GET", "/v1/available-tns/npanxxs/", query={"limit": "1"}, reply=first)
    second = {"npanxxs": {"206259": {}}}
    expect(
        rsps, "GET", "/v1/available-tns/npanxxs/", query={"limit": "1", "page": "2"}, reply=second
    )

    page = client.v1.purchasable_phone_numbers.list_area_and_exchange(limit=1)

    assert [item.npanxx for item in page] == ["206258", "206259"]


def test_empty_success_body_of_a_listing_is_an_empty_page(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/routes/")

    assert client.v1.inbound_routes.list().items == []


def test_empty_details_body_is_a_decode_error(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/tns/12065550100")

    with pytest.raises(flowroute.DecodeError, match="expected an object"):
        client.v1.telephone_numbers.telephone_number_details("12065550100")


@pytest.mark.parametrize(
    ("item", "where"),
    [
        ({"initial_cost": True}, "initial_cost"),
        ({"initial_cost": "one"}, "initial_cost"),
        ({"initial_cost": "NaN"}, "initial_cost"),
        ({"state": None}, "state"),
        ({"billing_methods": "METERED"}, "billing_methods"),
        ({"billing_methods": [1.5]}, "billing_methods[0]"),
    ],
)
def test_available_number_fields_are_checked(item: dict[str, Any], where: str) -> None:
    good = {"initial_cost": "1.00", "monthly_cost": "1.25", "state": "WA", "ratecenter": "X"}
    body = {"tns": {"12065550100": {**good, **item}}}

    with pytest.raises(flowroute.DecodeError) as caught:
        structure_keyed(body, "tns", AvailableTelephoneNumber, lambda key: {"number": key})

    assert f"$.tns['12065550100'].{where}" in str(caught.value)


def test_missing_required_field_is_named() -> None:
    with pytest.raises(flowroute.DecodeError, match=r"required field missing @ \$\.billing_method"):
        structure({"number": "12065550100", "routes": []}, TelephoneNumber)


def test_nested_route_error_names_its_index() -> None:
    body = {"number": "1", "billing_method": "VPRI", "routes": [{"name": "a"}, {"type": "HOST"}]}

    with pytest.raises(flowroute.DecodeError, match=r"\$\.routes\[1\]\.name"):
        structure(body, TelephoneNumber)


def test_amounts_are_exact_decimals_and_extra_fields_stay_in_raw() -> None:
    item = {
        "initial_cost": "0.10",
        "monthly_cost": "1.3",
        "state": "WA",
        "ratecenter": "SEATTLE",
        "new_field": {"added": "later"},
    }
    [number] = structure_keyed(
        {"tns": {"12065550100": item}}, "tns", AvailableTelephoneNumber, lambda k: {"number": k}
    )

    assert number.initial_cost + number.monthly_cost == Decimal("1.40")
    assert number.billing_methods == []
    assert number.raw == item
    assert "raw" not in repr(number)


def test_a_server_field_named_raw_does_not_replace_the_payload() -> None:
    item = {"name": "r1", "raw": "server data"}

    route = structure(item, Route)

    assert route.raw == item


def test_unknown_route_types_stay_text() -> None:
    routes = [structure({"name": "a", "type": t}, Route) for t in ("URI", "SIP-REG", None)]

    assert [r.type for r in routes] == [RouteType.URI, "SIP-REG", None]
    assert routes[0].type == "URI"


def test_models_compare_without_raw() -> None:
    assert Npa(npa="206", raw={"a": 1}) == Npa(npa="206")
