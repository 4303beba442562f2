"""Failures reach legacy code as APIException(reason, response_code, response_body) with "error"."""

from __future__ import annotations

import pytest

from flowroute.compat import (
    APIException,
    Configuration,
    PurchasablePhoneNumbersController,
    TelephoneNumbersController,
)
from flowroute.emulator import Emulator, Fault
from flowroute.errors import ConfigurationError

from .conftest import quietly


def test_an_unknown_number_is_not_ok(backend: str) -> None:
    with pytest.raises(APIException) as raised:
        quietly(TelephoneNumbersController.telephone_number_details, "12065550000")
    error = raised.value
    assert (error.reason, error.response_code) == ("HTTP Response Not OK", 404)
    assert error.response_body["error"] == "number 12065550000 is not on this account"
    assert str(error) == "HTTP Response Not OK"  # the reason alone, as the legacy exception
    if backend == "v2":
        assert error.response_body["errors"][0]["status"] == 404


def test_arguments_are_refused_alike_before_sending(backend: str, emulator: Emulator) -> None:
    with pytest.raises(APIException) as raised:
        quietly(PurchasablePhoneNumbersController.search, 201)
    assert (raised.value.reason, raised.value.response_code) == ("USER ERROR", 400)
    assert raised.value.response_body == {
        "error": "invalid limit=201: expected an integer from 1 to 200"
    }
    assert emulator.requests == []


def test_a_server_error_keeps_the_legacy_reason(backend: str, emulator: Emulator) -> None:
    emulator.inject(Fault.status(500), method="GET")
    with pytest.raises(APIException) as raised:
        quietly(PurchasablePhoneNumbersController.list_available_np_as, 1)
    assert (raised.value.reason, raised.value.response_code) == ("APPLICATION/SERVER ERROR", 500)
    assert isinstance(raised.value.response_body["error"], str)


def test_wrong_credentials_are_refused(backend: str) -> None:
    Configuration.password = "s3cr3t-not-this-one"
    with pytest.raises(APIException) as raised:
        quietly(PurchasablePhoneNumbersController.list_available_np_as, 1)
    assert raised.value.response_code == 401
    assert "s3cr3t" not in repr(raised.value.response_body) + str(raised.value)


@pytest.mark.parametrize("backend_name", ["v1", "v2", "shadow"])
def test_missing_credentials_are_a_401(emulator: Emulator, backend_name: str) -> None:
    # The legacy library sent the call without credentials; the service answered 401.
    Configuration.backend = backend_name
    with emulator.mock(), pytest.raises(APIException) as raised:
        quietly(PurchasablePhoneNumbersController.list_available_np_as, 1)
    assert (raised.value.reason, raised.value.response_code) == ("HTTP Response Not OK", 401)
    assert "FR_ACCESS_KEY" in raised.value.response_body["error"]
    assert isinstance(raised.value.__cause__, ConfigurationError)
