"""Accepted argument forms: each one puts the same documented request on the wire."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any, Callable

import pytest
import responses

from flowroute.v2 import V2, NewMessage, NewRoute, Route, RouteType

from . import documented as doc
from .expect import expect

N = "12065550100"
PHONE_FORMS = [
    "+12065550100",
    "12065550100",
    "(206) 555-0100",
    "2065550100",
    "206.555.0100",
    12065550100,
]

# A number argument, and the request carrying it: method, path, body, status, reply.
NUMBER_CALLS: dict[str, tuple[Callable[[V2, Any], Any], str, str, Any, int, Any]] = {
    "purchase": (
        lambda v2, x: v2.numbers.purchase_a_phone_number(x),
        "POST",
        f"/v2/numbers/{N}",
        None,
        201,
        doc.PURCHASED,
    ),
    "details": (
        lambda v2, x: v2.numbers.list_phone_number_details(x),
        "GET",
        f"/v2/numbers/{N}",
        None,
        200,
        doc.DETAILS,
    ),
    "release": (
        lambda v2, x: v2.numbers.release_a_phone_number(x),
        "DELETE",
        f"/v2/numbers/{N}",
        None,
        204,
        None,
    ),
    "primary": (
        lambda v2, x: v2.routes.update_primary_voice_route(x, 0),
        "PATCH",
        f"/v2/numbers/{N}/relationships/primary_route",
        {"data": {"type": "route", "id": "0"}},
        204,
        None,
    ),
    "message-to": (
        lambda v2, x: v2.messages.send_a_message({"to": x, "from": N, "body": "hi"}),
        "POST",
        "/v2.1/messages",
        {"data": {"type": "message", "attributes": {"to": N, "from": N, "body": "hi"}}},
        202,
        doc.MESSAGE_ACCEPTED,
    ),
    "number-route": (
        lambda v2, x: v2.routes.create_an_inbound_route(
            {"route_type": "number", "value": x, "alias": "cell"}
        ),
        "POST",
        "/v2/routes",
        {
            "data": {
                "type": "route",
                "attributes": {"route_type": "number", "value": N, "alias": "cell"},
            }
        },
        201,
        doc.CREATED_ROUTE,
    ),
}


@pytest.mark.parametrize("form", PHONE_FORMS, ids=repr)
@pytest.mark.parametrize("name", NUMBER_CALLS)
def test_phone_number_forms_are_sent_as_11_digits(
    v2: V2, rsps: responses.RequestsMock, name: str, form: Any
) -> None:
    call, method, path, body, status, reply = NUMBER_CALLS[name]
    expect(rsps, method, path, body=body, status=status, reply=reply)

    call(v2, form)


ROUTE_ATTRIBUTES = {"route_type": "host", "value": "sip.example.com", "alias": "office"}
ROUTE_DOCUMENT = {"data": {"type": "route", "attributes": ROUTE_ATTRIBUTES}}
ROUTE_BODIES = {
    "model": NewRoute(route_type="host", value="sip.example.com", alias="office"),
    "model-enum": NewRoute(route_type=RouteType.HOST, value="sip.example.com", alias="office"),
    "attributes": ROUTE_ATTRIBUTES,
    "document": ROUTE_DOCUMENT,
    "document-without-type": {"data": {"attributes": ROUTE_ATTRIBUTES}},
    "attributes-json": json.dumps(ROUTE_ATTRIBUTES),
    "document-json": json.dumps(ROUTE_DOCUMENT, indent=2),
}


@pytest.mark.parametrize("body", ROUTE_BODIES.values(), ids=ROUTE_BODIES.keys())
def test_route_body_forms_send_the_same_body(
    v2: V2, rsps: responses.RequestsMock, body: Any
) -> None:
    expect(rsps, "POST", "/v2/routes", body=ROUTE_DOCUMENT, status=201, reply=doc.CREATED_ROUTE)

    v2.routes.create_an_inbound_route(body)


def test_uri_route_from_model_with_enum_type(v2: V2, rsps: responses.RequestsMock) -> None:
    attributes = {"route_type": "uri", "value": "sip:a@b.example", "alias": "sip"}
    wire = {"data": {"type": "route", "attributes": attributes}}
    expect(rsps, "POST", "/v2/routes", body=wire, status=201, reply=doc.CREATED_ROUTE)

    v2.routes.create_an_inbound_route(
        NewRoute(route_type=RouteType.URI, value="sip:a@b.example", alias="sip")
    )


MMS_ATTRIBUTES = {
    "to": N,
    "from": "12065550101",
    "body": "look",
    "is_mms": True,
    "media_urls": ["https://media.example/1.gif"],
    "dlr_callback": "https://hooks.example/dlr",
}
MMS_DOCUMENT = {"data": {"type": "message", "attributes": MMS_ATTRIBUTES}}
MESSAGE_BODIES = {
    "model": NewMessage(
        to="+1 (206) 555-0100",
        from_="12065550101",
        body="look",
        is_mms=True,
        media_urls=("https://media.example/1.gif",),
        dlr_callback="https://hooks.example/dlr",
    ),
    "attributes": MMS_ATTRIBUTES,
    "document": MMS_DOCUMENT,
    "attributes-json": json.dumps(MMS_ATTRIBUTES),
    "document-json": json.dumps(MMS_DOCUMENT),
    "is_mms-as-text": {**MMS_ATTRIBUTES, "is_mms": "true", "to": "+12065550100"},
}


@pytest.mark.parametrize("body", MESSAGE_BODIES.values(), ids=MESSAGE_BODIES.keys())
def test_message_body_forms_send_the_same_body(
    v2: V2, rsps: responses.RequestsMock, body: Any
) -> None:
    expect(
        rsps, "POST", "/v2.1/messages", body=MMS_DOCUMENT, status=202, reply=doc.MESSAGE_ACCEPTED
    )

    assert v2.messages.send_a_message(body) == doc.MDR_OUTBOUND


def test_mms_without_text_leaves_body_out_and_sms_leaves_mms_fields_out(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    media_only = {"to": N, "from": N, "is_mms": True, "media_urls": ["http://m.example/a.png"]}
    expect(
        rsps,
        "POST",
        "/v2.1/messages",
        body={"data": {"type": "message", "attributes": media_only}},
        status=202,
        reply=doc.MESSAGE_ACCEPTED,
    )
    sms = {"to": N, "from": N, "body": "plain", "is_mms": False}
    wire_sms = {"to": N, "from": N, "body": "plain"}
    expect(
        rsps,
        "POST",
        "/v2.1/messages",
        body={"data": {"type": "message", "attributes": wire_sms}},
        status=202,
        reply=doc.MESSAGE_ACCEPTED,
    )

    v2.messages.send_a_message(media_only)
    v2.messages.send_a_message(sms)


ROUTE_REFS = {
    "id-text": "83834",
    "id-int": 83834,
    "id-padded": " 83834 ",
    "model": Route(id="83834", route_type=RouteType.NUMBER, value="12065551212"),
    "document": {"data": {"type": "route", "id": "83834"}},
    "document-int-id": {"data": {"type": "route", "id": 83834}},
    "document-without-type": {"data": {"id": "83834"}},
    "document-json": '{ "data": { "type": "route", "id": "83834" } }',
}


@pytest.mark.parametrize("route", ROUTE_REFS.values(), ids=ROUTE_REFS.keys())
@pytest.mark.parametrize("which", ["primary", "failover"])
def test_route_reference_forms_send_the_same_body(
    v2: V2, rsps: responses.RequestsMock, route: Any, which: str
) -> None:
    path = f"/v2/numbers/{N}/relationships/{which}_route"
    expect(rsps, "PATCH", path, body={"data": {"type": "route", "id": "83834"}}, status=204)

    update = getattr(v2.routes, f"update_{which}_voice_route")
    assert update(N, route) is None


@pytest.mark.parametrize(
    "route",
    [
        "0",
        0,
        Route(id="0", route_type=RouteType.SIP_REG, alias="sip-reg"),
        {"data": {"type": "route", "id": "0"}},
    ],
)
def test_route_zero_is_sip_reg(v2: V2, rsps: responses.RequestsMock, route: Any) -> None:
    path = f"/v2/numbers/{N}/relationships/failover_route"
    expect(rsps, "PATCH", path, body={"data": {"type": "route", "id": "0"}}, status=204)

    v2.routes.update_failover_voice_route(N, route)


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        (3.25, "3.25"),
        (Decimal("3.250"), "3.250"),
        ("0.1", "0.1"),
        (0, "0"),
        (2, "2"),
        (
            0.1 + 0.2,
            "0.30000000000000004",
        ),  # a float is sent as Python prints it, never rounded silently
    ],
)
def test_max_setup_cost_forms(v2: V2, rsps: responses.RequestsMock, given: Any, sent: str) -> None:
    expect(
        rsps,
        "GET",
        "/v2/numbers/available/areacodes",
        query={"max_setup_cost": sent},
        reply={"data": []},
    )

    v2.numbers.list_available_area_codes(max_setup_cost=given)


@pytest.mark.parametrize(
    ("start", "sent"),
    [
        (datetime.date(2017, 12, 1), "2017-12-01"),
        (datetime.datetime(2017, 12, 1, 8, 30), "2017-12-01T08:30:00"),
        (
            datetime.datetime(
                2017, 12, 1, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-8))
            ),
            "2017-12-01T16:30:00",
        ),
        ("2017-12-01", "2017-12-01"),
    ],
)
def test_message_date_forms(v2: V2, rsps: responses.RequestsMock, start: Any, sent: str) -> None:
    expect(rsps, "GET", "/v2.1/messages", query={"start_date": sent}, reply={"data": []})

    v2.messages.look_up_a_set_of_messages(start)


@pytest.mark.parametrize(
    ("call", "path", "query"),
    [
        (
            lambda v2: v2.numbers.list_available_area_codes(limit=1),
            "/v2/numbers/available/areacodes",
            {"limit": "1"},
        ),
        (
            lambda v2: v2.numbers.list_available_area_codes(limit="400"),
            "/v2/numbers/available/areacodes",
            {"limit": "400"},
        ),
        (
            lambda v2: v2.numbers.list_available_exchange_codes(limit=200, areacode="206"),
            "/v2/numbers/available/exchanges",
            {"limit": "200", "areacode": "206"},
        ),
        (
            lambda v2: v2.messages.look_up_a_set_of_messages("2024-01-01", limit=5000),
            "/v2.1/messages",
            {"start_date": "2024-01-01", "limit": "5000"},
        ),
    ],
)
def test_limit_bounds_are_inclusive(
    v2: V2,
    rsps: responses.RequestsMock,
    call: Callable[[V2], Any],
    path: str,
    query: dict[str, str],
) -> None:
    expect(rsps, "GET", path, query=query, reply={"data": []})

    call(v2)
