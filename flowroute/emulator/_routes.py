"""Inbound routes: the built-in sip-reg and the routes the account creates.

`RouteBook` keeps them by id, in creation order, and holds the rules of
what a route may be: a known type, a value of that type's form, a unique
alias, a known edge strategy. Which route a number uses belongs to the
number (`State.set_primary_route`). The state's verbs call it holding the
state's lock.
"""

from __future__ import annotations

from typing import Any, Optional

from ._checks import E164_DIGITS, HOST, SIP_URI, check
from ._edge import check_edge_strategy
from ._numbers import SIP_REG_ROUTE_ID
from .errors import Conflict, Invalid, NotFound
from .models import Route

__all__ = ["FIRST_ROUTE_ID", "ROUTE_TYPES", "SIP_REG_ROUTE", "RouteBook"]

SIP_REG_ROUTE = Route(id=SIP_REG_ROUTE_ID, alias="sip-reg", route_type="sip-reg", value=None)
ROUTE_TYPES = ("host", "number", "uri", "sip-reg")
FIRST_ROUTE_ID = 10001

# What a created route's value must look like, by type (sip-reg is built in).
_VALUES = {
    "host": (HOST, "a host name or address, optionally with :port"),
    "number": (E164_DIGITS, "an E.164 number without '+', e.g. 12065550123"),
    "uri": (SIP_URI, "a SIP URI, e.g. sip:user@example.com"),
}


class RouteBook:
    """The account's inbound routes.

    Attributes:
        by_id: the routes keyed by id, sip-reg (``"0"``) first, then in
            creation order.
    """

    def __init__(self) -> None:
        self.by_id: dict[str, Route] = {SIP_REG_ROUTE.id: SIP_REG_ROUTE}
        self._next_id = FIRST_ROUTE_ID

    def create(self, route_type: Any, value: Any, alias: Any, edge_strategy: Any = None) -> Route:
        """A new route; see `State.create_route`."""
        if not isinstance(route_type, str) or route_type not in _VALUES:
            raise Invalid("route_type must be host, number or uri", "route_type")
        pattern, expected = _VALUES[route_type]
        check(pattern, value, "value", expected)
        if not isinstance(alias, str) or not alias.strip():
            raise Invalid("alias must be a non-empty string", "alias")
        strategy = check_edge_strategy(edge_strategy)
        if any(route.alias == alias for route in self.by_id.values()):
            raise Conflict(f"a route with alias {alias!r} already exists")
        route = Route(
            id=str(self._next_id),
            alias=alias,
            route_type=route_type,
            value=value,
            edge_strategy=strategy,
        )
        self._next_id += 1
        self.by_id[route.id] = route
        return route

    def of_type(self, route_type: Optional[str] = None) -> list[Route]:
        """The routes (sip-reg first, then by creation), optionally of one type."""
        if route_type is not None and route_type not in ROUTE_TYPES:
            raise Invalid(f"route_type must be one of {', '.join(ROUTE_TYPES)}", "route_type")
        return [r for r in self.by_id.values() if route_type in (None, r.route_type)]

    def get(self, route_id: str) -> Route:
        """One route by id; raises NotFound."""
        found = self.by_id.get(route_id)
        if found is None:
            raise NotFound(f"route {route_id} not found")
        return found

    def named(self, alias: str) -> Route:
        """One route by alias (the v1 route name); raises NotFound."""
        for route in self.by_id.values():
            if route.alias == alias:
                return route
        raise NotFound(f"no route with alias {alias!r}")
