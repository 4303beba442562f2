"""Every failure of a legacy call reaches legacy code as its APIException, alike on each backend."""

from __future__ import annotations

from typing import Any

import pytest

from flowroute import RetryPolicy
from flowroute.compat import (
    APIException,
    Configuration,
    PurchasablePhoneNumbersController,
    Route,
    TelephoneNumbersController,
)
from flowroute.compat.messaging import MessagingConfiguration
from flowroute.emulator import Emulator, Fault
from flowroute.errors import TransportError
from FlowrouteMessagingLib.APIException import APIException as MessagingAPIException
from FlowrouteMessagingLib.Controllers.APIController import APIController

from .conftest import quietly


@pytest.mark.parametrize("fault", [Fault.drop(), Fault.timeout(), Fault.malformed_json()])
def test_a_transport_failure_is_an_api_exception_with_code_0(
    backend: str, emulator: Emulator, fault: Fault
) -> None:
    Configuration.retry_policy = RetryPolicy(max_retries=0)
    emulator.inject(fault)
    with pytest.raises(APIException) as raised:
        quietly(PurchasablePhoneNumbersController.list_available_np_as, 2)
    error = raised.value
    assert (error.reason, error.response_code) == ("HTTP Response Not OK", 0)
    assert isinstance(error.__cause__, TransportError)
    assert error.response_body == {"error": str(error.__cause__)}
    assert str(error) == "HTTP Response Not OK"


def _messaging(emulator: Emulator, username: Any, password: Any) -> APIController:
    MessagingConfiguration.retry_policy = RetryPolicy(max_retries=0)
    return APIController(username=username, password=password)


def test_a_messaging_transport_failure_is_its_api_exception_with_code_0(
    emulator: Emulator,
) -> None:
    emulator.inject(Fault.drop())
    controller = _messaging(emulator, emulator.access_key, emulator.secret_key)
    with emulator.mock(), pytest.raises(MessagingAPIException) as raised:
        quietly(controller.get_message_lookup, "mdr2-0")
    assert (raised.value.reason, raised.value.response_code) == ("HTTP Response Not OK", 0)
    assert raised.value.response_body["errors"][0]["status"] == 0
    assert isinstance(raised.value.__cause__, TransportError)


def test_messaging_without_credentials_is_unauthorized(emulator: Emulator) -> None:
    # The legacy library sent the request without credentials and got a 401.
    controller = _messaging(emulator, None, None)
    with emulator.mock(), pytest.raises(MessagingAPIException) as raised:
        quietly(controller.get_message_lookup, "mdr2-0")
    assert (raised.value.reason, raised.value.response_code) == ("UNAUTHORIZED", 401)
    assert "FR_ACCESS_KEY" in raised.value.response_body["errors"][0]["detail"]
    assert str(raised.value) == "UNAUTHORIZED"


def test_an_unknown_route_name_is_a_404_on_every_backend(backend: str, emulator: Emulator) -> None:
    state = emulator.state
    number = state.purchase(state.search_available(starts_with="1206")[0].number).number
    with pytest.raises(APIException) as raised:
        quietly(TelephoneNumbersController.update, number, [Route(name="nosuchroute")] * 2)
    error = raised.value
    assert (error.reason, error.response_code) == ("HTTP Response Not OK", 404)
    assert error.response_body["error"] == "no route named 'nosuchroute'"
    assert [r.method for r in emulator.requests if r.method == "PATCH"] in ([], ["PATCH"])
    assert state.number(number).primary_route_id in (None, "0")


def test_list_available_np_as_sends_the_legacy_default_and_page(
    backend: str, emulator: Emulator
) -> None:
    pnc = PurchasablePhoneNumbersController()
    first = quietly(pnc.list_available_np_as)
    second = quietly(pnc.list_available_np_as, limit=1, page=2)
    queries = [(r.path, r.query) for r in emulator.requests]
    on_v1 = [
        ("/v1/available-tns/npas/", {"limit": ["200"]}),
        ("/v1/available-tns/npas/", {"limit": ["1"], "page": ["2"]}),
    ]
    on_v2 = [
        ("/v2/numbers/available/areacodes", {"limit": ["200"], "offset": ["0"]}),
        ("/v2/numbers/available/areacodes", {"limit": ["1"], "offset": ["1"]}),
    ]
    expected = {"v1": on_v1, "v2": on_v2, "shadow": [on_v1[0], on_v2[0], on_v1[1], on_v2[1]]}
    assert queries == expected[backend]
    assert len(first["npas"]) > 1 and len(second["npas"]) == 1
    assert second["links"]["prev"] == "/v1/available-tns/npas/?limit=1&page=1"
