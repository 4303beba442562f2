"""The v1 namespace: its controllers, public names and lazy credentials."""

from __future__ import annotations

import inspect

import pytest
import responses

import flowroute
import flowroute.v1
import flowroute.v1.models
from flowroute.v1 import (
    InboundRoutesController,
    PurchasablePhoneNumbersController,
    TelephoneNumbersController,
)


def test_controllers_are_cached_and_typed(client: flowroute.Client) -> None:
    v1 = client.v1

    assert client.v1 is v1
    assert isinstance(v1.purchasable_phone_numbers, PurchasablePhoneNumbersController)
    assert isinstance(v1.telephone_numbers, TelephoneNumbersController)
    assert isinstance(v1.inbound_routes, InboundRoutesController)
    assert v1.telephone_numbers is v1.telephone_numbers


@pytest.mark.parametrize("module", [flowroute.v1, flowroute.v1.models])
def test_all_is_sorted_and_documented(module: object) -> None:
    names = module.__all__  # type: ignore[attr-defined]
    # isort style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions.
    assert names == sorted(names, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    for name in names:
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__, f"{name} has no docstring"


@pytest.mark.parametrize(
    ("controller", "method", "parameters"),
    [
        (PurchasablePhoneNumbersController, "list_available_np_as", ["limit", "page"]),
        (PurchasablePhoneNumbersController, "list_area_and_exchange", ["limit", "npa", "page"]),
        (
            PurchasablePhoneNumbersController,
            "search",
            ["limit", "npa", "nxx", "page", "ratecenter", "state", "tn"],
        ),
        (TelephoneNumbersController, "purchase", ["billing", "number"]),
        (
            TelephoneNumbersController,
            "list_account_telephone_numbers",
            ["limit", "page", "pattern"],
        ),
        (TelephoneNumbersController, "telephone_number_details", ["telephone_number"]),
        (TelephoneNumbersController, "update", ["number", "routes"]),
        (InboundRoutesController, "list", ["limit", "page"]),
        (InboundRoutesController, "create_new_route", ["route_name", "mtype", "value"]),
    ],
)
def test_documented_signatures_are_kept(
    controller: type, method: str, parameters: list[str]
) -> None:
    signature = inspect.signature(getattr(controller, method))
    names = [name for name in signature.parameters if name != "self"]

    assert names == parameters
    assert inspect.getdoc(getattr(controller, method))


def test_missing_credentials_fail_at_the_first_call_not_before() -> None:
    client = flowroute.Client(retry_policy=flowroute.RetryPolicy(max_retries=0))
    routes = client.v1.inbound_routes

    with responses.RequestsMock() as rsps, pytest.raises(flowroute.ConfigurationError):
        routes.list()
    assert len(rsps.calls) == 0
