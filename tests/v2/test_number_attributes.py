"""Number alias and CNAM lookups, edge strategies, and the keyword form of send_a_message."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from flowroute.errors import ValidationError
from flowroute.v2 import V2, EdgeStrategy, NewRoute

from . import documented as doc
from .expect import expect

NUMBER = "16502390214"


def test_an_update_answered_without_a_body_reads_the_number_back(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    expect(
        rsps,
        "PATCH",
        f"/v2/numbers/{NUMBER}",
        body={"type": "number", "cnam_lookups_enabled": True},
        status=204,
    )
    expect(rsps, "GET", f"/v2/numbers/{NUMBER}", reply=doc.DETAILS)

    number = v2.numbers.update_number(f"+{NUMBER}", cnam_lookups_enabled=True)

    assert number.id == NUMBER


def test_edge_strategies_are_typed(v2: V2, rsps: responses.RequestsMock) -> None:
    item = {
        "id": 2,
        "type": "edge_strategy",
        "attributes": {
            "name": "US-East-NJ",
            "description": "New Jersey first",
            "naptr": "us-east-nj.example",
            "firewall_rules": "192.0.2.16/28",
        },
    }
    expect(rsps, "GET", "/v2/routes/edge_strategies", reply={"data": [item]})

    (strategy,) = v2.routes.list_edge_strategies()

    assert strategy == EdgeStrategy(
        id="2",
        name="US-East-NJ",
        description="New Jersey first",
        naptr="us-east-nj.example",
        firewall_rules="192.0.2.16/28",
    )


def test_a_route_model_with_an_edge_strategy_sends_it(v2: V2, rsps: responses.RequestsMock) -> None:
    body = {
        "data": {
            "type": "route",
            "attributes": {
                "route_type": "uri",
                "value": "sip:a@b.example",
                "alias": "u",
                "edge_strategy": "3",
            },
        }
    }
    expect(rsps, "POST", "/v2/routes", body=body, status=201, reply=doc.CREATED_ROUTE)

    v2.routes.create_an_inbound_route(
        NewRoute(route_type="uri", value="sip:a@b.example", alias="u", edge_strategy=3)
    )


def test_an_mms_in_keywords(v2: V2, rsps: responses.RequestsMock) -> None:
    attributes = {
        "to": "12065550123",
        "from": NUMBER,
        "is_mms": True,
        "media_urls": ["https://example.com/a.gif"],
        "dlr_callback": "https://example.com/dlr",
    }
    expect(
        rsps,
        "POST",
        "/v2.1/messages",
        body={"data": {"type": "message", "attributes": attributes}},
        status=202,
        reply=doc.MESSAGE_ACCEPTED,
    )

    v2.messages.send_a_message(
        to="(206) 555-0123",
        from_=int(NUMBER),
        is_mms=True,
        media_urls=["https://example.com/a.gif"],
        dlr_callback="https://example.com/dlr",
    )


REFUSED: dict[str, tuple[Callable[[V2], Any], str]] = {
    "nothing-to-change": (lambda v2: v2.numbers.update_number(NUMBER), "alias"),
    "alias-too-long": (lambda v2: v2.numbers.set_did_alias(NUMBER, "x" * 65), "alias"),
    "alias-blank": (lambda v2: v2.numbers.set_did_alias(NUMBER, ""), "alias"),
    "lookups": (
        lambda v2: v2.numbers.update_number(NUMBER, cnam_lookups_enabled="on"),  # type: ignore[arg-type]
        "cnam_lookups_enabled",
    ),
    "number": (lambda v2: v2.numbers.set_did_alias("555", "x"), "id"),
    "edge-strategy": (
        lambda v2: v2.routes.create_an_inbound_route(
            {"route_type": "host", "value": "a.example", "alias": "a", "edge_strategy": "west"}
        ),
        "edge_strategy",
    ),
    "keywords-without-from": (lambda v2: v2.messages.send_a_message(to=NUMBER, body="hi"), "from_"),
    "keywords-with-a-dict": (
        lambda v2: v2.messages.send_a_message({"to": NUMBER}, to=NUMBER, from_=NUMBER),
        "body",
    ),
    "mms-without-numbers": (lambda v2: v2.messages.send_a_message(is_mms=True), "to"),
    "keywords-no-text": (lambda v2: v2.messages.send_a_message(to=NUMBER, from_=NUMBER), "body"),
    "callback-kind": (
        lambda v2: v2.messages.set_callback("voice", "https://a.example"),  # type: ignore[arg-type]
        "kind",
    ),
    "callback-url": (lambda v2: v2.messages.set_account_level_sms_callback("a.example"), "url"),
    "callback-number": (
        lambda v2: v2.messages.set_did_level_dlr_callback("0", "https://a.example"),
        "number_id",
    ),
}


@pytest.mark.parametrize("call, argument", REFUSED.values(), ids=REFUSED.keys())
def test_bad_input_is_refused_before_sending(
    v2: V2, quiet: responses.RequestsMock, call: Callable[[V2], Any], argument: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        call(v2)

    assert raised.value.argument == argument
    assert len(quiet.calls) == 0
