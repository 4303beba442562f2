"""Every v2 method sends exactly the documented request: one table row per call."""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

import attrs
import pytest
import responses

import flowroute
from flowroute.v2 import V2, Message, Number, Route

from . import documented as doc
from .expect import expect

NoneType = type(None)


@attrs.frozen
class Case:
    """One call and the exact request it must send."""

    call: Callable[[V2], Any]
    method: str
    path: str
    query: Optional[dict[str, str]] = None
    body: Any = None
    status: int = 200
    reply: Any = None
    returns: Any = NoneType


NUMBER = "16502390214"
MMS_TEXT = json.dumps(
    {
        "data": {
            "type": "message",
            "attributes": {
                "to": "12065550123",
                "from": NUMBER,
                "body": "hello there",
                "is_mms": "true",
                "media_urls": ["http://s3.amazonaws.com/barkpost-assets/50+GIFs/37.gif"],
            },
        }
    }
)
ROUTE_TEXT = json.dumps(
    {
        "data": {
            "type": "route",
            "attributes": {"route_type": "host", "value": "abc123.example.com", "alias": "x012345"},
        }
    }
)
CALLBACK_ATTRIBUTES = {"callback_url": "https://example.com/cb"}
CALLBACK = {"data": {"attributes": CALLBACK_ATTRIBUTES}}
ROUTE_REF_TEXT = '{ "data": { "type": "route", "id": "83834" } }'

