"""The fault matrix: every public call x every fault, on a fresh emulator per cell.

Each fault strikes the call's first request once (``times=1``). What the
client must then do follows from two facts: whether the service handled the
request before the fault (`Fault.handled`), and whether the request may be
sent again (a POST, or a v1 PUT that buys or creates, is never re-sent once it may
have reached the service; any request is retried when the connection was
refused). The
expected outcome of each cell is derived from those rules below, and the
emulator's state after the call must equal either the state before it
(nothing done) or the state a fault-free call leaves (done exactly once).

The mock front door is used (refusals and timeouts are defined for it and
cost no waiting); a few cells run over real sockets at the end.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs
import pytest

import flowroute
from flowroute import errors
from flowroute.emulator import Emulator, Fault
from flowroute.pagination import Page

from .calls import CALLS, PAGE, ROUTE_BODY, Call, resendable
from .conftest import Sleeps, policy
from .contracts import check_result, conforms

BACKOFF = 0.25  # the first retry's wait: initial backoff 0.5 x injected jitter 0.5
RETRY_AFTER = 1
SOCKET_READ_TIMEOUT = 0.25  # seconds; only the timeout fault waits it out


@attrs.frozen
class Case:
    """One fault of the matrix and what it means for the client.

    Attributes:
        name: the column name.
        fault: the fault injected.
        retried: whether an idempotent request is sent again after it.
        post_error: what a POST (never sent again) raises; None: it is retried too.
        delay: the wait before the retry.
    """

    name: str
    fault: Fault
    retried: bool
    post_error: Optional[type[errors.FlowrouteError]]
    delay: float = BACKOFF


# A POST (or buying PUT) that may have reached the service and whose answer is
# lost, garbled or a gateway's 502 ends in OutcomeUnknownError, never retried.
UNKNOWN = errors.OutcomeUnknownError

CASES = (
    Case("refused", Fault.refuse(), True, None),
    Case("read-timeout", Fault.timeout(), True, UNKNOWN),
    Case("429", Fault.status(429, retry_after=RETRY_AFTER), True, errors.RateLimitError, 1.0),
    Case("500", Fault.status(500), False, errors.ServerError),
    Case("502", Fault.status(502), True, UNKNOWN),
    Case("503", Fault.status(503, retry_after=RETRY_AFTER), True, errors.ServerError, 1.0),
    Case("truncated", Fault.truncated(), True, UNKNOWN),
    Case("malformed-json", Fault.malformed_json(), True, UNKNOWN),
    Case("html", Fault.html(502), True, UNKNOWN),
)


def expected(
    method: str, path: str, case: Case
) -> tuple[Optional[type[errors.FlowrouteError]], list[float]]:
    """(the error raised or None, the retry waits) when `case` strikes this request."""
    if case.post_error is None:  # nothing was sent, so anything may be sent again
        return None, [case.delay]
    if not case.retried or not resendable(method, path):
        return case.post_error, []
    # A repeated DELETE of what the first, handled attempt released answers 404,
    # which the transport reads as done: the caller sees success either way.
    return None, [case.delay]


class World:
    """The arranged account of a cell: one number, one route, one message, one offer."""

    def __init__(self, emulator: Emulator) -> None:
        state = emulator.state
        offers = state.search_available(npa="206")
        self.owned, self.offer = offers[0].number, offers[1].number
        state.purchase(self.owned)
        self.route = state.create_route("host", "pbx.example.com", "setup")
        self.message = state.send_message(to="12065550123", from_=self.owned, body="hi")

    def kwargs(self, call: Call) -> dict[str, Any]:
        """Arguments of `call` that succeed against this account."""
        route = self.route.id
        by_name: dict[str, dict[str, Any]] = {
            "purchase_a_phone_number": {"id": self.offer},
            "list_phone_number_details": {"id": self.owned},
            "release_a_phone_number": {"id": self.owned},
            "create_an_inbound_route": {"body": ROUTE_BODY},
            "update_primary_voice_route": {"number_id": self.owned, "route": route},
            "update_failover_voice_route": {"number_id": self.owned, "route": route},
            "send_a_message": {"body": {"to": "12065550123", "from": self.owned, "body": "x"}},
            "look_up_a_message_detail_record": {"id": self.message.id},
            "purchase": {"billing": "METERED", "number": self.offer},
            "telephone_number_details": {"telephone_number": self.owned},
            "update": {"number": self.owned, "routes": ["setup", "sip-reg"]},
        }
        return by_name.get(call.method, dict(call.kwargs))


def snapshot(emulator: Emulator) -> tuple[Any, ...]:
    """What a write can change: numbers and their routes, routes, messages."""
    state = emulator.state
    numbers = sorted(
        (n, a.primary_route_id, a.failover_route_id, a.billing_method)
        for n, a in state.account.items()
    )
    routes = sorted((r.id, r.alias, r.route_type, r.value) for r in state.routes_by_id.values())
    messages = sorted((m.from_, m.to, m.body) for m in state.messages_by_id.values())
    return (numbers, routes, messages)


def _check_light(call: Call, result: Any) -> None:
    # The first page only: the fault struck the first request, paging is fuzzed elsewhere.
    if call.returns is PAGE:
        assert isinstance(result, Page) and result.items
        assert all(conforms(item, call.item) for item in result.items)
    else:
        check_result(call, result)


def run_cell(
    call: Call, case: Optional[Case], door: str = "mock"
) -> tuple[Any, Any, Any, Sleeps, Emulator]:
    """Run `call` once on a fresh account, `case`'s fault striking its first request."""
    emulator = Emulator(seed=0)
    world = World(emulator)
    sleeps = Sleeps()
    before = snapshot(emulator)
    if case is not None:
        emulator.inject(case.fault, times=1)
    outcome: Any = None
    front = emulator.mock() if door == "mock" else emulator.serve()
    with (
        front as url,
        flowroute.Client(
            emulator.access_key,
            emulator.secret_key,
            base_url=url,
            timeout=(5.0, SOCKET_READ_TIMEOUT),
            retry_policy=policy(sleeps),
        ) as client,
    ):
        try:
            _check_light(call, call.bind(client)(**world.kwargs(call)))
        except errors.FlowrouteError as exc:
            outcome = exc
    return outcome, before, snapshot(emulator), sleeps, emulator


