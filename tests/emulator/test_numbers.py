"""v2 number endpoints: inventory listings, search filters, purchase, release."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from flowroute.emulator import Emulator

from . import documented as doc
from .conftest import Api

AREACODES = "/v2/numbers/available/areacodes"
EXCHANGES = "/v2/numbers/available/exchanges"
AVAILABLE = "/v2/numbers/available"


def walk(api: Api, path: str, params: dict[str, object]) -> list[dict[str, object]]:
    """Follow `links.next` from the first page to the last, collecting items."""
    response = api.get(path, params)
    items = []
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["data"])
        if "next" not in body["links"]:
            return items
        response = api.session.get(body["links"]["next"])


def test_area_codes_match_the_documented_shape(api: Api) -> None:
    body = api.get(AREACODES, {"limit": 3}).json()
    assert set(body) == {"data", "links"}
    assert [item["type"] for item in body["data"]] == ["areacode"] * 3
    first = body["data"][0]
    assert set(first) == doc.CODE_ITEM
    assert first["links"] == {
        "related": f"{api.url}/v2/numbers/available/exchanges?areacode={first['id']}"
    }
    assert body["links"] == {
        "self": f"{api.url}{AREACODES}?limit=3&offset=0",
        "next": f"{api.url}{AREACODES}?limit=3&offset=3",
    }


def test_area_codes_are_those_of_the_inventory(api: Api, emulator: Emulator) -> None:
    expected = sorted({n.npa for n in emulator.state.inventory.values()})
    listed = [item["id"] for item in walk(api, AREACODES, {"limit": 400})]
    assert listed == expected


def test_max_setup_cost_filters_area_codes_and_exchanges(api: Api, emulator: Emulator) -> None:
    inventory = emulator.state.inventory
    template = next(iter(inventory.values()))
    inventory.clear()
    for number, cost in (("12015550001", "1.00"), ("12125550001", "3.99")):
        listing = attrs.evolve(
            template, number=number, npa=number[1:4], nxx="555", setup_cost=Decimal(cost)
        )
        inventory[number] = listing

    def codes(path: str, **params: str) -> list[str]:
        return [item["id"] for item in api.get(path, params).json()["data"]]

    assert codes(AREACODES) == ["201", "212"]
    assert codes(AREACODES, max_setup_cost="1") == ["201"]
    assert codes(AREACODES, max_setup_cost="3.99") == ["201", "212"]
    assert codes(AREACODES, max_setup_cost="0.5") == []
    assert codes(EXCHANGES, max_setup_cost="2") == ["201555"]
    assert codes(EXCHANGES, max_setup_cost="4", areacode="212") == ["212555"]
    body = api.get(AREACODES, {"max_setup_cost": "3.25", "limit": 1}).json()
    assert body["links"]["self"] == f"{api.url}{AREACODES}?max_setup_cost=3.25&limit=1&offset=0"


def test_exchanges_of_one_area_code(api: Api, emulator: Emulator) -> None:
    body = api.get(EXCHANGES, {"areacode": 206, "limit": 200}).json()
    expected = sorted({n.npa + n.nxx for n in emulator.state.inventory.values() if n.npa == "206"})
    assert [item["id"] for item in body["data"]] == expected
    first = body["data"][0]
    assert set(first) == doc.CODE_ITEM and first["type"] == "exchange"
    assert first["links"]["related"] == f"{api.url}{AVAILABLE}?starts_with=1{first['id']}"
    assert body["links"] == {"self": f"{api.url}{EXCHANGES}?areacode=206&limit=200&offset=0"}


def test_exchanges_without_area_code_span_every_area(api: Api) -> None:
    codes = [item["id"] for item in walk(api, EXCHANGES, {"limit": 7})]
    assert len(codes) == len(set(codes)) > 40
    assert {code[:3] for code in codes} >= {"201", "206", "212", "646"}


def test_search_matches_the_documented_shape(api: Api) -> None:
    response = api.get(AVAILABLE, {"starts_with": 646, "contains": 3, "ends_with": 7, "limit": 3})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data", "links"}
    for item in body["data"]:
        assert set(item) == doc.AVAILABLE_ITEM
        assert set(item["attributes"]) == doc.AVAILABLE_ATTRIBUTES
        number = item["attributes"]["value"]
        assert item["id"] == number
        assert number.startswith("1646") and "3" in number and number.endswith("7")
        assert item["links"] == {"related": f"{api.url}/v2/numbers/{number}"}
        assert item["attributes"]["monthly_cost"] == 1.25
        assert item["attributes"]["setup_cost"] in (1, 3.99, 25)
    query = "contains=3&ends_with=7&starts_with=1646"
    assert body["links"]["self"] == f"{api.url}{AVAILABLE}?{query}&limit=3&offset=0"
    assert body["links"]["next"] == f"{api.url}{AVAILABLE}?{query}&limit=3&offset=3"


def test_costs_render_as_plain_json_numbers(api: Api) -> None:
    items = walk(api, AVAILABLE, {"starts_with": 1212, "limit": 200})
    costs = {item["attributes"]["setup_cost"] for item in items}
    assert 1 in costs and costs <= {1, 3.99, 25}
    raw = api.get(AVAILABLE, {"starts_with": 1212, "limit": 200}).text
    assert '"setup_cost": 1,' in raw and '"monthly_cost": 1.25' in raw  # not "1.00"


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"rate_center": "SEATTLE"}, lambda a: a["rate_center"] == "seattle"),
        ({"state": "NY"}, lambda a: a["state"] == "ny"),
        ({"state": "ca", "rate_center": "millbrae"}, lambda a: a["rate_center"] == "millbrae"),
        ({"ends_with": "00"}, lambda a: a["value"].endswith("00")),
        ({"starts_with": "1415"}, lambda a: a["value"].startswith("1415")),
        ({"contains": "555"}, lambda a: "555" in a["value"]),
    ],
)
def test_search_filters(api: Api, emulator: Emulator, params: dict[str, str], check) -> None:  # type: ignore[no-untyped-def]
    items = walk(api, AVAILABLE, {**params, "limit": 200})
    assert items, f"the seeded inventory has numbers for {params}"
    assert all(check(item["attributes"]) for item in items)
    expected = emulator.state.search_available(**{k: v for k, v in params.items()})
    assert len(items) == len(expected)


def test_walking_every_page_yields_each_number_once(api: Api, emulator: Emulator) -> None:
    items = walk(api, AVAILABLE, {"limit": 200})
    numbers = [item["id"] for item in items]
    assert len(numbers) == len(set(numbers)) == len(emulator.state.inventory) >= 1000
    assert numbers == sorted(numbers)


def test_paging_links_next_and_prev(api: Api) -> None:
    body = api.get(AVAILABLE, {"starts_with": 1206, "limit": 5, "offset": 7}).json()
    links = body["links"]
    base = f"{api.url}{AVAILABLE}?starts_with=1206&limit=5"
    assert links == {
        "self": f"{base}&offset=7",
        "prev": f"{base}&offset=2",
        "next": f"{base}&offset=12",
    }
    prev = api.session.get(links["prev"]).json()
    assert prev["data"][-1]["id"] < body["data"][0]["id"]
    assert api.get(AVAILABLE, {"limit": 5, "offset": 100_000}).json()["data"] == []


def test_purchase_list_details_release(api: Api, emulator: Emulator) -> None:
    number = api.first_available(state="wa")
    bought = api.post(f"/v2/numbers/{number}")
    assert bought.status_code == 201
    body = bought.json()
    assert set(body) == doc.NUMBER_DOCUMENT
    assert set(body["data"]) == doc.NUMBER_DATA
    assert set(body["data"]["attributes"]) == doc.NUMBER_ATTRIBUTES
    assert set(body["data"]["relationships"]) == doc.NUMBER_RELATIONSHIPS
    assert body["data"]["relationships"]["primary_route"] == {"data": {"id": "0", "type": "route"}}
    assert body["data"]["relationships"]["failover_route"] == {"data": None}
    (sip_reg,) = body["included"]
    assert sip_reg["attributes"] == {"alias": "sip-reg", "route_type": "sip-reg", "value": None}
    assert body["links"] == {"self": f"{api.url}/v2/numbers/{number}"}
    assert number not in emulator.state.inventory

    searched = [i["id"] for i in walk(api, AVAILABLE, {"state": "wa", "limit": 200})]
    assert number not in searched
    listed = api.get("/v2/numbers").json()
    assert [item["id"] for item in listed["data"]] == [number]
    assert set(listed["data"][0]) == doc.ACCOUNT_ITEM
    assert listed["links"] == {"self": f"{api.url}/v2/numbers?limit=10&offset=0"}
    details = api.get(f"/v2/numbers/{number}")
    assert details.status_code == 200 and details.json() == body

    released = api.delete(f"/v2/numbers/{number}")
    assert released.status_code == 204 and released.content == b""
    assert api.get("/v2/numbers").json()["data"] == []
    assert number in emulator.state.inventory
    assert api.get(f"/v2/numbers/{number}").status_code == 404


def test_account_listing_filters_and_documented_starts_with(api: Api) -> None:
    ny = api.buy(starts_with=1212)
    nj = api.buy(starts_with=1201)
    body = api.get("/v2/numbers", {"starts_with": 201, "limit": 3}).json()
    assert [item["id"] for item in body["data"]] == [nj]
    assert body["links"]["self"] == f"{api.url}/v2/numbers?starts_with=1201&limit=3&offset=0"
    both = api.get("/v2/numbers", {"contains": "1"}).json()
    assert [item["id"] for item in both["data"]] == sorted([ny, nj])
    by_end = api.get("/v2/numbers", {"ends_with": ny[-4:]}).json()
    assert ny in [item["id"] for item in by_end["data"]]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("post", "/v2/numbers/19999999999", 404),
        ("get", "/v2/numbers/19999999999", 404),
        ("delete", "/v2/numbers/19999999999", 404),
        ("post", "/v2/numbers/%2B12065550123", 422),
        ("get", "/v2/numbers/abc", 422),
    ],
)
def test_unknown_or_malformed_numbers(api: Api, method: str, path: str, status: int) -> None:
    response = getattr(api, method)(path)
    assert response.status_code == status
    assert doc.error_of(response.json())["status"] == status


def test_buying_a_number_twice_conflicts(api: Api) -> None:
    number = api.buy()
    again = api.post(f"/v2/numbers/{number}")
    assert again.status_code == 409
    assert number in doc.error_of(again.json())["detail"]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        (AVAILABLE, {"limit": 201}, "limit"),
        (AVAILABLE, {"limit": 0}, "limit"),
        (AVAILABLE, {"limit": "ten"}, "limit"),
        (AVAILABLE, {"offset": -1}, "offset"),
        (AVAILABLE, {"starts_with": "12a"}, "starts_with"),
        (AREACODES, {"limit": 401}, "limit"),
        (AREACODES, {"max_setup_cost": "cheap"}, "max_setup_cost"),
        (AREACODES, {"max_setup_cost": "-1"}, "max_setup_cost"),
        (EXCHANGES, {"areacode": "20"}, "areacode"),
        ("/v2/numbers", {"limit": 201}, "limit"),
    ],
)
def test_invalid_query_values_are_422(api: Api, path: str, params: dict, field: str) -> None:  # type: ignore[type-arg]
    response = api.get(path, params)
    assert response.status_code == 422
    assert field in doc.error_of(response.json())["detail"]


def test_the_largest_documented_limits_are_accepted(api: Api) -> None:
    assert len(api.get(AVAILABLE, {"limit": 200}).json()["data"]) == 200
    assert api.get(AREACODES, {"limit": 400}).status_code == 200
    assert len(api.get(AVAILABLE).json()["data"]) == 10  # the default limit
