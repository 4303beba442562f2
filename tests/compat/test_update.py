"""``update`` on v2 is two PATCHes; a failure half-way is undone and reported exactly."""

from __future__ import annotations

from typing import Any

import pytest

from flowroute import RetryPolicy
from flowroute.compat import (
    APIException,
    Configuration,
    PartialUpdateError,
    Route,
    TelephoneNumbersController,
)
from flowroute.emulator import Emulator, Fault
from flowroute.errors import PartialUpdateError as AnyPartialUpdateError
from flowroute.errors import ServerError
from flowroute.v2.routes import RoutesController

from .conftest import quietly, sign_in

FAILOVER = "/v2/numbers/*/relationships/failover_route"
PRIMARY = "/v2/numbers/*/relationships/primary_route"


@pytest.fixture
def number(emulator: Emulator) -> str:
    """A number routed to hostroute (primary) and sip-reg (failover), on the v2 backend."""
    state = emulator.state
    bought = state.purchase(state.search_available(starts_with="1206")[0].number).number
    host = state.create_route("host", "sip.example.com", "hostroute")
    state.create_route("uri", "sip:alice@example.com", "uriroute")
    state.set_primary_route(bought, host.id)
    state.set_failover_route(bought, "0")
    sign_in(emulator, "v2")
    return bought


def _routes(emulator: Emulator, number: str) -> tuple[str, str]:
    owned = emulator.state.number(number)
    return owned.primary_route_id, str(owned.failover_route_id)


def test_both_routes_are_set_primary_first(emulator: Emulator, number: str) -> None:
    with emulator.mock():
        assert (
            quietly(TelephoneNumbersController.update, number, [Route(name="uriroute")] * 2) == ""
        )
    uri = emulator.state.route_by_alias("uriroute").id
    assert _routes(emulator, number) == (uri, uri)
    patches = [(r.method, r.path, r.body) for r in emulator.requests if r.method == "PATCH"]
    assert patches == [
        ("PATCH", f"/v2/numbers/{number}/relationships/primary_route", _body(uri)),
        ("PATCH", f"/v2/numbers/{number}/relationships/failover_route", _body(uri)),
    ]


def _body(route_id: str) -> dict[str, object]:
    return {"data": {"type": "route", "id": route_id}}


def test_a_failed_failover_restores_the_primary_and_says_so(
    emulator: Emulator, number: str
) -> None:
    host = emulator.state.route_by_alias("hostroute").id
    emulator.inject(Fault.status(500), method="PATCH", path=FAILOVER, times=1)
    with emulator.mock(), pytest.raises(PartialUpdateError) as raised:
        quietly(TelephoneNumbersController.update, number, [Route(name="uriroute")] * 2)
    error = raised.value
    assert isinstance(error, APIException) and isinstance(error, AnyPartialUpdateError)
    assert (error.number, error.primary, error.failover) == (number, "hostroute", "sip-reg")
    assert error.response_code == 500
    message = error.response_body["error"]
    assert "primary route was restored" in message
    assert f"{number} now has primary route 'hostroute' and failover route 'sip-reg'" in message
    assert _routes(emulator, number) == (host, "0")
    patches = [
        (r.path.rsplit("/", 1)[1], r.body, r.status)
        for r in emulator.requests
        if r.method == "PATCH"
    ]
    uri = emulator.state.route_by_alias("uriroute").id
    assert patches == [
        ("primary_route", _body(uri), 204),
        ("failover_route", _body(uri), 500),
        ("primary_route", _body(host), 204),
    ]


