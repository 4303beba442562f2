"""PATCH /v2/numbers/{id} (alias, CNAM lookups) and edge strategies on routes."""

from __future__ import annotations

from typing import Any

import pytest

from flowroute.emulator import Emulator

from .conftest import Api


def test_the_v3_sdk_sets_an_alias_with_a_flat_body(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    updated = api.patch(f"/v2/numbers/{number}", {"type": "number", "alias": "New Test"})
    assert updated.status_code == 200, updated.text
    assert updated.json() == api.get(f"/v2/numbers/{number}").json()
    assert updated.json()["data"]["attributes"]["alias"] == "New Test"
    assert emulator.state.number(number).alias == "New Test"


def test_json_api_body_sets_alias_and_cnam_lookups(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    attributes = {"alias": "Front desk", "cnam_lookups_enabled": False}
    body = {"data": {"type": "number", "id": number, "attributes": attributes}}
    assert api.patch(f"/v2/numbers/{number}", body).status_code == 200
    owned = emulator.state.number(number)
    assert (owned.alias, owned.cnam_lookups_enabled) == ("Front desk", False)
    listed = api.get("/v2/numbers").json()["data"][0]["attributes"]
    assert listed["alias"] == "Front desk"
    clear = {"data": {"type": "number", "attributes": {"alias": None}}}
    assert api.patch(f"/v2/numbers/{number}", clear).json()["data"]["attributes"]["alias"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"type": "number", "alias": 5},
        {"type": "number", "alias": "x" * 65},
        {"type": "route", "alias": "x"},
        {"type": "number", "colour": "blue"},
        {"data": {"type": "number", "attributes": {"cnam_lookups_enabled": "yes"}}},
        [],
    ],
)
def test_bad_number_attributes_are_422(api: Api, emulator: Emulator, body: Any) -> None:
    number = api.buy()
    assert api.patch(f"/v2/numbers/{number}", body).status_code == 422
    assert emulator.state.number(number).alias is None


def test_patch_of_a_number_not_on_the_account_is_404(api: Api) -> None:
    assert api.patch("/v2/numbers/19999999999", {"alias": "x"}).status_code == 404


def test_edge_strategies_are_listed(api: Api) -> None:
    listed = api.get("/v2/routes/edge_strategies")
    assert listed.status_code == 200
    data = listed.json()["data"]
    assert [s["id"] for s in data] == [1, 2, 3, 4]
    assert {s["type"] for s in data} == {"edge_strategy"}
    assert set(data[0]["attributes"]) == {"description", "firewall_rules", "name", "naptr"}


def test_a_route_may_name_an_edge_strategy(api: Api, emulator: Emulator) -> None:
    attributes = {
        "route_type": "host",
        "value": "a.example.com",
        "alias": "edge",
        "edge_strategy": "1",
    }
    created = api.post("/v2/routes", {"data": {"type": "route", "attributes": attributes}})
    assert created.status_code == 201, created.text
    assert created.json()["data"]["attributes"]["edge_strategy"] == "1"
    assert emulator.state.route_by_alias("edge").edge_strategy == "1"
    numeric = {**attributes, "alias": "edge2", "edge_strategy": 4}
    assert api.post("/v2/routes", {"data": {"type": "route", "attributes": numeric}}).ok
    unknown = {**attributes, "alias": "edge3", "edge_strategy": "9"}
    refused = api.post("/v2/routes", {"data": {"type": "route", "attributes": unknown}})
    assert refused.status_code == 422
    assert "edge_strategy" in refused.json()["errors"][0]["detail"]
    plain = api.create_route("plain").json()["data"]["attributes"]
    assert "edge_strategy" not in plain
