"""v2 E911 addresses: validate, create, list, update, delete, and numbers using them."""

from __future__ import annotations

from typing import Any

import pytest

from flowroute.emulator import Emulator, Invalid, Unlocatable
from flowroute.emulator._e911 import GEOCODE_FAILURE

from .conftest import Api

ADDRESS = {
    "label": "E911 Test",
    "first_name": "Chris",
    "last_name": "Smith",
    "street_name": "3rd Ave",
    "street_number": "1218",
    "city": "Seattle",
    "state": "WA",
    "country": "US",
    "zip": "98101",
}


def e911_body(**changes: Any) -> dict[str, Any]:
    return {"data": {"type": "e911", "attributes": {**ADDRESS, **changes}}}


def test_create_and_get_an_address(api: Api, emulator: Emulator) -> None:
    created = api.post("/v2/e911s", e911_body(address_type="Suite", address_type_number="600"))
    assert created.status_code == 201, created.text
    resource = {
        "attributes": {**ADDRESS, "address_type": "Suite", "address_type_number": "600"},
        "id": "20001",
        "links": {"self": f"{api.url}/v2/e911s/20001"},
        "type": "e911",
    }
    assert created.json() == {"data": resource}
    assert api.get("/v2/e911s/20001").json() == {"data": resource}
    assert emulator.state.e911s.get("20001").street_name == "3rd Ave"
    assert api.get("/v2/e911s/424242").status_code == 404