CASES = {
    "area-codes-documented": Case(
        lambda v2: v2.numbers.list_available_area_codes(3, None, 3.25),
        "GET",
        "/v2/numbers/available/areacodes",
        {"limit": "3", "max_setup_cost": "3.25"},
        reply=doc.AREA_CODES,
        returns=flowroute.Page,
    ),
    "area-codes-all-args": Case(
        lambda v2: v2.numbers.list_available_area_codes(limit=400, offset=0, max_setup_cost="1.5"),
        "GET",
        "/v2/numbers/available/areacodes",
        {"limit": "400", "offset": "0", "max_setup_cost": "1.5"},
        reply=doc.AREA_CODES,
        returns=flowroute.Page,
    ),
    "exchanges-documented": Case(
        lambda v2: v2.numbers.list_available_exchange_codes(3, None, None, 347),
        "GET",
        "/v2/numbers/available/exchanges",
        {"limit": "3", "areacode": "347"},
        reply=doc.EXCHANGES,
        returns=flowroute.Page,
    ),
    "exchanges-all-args": Case(
        lambda v2: v2.numbers.list_available_exchange_codes(
            limit=200, offset=6, max_setup_cost=2, areacode="206"
        ),
        "GET",
        "/v2/numbers/available/exchanges",
        {"limit": "200", "offset": "6", "max_setup_cost": "2", "areacode": "206"},
        reply=doc.EXCHANGES,
        returns=flowroute.Page,
    ),
    "search-documented": Case(
        lambda v2: v2.numbers.search_for_purchasable_phone_numbers(646, 3, 7, 3, None, None, None),
        "GET",
        "/v2/numbers/available",
        {"starts_with": "646", "contains": "3", "ends_with": "7", "limit": "3"},
        reply=doc.AVAILABLE,
        returns=flowroute.Page,
    ),
    "search-rate-center-state": Case(
        lambda v2: v2.numbers.search_for_purchasable_phone_numbers(
            limit=1, offset=2, rate_center="seattle", state="WA"
        ),
        "GET",
        "/v2/numbers/available",
        {"limit": "1", "offset": "2", "rate_center": "seattle", "state": "WA"},
        reply=doc.AVAILABLE,
        returns=flowroute.Page,
    ),
    "purchase": Case(
        lambda v2: v2.numbers.purchase_a_phone_number("+" + NUMBER),
        "POST",
        f"/v2/numbers/{NUMBER}",
        status=201,
        reply=doc.PURCHASED,
        returns=Number,
    ),
    "account-documented": Case(
        lambda v2: v2.numbers.list_account_phone_numbers(201, None, None, 3, None),
        "GET",
        "/v2/numbers",
        {"starts_with": "201", "limit": "3"},
        reply=doc.ACCOUNT_NUMBERS,
        returns=flowroute.Page,
    ),
    "account-all-args": Case(
        lambda v2: v2.numbers.list_account_phone_numbers(
            starts_with="1201", ends_with=27, contains="267", limit=5, offset=10
        ),
        "GET",
        "/v2/numbers",
        {"starts_with": "1201", "ends_with": "27", "contains": "267", "limit": "5", "offset": "10"},
        reply=doc.ACCOUNT_NUMBERS,
        returns=flowroute.Page,
    ),
    "account-no-args": Case(
        lambda v2: v2.numbers.list_account_phone_numbers(),
        "GET",
        "/v2/numbers",
        reply=doc.ACCOUNT_NUMBERS,
        returns=flowroute.Page,
    ),
    "details": Case(
        lambda v2: v2.numbers.list_phone_number_details(NUMBER),
        "GET",
        f"/v2/numbers/{NUMBER}",
        reply=doc.DETAILS,
        returns=Number,
    ),
    "release": Case(
        lambda v2: v2.numbers.release_a_phone_number("(650) 239-0214"),
        "DELETE",
        f"/v2/numbers/{NUMBER}",
        status=204,
    ),
    "create-route-documented-text": Case(
        lambda v2: v2.routes.create_an_inbound_route(ROUTE_TEXT),
        "POST",
        "/v2/routes",
        body=json.loads(ROUTE_TEXT),
        status=201,
        reply=doc.CREATED_ROUTE,
        returns=Route,
    ),
    "list-routes-documented": Case(
        lambda v2: v2.routes.list_inbound_routes(2),
        "GET",
        "/v2/routes",
        {"limit": "2"},
        reply=doc.ROUTES,
        returns=flowroute.Page,
    ),
    "list-routes-offset-zero-is-sent": Case(
        lambda v2: v2.routes.list_inbound_routes(limit=200, offset=0),
        "GET",
        "/v2/routes",
        {"limit": "200", "offset": "0"},
        reply=doc.ROUTES,
        returns=flowroute.Page,
    ),
    "primary-route-documented-text": Case(
        lambda v2: v2.routes.update_primary_voice_route(NUMBER, ROUTE_REF_TEXT),
        "PATCH",
        f"/v2/numbers/{NUMBER}/relationships/primary_route",
        body={"data": {"type": "route", "id": "83834"}},
        status=204,
    ),
    "failover-route-documented-text": Case(
        lambda v2: v2.routes.update_failover_voice_route(NUMBER, ROUTE_REF_TEXT),
        "PATCH",
        f"/v2/numbers/{NUMBER}/relationships/failover_route",
        body={"data": {"type": "route", "id": "83834"}},
        status=204,
    ),
    "send-documented-mms-text": Case(
        lambda v2: v2.messages.send_a_message(MMS_TEXT),
        "POST",
        "/v2.1/messages",
        body={
            "data": {
                "type": "message",
                "attributes": {
                    "to": "12065550123",
                    "from": NUMBER,
                    "body": "hello there",
                    "is_mms": True,
                    "media_urls": ["http://s3.amazonaws.com/barkpost-assets/50+GIFs/37.gif"],
                },
            }
        },
        status=202,
        reply=doc.MESSAGE_ACCEPTED,
        returns=str,
    ),
    "send-mms-keywords-media-make-it-mms": Case(
        lambda v2: v2.messages.send_a_message(
            to="12065550123",
            from_=NUMBER,
            media_urls=["https://media.example/a.png", "https://media.example/b.png"],
            dlr_callback="https://hooks.example/dlr?app=1",
        ),
        "POST",
        "/v2.1/messages",
        body={
            "data": {
                "type": "message",
                "attributes": {
                    "to": "12065550123",
                    "from": NUMBER,
                    "is_mms": True,
                    "media_urls": ["https://media.example/a.png", "https://media.example/b.png"],
                    "dlr_callback": "https://hooks.example/dlr?app=1",
                },
            }
        },
        status=202,
        reply=doc.MESSAGE_ACCEPTED,
        returns=str,
    ),
    "messages-documented": Case(
        lambda v2: v2.messages.look_up_a_set_of_messages("2017-12-01", "2018-01-08", 2),
        "GET",
        "/v2.1/messages",
        {"start_date": "2017-12-01", "end_date": "2018-01-08", "limit": "2"},
        reply=doc.MESSAGES,
        returns=flowroute.Page,
    ),
    "messages-start-only": Case(
        lambda v2: v2.messages.look_up_a_set_of_messages("2017-12-01T10:00:00", offset=4),
        "GET",
        "/v2.1/messages",
        {"start_date": "2017-12-01T10:00:00", "offset": "4"},
        reply=doc.MESSAGES,
        returns=flowroute.Page,
    ),
    "update-number": Case(
        lambda v2: v2.numbers.update_number(NUMBER, alias="Office", cnam_lookups_enabled=False),
        "PATCH",
        f"/v2/numbers/{NUMBER}",
        body={"type": "number", "alias": "Office", "cnam_lookups_enabled": False},
        reply=doc.DETAILS,
        returns=Number,
    ),
    "set-did-alias": Case(
        lambda v2: v2.numbers.set_did_alias(int(NUMBER), "New Test"),
        "PATCH",
        f"/v2/numbers/{NUMBER}",
        body={"type": "number", "alias": "New Test"},
        reply=doc.DETAILS,
        returns=Number,
    ),
    "edge-strategies": Case(
        lambda v2: v2.routes.list_edge_strategies(),
        "GET",
        "/v2/routes/edge_strategies",
        reply={"data": [{"id": 1, "type": "edge_strategy", "attributes": {"name": "US-West-OR"}}]},
        returns=list,
    ),
    "route-edge-strategy": Case(
        lambda v2: v2.routes.create_an_inbound_route(
            '{"data": {"type": "route", "attributes": {"route_type": "host", '
            '"value": "x.example.com", "alias": "edge", "edge_strategy": "1"}}}'
        ),
        "POST",
        "/v2/routes",
        body={
            "data": {
                "type": "route",
                "attributes": {
                    "route_type": "host",
                    "value": "x.example.com",
                    "alias": "edge",
                    "edge_strategy": "1",
                },
            }
        },
        status=201,
        reply=doc.CREATED_ROUTE,
        returns=Route,
    ),
    "send-keywords": Case(
        lambda v2: v2.messages.send_a_message(to="12065550123", from_=NUMBER, body="hi"),
        "POST",
        "/v2.1/messages",
        body={
            "data": {
                "type": "message",
                "attributes": {"to": "12065550123", "from": NUMBER, "body": "hi"},
            }
        },
        status=202,
        reply=doc.MESSAGE_ACCEPTED,
        returns=str,
    ),
    "account-sms-callback": Case(
        lambda v2: v2.messages.set_account_level_sms_callback("https://example.com/cb"),
        "PUT",
        "/v2.1/messages/sms_callback",
        body=CALLBACK,
        status=204,
    ),
    "account-mms-callback": Case(
        lambda v2: v2.messages.set_account_level_mms_callback("https://example.com/cb"),
        "PUT",
        "/v2.1/messages/mms_callback",
        body=CALLBACK,
        status=204,
    ),
    "account-dlr-callback": Case(
        lambda v2: v2.messages.set_account_level_dlr_callback("https://example.com/cb"),
        "PUT",
        "/v2.1/messages/dlr_callback",
        body=CALLBACK,
        status=204,
    ),
    "number-dlr-callback": Case(
        lambda v2: v2.messages.set_did_level_dlr_callback(NUMBER, "https://example.com/cb"),
        "POST",
        f"/v2/numbers/{NUMBER}/relationships/dlr_callback",
        body=CALLBACK,
        status=204,
    ),
    "set-callback": Case(
        lambda v2: v2.messages.set_callback("mms", "https://example.com/cb", NUMBER),
        "POST",
        f"/v2/numbers/{NUMBER}/relationships/mms_callback",
        body=CALLBACK,
        status=204,
    ),
    "get-callback": Case(
        lambda v2: v2.messages.get_callback("sms"),
        "GET",
        "/v2.1/messages/sms_callback",
        reply={
            "data": {"type": "callback", "id": "sms_callback", "attributes": CALLBACK_ATTRIBUTES}
        },
        returns=str,
    ),
    "get-number-callback": Case(
        lambda v2: v2.messages.get_callback("dlr", NUMBER),
        "GET",
        f"/v2/numbers/{NUMBER}/relationships/dlr_callback",
        reply={
            "data": {"type": "callback", "id": "dlr_callback", "attributes": {"callback_url": None}}
        },
    ),
    "remove-callback": Case(
        lambda v2: v2.messages.remove_callback("sms"),
        "DELETE",
        "/v2.1/messages/sms_callback",
        status=204,
    ),
    "remove-number-callback": Case(
        lambda v2: v2.messages.remove_callback("dlr", NUMBER),
        "DELETE",
        f"/v2/numbers/{NUMBER}/relationships/dlr_callback",
        status=204,
    ),
    "message-detail": Case(
        lambda v2: v2.messages.look_up_a_message_detail_record(doc.MDR_INBOUND),
        "GET",
        f"/v2.1/messages/{doc.MDR_INBOUND}",
        reply=doc.MESSAGE_DETAIL,
        returns=Message,
    ),
    "wait-for-message-found-at-once": Case(
        lambda v2: v2.messages.wait_for_message(doc.MDR_INBOUND, timeout=0),
        "GET",
        f"/v2.1/messages/{doc.MDR_INBOUND}",
        reply=doc.MESSAGE_DETAIL,
        returns=Message,
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_exact_request_and_result_type(v2: V2, rsps: responses.RequestsMock, case: Case) -> None:
    expect(
        rsps,
        case.method,
        case.path,
        query=case.query,
        body=case.body,
        reply=case.reply,
        status=case.status,
    )

    result = case.call(v2)

    assert isinstance(result, case.returns)
    assert len(rsps.calls) == 1
    sent = rsps.calls[0].request
    assert sent.method == case.method
    assert sent.path_url.split("?")[0] == case.path


def test_body_goes_on_the_wire_as_compact_json(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(
        rsps,
        "PATCH",
        f"/v2/numbers/{NUMBER}/relationships/primary_route",
        body={"data": {"type": "route", "id": "0"}},
        status=204,
    )

    v2.routes.update_primary_voice_route(NUMBER, "0")

    sent = rsps.calls[0].request
    assert sent.body == b'{"data":{"type":"route","id":"0"}}'
    assert sent.headers["Content-Length"] == str(len(sent.body))


def test_purchase_sends_no_body_and_zero_length(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "POST", f"/v2/numbers/{NUMBER}", status=201, reply=doc.PURCHASED)

    v2.numbers.purchase_a_phone_number(NUMBER)

    assert rsps.calls[0].request.headers["Content-Length"] == "0"


def test_every_method_is_in_the_table() -> None:
    """A v2 method added later must get an exact-request row above."""
    called = {
        name
        for case in CASES.values()
        for name in case.call.__code__.co_names
        if not name.startswith("_")
    }
    from flowroute.v2.messages import MessagesController
    from flowroute.v2.numbers import NumbersController
    from flowroute.v2.routes import RoutesController

    for controller in (NumbersController, RoutesController, MessagesController):
        public = {n for n in vars(controller) if not n.startswith("_")}
        assert public <= called, controller.__name__
