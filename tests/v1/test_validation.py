"""Bad arguments raise ValidationError naming the argument, and send nothing."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import flowroute
from flowroute.v1 import V1, BillingMethod, Route

Call = Callable[[V1], Any]

INVALID = [
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.list_available_np_as(0),
        "limit",
        id="limit-zero",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.list_available_np_as(201),
        "limit",
        id="limit-201",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.list(limit=True),
        "limit",
        id="limit-bool",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.list(limit="ten"),
        "limit",
        id="limit-text",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.list(page=0),
        "page",
        id="page-zero",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.list_account_telephone_numbers(page=-1),
        "page",
        id="page-negative",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.list_area_and_exchange(npa=20),
        "npa",
        id="npa-short",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(npa="106"),
        "npa",
        id="npa-leading-1",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(npa="012"),
        "npa",
        id="npa-leading-0",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(npa="2o6"),
        "npa",
        id="npa-letters",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(npa=206, nxx=7430),
        "nxx",
        id="nxx-long",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(nxx=743),
        "npa",
        id="nxx-without-npa",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(state="WAS"),
        "state",
        id="state-long",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(state="W1"),
        "state",
        id="state-digits",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(ratecenter="SEATTLE"),
        "state",
        id="ratecenter-without-state",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(ratecenter=" "),
        "ratecenter",
        id="ratecenter-blank",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(tn="206x"),
        "tn",
        id="tn-letters",
    ),
    pytest.param(
        lambda v1: v1.purchasable_phone_numbers.search(tn="1" * 12),
        "tn",
        id="tn-too-long",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.list_account_telephone_numbers(pattern="+1206"),
        "pattern",
        id="pattern-plus",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.purchase("FLAT", "12065550100"),
        "billing",
        id="billing-unknown",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.purchase(
            BillingMethod(billing_method="metered"), "12065550100"
        ),
        "billing",
        id="billing-model-unknown",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.purchase("VPRI", "2065550"),
        "number",
        id="number-short",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.purchase("VPRI", "+442079460000"),
        "number",
        id="number-not-nanp",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.update(None, ["sip-reg", "sip-reg"]),
        "number",
        id="number-none",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.telephone_number_details("call me"),
        "telephone_number",
        id="details-number",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.update("12065550100", []),
        "routes",
        id="routes-empty",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.update("12065550100", ["a", "b", "c"]),
        "routes",
        id="routes-three",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.update("12065550100", "sip-reg"),
        "routes",
        id="routes-string",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.update("12065550100", [{}]),
        "routes",
        id="routes-nameless",
    ),
    pytest.param(
        lambda v1: v1.telephone_numbers.update("12065550100", [Route(name="")]),
        "routes",
        id="routes-blank-name",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("r1", "host", "a.b"),
        "mtype",
        id="mtype-lowercase",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("r1", "SIP-REG", "x"),
        "mtype",
        id="mtype-sip-reg",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("my.route", "HOST", "a.b"),
        "route_name",
        id="route-name-dot",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("a/b", "HOST", "a.b"),
        "route_name",
        id="route-name-slash",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("", "HOST", "a.b"),
        "route_name",
        id="route-name-empty",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("r1", "PSTN", "sip:a@b"),
        "value",
        id="pstn-not-number",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("r1", "HOST", ""),
        "value",
        id="host-blank",
    ),
    pytest.param(
        lambda v1: v1.inbound_routes.create_new_route("r1", "URI", "sip:a b@c"),
        "value",
        id="uri-with-space",
    ),
]


@pytest.mark.parametrize(("call", "argument"), INVALID)
def test_invalid_argument_sends_nothing(
    client: flowroute.Client, rsps: responses.RequestsMock, call: Call, argument: str
) -> None:
    with pytest.raises(flowroute.ValidationError) as caught:
        call(client.v1)

    assert caught.value.argument == argument
    assert isinstance(caught.value, ValueError)
    assert len(rsps.calls) == 0


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(limit=st.one_of(st.integers(max_value=0), st.integers(min_value=201)))
def test_any_limit_out_of_range_sends_nothing(
    client: flowroute.Client, rsps: responses.RequestsMock, limit: int
) -> None:
    with pytest.raises(flowroute.ValidationError, match="limit"):
        client.v1.inbound_routes.list(limit=limit)

    assert len(rsps.calls) == 0


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(number=st.text(max_size=14))
def test_any_bad_number_sends_nothing(
    client: flowroute.Client, rsps: responses.RequestsMock, number: str
) -> None:
    digits = "".join(ch for ch in number if ch.isascii() and ch.isdigit())
    # Only text that is plainly not a NANP number: no 10- or 11-digit run.
    assume(len(digits) not in (10, 11))
    with pytest.raises(flowroute.ValidationError):
        client.v1.telephone_numbers.telephone_number_details(number)

    assert len(rsps.calls) == 0
