"""``TelephoneNumbersController.update`` on v2: two PATCHes, undone half-way if need be.

v1 set a number's primary and failover routes in one request; v2 takes one
request per route. When the failover request fails after the primary one
succeeded, the primary route is put back and `PartialUpdateError` says which
routes the number has now, so the caller never has to guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional

from ..errors import APIError, FlowrouteError, NotFoundError, TransportError, ValidationError
from ..v1 import _arguments as check
from ._on_v1 import EMPTY, route_refs
from ._onto_v2 import SIP_REG, SIP_REG_ID, all_routes, legacy_route
from .errors import PartialUpdateError

if TYPE_CHECKING:
    from ..v2 import V2
    from ..v2.models import Number

__all__ = ["resolve_route_ids", "route_names", "update"]


def route_names(routes: Any) -> list[str]:
    """The primary and failover route names, from legacy `Route` items, dicts or names."""
    return check.route_names(route_refs(routes))


def resolve_route_ids(v2: V2, names: list[str]) -> list[str]:
    """The v2 id of each route name, found as the route's alias (``sip-reg`` is ``"0"``).

    Raises:
        NotFoundError: a name no route has: v1 answered it with a 404 and
            ``{"error": "no route named ..."}``, so the v2 backend does too.
        ValidationError: a name several routes share (v1 kept names unique).
    """
    by_alias: dict[str, list[str]] = {SIP_REG: [SIP_REG_ID]}
    if any(name != SIP_REG for name in names):
        for route in all_routes(v2):
            if route.alias and route.id != SIP_REG_ID:
                by_alias.setdefault(route.alias, []).append(route.id)
    resolved = []
    for name in names:
        ids = by_alias.get(name, [])
        if not ids:
            raise NotFoundError(404, body={"error": f"no route named {name!r}"})
        if len(ids) > 1:
            shared = f"{len(ids)} routes share {name!r}"
            raise ValidationError("routes", f"an existing route name ({shared})", name)
        resolved.append(ids[0])
    return resolved


def update(v2: V2, number: Any, routes: Any) -> str:
    """Set the primary route, then the failover route; undo the first if the second fails.

    Raises:
        PartialUpdateError: the failover route failed after the primary one
            was set, or the primary PATCH failed in transit or was answered
            502/504 by a gateway (it may have been applied); says which
            routes the number has now.
    """
    target = check.number(number)
    names = route_names(routes)
    # The number first, as v1 checked it first: an unknown number is a 404 either way.
    before = v2.numbers.list_phone_number_details(target)
    ids = resolve_route_ids(v2, names)
    try:
        v2.routes.update_primary_voice_route(target, ids[0])
    except FlowrouteError as failed:
        if not _maybe_applied(failed):
            raise  # refused by the API: nothing changed
        raise _half_done(v2, target, before, f"primary route {names[0]!r}", failed) from failed
    try:
        v2.routes.update_failover_voice_route(target, ids[1])
    except FlowrouteError as failed:
        raise _half_done(v2, target, before, f"failover route {names[1]!r}", failed) from failed
    return EMPTY


# A gateway answers these after the service may have acted on the request.
_GATEWAY_STATUSES = (502, 504)


def _maybe_applied(failed: FlowrouteError) -> bool:
    """Whether a failed request may have taken effect: its answer lost, or a gateway's."""
    if isinstance(failed, APIError):
        return failed.status in _GATEWAY_STATUSES
    return isinstance(failed, TransportError)


def _names(number: Number) -> tuple[str, Optional[str]]:
    """The legacy names of a number's primary and failover routes."""
    primary = legacy_route(number.primary_route_id, number.primary_route)["name"]
    failover: Optional[str] = None
    if number.failover_route_id is not None:
        failover = legacy_route(number.failover_route_id, number.failover_route)["name"]
    return primary, failover


def _half_done(
    v2: V2, number: str, before: Number, step: str, failed: FlowrouteError
) -> PartialUpdateError:
    """Put the old primary route back and describe the state the number is left in.

    The state is read back from the API: after a timeout or a dropped
    connection the failover PATCH may have been applied although it failed
    for us. When even that read fails, what cannot be known is said so.
    """
    old_primary = _names(before)[0]
    refused = f"setting {step} of {number} failed ({failed})"
    try:
        v2.routes.update_primary_voice_route(number, before.primary_route_id or SIP_REG_ID)
    except FlowrouteError as restore:
        state = f"restoring primary route {old_primary!r} failed too ({restore})"
    else:
        state = "the primary route was restored"
    primary: Optional[str]
    failover: Optional[str]
    try:
        primary, failover = _names(v2.numbers.list_phone_number_details(number))
    except FlowrouteError:
        primary = failover = None
        now = "its routes could not be read back"
    else:
        now = f"now has primary route {primary!r} and failover route {failover!r}"
    message = f"{refused}; {state}: {number} {now}"
    status = failed.status if isinstance(failed, APIError) else 0
    body = failed.body if isinstance(failed, APIError) else None
    return PartialUpdateError(
        message,
        number=number,
        primary=primary,
        failover=failover,
        status=status,
        body=body if isinstance(body, Mapping) else None,
    )
