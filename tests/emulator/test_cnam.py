"""v2 CNAM records: create, approve, list, associate with a number, remove."""

from __future__ import annotations

import pytest

from flowroute.emulator import Conflict, Emulator, Invalid, NotFound

from .conftest import Api, FakeClock

CREATED = "2024-03-01 12:00:00+00:00"  # START as CNAM records print it


def test_create_starts_unapproved(api: Api, emulator: Emulator) -> None:
    created = api.post("/v2/cnams", {"value": "FR H5K8"})
    assert created.status_code == 201, created.text
    resource = {
        "attributes": {
            "approval_datetime": None,
            "creation_datetime": CREATED,
            "is_approved": False,
            "rejection_reason": None,
            "value": "FR H5K8",
        },
        "id": "30001",
        "links": {"self": f"{api.url}/v2/cnams/30001"},
        "type": "cnam",
    }
    assert created.json() == {"data": resource}
    assert api.get("/v2/cnams/30001").json() == {"data": resource}
    assert emulator.state.cnams.get("30001").is_approved is False
    assert api.get("/v2/cnams/1").status_code == 404


def test_create_reads_the_form_the_v3_sdk_sends_and_json_api(api: Api) -> None:
    form = api.session.post(f"{api.url}/v2/cnams", data={"value": "ACME CO"})
    assert form.status_code == 201, form.text
    assert form.json()["data"]["attributes"]["value"] == "ACME CO"
    wrapped = api.post("/v2/cnams", {"data": {"type": "cnam", "attributes": {"value": "BOB'S"}}})
    assert wrapped.json()["data"]["attributes"]["value"] == "BOB'S"
    assert api.post("/v2/cnams", {"value": "acme co"}).status_code == 409


@pytest.mark.parametrize(
    "value",
    ["", "A" * 16, "2065550100", "CAFÉ", "HI!", " LEADING", None, 42],
)
def test_values_breaking_the_rules_are_422(api: Api, value: object) -> None:
    refused = api.post("/v2/cnams", {"value": value})
    assert refused.status_code == 422
    assert "value" in refused.json()["errors"][0]["detail"]


def test_the_rules_in_the_state(emulator: Emulator) -> None:
    book = emulator.state.cnams
    assert book.create("A" * 15).value == "A" * 15
    assert book.create("O'NEIL & SONS-1").value == "O'NEIL & SONS-1"
    with pytest.raises(Invalid) as refused:
        book.create("12 34")
    assert refused.value.field == "value"
    with pytest.raises(Conflict):
        book.create("a" * 15)


def test_approval_is_flipped_by_the_test(api: Api, emulator: Emulator, clock: FakeClock) -> None:
    cnam_id = emulator.state.cnams.create("FR TEST").id
    clock.advance(days=1)
    emulator.approve_cnam(cnam_id)
    attributes = api.get(f"/v2/cnams/{cnam_id}").json()["data"]["attributes"]
    assert attributes["is_approved"] is True
    assert attributes["approval_datetime"] == "2024-03-02 12:00:00+00:00"
    emulator.reject_cnam(cnam_id, "misleading")
    attributes = api.get(f"/v2/cnams/{cnam_id}").json()["data"]["attributes"]
    assert (attributes["is_approved"], attributes["rejection_reason"]) == (False, "misleading")
    with pytest.raises(NotFound):
        emulator.approve_cnam("1")


def test_list_filters_and_pages(api: Api, emulator: Emulator) -> None:
    book = emulator.state.cnams
    book.create("CHRIS SMITH", approved=True)
    book.create("SMITH CHRIS")
    book.create("ACME", approved=True)
    approved = api.get("/v2/cnams", {"is_approved": "True", "limit": 1}).json()
    assert [r["attributes"]["value"] for r in approved["data"]] == ["CHRIS SMITH"]
    assert approved["links"] == {
        "self": f"{api.url}/v2/cnams?is_approved=True&limit=1&offset=0",
        "next": f"{api.url}/v2/cnams?is_approved=True&limit=1&offset=1",
    }
    pending = api.get("/v2/cnams", {"is_approved": "false"}).json()["data"]
    assert [r["id"] for r in pending] == ["30002"]

    def values(**query: str) -> list[str]:
        return [r["attributes"]["value"] for r in api.get("/v2/cnams", query).json()["data"]]

    assert values(contains="chris") == ["CHRIS SMITH", "SMITH CHRIS"]
    assert values(starts_with="CHRIS") == ["CHRIS SMITH"]
    assert values(ends_with="chris") == ["SMITH CHRIS"]
    assert api.get("/v2/cnams", {"is_approved": "maybe"}).status_code == 422


def test_associate_unassociate_and_remove(api: Api, emulator: Emulator, clock: FakeClock) -> None:
    number = api.buy()
    pending = emulator.state.cnams.create("NOT YET").id
    approved = emulator.state.cnams.create("FLOWROUTE", approved=True).id
    path = f"/v2/numbers/{number}/relationships/cnam"
    refused = api.patch(f"{path}/{pending}")
    assert refused.status_code == 422
    assert "not approved" in refused.json()["errors"][0]["detail"]

    clock.advance(minutes=5)
    associated = api.patch(f"{path}/{approved}")
    assert associated.status_code == 202
    stamp = {"date_created": "Fri, 01 Mar 2024 12:05:00 GMT"}
    assert associated.json() == {"data": {"attributes": stamp, "id": 30002, "type": "cnam"}}
    relationships = api.get(f"/v2/numbers/{number}").json()["data"]["relationships"]
    assert relationships["cnam_preset"] == {"data": {"id": approved, "type": "cnam"}}

    unassociated = api.delete(path)
    assert unassociated.status_code == 202
    assert unassociated.json() == {"data": {"attributes": stamp, "id": None, "type": "cnam"}}
    assert emulator.state.cnams.preset_of(number) is None

    emulator.state.cnams.associate(number, approved)
    assert api.delete(f"/v2/cnams/{approved}").status_code == 204
    assert api.get(f"/v2/numbers/{number}").json()["data"]["relationships"]["cnam_preset"] == {
        "data": None
    }
    assert api.delete(f"/v2/cnams/{approved}").status_code == 404
    assert api.patch(f"/v2/numbers/19999999999/relationships/cnam/{pending}").status_code == 404
