"""Routes v2: create and list inbound voice routes, and assign them to numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, Union

from .. import _validate as check
from .._resource import Controller, Endpoint
from ..errors import ValidationError
from . import _arguments as arg
from ._converter import read_many, read_one
from ._paging import list_page
from .models import EdgeStrategy, NewRoute, Route, RouteType

if TYPE_CHECKING:
    from ..pagination import Page

__all__ = ["RoutesController"]

_CREATE = Endpoint(
    "POST",
    "/v2/routes",
    outcome="the route may have been created; list the routes before retrying",
)
_LIST = Endpoint("GET", "/v2/routes")
_EDGE_STRATEGIES = Endpoint("GET", "/v2/routes/edge_strategies")
_PRIMARY = Endpoint("PATCH", "/v2/numbers/{number_id}/relationships/primary_route")
_FAILOVER = Endpoint("PATCH", "/v2/numbers/{number_id}/relationships/failover_route")
_ENDPOINTS = (_CREATE, _LIST, _EDGE_STRATEGIES, _PRIMARY, _FAILOVER)

_MAX_ITEMS = 200
# sip-reg is built in: it can be assigned ("0") but not created.
_CREATABLE = frozenset({RouteType.HOST.value, RouteType.NUMBER.value, RouteType.URI.value})
# All three are required by the published schema (NewRoute); a missing one
# is named, as a message's "to" and "from" are.
_REQUIRED = {
    "route_type": "host, number or uri (required)",
    "value": "the host, phone number or SIP URI calls go to (required)",
    "alias": "a name for the route (required)",
}
_ROUTE_KEYS = frozenset({*_REQUIRED, "edge_strategy"})

RouteBody = Union[NewRoute, Mapping[str, Any], str]
RouteRef = Union[str, int, Route, Mapping[str, Any]]


def _new_route(body: Any) -> NewRoute:
    """The route to create, from any accepted body form, checked and normalised."""
    if not isinstance(body, NewRoute):
        attributes = arg.body_attributes(body, "body", "route")
        arg.known_keys(attributes, "body", _ROUTE_KEYS)
        for required, allowed in _REQUIRED.items():
            if required not in attributes:
                raise ValidationError(required, allowed, None)
        body = NewRoute(**attributes)
    kind = body.route_type.value if isinstance(body.route_type, RouteType) else body.route_type
    kind = check.choice(kind, "route_type", _CREATABLE)
    if kind == RouteType.NUMBER.value:
        value = check.phone_number(body.value, "value")
    else:
        value = check.text(body.value, "value")
    if body.alias is None:
        raise ValidationError("alias", _REQUIRED["alias"], None)
    alias = check.text(body.alias, "alias")
    edge = body.edge_strategy
    if edge is not None:
        edge = arg.record_id(edge, "edge_strategy")
    return NewRoute(route_type=kind, value=value, alias=alias, edge_strategy=edge)


def _route_id(route: Any) -> str:
    """The id of the route to assign, from an id, a `Route`, or a relationship body."""
    if isinstance(route, Route):
        return arg.route_id(route.id, "route")
    if isinstance(route, str) and route.lstrip().startswith("{"):
        route = arg.json_text(route, "route", "a route id, a Route, or a route body")
    if isinstance(route, Mapping):
        data = route.get("data")
        if (
            len(route) != 1
            or not isinstance(data, Mapping)
            or data.get("type", "route") != "route"
            or "id" not in data
        ):
            raise ValidationError("route", '{"data": {"type": "route", "id": ...}}', route)
        route = data["id"]
    return arg.route_id(route, "route")


def _relationship(route_id: str) -> dict[str, Any]:
    return {"data": {"type": "route", "id": route_id}}


class RoutesController(Controller):
    """Inbound voice routes: where calls to the account's numbers are sent."""

    def create_an_inbound_route(self, body: RouteBody) -> Route:
        """Create an inbound route.

        Args:
            body: a `NewRoute`; or a dict of its attributes (``route_type``,
                ``value``, ``alias``, all three required); or the documented
                JSON:API document; or the JSON text of either dict.
                ``route_type`` is ``host``, ``number`` or ``uri``; a
                ``number`` route's value is a phone number. An optional
                ``edge_strategy`` names an edge strategy by id.
        """
        route = _new_route(body)
        created = self._send(_CREATE, json=route.to_body())
        return read_one(created, Route)

    def list_inbound_routes(
        self, limit: Optional[int] = None, offset: Optional[int] = None
    ) -> Page[Route]:
        """List the account's inbound routes.

        Args:
            limit: routes per page, 1 to 200.
            offset: routes to skip.
        """
        params = {"limit": arg.limit(limit, _MAX_ITEMS), "offset": arg.offset(offset)}
        return list_page(self._send, _LIST, params, Route)

    def list_edge_strategies(self) -> list[EdgeStrategy]:
        """The edge strategies a route can name: where Flowroute's edge sends its calls from."""
        return read_many(self._send(_EDGE_STRATEGIES), EdgeStrategy)

    def update_primary_voice_route(self, number_id: Union[str, int], route: RouteRef) -> None:
        """Send calls to `number_id` through `route` first.

        Args:
            number_id: the account's phone number.
            route: the route: its id (``"0"`` is the built-in sip-reg route),
                a `Route`, or the documented body ``{"data": {"type":
                "route", "id": ...}}`` as a dict or JSON text.
        """
        self._assign(_PRIMARY, number_id, route)

    def update_failover_voice_route(self, number_id: Union[str, int], route: RouteRef) -> None:
        """Send calls to `number_id` through `route` when the primary route fails.

        Args:
            number_id: the account's phone number.
            route: the route, in any form `update_primary_voice_route` takes.
        """
        self._assign(_FAILOVER, number_id, route)

    def _assign(self, endpoint: Endpoint, number_id: Any, route: Any) -> None:
        number = check.phone_number(number_id, "number_id")
        self._call(endpoint, json=_relationship(_route_id(route)), number_id=number)
