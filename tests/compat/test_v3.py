"""flowroute.compat.v3 and ``flowroutenumbersandmessaging``: the v3 SDK, call for call.

Each test walks one of the SDK's demo sequences (written here, not copied)
against the emulator. Every call must return exactly the document the
emulator answered (what the SDK returned: it handed back the response
body), and send exactly the request the SDK's demo made.
"""

from __future__ import annotations

import json
import warnings

import pytest

from flowroute.compat import FlowrouteDeprecationWarning
from flowroute.emulator import Emulator, Fault
from flowroutenumbersandmessaging.configuration import Configuration
from flowroutenumbersandmessaging.exceptions.api_exception import APIException
from flowroutenumbersandmessaging.exceptions.error_exception import ErrorException
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)

from .v3_support import answered, last_request, own_numbers


def test_numbers_routes_and_messages_as_the_demo_calls_them(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    (number,) = own_numbers(emulator, 1)
    emulator.state.create_route("number", "12065550100", "pstn")
    numbers, routes, messages = sdk.numbers, sdk.routes, sdk.messages

    answered(emulator, numbers.list_available_area_codes(3, None, 3.25))
    assert last_request(emulator) == (
        "GET",
        "/v2/numbers/available/areacodes",
        {"limit": ["3"], "max_setup_cost": ["3.25"]},
        None,
    )
    answered(emulator, numbers.list_available_exchange_codes(3, None, None, 347))
    assert emulator.requests[-1].query == {"limit": ["3"], "areacode": ["347"]}
    found = answered(
        emulator, numbers.search_for_purchasable_phone_numbers(206, 3, None, 3, None, None, None)
    )
    assert len(found["data"]) == 3
    assert emulator.requests[-1].query == {
        "starts_with": ["206"],
        "contains": ["3"],
        "limit": ["3"],
    }
    listed = answered(emulator, numbers.list_account_phone_numbers(None, None, None, 3, None))
    assert listed["data"][0]["id"] == number
    details = answered(emulator, numbers.list_phone_number_details(number))
    assert details["data"]["relationships"]["primary_route"]["data"] == {"id": "0", "type": "route"}
    renamed = answered(emulator, numbers.set_did_alias(number, "New Test"))
    assert last_request(emulator) == (
        "PATCH",
        f"/v2/numbers/{number}",
        {},
        {"type": "number", "alias": "New Test"},
    )
    assert renamed["data"]["attributes"]["alias"] == "New Test"
    details = answered(emulator, numbers.list_phone_number_details(number))
    assert details["data"]["attributes"]["alias"] == "New Test"
    assert numbers.set_did_callback(number, "http://www.example.com/test") == ""
    assert last_request(emulator) == (
        "POST",
        f"/v2/numbers/{number}/relationships/dlr_callback",
        {},
        {"data": {"attributes": {"callback_url": "http://www.example.com/test"}}},
    )

    strategies = answered(emulator, routes.list_edge_strategies())
    assert last_request(emulator)[:2] == ("GET", "/v2/routes/edge_strategies")
    assert [strategy["id"] for strategy in strategies["data"]] == [1, 2, 3, 4]
    attributes = {
        "route_type": "host",
        "value": "abc.example.com",
        "alias": "abc0123",
        "edge_strategy": "1",
    }
    body = {"data": {"type": "route", "attributes": attributes}}
    created = answered(emulator, routes.create_an_inbound_route(json.dumps(body)))
    assert last_request(emulator)[:2] == ("POST", "/v2/routes")
    assert emulator.requests[-1].body == body
    listing = answered(emulator, routes.list_inbound_routes(10))
    primary, secondary = listing["data"][1]["id"], listing["data"][2]["id"]
    assert secondary == created["data"]["id"]
    reference = '{"data": {"type": "route", "id": "%s"}}'
    assert routes.update_primary_voice_route(number, reference % primary) == ""
    assert last_request(emulator) == (
        "PATCH",
        f"/v2/numbers/{number}/relationships/primary_route",
        {},
        {"data": {"type": "route", "id": primary}},
    )
    assert routes.update_failover_voice_route(number, reference % secondary) == ""
    assert emulator.state.number(number).failover_route_id == secondary

    message = {"to": "12065550199", "from": number, "body": "Hello there", "is_mms": "false"}
    sent = answered(
        emulator,
        messages.send_a_message(json.dumps({"data": {"type": "message", "attributes": message}})),
    )
    record_id = sent["data"]["id"]
    assert sent == {
        "data": {
            "id": record_id,
            "links": {"self": f"https://api.flowroute.com/v2.1/messages/{record_id}"},
            "type": "message",
        }
    }
    day = emulator.state.message(record_id).timestamp.date()
    found = answered(emulator, messages.look_up_a_set_of_messages(str(day), None, 10))
    assert [m["id"] for m in found["data"]] == [record_id]
    record = answered(emulator, messages.look_up_a_message_detail_record(record_id))
    assert record["data"]["attributes"]["body"] == "Hello there"

    for kind, set_callback in (
        ("sms", messages.set_account_level_sms_callback),
        ("mms", messages.set_account_level_mms_callback),
        ("dlr", messages.set_account_level_dlr_callback),
    ):
        assert set_callback(f"http://example.com/{kind}") == ""
        assert last_request(emulator)[:2] == ("PUT", f"/v2.1/messages/{kind}_callback")
    assert messages.set_did_level_dlr_callback(number, "http://example.com/did/dlr") == ""
    assert emulator.state.callbacks.urls == {
        ("sms_callback", None): "http://example.com/sms",
        ("mms_callback", None): "http://example.com/mms",
        ("dlr_callback", None): "http://example.com/dlr",
        ("dlr_callback", number): "http://example.com/did/dlr",
    }

    portability = answered(emulator, sdk.porting.checkPortability(["14254664444", "18827833439"]))
    assert portability["data"]["portable"] == ["+14254664444", "+18827833439"]


def test_a_refused_message_raises_what_the_demo_catches(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    (number,) = own_numbers(emulator, 1)
    attributes = {"to": "YOUR MOBILE NUMBER HERE", "from": number, "body": "hi"}
    with pytest.raises(ErrorException) as raised:
        sdk.messages.send_a_message(
            json.dumps({"data": {"type": "message", "attributes": attributes}})
        )
    response = raised.value.context.response
    assert (response.status_code, raised.value.response_code) == (400, 400)
    detail = raised.value.errors[0].detail  # type: ignore[index]
    assert "invalid to='YOUR MOBILE NUMBER HERE'" in detail
    assert json.loads(response.raw_body) == {"errors": [{"detail": detail, "status": 400}]}
    assert emulator.requests == []  # refused before sending


@pytest.mark.parametrize(
    ("status", "kind", "reason"),
    [
        (
            401,
            ErrorException,
            "Unauthorized \N{EN DASH} There was an issue with your API credentials.",
        ),
        (
            403,
            ErrorException,
            "Forbidden \N{EN DASH} You don't have permission to access this resource.",
        ),
        (404, ErrorException, "The specified resource was not found"),
        (422, ErrorException, "Unprocessable Entity - You tried to enter an incorrect value."),
        (400, APIException, "HTTP response not OK."),
        (409, APIException, "HTTP response not OK."),
        (500, APIException, "HTTP response not OK."),
    ],
)
def test_each_status_raises_the_sdks_exception_and_reason(
    emulator: Emulator,
    sdk: FlowroutenumbersandmessagingClient,
    status: int,
    kind: type[APIException],
    reason: str,
) -> None:
    emulator.inject(Fault.status(status), method="GET", path="/v2/routes")
    with pytest.raises(APIException) as raised:
        sdk.routes.list_inbound_routes()
    assert type(raised.value) is kind
    assert (str(raised.value), raised.value.response_code) == (reason, status)
    assert raised.value.context.response.status_code == status
    assert raised.value.context.response.raw_body == json.dumps(emulator.requests[-1].response)
    # The answer's own headers, case-insensitive as the SDK's requests gave them.
    assert raised.value.context.response.headers["content-type"] == "application/vnd.api+json"


def test_error_details_are_objects_with_detail(
    emulator: Emulator, sdk: FlowroutenumbersandmessagingClient
) -> None:
    with pytest.raises(ErrorException) as raised:
        sdk.numbers.list_phone_number_details("12065550000")
    (error,) = raised.value.errors  # type: ignore[misc]
    assert error.detail == "number 12065550000 is not on this account"
    assert error.status == 404
    assert json.loads(raised.value.context.response.raw_body) == emulator.requests[-1].response


def test_configuration_is_read_at_each_call(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FR_ACCESS_KEY", emulator.access_key)
    monkeypatch.setenv("FR_SECRET_KEY", emulator.secret_key)
    # The demo passes the class's settings, unset here: the environment fills them.
    client = FlowroutenumbersandmessagingClient(
        Configuration.basic_auth_user_name, Configuration.basic_auth_password
    )
    with emulator.serve() as url, warnings.catch_warnings():
        warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
        monkeypatch.setenv("FLOWROUTE_BASE_URL", url)
        assert client.routes.list_inbound_routes()["data"][0]["id"] == "0"
        Configuration.basic_auth_password = "wrong"
        with pytest.raises(ErrorException) as raised:
            client.routes.list_inbound_routes()
        assert raised.value.response_code == 401
    assert client.client.base_url == url
    Configuration.basic_auth_password = None
    other = Emulator(seed=0)  # same keys, another server: the variable is read again
    with other.serve() as elsewhere, warnings.catch_warnings():
        warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
        monkeypatch.setenv("FLOWROUTE_BASE_URL", elsewhere)
        client.routes.list_inbound_routes()
    assert [r.path for r in other.requests] == ["/v2/routes"]
    assert client.client.base_url == elsewhere


def test_each_call_warns_once_per_call_site_naming_its_replacement(
    emulator: Emulator,
) -> None:
    client = FlowroutenumbersandmessagingClient(emulator.access_key, emulator.secret_key)
    with emulator.mock(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(2):
            client.routes.list_inbound_routes()
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning]
    assert caught[0].filename == __file__
    assert str(caught[0].message) == (
        "flowroutenumbersandmessaging RoutesController.list_inbound_routes() is deprecated; "
        "use client.v2.routes.list_inbound_routes() on flowroute.Client (see the migration guide)"
    )
