"""Bad arguments raise ValidationError naming the argument, and send nothing at all."""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest
import responses
from hypothesis import given
from hypothesis import strategies as st

import flowroute
from flowroute.v2 import V2, NewMessage, NewRoute, Route

N = "12065550100"
OK_TEXT = {"to": N, "from": "12065550101", "body": "hi"}
BAD_NUMBERS = [
    "+442071234567",  # not North American
    "1206555010",  # ten digits with the 1: one digit short
    "120655501000",  # twelve digits
    "02065550100",  # no country code 1
    "11065550100",  # area codes never start with 1
    "10065550100",  # ... or 0
    "+1206555010x",
    "",
    "   ",
    None,
    True,
    12.5,
    ["12065550100"],
]


def _cases() -> list[Any]:
    numbers = [
        ("purchase", lambda v2, x: v2.numbers.purchase_a_phone_number(x), "id"),
        ("details", lambda v2, x: v2.numbers.list_phone_number_details(x), "id"),
        ("release", lambda v2, x: v2.numbers.release_a_phone_number(x), "id"),
        ("primary", lambda v2, x: v2.routes.update_primary_voice_route(x, "0"), "number_id"),
        ("failover", lambda v2, x: v2.routes.update_failover_voice_route(x, "0"), "number_id"),
        ("to", lambda v2, x: v2.messages.send_a_message({**OK_TEXT, "to": x}), "to"),
        ("from", lambda v2, x: v2.messages.send_a_message({**OK_TEXT, "from": x}), "from"),
        (
            "number-route",
            lambda v2, x: v2.routes.create_an_inbound_route(
                {"route_type": "number", "value": x, "alias": "a"}
            ),
            "value",
        ),
    ]
    cases = [
        pytest.param(lambda v2, c=call, x=bad: c(v2, x), argument, id=f"{name}-{bad!r}")
        for name, call, argument in numbers
        for bad in BAD_NUMBERS
    ]
    limits = [
        ("area-codes", lambda v2, x: v2.numbers.list_available_area_codes(limit=x), 400),
        ("exchanges", lambda v2, x: v2.numbers.list_available_exchange_codes(limit=x), 200),
        ("search", lambda v2, x: v2.numbers.search_for_purchasable_phone_numbers(limit=x), 200),
        ("account", lambda v2, x: v2.numbers.list_account_phone_numbers(limit=x), 200),
        ("routes", lambda v2, x: v2.routes.list_inbound_routes(limit=x), 200),
        (
            "messages",
            lambda v2, x: v2.messages.look_up_a_set_of_messages("2024-01-01", limit=x),
            None,
        ),
    ]
    for name, call, maximum in limits:
        bad_limits: list[Any] = [0, -1, True, False, "x", "", 2.0]
        if maximum is not None:
            bad_limits.append(maximum + 1)
        cases += [
            pytest.param(lambda v2, c=call, x=bad: c(v2, x), "limit", id=f"{name}-limit-{bad!r}")
            for bad in bad_limits
        ]
    return cases


