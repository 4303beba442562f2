"""The documented example responses, read into typed models (Decimal money, `.raw` kept)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import responses

from flowroute.v2 import (
    V2,
    AreaCode,
    AvailableNumber,
    DeliveryReceipt,
    Exchange,
    Message,
    Number,
    Route,
    RouteType,
)

from . import documented as doc
from .expect import expect

UTC = datetime.timezone.utc
SIP_REG = Route(id="0", route_type=RouteType.SIP_REG, value=None, alias="sip-reg")


def test_area_codes(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(
        rsps, "GET", "/v2/numbers/available/areacodes", query={"limit": "3"}, reply=doc.AREA_CODES
    )

    page = v2.numbers.list_available_area_codes(limit=3)

    assert page.items == [AreaCode(id="201"), AreaCode(id="202"), AreaCode(id="203")]
    assert [a.raw for a in page.items] == doc.AREA_CODES["data"]
    assert page.raw == doc.AREA_CODES
    assert page.has_next


def test_exchanges(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/numbers/available/exchanges", reply=doc.EXCHANGES)

    page = v2.numbers.list_available_exchange_codes()

    assert [e.id for e in page.items] == ["347215", "347325", "347331"]
    assert all(type(e) is Exchange for e in page.items)
    assert page.items[2].raw == doc.EXCHANGES["data"][2]


def test_purchasable_numbers_have_exact_decimal_costs(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/numbers/available", reply=doc.AVAILABLE)

    page = v2.numbers.search_for_purchasable_phone_numbers()

    first, _, last = page.items
    assert first == AvailableNumber(
        id="16463439507",
        value="16463439507",
        setup_cost=Decimal("1"),
        monthly_cost=Decimal("1.25"),
        rate_center="nwyrcyzn01",
        state="ny",
        number_type="standard",
    )
    # 3.99 as a float is 3.9900000000000002131...; the model keeps the JSON text's value.
    assert type(last.setup_cost) is Decimal and str(last.setup_cost) == "3.99"
    assert type(last.monthly_cost) is Decimal and str(last.monthly_cost) == "1.25"
    assert last.raw == doc.AVAILABLE["data"][2]


def test_purchased_number_with_included_primary_route(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "POST", "/v2/numbers/16502390214", status=201, reply=doc.PURCHASED)

    number = v2.numbers.purchase_a_phone_number("16502390214")

    assert number == Number(
        id="16502390214",
        value="16502390214",
        alias=None,
        rate_center="millbrae",
        state="ca",
        number_type="standard",
        cnam_lookups_enabled=True,
        primary_route_id="0",
        failover_route_id=None,
        primary_route=SIP_REG,
        failover_route=None,
        e911_address_id=None,
        cnam_preset_id=None,
    )
    assert number.raw == doc.PURCHASED["data"]
    assert number.primary_route is not None
    assert number.primary_route.raw == doc.SIP_REG


def test_number_details(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/numbers/16502390214", reply=doc.DETAILS)

    number = v2.numbers.list_phone_number_details("+1 650 239 0214")

    assert (number.id, number.primary_route_id, number.primary_route) == (
        "16502390214",
        "0",
        SIP_REG,
    )
    assert number.failover_route_id is None


def test_account_numbers_single_page(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/numbers", reply=doc.ACCOUNT_NUMBERS)

    page = v2.numbers.list_account_phone_numbers()

    assert [(n.id, n.rate_center, n.state) for n in page.items] == [
        ("12012673227", "oradell", "nj"),
        ("12014845220", "jerseycity", "nj"),
    ]
    assert all(n.primary_route_id is None and n.cnam_lookups_enabled for n in page.items)
    assert not page.has_next
    assert page.next_page() is None
    assert [n.id for n in page] == ["12012673227", "12014845220"]
    assert len(rsps.calls) == 1


def test_created_route(v2: V2, rsps: responses.RequestsMock) -> None:
    body = {"route_type": "host", "value": "il775u.sonsofodin.com", "alias": "new route"}
    expect(
        rsps,
        "POST",
        "/v2/routes",
        body={"data": {"type": "route", "attributes": body}},
        status=201,
        reply=doc.CREATED_ROUTE,
    )

    route = v2.routes.create_an_inbound_route(body)

    assert route == Route(
        id="98396", route_type=RouteType.HOST, value="il775u.sonsofodin.com", alias="new route"
    )
    assert route.raw == doc.CREATED_ROUTE["data"]


def test_route_listing_and_unknown_route_type_kept_as_string(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    later = {**doc.PSTN_ROUTE, "id": "5", "attributes": {"route_type": "webrtc", "value": "x"}}
    expect(rsps, "GET", "/v2/routes", reply={"data": [*doc.ROUTES["data"], later]})

    page = v2.routes.list_inbound_routes()

    assert page.items == [
        SIP_REG,
        Route(id="83834", route_type=RouteType.NUMBER, value="12065551212", alias="PSTNroute1"),
        Route(id="5", route_type="webrtc", value="x"),
    ]
    assert page.items[2].raw == later


def test_message_listing(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2.1/messages", query={"start_date": "2017-12-01"}, reply=doc.MESSAGES)

    inbound, outbound = v2.messages.look_up_a_set_of_messages("2017-12-01").items

    assert inbound == Message(
        id=doc.MDR_INBOUND,
        to="12012673227",
        from_="12061231234",
        body="Hello are you there? ",
        status="delivered",
        direction="inbound",
        is_mms=False,
        message_type="longcode",
        message_encoding=0,
        timestamp=datetime.datetime(2017, 12, 22, 1, 52, 39, 390000, tzinfo=UTC),
        amount_nanodollars=4000000,
        amount_display="$0.0040",
    )
    at = datetime.datetime(2017, 12, 21, 16, 44, 35, tzinfo=UTC)
    assert outbound.delivery_receipts == (
        DeliveryReceipt(
            status="message buffered",
            status_code=1003,
            status_code_description="Message accepted by Carrier",
            timestamp=at,
            level=2,
        ),
        DeliveryReceipt(
            status="smsc submit",
            status_code=None,
            status_code_description="Message has been sent",
            timestamp=at,
            level=1,
        ),
    )
    assert outbound.delivery_receipts[0].raw == doc.RECEIPTS[0]
    assert outbound.raw == doc.MESSAGES["data"][1]


def test_message_detail_amount_is_exact_decimal_dollars(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", f"/v2.1/messages/{doc.MDR_INBOUND}", reply=doc.MESSAGE_DETAIL)

    message = v2.messages.look_up_a_message_detail_record(doc.MDR_INBOUND)

    assert (message.from_, message.to) == ("12061232634", "12012673227")
    assert type(message.amount) is Decimal
    assert message.amount == Decimal("0.004")
    assert message.amount_display == "$0.0040"
    assert message.raw == doc.MESSAGE_DETAIL["data"]


def test_message_amount_has_no_float_error() -> None:
    def amount(nanodollars: object) -> object:
        return Message(id="mdr2-1", to="1", from_="2", amount_nanodollars=nanodollars).amount  # type: ignore[arg-type]

    assert amount(1) == Decimal("0.000000001")
    assert amount(7_500_000) == Decimal("0.0075")
    assert amount(123_456_789_012) == Decimal("123.456789012")
    assert amount(None) is None


def test_send_returns_the_record_id(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(
        rsps,
        "POST",
        "/v2.1/messages",
        body={
            "data": {
                "type": "message",
                "attributes": {"to": "12065550123", "from": "12012673227", "body": "hi"},
            }
        },
        status=202,
        reply=doc.MESSAGE_ACCEPTED,
    )

    sent = v2.messages.send_a_message({"to": "12065550123", "from": "12012673227", "body": "hi"})

    assert sent == doc.MDR_OUTBOUND
