"""v2 routes: create, list, filter, and assign as primary or failover route."""

from __future__ import annotations

from typing import Any

import pytest

from flowroute.emulator import Emulator

from . import documented as doc
from .conftest import Api


def route_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "route", "attributes": attributes}}


def relationship(route_id: Any) -> dict[str, Any]:
    return {"data": {"type": "route", "id": route_id}}


def test_create_route_matches_the_documented_shape(api: Api, emulator: Emulator) -> None:
    created = api.create_route("new route", value="il775u.sonsofodin.com")
    assert created.status_code == 201
    body = created.json()
    assert set(body) == doc.NEW_ROUTE_DOCUMENT
    assert set(body["data"]) == doc.ROUTE_ITEM
    route_id = body["data"]["id"]
    assert body["data"]["attributes"] == {
        "alias": "new route",
        "route_type": "host",
        "value": "il775u.sonsofodin.com",
    }
    # As documented, the new route's links omit the version prefix.
    assert body["links"] == body["data"]["links"] == {"self": f"{api.url}/routes/{route_id}"}
    assert emulator.state.route_by_alias("new route").id == route_id


def test_list_routes_starts_with_sip_reg(api: Api) -> None:
    api.create_route("PSTNroute1", route_type="number", value="12065551212")
    body = api.get("/v2/routes", {"limit": 2}).json()
    assert set(body) == {"data", "links"}
    sip_reg, pstn = body["data"]
    assert set(sip_reg) == set(pstn) == doc.ROUTE_ITEM
    assert set(sip_reg["attributes"]) == doc.ROUTE_ATTRIBUTES
    assert sip_reg == {
        "attributes": {"alias": "sip-reg", "route_type": "sip-reg", "value": None},
        "id": "0",
        "links": {"self": f"{api.url}/v2/routes/0"},
        "type": "route",
    }
    assert pstn["attributes"]["value"] == "12065551212"
    assert body["links"] == {"self": f"{api.url}/v2/routes?limit=2&offset=0"}


def test_route_listing_pages_and_filters_by_type(api: Api) -> None:
    for index in range(5):
        assert api.create_route(f"host-{index}", value=f"h{index}.example.com").status_code == 201
    api.create_route("uri-1", route_type="uri", value="sip:desk@example.com")
    page = api.get("/v2/routes", {"limit": 2, "offset": 2}).json()
    assert [r["attributes"]["alias"] for r in page["data"]] == ["host-1", "host-2"]
    assert page["links"]["prev"] == f"{api.url}/v2/routes?limit=2&offset=0"
    assert page["links"]["next"] == f"{api.url}/v2/routes?limit=2&offset=4"
    hosts = api.get("/v2/routes", {"route_type": "host", "limit": 200}).json()
    assert len(hosts["data"]) == 5
    assert hosts["links"]["self"] == f"{api.url}/v2/routes?route_type=host&limit=200&offset=0"
    uris = api.get("/v2/routes", {"route_type": "uri"}).json()["data"]
    assert [r["attributes"]["value"] for r in uris] == ["sip:desk@example.com"]
    assert api.get("/v2/routes", {"route_type": "fax"}).status_code == 422


def test_primary_and_failover_routes(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    primary = api.create_route("primary").json()["data"]["id"]
    failover = api.create_route("backup", route_type="number", value="12065550000").json()
    failover_id = failover["data"]["id"]

    set_primary = api.patch(
        f"/v2/numbers/{number}/relationships/primary_route", relationship(primary)
    )
    assert set_primary.status_code == 204 and set_primary.content == b""
    set_failover = api.patch(
        f"/v2/numbers/{number}/relationships/failover_route", relationship(failover_id)
    )
    assert set_failover.status_code == 204

    details = api.get(f"/v2/numbers/{number}").json()
    relationships = details["data"]["relationships"]
    assert relationships["primary_route"] == {"data": {"id": primary, "type": "route"}}
    assert relationships["failover_route"] == {"data": {"id": failover_id, "type": "route"}}
    assert [r["id"] for r in details["included"]] == [primary, failover_id]
    assert emulator.state.number(number).failover_route_id == failover_id

    cleared = api.patch(f"/v2/numbers/{number}/relationships/failover_route", {"data": None})
    assert cleared.status_code == 204
    assert emulator.state.number(number).failover_route_id is None


def test_primary_route_cannot_be_cleared(api: Api) -> None:
    number = api.buy()
    response = api.patch(f"/v2/numbers/{number}/relationships/primary_route", {"data": None})
    assert response.status_code == 422


@pytest.mark.parametrize("which", ["primary_route", "failover_route"])
def test_assigning_routes_to_unknown_things_is_404(api: Api, which: str) -> None:
    number = api.buy()
    unknown_route = api.patch(f"/v2/numbers/{number}/relationships/{which}", relationship("999"))
    assert unknown_route.status_code == 404
    assert "999" in doc.error_of(unknown_route.json())["detail"]
    not_owned = api.patch(f"/v2/numbers/19999999999/relationships/{which}", relationship("0"))
    assert not_owned.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (route_body(route_type="fax", value="x", alias="a"), "route_type"),
        (route_body(route_type="sip-reg", value="x", alias="a"), "route_type"),
        (route_body(route_type="host", value="not a host", alias="a"), "value"),
        (route_body(route_type="number", value="+12065550000", alias="a"), "value"),
        (route_body(route_type="uri", value="desk@example.com", alias="a"), "value"),
        (route_body(route_type="host", value="h.example.com", alias=""), "alias"),
        (route_body(route_type="host", value="h.example.com"), "alias"),
        (route_body(route_type="host", value="h.example.com", alias="a", extra=1), "extra"),
        ({"data": {"type": "number", "attributes": {}}}, "type"),
        ({"data": []}, "data"),
    ],
)
def test_invalid_routes_are_422(api: Api, body: Any, field: str) -> None:
    response = api.post("/v2/routes", body)
    assert response.status_code == 422
    assert field in doc.error_of(response.json())["detail"]
    assert len(api.get("/v2/routes").json()["data"]) == 1


@pytest.mark.parametrize(
    "route_id",
    [42, None, {"id": "0"}],
)
def test_relationship_ids_must_be_strings(api: Api, route_id: Any) -> None:
    number = api.buy()
    body = {"data": {"type": "route", "id": route_id}}
    response = api.patch(f"/v2/numbers/{number}/relationships/primary_route", body)
    assert response.status_code == 422


def test_duplicate_alias_conflicts(api: Api) -> None:
    assert api.create_route("office").status_code == 201
    again = api.create_route("office", value="other.example.com")
    assert again.status_code == 409
    assert "office" in doc.error_of(again.json())["detail"]