INVALID_ARGUMENTS = [
    # offsets, filters and costs
    (lambda v2: v2.routes.list_inbound_routes(offset=-1), "offset"),
    (lambda v2: v2.numbers.list_account_phone_numbers(offset="x"), "offset"),
    (lambda v2: v2.numbers.list_available_area_codes(max_setup_cost=-0.01), "max_setup_cost"),
    (lambda v2: v2.numbers.list_available_area_codes(max_setup_cost="nan"), "max_setup_cost"),
    (lambda v2: v2.numbers.list_available_exchange_codes(max_setup_cost=True), "max_setup_cost"),
    (lambda v2: v2.numbers.list_available_exchange_codes(areacode=20), "areacode"),
    (lambda v2: v2.numbers.list_available_exchange_codes(areacode="2O6"), "areacode"),
    (lambda v2: v2.numbers.search_for_purchasable_phone_numbers(starts_with="12a"), "starts_with"),
    (lambda v2: v2.numbers.search_for_purchasable_phone_numbers(contains=-5), "contains"),
    (lambda v2: v2.numbers.search_for_purchasable_phone_numbers(ends_with="1" * 12), "ends_with"),
    (lambda v2: v2.numbers.search_for_purchasable_phone_numbers(state="Washington"), "state"),
    (lambda v2: v2.numbers.search_for_purchasable_phone_numbers(rate_center=""), "rate_center"),
    (lambda v2: v2.numbers.list_account_phone_numbers(starts_with=1.5), "starts_with"),
    # dates
    (lambda v2: v2.messages.look_up_a_set_of_messages("2017-13-01"), "start_date"),
    (lambda v2: v2.messages.look_up_a_set_of_messages(None), "start_date"),
    (lambda v2: v2.messages.look_up_a_set_of_messages(20171201), "start_date"),
    (lambda v2: v2.messages.look_up_a_set_of_messages("2017-12-01", "yesterday"), "end_date"),
    # message record ids
    (lambda v2: v2.messages.look_up_a_message_detail_record("mdr1-abc"), "id"),
    (lambda v2: v2.messages.look_up_a_message_detail_record("mdr2-"), "id"),
    (lambda v2: v2.messages.look_up_a_message_detail_record("ca82be46e6ba"), "id"),
    (lambda v2: v2.messages.look_up_a_message_detail_record("mdr2-ab/../x"), "id"),
    (lambda v2: v2.messages.look_up_a_message_detail_record(123), "id"),
    (lambda v2: v2.messages.look_up_a_message_detail_record(None), "id"),
    # route bodies: missing fields, unknown keys, bad JSON, wrong shapes
    (lambda v2: v2.routes.create_an_inbound_route({"route_type": "host"}), "value"),
    (lambda v2: v2.routes.create_an_inbound_route({"value": "sip.example.com"}), "route_type"),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"data": {"type": "route", "attributes": {"value": "sip.example.com"}}}
        ),
        "route_type",
    ),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"route_type": "host", "value": "h", "alais": "typo"}
        ),
        "body",
    ),
    (lambda v2: v2.routes.create_an_inbound_route('{"data": {"type": "route"'), "body"),
    (lambda v2: v2.routes.create_an_inbound_route("not json"), "body"),
    (lambda v2: v2.routes.create_an_inbound_route(None), "body"),
    (lambda v2: v2.routes.create_an_inbound_route(["host", "h"]), "body"),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"data": {"type": "message", "attributes": {"route_type": "host", "value": "h"}}}
        ),
        "body",
    ),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"data": {"type": "route", "attributes": {"route_type": "host", "value": "h"}}, "x": 1}
        ),
        "body",
    ),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"route_type": "sip-reg", "value": "h", "alias": "a"}
        ),
        "route_type",
    ),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"route_type": "HOST", "value": "h", "alias": "a"}
        ),
        "route_type",
    ),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            NewRoute(route_type="pstn", value="h", alias="a")
        ),
        "route_type",
    ),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"route_type": "uri", "value": " ", "alias": "a"}
        ),
        "value",
    ),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"route_type": "host", "value": "h", "alias": ""}
        ),
        "alias",
    ),
    (lambda v2: v2.routes.create_an_inbound_route({"route_type": "host", "value": "h"}), "alias"),
    (
        lambda v2: v2.routes.create_an_inbound_route(
            {"route_type": "host", "value": "h", "alias": None}
        ),
        "alias",
    ),
    (lambda v2: v2.routes.create_an_inbound_route(NewRoute(route_type="host", value="h")), "alias"),
    # message bodies
    (lambda v2: v2.messages.send_a_message({"from": N, "body": "hi"}), "to"),
    (lambda v2: v2.messages.send_a_message({"to": N, "body": "hi"}), "from"),
    (lambda v2: v2.messages.send_a_message({"to": N, "from": "12065550101"}), "body"),
    (lambda v2: v2.messages.send_a_message({**OK_TEXT, "body": ""}), "body"),
    (lambda v2: v2.messages.send_a_message({**OK_TEXT, "mediaurls": []}), "body"),
    (lambda v2: v2.messages.send_a_message('{"to": '), "body"),
    (lambda v2: v2.messages.send_a_message(b"{}"), "body"),
    (
        lambda v2: v2.messages.send_a_message({"data": {"type": "route", "attributes": OK_TEXT}}),
        "body",
    ),
    (lambda v2: v2.messages.send_a_message({**OK_TEXT, "is_mms": "yes"}), "is_mms"),
    (
        lambda v2: v2.messages.send_a_message(
            {**OK_TEXT, "is_mms": False, "media_urls": ["http://m/1.gif"]}
        ),
        "is_mms",
    ),
    (
        lambda v2: v2.messages.send_a_message(
            {**OK_TEXT, "is_mms": True, "media_urls": "http://m/1.gif"}
        ),
        "media_urls",
    ),
    (
        lambda v2: v2.messages.send_a_message(
            {**OK_TEXT, "is_mms": True, "media_urls": ["ftp://m/1"]}
        ),
        "media_urls",
    ),
    (
        lambda v2: v2.messages.send_a_message({**OK_TEXT, "dlr_callback": "not a url"}),
        "dlr_callback",
    ),
    (
        lambda v2: v2.messages.send_a_message(
            {**OK_TEXT, "dlr_callback": "https://user:pw@hooks.example/dlr"}
        ),
        "dlr_callback",
    ),
    (lambda v2: v2.messages.send_a_message({**OK_TEXT, "dlr_callback": "/dlr"}), "dlr_callback"),
    (
        lambda v2: v2.messages.send_a_message(
            {**OK_TEXT, "media_urls": ["https://media.example:99999/a.gif"]}
        ),
        "media_urls",
    ),
    (lambda v2: v2.messages.set_callback("sms", "https://hooks.example/ sms"), "url"),
    (lambda v2: v2.messages.set_callback("dlr", "https://u:p@hooks.example/", 12065550100), "url"),
    (lambda v2: v2.messages.send_a_message(NewMessage(to=N, from_="12065550101")), "body"),
    # route references
    *[
        (lambda v2, r=ref: v2.routes.update_primary_voice_route(N, r), "route")
        for ref in [
            "abc",
            "",
            "-1",
            -1,
            True,
            1.0,
            None,
            "1" * 21,
            "\uff11\uff12",  # full-width digits: digits to str.isdigit, not to the API
            Route(id="x", route_type="host"),
            {"data": {"type": "number", "id": "1"}},
            {"data": {"type": "route"}},
            {"data": {"type": "route", "id": None}},
            {"data": {"type": "route", "id": "abc"}},
            {"data": {"type": "route", "id": "1"}, "meta": {}},
            {"id": "1"},
            '{"data": {"type": "route", "id": "1"}',
            '{"data": {"type": "route", "id": "x"}}',
        ]
    ],
    (lambda v2: v2.routes.update_failover_voice_route(N, "sip-reg"), "route"),
]


