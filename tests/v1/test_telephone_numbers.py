"""TelephoneNumbersController: exact requests, documented response shapes, errors."""

from __future__ import annotations

from typing import Any

import pytest
import responses

import flowroute
from flowroute.v1 import BillingMethod, Route, RouteType, TelephoneNumber

from .expect import expect

ACCOUNT_TNS: dict[str, Any] = {
    "links": {"prev": "/v1/tns/?limit=1&page=1", "next": "/v1/tns/?limit=1&page=3"},
    "tns": {
        "12062092844": {
            "routes": [
                {"type": "SIP-REG", "name": "sip-reg"},
                {"type": "SIP-REG", "name": "sip-reg"},
            ],
            "billing_method": "METERED",
            "detail": "/v1/tns/12062092844",
        }
    },
}

DETAILS = {
    "routes": [
        {"type": "HOST", "name": "HOSTroute1", "value": "24.239.23.40:5060"},
        {"type": "SIP-REG", "name": "sip-reg"},
    ],
    "billing_method": "METERED",
}

SIP_REG = Route(name="sip-reg", type="SIP-REG")


@pytest.mark.parametrize(
    "billing", [BillingMethod(billing_method="METERED"), "METERED"], ids=["model", "text"]
)
@pytest.mark.parametrize("number", ["+12065550100", "12065550100", "(206) 555-0100", 12065550100])
def test_purchase(
    client: flowroute.Client, rsps: responses.RequestsMock, billing: Any, number: Any
) -> None:
    expect(rsps, "PUT", "/v1/tns/12065550100", body={"billing_method": "METERED"})

    client.v1.telephone_numbers.purchase(billing, number)

    assert len(rsps.calls) == 1


def test_purchase_refused_raises_with_the_v1_error(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(
        rsps,
        "PUT",
        "/v1/tns/12065550100",
        body={"billing_method": "VPRI"},
        reply={"error": "Number is not available for purchase"},
        status=400,
    )

    with pytest.raises(flowroute.BadRequestError) as caught:
        client.v1.telephone_numbers.purchase(BillingMethod(billing_method="VPRI"), "12065550100")

    assert caught.value.detail == "Number is not available for purchase"
    assert caught.value.method == "PUT"


def test_list_account_telephone_numbers(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(
        rsps,
        "GET",
        "/v1/tns/",
        query={"limit": "1", "page": "2", "pattern": "206"},
        reply=ACCOUNT_TNS,
    )

    page = client.v1.telephone_numbers.list_account_telephone_numbers(limit=1, page=2, pattern=206)

    assert page.items == [
        TelephoneNumber(
            number="12062092844",
            billing_method="METERED",
            routes=[SIP_REG, SIP_REG],
            detail_url="/v1/tns/12062092844",
        )
    ]
    assert page.items[0].raw == ACCOUNT_TNS["tns"]["12062092844"]
    assert page.has_next


def test_account_numbers_walk_to_the_page_in_links_next(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/tns/", query={"limit": "1", "page": "2"}, reply=ACCOUNT_TNS)
    last = {"tns": {"12062092845": {"routes": [], "billing_method": "VPRI"}}}
    expect(rsps, "GET", "/v1/tns/", query={"limit": "1", "page": "3"}, reply=last)

    page = client.v1.telephone_numbers.list_account_telephone_numbers(1, 2)

    assert [tn.number for tn in page] == ["12062092844", "12062092845"]


def test_no_account_numbers_is_an_empty_page(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/tns/", query={"pattern": "999"}, reply={})

    page = client.v1.telephone_numbers.list_account_telephone_numbers(pattern="999")

    assert page.items == []
    assert not page.has_next


def test_telephone_number_details(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v1/tns/12064205788", reply=DETAILS)

    details = client.v1.telephone_numbers.telephone_number_details(12064205788)

    assert details == TelephoneNumber(
        number="12064205788",
        billing_method="METERED",
        routes=[
            Route(name="HOSTroute1", type=RouteType.HOST, value="24.239.23.40:5060"),
            SIP_REG,
        ],
    )
    assert details.routes[0].type is RouteType.HOST
    assert details.raw == DETAILS


def test_details_of_a_number_not_on_the_account(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(
        rsps,
        "GET",
        "/v1/tns/12064205788",
        reply={"error": "TN not found on account"},
        status=404,
    )

    with pytest.raises(flowroute.NotFoundError) as caught:
        client.v1.telephone_numbers.telephone_number_details("+1 206 420 5788")

    assert caught.value.detail == "TN not found on account"


def test_details_with_an_undocumented_body_raise_decode_error(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/tns/12064205788", reply={"routes": "sip-reg"})

    with pytest.raises(flowroute.DecodeError) as caught:
        client.v1.telephone_numbers.telephone_number_details("12064205788")

    message = str(caught.value)
    assert "$.routes" in message
    assert "$.billing_method" in message
    assert caught.value.url == "https://api.flowroute.com/v1/tns/12064205788"


@pytest.mark.parametrize(
    "routes",
    [
        [Route(name="sip-reg"), Route(name="ea4f4056663e27b082999689982e4723")],
        [{"name": "sip-reg"}, {"name": "ea4f4056663e27b082999689982e4723"}],
        ("sip-reg", "ea4f4056663e27b082999689982e4723"),
    ],
    ids=["models", "dicts", "names"],
)
def test_update_primary_and_failover(
    client: flowroute.Client, rsps: responses.RequestsMock, routes: Any
) -> None:
    expect(
        rsps,
        "PATCH",
        "/v1/tns/12064205780",
        body={"routes": [{"name": "sip-reg"}, {"name": "ea4f4056663e27b082999689982e4723"}]},
    )

    client.v1.telephone_numbers.update(number=12064205780, routes=routes)

    assert len(rsps.calls) == 1


def test_update_needs_both_routes(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    with pytest.raises(flowroute.ValidationError, match="routes"):
        client.v1.telephone_numbers.update("+12064205780", [Route(name="HOSTroute1")])
    assert len(rsps.calls) == 0


def test_update_with_an_unknown_route(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(
        rsps,
        "PATCH",
        "/v1/tns/12064205780",
        body={"routes": [{"name": "nope"}, {"name": "sip-reg"}]},
        reply={"error": "Route nope does not exist"},
        status=400,
    )

    with pytest.raises(flowroute.BadRequestError, match="Route nope does not exist"):
        client.v1.telephone_numbers.update("12064205780", ["nope", "sip-reg"])
