"""v1 bodies field for field as documented, page links, quirks and the strict readings.

The documented shapes are those of the v1 numbers documentation
(reference/docs/004_*.txt) and the quirks of its 2016 edition: ``{}`` when
nothing matches, empty bodies on purchase and route changes, 11-digit
numbers without ``+``, errors as ``{"error": "..."}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from flowroute.emulator import Emulator

from .conftest import FakeClock
from .v1_signer import V1Api, v1_api

# Item keys, exactly as in the documented examples.
NPA_ITEM = {"nxxs", "tns"}
NPANXX_ITEM = {"tns"}
AVAILABLE_ITEM = {"initial_cost", "monthly_cost", "state", "ratecenter", "billing_methods"}
ACCOUNT_ITEM = {"routes", "billing_method", "detail"}
DETAILS = {"routes", "billing_method"}
ROUTE_ITEM = {"type", "value"}
SIP_REG_REF = {"type": "SIP-REG", "name": "sip-reg"}


@pytest.fixture(params=["serve", "mock"])
def v1(request: pytest.FixtureRequest, emulator: Emulator, clock: FakeClock) -> Iterator[V1Api]:
    with v1_api(request.param, emulator, clock) as api:
        yield api


def error_of(response: requests.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    return str(body["error"])


def buy(emulator: Emulator, count: int = 1, npa: str = "206") -> list[str]:
    found = emulator.state.search_available(npa=npa)[:count]
    return [emulator.state.purchase(n.number).number for n in found]


# -- documented shapes ---------------------------------------------------------


def test_npas_are_keyed_with_links_to_their_listings(v1: V1Api, emulator: Emulator) -> None:
    body = v1.get("/v1/available-tns/npas/", {"limit": 2}).json()
    first, second = emulator.state.area_codes()[:2]
    assert body == {
        "npas": {
            first: {
                "nxxs": f"/v1/available-tns/npanxxs/?npa={first}",
                "tns": f"/v1/available-tns/tns/?npa={first}",
            },
            second: {
                "nxxs": f"/v1/available-tns/npanxxs/?npa={second}",
                "tns": f"/v1/available-tns/tns/?npa={second}",
            },
        },
        "links": {"next": "/v1/available-tns/npas/?limit=2&page=2"},
    }


def test_npanxxs_page_two_links_both_ways(v1: V1Api, emulator: Emulator) -> None:
    codes = emulator.state.exchanges("206")
    assert len(codes) > 4
    body = v1.get("/v1/available-tns/npanxxs/", {"limit": 2, "npa": "206", "page": 2}).json()
    assert body == {
        "npanxxs": {
            code: {"tns": f"/v1/available-tns/tns/?npa=206&nxx={code[3:]}"} for code in codes[2:4]
        },
        "links": {
            "prev": "/v1/available-tns/npanxxs/?npa=206&limit=2&page=1",
            "next": "/v1/available-tns/npanxxs/?npa=206&limit=2&page=3",
        },
    }


def test_search_renders_numbers_as_documented(v1: V1Api, emulator: Emulator) -> None:
    sample = emulator.state.search_available(npa="206")[0]
    query = {
        "npa": sample.npa,
        "nxx": sample.nxx,
        "state": "wa",
        "ratecenter": sample.rate_center,
        "limit": 1,
        "page": 1,
    }
    body = v1.get("/v1/available-tns/tns/", query).json()
    assert list(body["tns"]) == [sample.number]
    assert body["tns"][sample.number] == {
        "initial_cost": f"{sample.setup_cost:.2f}",
        "monthly_cost": "1.25",
        "state": "WA",
        "ratecenter": sample.rate_center.upper(),
        "billing_methods": ["VPRI", "METERED"],
    }
    # The documented link order: npa, nxx, state, ratecenter, then limit and page.
    assert body["links"] == {
        "next": f"/v1/available-tns/tns/?npa=206&nxx={sample.nxx}&state=wa"
        f"&ratecenter={sample.rate_center}&limit=1&page=2"
    }


def test_search_tn_is_a_partial_match(v1: V1Api, emulator: Emulator) -> None:
    sample = emulator.state.search_available(npa="312")[3].number
    body = v1.get("/v1/available-tns/tns/", {"tn": sample[4:]}).json()
    assert sample in body["tns"]
    assert all(sample[4:] in number for number in body["tns"])
    assert all(set(item) == AVAILABLE_ITEM for item in body["tns"].values())


def test_account_numbers_show_routes_billing_and_detail(v1: V1Api, emulator: Emulator) -> None:
    (number,) = buy(emulator)
    body = v1.get("/v1/tns/", {"limit": 1}).json()
    assert body == {
        "tns": {
            number: {
                "routes": [SIP_REG_REF, SIP_REG_REF],
                "billing_method": "METERED",
                "detail": f"/v1/tns/{number}",
            }
        },
        "links": {},
    }


def test_details_show_primary_then_failover(v1: V1Api, emulator: Emulator) -> None:
    (number,) = buy(emulator)
    route = emulator.state.create_route("uri", "sip:desk@example.com", "desk")
    emulator.state.set_primary_route(number, route.id)
    body = v1.get(f"/v1/tns/{number}").json()
    assert body == {
        "routes": [{"type": "URI", "name": "desk"}, SIP_REG_REF],
        "billing_method": "METERED",
    }


def test_routes_are_keyed_by_name_in_name_order(v1: V1Api, emulator: Emulator) -> None:
    emulator.state.create_route("uri", "sip:16476998778@215.122.69.152:5060", "URIroute1")
    emulator.state.create_route("number", "16476998778", "PSTNroute1")
    emulator.state.create_route("host", "24.239.23.40:5060", "HOSTroute1")
    body = v1.get("/v1/routes/").json()
    assert list(body["routes"]) == ["HOSTroute1", "PSTNroute1", "URIroute1", "sip-reg"]
    assert body == {
        "routes": {
            "HOSTroute1": {"type": "HOST", "value": "24.239.23.40:5060"},
            "PSTNroute1": {"type": "PSTN", "value": "16476998778"},
            "URIroute1": {"type": "URI", "value": "sip:16476998778@215.122.69.152:5060"},
            "sip-reg": {"type": "SIP-REG", "value": "sip-reg"},
        },
        "links": {},
    }


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/v1/tns/", {}),
        ("/v1/tns/", {"pattern": "999"}),
        ("/v1/available-tns/tns/", {"npa": "999"}),
        ("/v1/available-tns/npanxxs/", {"npa": "999"}),
        ("/v1/available-tns/npas/", {"page": 99}),
        ("/v1/routes/", {"page": 2}),
    ],
)
def test_nothing_found_is_an_empty_object(v1: V1Api, path: str, query: dict[str, Any]) -> None:
    response = v1.get(path, query)
    assert (response.status_code, response.json()) == (200, {})


def test_paging_walks_every_item_once(v1: V1Api, emulator: Emulator) -> None:
    numbers = buy(emulator, 5)
    seen, query = [], {"limit": "2", "page": "1"}
    for _ in range(5):
        body = v1.get("/v1/tns/", query).json()
        seen += list(body["tns"])
        if "next" not in body["links"]:
            break
        query = dict(pair.split("=") for pair in body["links"]["next"].split("?")[1].split("&"))
    assert seen == numbers
    assert body["links"] == {"prev": "/v1/tns/?limit=2&page=2"}


def test_links_and_signatures_follow_a_mount_path(emulator: Emulator, clock: FakeClock) -> None:
    with emulator.mock("https://gateway.example/flowroute") as url:
        api = V1Api(url, emulator, clock, "mock")
        with api.session:
            body = api.get("/v1/available-tns/npas/", {"limit": 1}).json()
    npa = emulator.state.area_codes()[0]
    assert body["npas"][npa]["tns"] == f"/flowroute/v1/available-tns/tns/?npa={npa}"
    assert body["links"] == {"next": "/flowroute/v1/available-tns/npas/?limit=1&page=2"}


# -- writes answer with empty bodies -------------------------------------------


def test_purchase_route_creation_and_update_answer_empty(v1: V1Api, emulator: Emulator) -> None:
    number = emulator.state.search_available(npa="415")[0].number
    bought = v1.put(f"/v1/tns/{number}", {"billing_method": "VPRI"})
    created = v1.put("/v1/routes/PSTNroute1", {"type": "PSTN", "value": "18002364455"})
    updated = v1.patch(
        f"/v1/tns/{number}", {"routes": [{"name": "PSTNroute1"}, {"name": "sip-reg"}]}
    )
    assert [(r.status_code, r.content) for r in (bought, created, updated)] == [
        (201, b""),
        (201, b""),
        (204, b""),
    ]
    route = emulator.state.route_by_alias("PSTNroute1")
    assert (route.route_type, route.value) == ("number", "18002364455")
    owned = emulator.state.number(number)
    assert (owned.billing_method, owned.primary_route_id, owned.failover_route_id) == (
        "VPRI",
        route.id,
        "0",
    )


@pytest.mark.parametrize(
    ("mtype", "value", "state_type"),
    [
        ("HOST", "24.239.23.40:5060", "host"),
        ("HOST", "myphone.com", "host"),
        ("PSTN", "16476998778", "number"),
        ("URI", "sip:16476998778@215.122.69.152:5060;transport=tcp", "uri"),
        ("URI", "sips:securecall@securedserver.com", "uri"),
    ],
)
def test_documented_route_values_are_accepted(
    v1: V1Api, emulator: Emulator, mtype: str, value: str, state_type: str
) -> None:
    assert v1.put("/v1/routes/route1", {"type": mtype, "value": value}).status_code == 201
    route = emulator.state.route_by_alias("route1")
    assert (route.route_type, route.value) == (state_type, value)


# -- strict readings -------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [{"limit": 0}, {"limit": 201}, {"limit": "ten"}, {"page": 0}, {"page": "-1"}, {"limit": ""}],
)
def test_limit_and_page_out_of_range_are_400(v1: V1Api, query: dict[str, Any]) -> None:
    detail = error_of(v1.get("/v1/routes/", query), 400)
    assert detail.startswith(next(iter(query)))


def test_limit_200_is_accepted(v1: V1Api) -> None:
    assert v1.get("/v1/available-tns/npanxxs/", {"limit": 200}).status_code == 200


@pytest.mark.parametrize(
    ("path", "query", "words"),
    [
        ("/v1/available-tns/npanxxs/", {"npa": "20"}, "npa must be three digits"),
        ("/v1/available-tns/tns/", {"nxx": "743"}, "npa is required whenever nxx"),
        ("/v1/available-tns/tns/", {"ratecenter": "seattle"}, "state is required"),
        ("/v1/available-tns/tns/", {"state": "WAS"}, "state must be a two-letter"),
        ("/v1/available-tns/tns/", {"tn": "+1206"}, "tn must be 1 to 11 digits"),
        ("/v1/tns/", {"pattern": "abc"}, "pattern must be 1 to 11 digits"),
    ],
)
def test_bad_filters_are_400(v1: V1Api, path: str, query: dict[str, Any], words: str) -> None:
    assert words in error_of(v1.get(path, query), 400)


def test_unknown_and_malformed_numbers(v1: V1Api, emulator: Emulator) -> None:
    available = emulator.state.search_available()[0].number
    assert "not on this account" in error_of(v1.get(f"/v1/tns/{available}"), 404)
    assert "11 digits" in error_of(v1.get("/v1/tns/+12065550100"), 400)
    assert "not available" in error_of(
        v1.put("/v1/tns/19995550100", {"billing_method": "VPRI"}), 404
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"billing_method": "FLAT"}, "billing_method must be"),
        ({"billing_method": "vpri"}, "billing_method must be"),
        ({}, "missing fields: billing_method"),
        ({"billing_method": "VPRI", "alias": "x"}, "unknown fields: alias"),
        (["VPRI"], "must be a JSON object"),
        (None, "a JSON request body is required"),
    ],
)
def test_bad_purchase_bodies_are_400(v1: V1Api, emulator: Emulator, body: Any, words: str) -> None:
    number = emulator.state.search_available()[0].number
    assert words in error_of(v1.put(f"/v1/tns/{number}", body), 400)
    assert number not in emulator.state.account


def test_buying_an_owned_number_is_409(v1: V1Api, emulator: Emulator) -> None:
    (number,) = buy(emulator)
    assert "already" in error_of(v1.put(f"/v1/tns/{number}", {"billing_method": "VPRI"}), 409)
    assert emulator.state.number(number).billing_method == "METERED"


@pytest.mark.parametrize(
    ("routes", "status", "words"),
    [
        ([{"name": "sip-reg"}], 400, "routes must be"),
        ([{"name": "sip-reg"}] * 3, 400, "routes must be"),
        (["sip-reg", "sip-reg"], 400, "routes must be"),
        ([{"name": "sip-reg", "type": "SIP-REG"}, {"name": "sip-reg"}], 400, "routes must be"),
        ([{"name": ""}, {"name": "sip-reg"}], 400, "non-empty"),
        ([{"name": "pbx"}, {"name": "nowhere"}], 404, "no route named 'nowhere'"),
    ],
)
def test_bad_updates_change_nothing(
    v1: V1Api, emulator: Emulator, routes: Any, status: int, words: str
) -> None:
    (number,) = buy(emulator)
    emulator.state.create_route("host", "pbx.example.com", "pbx")
    assert words in error_of(v1.patch(f"/v1/tns/{number}", {"routes": routes}), status)
    owned = emulator.state.number(number)
    assert (owned.primary_route_id, owned.failover_route_id) == ("0", None)


def test_updating_an_unowned_number_is_404(v1: V1Api, emulator: Emulator) -> None:
    number = emulator.state.search_available()[0].number
    body = {"routes": [{"name": "sip-reg"}, {"name": "sip-reg"}]}
    assert "not on this account" in error_of(v1.patch(f"/v1/tns/{number}", body), 404)


@pytest.mark.parametrize(
    ("name", "body", "status", "words"),
    [
        ("route1", {"type": "SIP-REG", "value": "x"}, 400, "type must be HOST, PSTN or URI"),
        ("route1", {"type": "host", "value": "x.example.com"}, 400, "type must be"),
        ("route1", {"type": "PSTN", "value": "6476998778"}, 400, "11 digits"),
        ("route1", {"type": "PSTN", "value": 16476998778}, 400, "value must be a string"),
        ("route1", {"type": "URI", "value": "alice@example.com"}, 400, "SIP URI"),
        ("route1", {"type": "HOST", "value": "has space"}, 400, "host name"),
        ("route1", {"type": "HOST"}, 400, "missing fields: value"),
        ("route.1", {"type": "HOST", "value": "x.example.com"}, 400, "letters, digits"),
        ("sip-reg", {"type": "HOST", "value": "x.example.com"}, 409, "sip-reg"),
        ("taken", {"type": "HOST", "value": "x.example.com"}, 409, "already exists"),
    ],
)
def test_bad_routes_are_refused(
    v1: V1Api, emulator: Emulator, name: str, body: Any, status: int, words: str
) -> None:
    emulator.state.create_route("host", "pbx.example.com", "taken")
    assert words in error_of(v1.put(f"/v1/routes/{name}", body), status)
    assert [r.alias for r in emulator.state.routes()] == ["sip-reg", "taken"]


def test_unknown_paths_and_methods_answer_in_v1_shape(v1: V1Api) -> None:
    assert "no route for GET /v1/numbers" in error_of(v1.get("/v1/numbers"), 404)
    assert "GET /v1/tns/" in error_of(v1.get("/v1/tns"), 404)
    assert "use GET" in error_of(v1.send("POST", "/v1/routes/"), 405)
