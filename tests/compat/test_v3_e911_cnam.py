"""The v3 SDK's E911 and CNAM demo sequences (written here, not copied), on the emulator.

Every call returns exactly the document the emulator answered, as the SDK
did; the requests are the ones the SDK's demos made.
"""

from __future__ import annotations

import json
import warnings

import pytest
import responses

from flowroute.compat import FlowrouteDeprecationWarning
from flowroute.emulator import Emulator
from flowroutenumbersandmessaging.exceptions.api_exception import APIException
from flowroutenumbersandmessaging.exceptions.error_exception import ErrorException
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)

from .v3_support import answered, last_request, own_numbers

ADDRESS = {
    "label": "E911 Test",
    "first_name": "Chris",
    "last_name": "Smith",
    "street_name": "3rd Ave",
    "street_number": "1218",
    "city": "Seattle",
    "state": "WA",
    "country": "US",
    "zipcode": "98101",
}


def test_the_e911_demo_sequence(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    (number,) = own_numbers(emulator, 1)
    e911s, numbers = sdk.e911s, sdk.numbers
    empty = answered(emulator, e911s.list_e911s(10, None))
    assert empty["data"] == []
    assert emulator.requests[-1].query == {"limit": ["10"]}

    checked = e911s.validate_address(**{**ADDRESS, "street_number": "1182"})
    assert answered(emulator, checked) == ""
    assert last_request(emulator)[:2] == ("POST", "/v2/e911s/validate")
    sent = emulator.requests[-1].body["data"]
    assert sent["type"] == "e911"
    assert sent["attributes"] == {
        **{k: v for k, v in ADDRESS.items() if k != "zipcode"},
        "street_number": "1182",
        "zip": "98101",
    }

    suite = {"address_type": "Suite", "address_type_number": "600"}
    created = answered(emulator, e911s.create_address(**ADDRESS, **suite))
    assert emulator.requests[-1].body["data"]["attributes"]["address_type_number"] == "600"
    record_id = created["data"]["id"]
    updated = answered(emulator, e911s.update_address(record_id, last_name="Wiley"))
    assert last_request(emulator)[:2] == ("PATCH", f"/v2/e911s/{record_id}")
    assert emulator.requests[-1].body["data"]["attributes"] == {"last_name": "Wiley"}
    assert updated["data"]["attributes"]["last_name"] == "Wiley"
    assert updated["data"]["attributes"]["address_type_number"] == "600"
    detail = answered(emulator, e911s.get_e911(record_id))
    assert detail["data"] == updated["data"]

    did = answered(emulator, numbers.list_account_phone_numbers())["data"][0]["attributes"]["value"]
    assert did == number
    assert answered(emulator, e911s.associate(record_id, did)) == ""
    assert last_request(emulator)[:2] == (
        "PATCH",
        f"/v2/numbers/{did}/relationships/e911s/{record_id}",
    )
    users = answered(emulator, e911s.list_dids_for_e911(record_id))
    assert [n["id"] for n in users["data"]] == [did]
    assert answered(emulator, e911s.disconnect(did)) == ""
    assert last_request(emulator)[:2] == ("DELETE", f"/v2/numbers/{did}/relationships/e911s")
    assert answered(emulator, e911s.delete_address(record_id)) == ""
    assert answered(emulator, e911s.list_e911s())["data"] == []


def test_an_address_that_cannot_be_located_raises_what_the_demo_prints(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    with pytest.raises(APIException) as raised:
        sdk.e911s.validate_address(**{**ADDRESS, "street_name": "Nowhere St"})
    response = raised.value.context.response
    assert (type(raised.value), str(raised.value)) == (APIException, "HTTP response not OK.")
    assert response.status_code == 400
    assert json.loads(response.raw_body) == emulator.requests[-1].response
    assert "geocode" in json.loads(response.raw_body)["errors"][0]["detail"]


def test_the_cnam_demo_sequence(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    (number,) = own_numbers(emulator, 1)
    cnams = sdk.cnams
    assert answered(emulator, cnams.list_cnams(10, None))["data"] == []
    created = answered(emulator, cnams.create_cnam_record("FR AB12"))
    assert last_request(emulator)[:3] == ("POST", "/v2/cnams", {})
    assert emulator.requests[-1].body == {"value": "FR AB12"}
    cnam_id = created["data"]["id"]
    assert created["data"]["attributes"]["is_approved"] is False
    emulator.approve_cnam(cnam_id)

    approved = answered(emulator, cnams.list_cnams(10, None, is_approved=True))
    assert emulator.requests[-1].query == {"limit": ["10"], "is_approved": ["true"]}
    assert [c["id"] for c in approved["data"]] == [cnam_id]
    assert answered(emulator, cnams.get_cnam(cnam_id))["data"]["id"] == cnam_id
    associated = answered(emulator, cnams.associate_cnam(cnam_id, number))
    assert last_request(emulator)[:2] == (
        "PATCH",
        f"/v2/numbers/{number}/relationships/cnam/{cnam_id}",
    )
    assert associated["data"]["type"] == "cnam"
    answered(emulator, cnams.unassociate_cnam(number))
    assert last_request(emulator)[:2] == ("DELETE", f"/v2/numbers/{number}/relationships/cnam")
    assert answered(emulator, cnams.remove_cnam(cnam_id)) == ""
    assert last_request(emulator)[:2] == ("DELETE", f"/v2/cnams/{cnam_id}")


def test_search_cnams_is_missing_as_in_the_sdk(sdk: FlowroutenumbersandmessagingClient) -> None:
    # The SDK's cnam_demo.py calls it; the SDK never had it, so the demo stops there.
    assert not hasattr(sdk.cnams, "search_cnams")


def test_a_cnam_refused_before_sending_is_an_error_exception(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    with pytest.raises(ErrorException) as raised:
        sdk.cnams.create_cnam_record("A" * 16)
    assert raised.value.response_code == 400 and emulator.requests == []
    assert "value" in raised.value.errors[0].detail  # type: ignore[index]


def test_an_update_answered_204_returns_the_empty_body_as_the_sdk_did() -> None:
    # v2 reads the record back after a 204; the SDK returned the PATCH's own answer.
    record = {"data": {"id": "7", "type": "e911", "attributes": {"last_name": "Wiley"}}}
    client = FlowroutenumbersandmessagingClient("key", "secret")
    with responses.RequestsMock() as mock, warnings.catch_warnings():
        warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
        mock.add(responses.PATCH, "https://api.flowroute.com/v2/e911s/7", status=204)
        mock.add(responses.GET, "https://api.flowroute.com/v2/e911s/7", json=record)
        assert client.e911s.update_address("7", last_name="Wiley") == ""
        assert [c.request.method for c in mock.calls] == ["PATCH", "GET"]