def test_when_the_restore_fails_too_the_error_says_where_the_number_is_left(
    emulator: Emulator, number: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = RoutesController.update_primary_voice_route
    calls: list[object] = []

    def fail_the_restore(self: RoutesController, number_id: object, route: object) -> None:
        # The first primary PATCH goes through; the restoring one meets a dead server.
        calls.append(route)
        if len(calls) == 2:
            emulator.inject(Fault.status(500), method="PATCH", path=PRIMARY, times=1)
        original(self, number_id, route)  # type: ignore[arg-type]

    monkeypatch.setattr(RoutesController, "update_primary_voice_route", fail_the_restore)
    emulator.inject(Fault.status(500), method="PATCH", path=FAILOVER, times=1)
    with emulator.mock(), pytest.raises(PartialUpdateError) as raised:
        quietly(TelephoneNumbersController.update, number, [Route(name="uriroute")] * 2)
    error = raised.value
    uri = emulator.state.route_by_alias("uriroute").id
    assert (error.primary, error.failover) == ("uriroute", "sip-reg")
    assert "restoring primary route 'hostroute' failed too" in error.response_body["error"]
    assert _routes(emulator, number) == (uri, "0")


def test_an_unknown_route_name_sends_no_patch(emulator: Emulator, number: str) -> None:
    with emulator.mock(), pytest.raises(APIException) as raised:
        quietly(TelephoneNumbersController.update, number, [Route(name="nosuchroute")] * 2)
    # As v1 answered it: a 404, "HTTP Response Not OK" (see test_failures for every backend).
    assert (raised.value.reason, raised.value.response_code) == ("HTTP Response Not OK", 404)
    assert raised.value.response_body["error"] == "no route named 'nosuchroute'"
    assert not [r for r in emulator.requests if r.method == "PATCH"]


def test_a_failover_applied_before_a_timeout_is_reported_as_applied(
    emulator: Emulator, number: str
) -> None:
    # The service handles the PATCH, then the client times out: the failover
    # route did change, and the error must say so rather than assume it did not.
    emulator.inject(Fault.timeout(), method="PATCH", path=FAILOVER, times=1)
    Configuration.retry_policy = RetryPolicy(max_retries=0)  # a retry would mend it
    with emulator.mock(), pytest.raises(PartialUpdateError) as raised:
        quietly(
            TelephoneNumbersController.update,
            number,
            [Route(name="uriroute"), Route(name="uriroute")],
        )
    error = raised.value
    assert (error.primary, error.failover) == ("hostroute", "uriroute")
    assert "now has primary route 'hostroute' and failover route 'uriroute'" in str(
        error.response_body["error"]
    )
    uri = emulator.state.route_by_alias("uriroute").id
    assert _routes(emulator, number) == (emulator.state.route_by_alias("hostroute").id, uri)


def test_a_primary_lost_in_transit_is_undone_and_reported(emulator: Emulator, number: str) -> None:
    # The service applies the primary PATCH, then the connection drops: the
    # number must not be left half-updated without the caller knowing.
    emulator.inject(Fault.drop(), method="PATCH", path=PRIMARY, times=1)
    Configuration.retry_policy = RetryPolicy(max_retries=0)
    with emulator.mock(), pytest.raises(PartialUpdateError) as raised:
        quietly(
            TelephoneNumbersController.update,
            number,
            [Route(name="uriroute"), Route(name="uriroute")],
        )
    error = raised.value
    assert (error.primary, error.failover) == ("hostroute", "sip-reg")
    assert "setting primary route 'uriroute'" in str(error.response_body["error"])
    host = emulator.state.route_by_alias("hostroute").id
    assert _routes(emulator, number) == (host, "0")


@pytest.mark.parametrize("status", [502, 504])
def test_a_primary_answered_by_a_gateway_error_is_undone_and_reported(
    emulator: Emulator, number: str, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    # The gateway forwarded the primary PATCH, the service applied it, and the
    # gateway answered 502/504: the number is half-updated, and must be said so.
    original = RoutesController.update_primary_voice_route
    calls: list[object] = []

    def applied_then_gateway_error(self: RoutesController, number_id: object, route: Any) -> None:
        calls.append(route)
        original(self, number_id, route)  # type: ignore[arg-type]
        if len(calls) == 1:
            raise ServerError(status, body={"errors": [{"detail": "Gateway", "status": status}]})

    monkeypatch.setattr(RoutesController, "update_primary_voice_route", applied_then_gateway_error)
    with emulator.mock(), pytest.raises(PartialUpdateError) as raised:
        quietly(TelephoneNumbersController.update, number, [Route(name="uriroute")] * 2)
    error = raised.value
    assert error.response_code == status
    assert (error.number, error.primary, error.failover) == (number, "hostroute", "sip-reg")
    assert "setting primary route 'uriroute'" in error.response_body["error"]
    assert "primary route was restored" in error.response_body["error"]
    host = emulator.state.route_by_alias("hostroute").id
    assert _routes(emulator, number) == (host, "0")
    patches = [r.path.rsplit("/", 1)[1] for r in emulator.requests if r.method == "PATCH"]
    assert patches == ["primary_route", "primary_route"]  # applied, then put back


@pytest.mark.parametrize("status", [502, 504])
def test_a_primary_gateway_error_after_retries_reads_the_state_back(
    emulator: Emulator, number: str, status: int
) -> None:
    emulator.inject(Fault.status(status), method="PATCH", path=PRIMARY, times=1)
    Configuration.retry_policy = RetryPolicy(max_retries=0)
    with emulator.mock(), pytest.raises(PartialUpdateError) as raised:
        quietly(TelephoneNumbersController.update, number, [Route(name="uriroute")] * 2)
    assert raised.value.response_code == status
    assert (raised.value.primary, raised.value.failover) == ("hostroute", "sip-reg")
    assert str(raised.value).startswith("PARTIAL UPDATE: setting primary route 'uriroute'")


def test_a_primary_refused_by_the_api_is_a_plain_api_error(emulator: Emulator, number: str) -> None:
    emulator.inject(Fault.status(422), method="PATCH", path=PRIMARY, times=1)
    with emulator.mock(), pytest.raises(APIException) as raised:
        quietly(TelephoneNumbersController.update, number, [Route(name="uriroute")] * 2)
    assert not isinstance(raised.value, PartialUpdateError)
    assert raised.value.response_code == 422
    assert [r.method for r in emulator.requests].count("PATCH") == 1


def test_reset_restores_both_libraries_settings() -> None:
    from flowroute.compat import reset
    from flowroute.compat.messaging import LEGACY_BASE_URI, MessagingConfiguration

    Configuration.retry_policy = MessagingConfiguration.retry_policy = RetryPolicy(max_retries=0)
    MessagingConfiguration.BASE_URI = "http://127.0.0.1:1"
    reset()
    assert Configuration.retry_policy is None
    assert (MessagingConfiguration.BASE_URI, MessagingConfiguration.retry_policy) == (
        LEGACY_BASE_URI,
        None,
    )