@pytest.mark.parametrize(("call", "argument"), _cases())
def test_bad_number_or_limit_sends_nothing(
    v2: V2, quiet: responses.RequestsMock, call: Callable[[V2], Any], argument: str
) -> None:
    with pytest.raises(flowroute.ValidationError) as caught:
        call(v2)

    assert caught.value.argument == argument
    assert str(caught.value).startswith(f"invalid {argument}=")
    assert len(quiet.calls) == 0


@pytest.mark.parametrize(("call", "argument"), INVALID_ARGUMENTS)
def test_bad_argument_sends_nothing(
    v2: V2, quiet: responses.RequestsMock, call: Callable[[V2], Any], argument: str
) -> None:
    with pytest.raises(flowroute.ValidationError) as caught:
        call(v2)

    assert caught.value.argument == argument
    assert str(caught.value).startswith(f"invalid {argument}=")
    assert isinstance(caught.value, ValueError)
    assert len(quiet.calls) == 0


@given(st.one_of(st.text(max_size=20), st.integers(), st.none(), st.floats()))
def test_any_number_argument_is_normalised_or_refused_before_sending(value: Any) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(
            responses.GET,
            re.compile(r"https://api\.flowroute\.com/v2/numbers/1[2-9]\d{9}"),
            json={"data": {"type": "number", "id": "1", "attributes": {"value": "1"}}},
        )
        client = flowroute.Client(
            "key", "secret", retry_policy=flowroute.RetryPolicy(max_retries=0)
        )
        try:
            client.v2.numbers.list_phone_number_details(value)
        except flowroute.ValidationError as error:
            assert error.argument == "id"
            assert len(mock.calls) == 0
        else:
            (call,) = mock.calls
            digits = re.sub(r"\D", "", str(value))
            assert call.request.path_url == "/v2/numbers/" + (
                digits if len(digits) == 11 else "1" + digits
            )


def test_a_url_with_credentials_is_refused_without_repeating_them() -> None:
    client = flowroute.Client("key", "secret", base_url="http://127.0.0.1:9")
    with pytest.raises(flowroute.ValidationError) as caught:
        client.v2.messages.set_callback("sms", "https://app:hunter2@hooks.example/sms")
    assert caught.value.argument == "url"
    assert "hunter2" not in str(caught.value) and "hunter2" not in repr(caught.value.value)
    assert "https://***@hooks.example/sms" in str(caught.value)
