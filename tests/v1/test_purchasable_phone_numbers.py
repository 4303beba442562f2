"""PurchasablePhoneNumbersController: exact requests, documented response shapes, paging."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import responses

import flowroute
from flowroute.v1 import AvailableTelephoneNumber, Npa, NpaNxx

from .expect import expect

NPAS: dict[str, Any] = {
    "npas": {
        "201": {
            "nxxs": "/v1/available-tns/npanxxs/?npa=201",
            "tns": "/v1/available-tns/tns/?npa=201",
        },
        "202": {
            "nxxs": "/v1/available-tns/npanxxs/?npa=202",
            "tns": "/v1/available-tns/tns/?npa=202",
        },
    },
    "links": {"next": "/v1/available-tns/npas/?limit=2&page=2"},
}

NPANXXS = {
    "npanxxs": {
        "206258": {"tns": "/v1/available-tns/tns/?npa=206&nxx=258"},
        "206238": {"tns": "/v1/available-tns/tns/?npa=206&nxx=238"},
    },
    "links": {
        "prev": "/v1/available-tns/npanxxs/?npa=206&limit=2&page=1",
        "next": "/v1/available-tns/npanxxs/?npa=206&limit=2&page=3",
    },
}

TNS = {
    "links": {
        "next": "/v1/available-tns/tns/?npa=206&nxx=743&state=wa&ratecenter=seattle&limit=1&page=2"
    },
    "tns": {
        "12067439178": {
            "initial_cost": "1.00",
            "monthly_cost": "1.25",
            "state": "WA",
            "ratecenter": "SEATTLE",
            "billing_methods": ["VPRI", "METERED"],
        }
    },
}


def test_list_available_np_as(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v1/available-tns/npas/", query={"limit": "2"}, reply=NPAS)

    page = client.v1.purchasable_phone_numbers.list_available_np_as(limit=2)

    assert page.items == [
        Npa(
            npa="201",
            nxxs_url="/v1/available-tns/npanxxs/?npa=201",
            tns_url="/v1/available-tns/tns/?npa=201",
        ),
        Npa(
            npa="202",
            nxxs_url="/v1/available-tns/npanxxs/?npa=202",
            tns_url="/v1/available-tns/tns/?npa=202",
        ),
    ]
    assert page.items[0].raw == NPAS["npas"]["201"]
    assert page.raw == NPAS
    assert page.has_next


def test_list_available_np_as_without_limit_sends_no_query(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/available-tns/npas/", reply={"npas": {}})

    page = client.v1.purchasable_phone_numbers.list_available_np_as()

    assert page.items == []
    assert not page.has_next


def test_np_as_walk_every_page_through_links_next(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/available-tns/npas/", query={"limit": "2"}, reply=NPAS)
    expect(
        rsps,
        "GET",
        "/v1/available-tns/npas/",
        query={"limit": "2", "page": "2"},
        reply={
            "npas": {"203": {"nxxs": "/x", "tns": "/y"}},
            "links": {"prev": "/v1/available-tns/npas/?limit=2&page=1"},
        },
    )

    page = client.v1.purchasable_phone_numbers.list_available_np_as(2)

    assert [npa.npa for npa in page] == ["201", "202", "203"]
    assert len(rsps.calls) == 2


def test_list_area_and_exchange(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(
        rsps,
        "GET",
        "/v1/available-tns/npanxxs/",
        query={"limit": "2", "npa": "206", "page": "2"},
        reply=NPANXXS,
    )

    page = client.v1.purchasable_phone_numbers.list_area_and_exchange(limit=2, npa=206, page=2)

    # The server's order is kept (not sorted).
    assert page.items == [
        NpaNxx(
            npanxx="206258", npa="206", nxx="258", tns_url="/v1/available-tns/tns/?npa=206&nxx=258"
        ),
        NpaNxx(
            npanxx="206238", npa="206", nxx="238", tns_url="/v1/available-tns/tns/?npa=206&nxx=238"
        ),
    ]


def test_area_and_exchange_next_page_keeps_the_filters(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(
        rsps,
        "GET",
        "/v1/available-tns/npanxxs/",
        query={"limit": "2", "npa": "206", "page": "2"},
        reply=NPANXXS,
    )
    expect(
        rsps,
        "GET",
        "/v1/available-tns/npanxxs/",
        query={"limit": "2", "npa": "206", "page": "3"},
        reply={},
    )

    first = client.v1.purchasable_phone_numbers.list_area_and_exchange(2, "206", 2)
    following = first.next_page()

    assert following is not None
    assert following.items == []
    assert not following.has_next


def test_nothing_matched_is_an_empty_page(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v1/available-tns/npanxxs/", query={"npa": "907"}, reply={})

    page = client.v1.purchasable_phone_numbers.list_area_and_exchange(npa="907")

    assert page.items == []
    assert list(page) == []
    assert not page.has_next


def test_search_with_every_argument(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(
        rsps,
        "GET",
        "/v1/available-tns/tns/",
        query={
            "limit": "1",
            "npa": "206",
            "nxx": "743",
            "page": "1",
            "ratecenter": "seattle",
            "state": "wa",
            "tn": "206743",
        },
        reply=TNS,
    )

    page = client.v1.purchasable_phone_numbers.search(1, 206, 743, 1, "seattle", "wa", "206743")

    assert page.items == [
        AvailableTelephoneNumber(
            number="12067439178",
            initial_cost=Decimal("1.00"),
            monthly_cost=Decimal("1.25"),
            state="WA",
            ratecenter="SEATTLE",
            billing_methods=["VPRI", "METERED"],
        )
    ]
    assert page.has_next


def test_search_follows_links_next_page(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    query = {"limit": "1", "npa": "206", "nxx": "743", "ratecenter": "seattle", "state": "wa"}
    expect(rsps, "GET", "/v1/available-tns/tns/", query=query, reply=TNS)
    expect(rsps, "GET", "/v1/available-tns/tns/", query={**query, "page": "2"}, reply={})

    page = client.v1.purchasable_phone_numbers.search(
        limit=1, npa="206", nxx="743", ratecenter="seattle", state="wa"
    )

    assert [tn.number for tn in page] == ["12067439178"]


def test_search_without_arguments(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v1/available-tns/tns/", reply={})

    assert client.v1.purchasable_phone_numbers.search().items == []


@pytest.mark.parametrize("status", [400, 404, 500])
def test_v1_error_body_becomes_a_typed_api_error(
    client: flowroute.Client, rsps: responses.RequestsMock, status: int
) -> None:
    expect(
        rsps,
        "GET",
        "/v1/available-tns/npas/",
        query={"limit": "2"},
        reply={"error": "limit must be between 1 and 200"},
        status=status,
    )

    with pytest.raises(flowroute.APIError) as caught:
        client.v1.purchasable_phone_numbers.list_available_np_as(2)

    assert type(caught.value) is flowroute.errors.error_for_status(status)
    assert caught.value.status == status
    assert caught.value.detail == "limit must be between 1 and 200"
