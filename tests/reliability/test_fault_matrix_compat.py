"""The fault matrix for legacy code: every ``FlowrouteNumbersLib`` call on the v1 and v2
backends, and the ``FlowrouteMessagingLib`` calls, x every fault.

A legacy call may make several requests (an update is two PATCHes on v2,
after looking the route names up), so what a fault on its first request
means is read from a fault-free run's request log: that request's method
decides, by the rules of `test_fault_matrix.expected`. Legacy code catches
the legacy ``APIException``; it must carry the status and chain the
flowroute error it stands for (a transport failure with ``response_code`` 0).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any, Callable, Optional

import attrs
import pytest

from flowroute import errors
from flowroute.compat import (
    FlowrouteDeprecationWarning,
    FlowrouteTranslationWarning,
    reset,
)
from flowroute.compat.messaging import MessagingConfiguration
from flowroute.emulator import Emulator
from FlowrouteMessagingLib.Controllers.APIController import APIController
from FlowrouteMessagingLib.Models.Message import Message
from FlowrouteNumbersLib.Controllers.InboundRoutesController import InboundRoutesController
from FlowrouteNumbersLib.Controllers.PurchasablePhoneNumbersController import (
    PurchasablePhoneNumbersController,
)
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import (
    BillingMethod,
    Configuration,
    Route,
    TelephoneNumbersController,
)

from .conftest import Sleeps, policy
from .test_fault_matrix import CASES, Case, World, expected, snapshot

Invoke = Callable[[World, Emulator], Any]


@attrs.frozen
class Legacy:
    """One legacy call on one backend."""

    name: str
    backend: str
    invoke: Invoke

    @property
    def id(self) -> str:
        return f"{self.backend}:{self.name}"


def _messages(emulator: Emulator) -> APIController:
    return APIController(emulator.access_key, emulator.secret_key)


_NUMBERS_LIB: dict[str, Invoke] = {
    "list_available_np_as": lambda w, e: PurchasablePhoneNumbersController.list_available_np_as(
        limit=2
    ),
    "list_area_and_exchange": lambda w, e: (
        PurchasablePhoneNumbersController().list_area_and_exchange(limit=2, npa="206")
    ),
    "search": lambda w, e: PurchasablePhoneNumbersController.search(limit=2, npa="206"),
    "purchase": lambda w, e: TelephoneNumbersController.purchase(
        BillingMethod(billing_method="METERED"), w.offer
    ),
    "list_account_telephone_numbers": lambda w, e: (
        TelephoneNumbersController.list_account_telephone_numbers(limit=2)
    ),
    "telephone_number_details": lambda w, e: TelephoneNumbersController.telephone_number_details(
        w.owned
    ),
    "update": lambda w, e: TelephoneNumbersController().update(
        w.owned, [Route(name="setup"), Route(name="sip-reg")]
    ),
    "list": lambda w, e: InboundRoutesController.list(limit=2),
    "create_new_route": lambda w, e: InboundRoutesController.create_new_route(
        "office", "HOST", "10.0.0.1:5060"
    ),
}
_MESSAGING_LIB: dict[str, Invoke] = {
    "create_message": lambda w, e: _messages(e).create_message(
        Message(to="12065550123", from_=w.owned, content="x")
    ),
    "get_message_lookup": lambda w, e: _messages(e).get_message_lookup(w.message.id),
}

LEGACY = tuple(
    Legacy(name, backend, invoke)
    for backend in ("v1", "v2")
    for name, invoke in _NUMBERS_LIB.items()
) + tuple(Legacy(name, "v2", invoke) for name, invoke in _MESSAGING_LIB.items())


@pytest.fixture(autouse=True)
def legacy_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Sleeps]:
    """Fresh legacy settings, and Clients (built by compat) that retry without sleeping."""
    sleeps = Sleeps()
    reset()
    Configuration.retry_policy = MessagingConfiguration.retry_policy = policy(sleeps)
    yield sleeps
    reset()


def run_legacy(
    legacy: Legacy, case: Optional[Case], sleeps: Sleeps
) -> tuple[Any, Any, Any, Emulator]:
    """Run one legacy call on a fresh account, `case`'s fault striking its first request."""
    emulator = Emulator(seed=0)
    world = World(emulator)
    before = snapshot(emulator)
    if case is not None:
        emulator.inject(case.fault, times=1)
    outcome: Any = None
    reset()
    Configuration.retry_policy = MessagingConfiguration.retry_policy = policy(sleeps)
    sleeps.delays.clear()
    with emulator.mock() as url, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Configuration.username = emulator.access_key
        Configuration.password = emulator.secret_key
        Configuration.BASE_URI = url
        Configuration.backend = legacy.backend
        try:
            result = legacy.invoke(world, emulator)
            assert result in (None, "") or isinstance(result, dict), result
        except Exception as exc:
            outcome = exc
        finally:
            reset()
    kinds = {type(w.message) for w in caught}
    assert kinds <= {FlowrouteDeprecationWarning, FlowrouteTranslationWarning}, kinds
    return outcome, before, snapshot(emulator), emulator


def _underlying(outcome: Any) -> Any:
    """The flowroute error behind a legacy exception (or the flowroute error itself)."""
    if outcome is None or isinstance(outcome, errors.FlowrouteError):
        return outcome
    assert hasattr(outcome, "response_code"), f"not a legacy APIException: {outcome!r}"
    cause = outcome.__cause__
    assert isinstance(cause, errors.FlowrouteError), f"{outcome!r} chains {cause!r}"
    status = cause.status if isinstance(cause, errors.APIError) else 0
    assert outcome.response_code == status
    assert isinstance(outcome.response_body, dict)
    return cause


_REFERENCE: dict[str, tuple[Any, str, str]] = {}


def reference(legacy: Legacy, sleeps: Sleeps) -> tuple[Any, str, str]:
    """(the state a fault-free call leaves, the method and path of its first request)."""
    if legacy.id not in _REFERENCE:
        outcome, _, after, emulator = run_legacy(legacy, None, sleeps)
        assert outcome is None and sleeps.delays == [], (legacy.id, outcome)
        first = emulator.requests[0]
        _REFERENCE[legacy.id] = (after, first.method, first.path)
    return _REFERENCE[legacy.id]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("legacy", LEGACY, ids=lambda c: c.id)
def test_legacy_fault_matrix(legacy: Legacy, case: Case, legacy_settings: Sleeps) -> None:
    done_state, method, path = reference(legacy, legacy_settings)
    error, delays = expected(method, path, case)
    outcome, before, after, _ = run_legacy(legacy, case, legacy_settings)

    underlying = _underlying(outcome)
    if error is None:
        assert underlying is None, f"expected success, got {outcome!r}"
    else:
        assert type(underlying) is error, f"expected {error.__name__}, got {outcome!r}"
    assert legacy_settings.delays == delays
    done = outcome is None or case.fault.handled
    assert after == (done_state if done else before)


def test_legacy_matrix_size() -> None:
    print(f"\nlegacy fault matrix: {len(LEGACY)} calls x {len(CASES)} faults")
    assert len(LEGACY) * len(CASES) == 20 * 9