def test_validate_answers_204_and_stores_nothing(api: Api, emulator: Emulator) -> None:
    checked = api.post("/v2/e911s/validate", e911_body())
    assert (checked.status_code, checked.content) == (204, b"")
    assert emulator.state.e911s.addresses == {}


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"street_name": "Nowhere St"}, "a street of the fixed set"),
        ({"country": "CA"}, "a US state given with Canada as the country"),
    ],
)
def test_an_address_that_cannot_be_geocoded_is_a_400_with_a_detail(
    api: Api, changes: dict[str, str], why: str
) -> None:
    for path in ("/v2/e911s/validate", "/v2/e911s"):
        refused = api.post(path, e911_body(**changes))
        assert refused.status_code == 400, why
        (error,) = refused.json()["errors"]
        assert (error["status"], error["detail"]) == (400, GEOCODE_FAILURE)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"country": "MX"}, "country"),
        ({"state": "Washington"}, "state"),
        ({"zip": "9810"}, "zip"),
        ({"address_type": "Cave", "address_type_number": "1"}, "address_type"),
        ({"address_type": "Suite"}, "address_type_number"),
        ({"address_type_number": "12"}, "address_type"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_malformed_addresses_are_refused_naming_the_field(
    emulator: Emulator, changes: dict[str, str], field: str
) -> None:
    with pytest.raises(Invalid) as refused:
        emulator.state.e911s.create({**ADDRESS, **changes})
    assert refused.value.field == field
    assert emulator.state.e911s.addresses == {}


def test_forms_the_rules_accept(emulator: Emulator) -> None:
    book = emulator.state.e911s
    canadian = book.create({**ADDRESS, "country": "Canada", "state": "bc", "zip": "V6B 1A1"})
    assert (canadian.state, canadian.country) == ("BC", "Canada")
    numeric = book.create({**ADDRESS, "street_number": 1218, "zip": 98101})
    assert (numeric.street_number, numeric.zip) == ("1218", "98101")
    suite = book.create({**ADDRESS, "address_type": "su", "address_type_number": 5})
    assert (suite.address_type, suite.address_type_number) == ("Suite", "5")
    with pytest.raises(Unlocatable):
        book.validate({**ADDRESS, "street_name": "NOWHERE STREET"})


def test_list_filters_by_label_and_state_and_pages(api: Api, emulator: Emulator) -> None:
    book = emulator.state.e911s
    book.create({**ADDRESS, "label": "Office"})
    book.create({**ADDRESS, "label": "Home", "state": "OR", "zip": "97201"})
    book.create({**ADDRESS, "label": "Lab"})
    page = api.get("/v2/e911s", {"limit": 2, "offset": 1}).json()
    assert [a["attributes"]["label"] for a in page["data"]] == ["Home", "Lab"]
    assert page["links"] == {
        "self": f"{api.url}/v2/e911s?limit=2&offset=1",
        "prev": f"{api.url}/v2/e911s?limit=2&offset=0",
    }
    oregon = api.get("/v2/e911s", {"state": "or"}).json()
    assert [a["id"] for a in oregon["data"]] == ["20002"]
    assert oregon["links"] == {"self": f"{api.url}/v2/e911s?state=or&limit=10&offset=0"}
    labelled = api.get("/v2/e911s", {"label": "office"}).json()["data"]
    assert [a["id"] for a in labelled] == ["20001"]
    assert api.get("/v2/e911s", {"state": "Oregon"}).status_code == 422


def test_update_takes_the_sdk_document_back(api: Api, emulator: Emulator) -> None:
    """The v3 SDK PATCHes the document it got, with nulls and zip twice."""
    api.post("/v2/e911s", e911_body(address_type="Suite", address_type_number="700"))
    document = api.get("/v2/e911s/20001").json()
    attributes = document["data"]["attributes"]
    attributes.update(last_name="Wiley", zip="98104", zip_code="98104")
    attributes.update(address_type=None, address_type_number=None)
    updated = api.patch("/v2/e911s/20001", document)
    assert updated.status_code == 200, updated.text
    assert updated.json()["data"]["attributes"] == {**ADDRESS, "last_name": "Wiley", "zip": "98104"}
    assert emulator.state.e911s.get("20001").address_type is None
    partial = api.patch(
        "/v2/e911s/20001", {"data": {"type": "e911", "attributes": {"city": "Tacoma"}}}
    )
    assert partial.json()["data"]["attributes"]["city"] == "Tacoma"
    assert partial.json()["data"]["attributes"]["last_name"] == "Wiley"
    clash = {"data": {"type": "e911", "id": "20002", "attributes": {"city": "Tacoma"}}}
    assert api.patch("/v2/e911s/20001", clash).status_code == 409
    nowhere = {"data": {"type": "e911", "attributes": {"street_name": "Nowhere St"}}}
    assert api.patch("/v2/e911s/20001", nowhere).status_code == 400
    assert emulator.state.e911s.get("20001").street_name == "3rd Ave"


def test_associate_list_disconnect_and_delete(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    first = emulator.state.e911s.create(ADDRESS).id
    second = emulator.state.e911s.create({**ADDRESS, "label": "Other"}).id
    path = f"/v2/numbers/{number}/relationships/e911s"
    assert api.patch(f"{path}/{first}").status_code == 204
    assert api.patch(f"{path}/{first}").status_code == 204  # again: no error, no change
    details = api.get(f"/v2/numbers/{number}").json()["data"]["relationships"]
    assert details["e911_address"] == {"data": {"id": first, "type": "e911"}}
    numbers = api.get(f"/v2/e911s/{first}/relationships/numbers").json()
    assert numbers == {
        "data": [
            {
                "attributes": {"alias": None, "value": number},
                "id": number,
                "links": {"self": f"{api.url}/v2/numbers/{number}"},
                "type": "number",
            }
        ],
        "links": {"self": f"{api.url}/v2/e911s/{first}/relationships/numbers?limit=10&offset=0"},
    }
    refused = api.delete(f"/v2/e911s/{first}")
    assert refused.status_code == 409
    assert number in refused.json()["errors"][0]["detail"]
    assert api.patch(f"{path}/{second}").status_code == 204  # moves the number
    assert api.get(f"/v2/e911s/{first}/relationships/dids").json()["data"] == []
    assert api.delete(path).status_code == 204
    assert api.delete(path).status_code == 204  # nothing left to disconnect: still fine
    assert api.get(f"/v2/numbers/{number}").json()["data"]["relationships"]["e911_address"] == {
        "data": None
    }
    assert api.delete(f"/v2/e911s/{first}").status_code == 204
    assert api.get(f"/v2/e911s/{first}").status_code == 404
    assert api.patch(f"{path}/{first}").status_code == 404
    assert api.patch(f"/v2/numbers/19999999999/relationships/e911s/{second}").status_code == 404


def test_associate_by_body_as_the_openapi_file_spells_it(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    e911_id = emulator.state.e911s.create(ADDRESS).id
    path = f"/v2/numbers/{number}/relationships/e911"
    assert api.patch(path, {"data": {"type": "e911", "id": int(e911_id)}}).status_code == 204
    assert emulator.state.e911s.address_of(number) == e911_id
    assert api.patch(path, {"data": {"type": "route", "id": e911_id}}).status_code == 422
    assert api.delete(path).status_code == 204
    assert emulator.state.e911s.address_of(number) is None


def test_releasing_a_number_drops_its_address(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    e911_id = emulator.state.e911s.create(ADDRESS).id
    emulator.state.e911s.associate(number, e911_id)
    assert api.delete(f"/v2/numbers/{number}").status_code == 204
    assert emulator.state.e911s.by_number == {}
    assert api.delete(f"/v2/e911s/{e911_id}").status_code == 204
