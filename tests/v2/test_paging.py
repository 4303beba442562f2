"""Listings as Pages: next_page, and lazy iteration that asks for each page exactly."""

from __future__ import annotations

from typing import Any, Callable, Optional
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

import flowroute
from flowroute.v2 import V2

from . import documented as doc
from .expect import expect


def _areacode(i: int) -> dict[str, Any]:
    return {"type": "areacode", "id": str(200 + i)}


def _exchange(i: int) -> dict[str, Any]:
    return {"type": "exchange", "id": str(206200 + i)}


def _number(i: int) -> dict[str, Any]:
    value = str(12065550100 + i)
    attributes = {"value": value, "setup_cost": 1, "monthly_cost": 1.25}
    return {"type": "number", "id": value, "attributes": attributes}


def _route(i: int) -> dict[str, Any]:
    return {"type": "route", "id": str(100 + i), "attributes": {"route_type": "host", "value": "h"}}


def _message(i: int) -> dict[str, Any]:
    attributes = {"to": "12065550100", "from": "12065550101", "body": str(i)}
    return {"type": "message", "id": f"mdr2-{i:04d}", "attributes": attributes}


# name, call with limit=2, path, the call's own query (besides limit/offset), item builder
LISTINGS: list[tuple[str, Callable[[V2], flowroute.Page[Any]], str, dict[str, str], Any]] = [
    (
        "area-codes",
        lambda v2: v2.numbers.list_available_area_codes(limit=2, max_setup_cost=3.25),
        "/v2/numbers/available/areacodes",
        {"max_setup_cost": "3.25"},
        _areacode,
    ),
    (
        "exchanges",
        lambda v2: v2.numbers.list_available_exchange_codes(limit=2, areacode=206),
        "/v2/numbers/available/exchanges",
        {"areacode": "206"},
        _exchange,
    ),
    (
        "search",
        lambda v2: v2.numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=2),
        "/v2/numbers/available",
        {"starts_with": "1206"},
        _number,
    ),
    (
        "account",
        lambda v2: v2.numbers.list_account_phone_numbers(contains="555", limit=2),
        "/v2/numbers",
        {"contains": "555"},
        _number,
    ),
    ("routes", lambda v2: v2.routes.list_inbound_routes(limit=2), "/v2/routes", {}, _route),
    (
        "messages",
        lambda v2: v2.messages.look_up_a_set_of_messages("2024-01-01", "2024-02-01", limit=2),
        "/v2.1/messages",
        {"start_date": "2024-01-01", "end_date": "2024-02-01"},
        _message,
    ),
]


def _reply(items: list[Any], path: str, next_offset: Optional[int]) -> dict[str, Any]:
    body: dict[str, Any] = {"data": items, "links": {"self": doc.API + path}}
    if next_offset is not None:
        body["links"]["next"] = f"{doc.API}{path}?limit=2&offset={next_offset}"
    return body


@pytest.mark.parametrize(
    ("call", "path", "query", "item"), [row[1:] for row in LISTINGS], ids=[r[0] for r in LISTINGS]
)
def test_lazy_iteration_over_three_pages(
    v2: V2,
    rsps: responses.RequestsMock,
    call: Callable[[V2], flowroute.Page[Any]],
    path: str,
    query: dict[str, str],
    item: Callable[[int], Any],
) -> None:
    pages = [([item(0), item(1)], 2), ([item(2), item(3)], 4), ([item(4)], None)]
    for number, (items, following) in enumerate(pages):
        offset = {"offset": str(number * 2)} if number else {}
        expect(
            rsps,
            "GET",
            path,
            query={**query, "limit": "2", **offset},
            reply=_reply(items, path, following),
        )

    page = call(v2)
    assert (len(page.items), page.has_next, len(rsps.calls)) == (2, True, 1)

    walked = iter(page)
    first_two = [next(walked), next(walked)]
    assert len(rsps.calls) == 1  # the second page is fetched only when needed
    third = next(walked)
    assert len(rsps.calls) == 2
    rest = list(walked)

    ids = [x.id for x in [*first_two, third, *rest]]
    assert ids == [item(i)["id"] for i in range(5)]
    assert len(rsps.calls) == 3
    queries = [parse_qs(urlsplit(c.request.url or "").query) for c in rsps.calls]
    assert [q.get("offset") for q in queries] == [None, ["2"], ["4"]]


def test_next_page_repeats_the_query_with_the_linked_offset(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    query = {"start_date": "2017-12-01", "end_date": "2018-01-08", "limit": "2"}
    expect(rsps, "GET", "/v2.1/messages", query=query, reply=doc.MESSAGES)
    expect(rsps, "GET", "/v2.1/messages", query={**query, "offset": "2"}, reply={"data": []})

    page = v2.messages.look_up_a_set_of_messages("2017-12-01", "2018-01-08", 2)
    following = page.next_page()

    assert following is not None
    assert (following.items, following.has_next, following.next_page()) == ([], False, None)


def test_next_link_without_offset_moves_on_by_the_limit(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    linked = {"data": [_route(0), _route(1), _route(2)], "links": {"next": "/v2/routes?page=2"}}
    expect(rsps, "GET", "/v2/routes", query={"limit": "3", "offset": "3"}, reply=linked)
    expect(rsps, "GET", "/v2/routes", query={"limit": "3", "offset": "6"}, reply={"data": []})

    page = v2.routes.list_inbound_routes(limit=3, offset=3)

    assert [r.id for r in page] == ["100", "101", "102"]


@pytest.mark.parametrize("link_offset", ["0", "2"])
def test_next_link_that_does_not_move_forward_fails_when_followed(
    v2: V2, rsps: responses.RequestsMock, link_offset: str
) -> None:
    body = {"data": [_route(0)], "links": {"next": f"{doc.API}/v2/routes?offset={link_offset}"}}
    expect(rsps, "GET", "/v2/routes", query={"offset": "2"}, reply=body)

    page = v2.routes.list_inbound_routes(offset=2)

    # The page is kept; following a link that would repeat pages is refused
    # (a silent end would hide a truncated listing), the same way in v1.
    assert page.has_next
    assert [r.id for r in page.items] == ["100"]
    walked = []
    with pytest.raises(flowroute.DecodeError) as caught:
        walked.extend(r.id for r in page)
    assert walked == ["100"]
    assert caught.value.path == "$.links.next"
    assert caught.value.url == f"{doc.API}/v2/routes?offset=2"
    assert len(rsps.calls) == 1


def test_empty_page_that_links_onwards_ends_iteration(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/routes", reply=_reply([], "/v2/routes", 2))

    page = v2.routes.list_inbound_routes()

    assert page.has_next
    assert list(page) == []
    assert len(rsps.calls) == 1
