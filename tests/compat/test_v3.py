"""flowroute.compat.v3 is a drop-in for the v3 SDK: same calls, JSON dicts, its exceptions."""

from __future__ import annotations

import json

import pytest

from flowroute.compat.v3 import APIException, ErrorException, FlowroutenumbersandmessagingClient
from flowroute.emulator import Emulator


@pytest.fixture
def client(emulator: Emulator) -> FlowroutenumbersandmessagingClient:
    return FlowroutenumbersandmessagingClient(emulator.access_key, emulator.secret_key)


def test_the_documented_walk_through(
    emulator: Emulator, client: FlowroutenumbersandmessagingClient
) -> None:
    numbers_controller = client.numbers
    routes_controller = client.routes
    messages_controller = client.messages
    with emulator.mock():
        codes = numbers_controller.list_available_area_codes(3, None, 3.25)
        assert [c["id"] for c in codes["data"]] == ["201", "206", "212"]
        assert codes["links"]["next"].endswith("offset=3")
        exchanges = numbers_controller.list_available_exchange_codes(3, None, None, 206)
        assert all(e["type"] == "exchange" for e in exchanges["data"])
        result = numbers_controller.search_for_purchasable_phone_numbers(1206, None, None, 3)
        purchasable_number = result["data"][0]["id"]
        bought = numbers_controller.purchase_a_phone_number(purchasable_number)
        assert bought["data"]["id"] == purchasable_number
        assert bought["included"][0]["attributes"]["alias"] == "sip-reg"
        assert bought["links"]["self"].endswith(f"/v2/numbers/{purchasable_number}")
        result = numbers_controller.list_account_phone_numbers(1206, None, None, 3, None)
        number_id = result["data"][0]["id"]
        details = numbers_controller.list_phone_number_details(number_id)
        assert details["data"]["relationships"]["primary_route"]["data"]["id"] == "0"

        request_body = json.dumps(
            {
                "data": {
                    "type": "route",
                    "attributes": {"route_type": "host", "value": "a.example.com", "alias": "abc"},
                }
            }
        )
        created = routes_controller.create_an_inbound_route(request_body)
        assert created["data"]["attributes"]["alias"] == "abc"
        result = routes_controller.list_inbound_routes(3)
        prirouteid = result["data"][1]["id"]
        body = '{"data": {"type": "route", "id": "' + str(prirouteid) + '"}}'
        assert routes_controller.update_primary_voice_route(number_id, body) is None
        assert (
            routes_controller.update_failover_voice_route_for_a_phone_number(number_id, body)
            is None
        )
        assert emulator.state.number(number_id).failover_route_id == prirouteid

        message = {
            "data": {
                "type": "message",
                "attributes": {"to": "12065550199", "from": number_id, "body": "hello there"},
            }
        }
        sent = messages_controller.send_a_message(json.dumps(message))
        record_id = sent["data"]["id"]
        assert sent == {"data": {"type": "message", "id": record_id}}
        today = emulator.state.message(record_id).timestamp.date()
        found = messages_controller.look_up_a_set_of_messages(str(today), None, 2)
        assert [m["id"] for m in found["data"]] == [record_id]
        record = messages_controller.look_up_a_message_detail_record(record_id)
        assert record["data"]["attributes"]["body"] == "hello there"


def test_errors_are_the_sdks(
    emulator: Emulator, client: FlowroutenumbersandmessagingClient
) -> None:
    with emulator.mock(), pytest.raises(ErrorException) as raised:
        client.numbers.list_phone_number_details("12065550000")
    assert isinstance(raised.value, APIException)
    assert raised.value.response_code == 404
    assert raised.value.errors[0]["detail"] == "number 12065550000 is not on this account"
    with pytest.raises(ErrorException) as refused:
        client.routes.list_inbound_routes(limit=0)
    assert refused.value.response_code == 400 and emulator.requests[-1].status == 404


def test_the_base_url_can_point_at_a_served_emulator(emulator: Emulator) -> None:
    with emulator.serve() as url:
        client = FlowroutenumbersandmessagingClient(
            emulator.access_key, emulator.secret_key, base_url=url
        )
        assert client.routes.list_inbound_routes()["data"][0]["id"] == "0"