_REFERENCE: dict[str, Any] = {}


def reference(call: Call) -> Any:
    """The state a fault-free call leaves (computed once per call)."""
    if call.name not in _REFERENCE:
        outcome, _, after, sleeps, _ = run_cell(call, None)
        assert outcome is None and sleeps.delays == [], (call.name, outcome)
        _REFERENCE[call.name] = after
    return _REFERENCE[call.name]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.name)
def test_fault_matrix(call: Call, case: Case) -> None:
    error, delays = expected(call.http, call.template, case)
    outcome, before, after, sleeps, emulator = run_cell(call, case)

    if error is None:
        assert outcome is None, f"expected success, got {outcome!r}"
    else:
        assert type(outcome) is error, f"expected {error.__name__}, got {outcome!r}"
    assert sleeps.delays == delays
    # Done exactly once, or not at all: never twice.
    done = outcome is None or case.fault.handled
    assert after == (reference(call) if done else before)
    sent = [r for r in emulator.requests if r.method == call.http]
    attempts = 1 + len(delays)
    assert len(sent) == attempts, [(r.method, r.path, r.status, r.fault) for r in sent]


# Over a real socket a refused connection and a dropped one look alike: the
# connection closes without a response, so even a refused POST is not resent.
SOCKET_CASES = (
    Case("refused", Fault.refuse(), True, UNKNOWN),
    Case("dropped", Fault.drop(), True, UNKNOWN),
    Case("read-timeout", Fault.timeout(), True, UNKNOWN),
    Case("truncated", Fault.truncated(), True, UNKNOWN),
)
WRITES = [call for call in CALLS if call.http != "GET"]


@pytest.mark.parametrize("case", SOCKET_CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("call", WRITES, ids=lambda c: c.name)
def test_writes_over_a_socket(call: Call, case: Case) -> None:
    error, delays = expected(call.http, call.template, case)
    outcome, before, after, sleeps, emulator = run_cell(call, case, door="serve")

    if error is None:
        assert outcome is None, f"expected success, got {outcome!r}"
    else:
        assert type(outcome) is error, f"expected {error.__name__}, got {outcome!r}"
    assert sleeps.delays == delays
    done = outcome is None or case.fault.handled
    assert after == (reference(call) if done else before)
    assert len([r for r in emulator.requests if r.method == call.http]) == 1 + len(delays)


def test_matrix_size() -> None:
    cells = len(CALLS) * len(CASES)
    sockets = len(WRITES) * len(SOCKET_CASES)
    print(
        f"\nfault matrix: {len(CALLS)} calls x {len(CASES)} faults = {cells} cells (mock); "
        f"{len(WRITES)} writes x {len(SOCKET_CASES)} faults = {sockets} cells (socket)"
    )
    assert (cells, sockets) == (23 * 9, 9 * 4)
