"""The SDK's ``RoutesController``: inbound routes and the routes of each number."""

from __future__ import annotations

from typing import Any

from .._row import Rewrite
from ._session import PAGE, UNUSED, BaseController, forward, run, sdk_row

__all__ = ["ROWS", "RoutesController"]

_C = "RoutesController"
_JSON_BODY = "``body`` is the JSON text of the document (a dict works too)."
_ASSIGN = (
    "``number_id`` is kept; ``body`` is the JSON text of "
    '``{"data": {"type": "route", "id": ...}}`` (a dict or a route id works too).'
)
_NO_CONTENT = "``''`` (the empty 204 body)."

# v2 calls the body `route` (it takes the same document, or a route id).
_ROUTE_BODY = Rewrite(arguments=(("body", "route"),))

ROWS = (
    sdk_row(
        _C,
        "create_an_inbound_route",
        ("body",),
        "POST /v2/routes",
        "routes.create_an_inbound_route",
        forward(lambda v2: v2.routes.create_an_inbound_route),
        read=False,
        arguments=_JSON_BODY,
        rewrite=UNUSED,
    ),
    sdk_row(
        _C,
        "list_inbound_routes",
        ("limit=None", "offset=None"),
        "GET /v2/routes",
        "routes.list_inbound_routes",
        forward(lambda v2: v2.routes.list_inbound_routes),
        read=True,
        rewrite=PAGE,
    ),
    sdk_row(
        _C,
        "update_primary_voice_route",
        ("number_id", "body"),
        "PATCH /v2/numbers/{number_id}/relationships/primary_route",
        "routes.update_primary_voice_route",
        forward(lambda v2: v2.routes.update_primary_voice_route),
        read=False,
        arguments=_ASSIGN,
        result=_NO_CONTENT,
        rewrite=_ROUTE_BODY,
    ),
    sdk_row(
        _C,
        "update_failover_voice_route",
        ("number_id", "body"),
        "PATCH /v2/numbers/{number_id}/relationships/failover_route",
        "routes.update_failover_voice_route",
        forward(lambda v2: v2.routes.update_failover_voice_route),
        read=False,
        arguments=_ASSIGN,
        result=_NO_CONTENT,
        rewrite=_ROUTE_BODY,
    ),
    sdk_row(
        _C,
        "list_edge_strategies",
        (),
        "GET /v2/routes/edge_strategies",
        "routes.list_edge_strategies",
        forward(lambda v2: v2.routes.list_edge_strategies),
        read=True,
    ),
)
_ROW = {row.method: row for row in ROWS}


class RoutesController(BaseController):
    """``client.routes``: create and list inbound routes; set a number's routes."""

    def create_an_inbound_route(self, body: Any) -> Any:
        """Create the route described by `body` (JSON text); the new route's document."""
        return run(_ROW["create_an_inbound_route"], locals())

    def list_inbound_routes(self, limit: Any = None, offset: Any = None) -> Any:
        """The account's routes: ``{"data": [...], "links": ...}``."""
        return run(_ROW["list_inbound_routes"], locals())

    def update_primary_voice_route(self, number_id: Any, body: Any) -> Any:
        """Make the route in `body` the primary route of `number_id`; ``''`` (204)."""
        return run(_ROW["update_primary_voice_route"], locals())

    def update_failover_voice_route(self, number_id: Any, body: Any) -> Any:
        """Make the route in `body` the failover route of `number_id`; ``''`` (204)."""
        return run(_ROW["update_failover_voice_route"], locals())

    def list_edge_strategies(self) -> Any:
        """The edge strategies a route can name: ``{"data": [...]}``."""
        return run(_ROW["list_edge_strategies"], locals())

    # Earlier releases of this drop-in also took these longer names; both work.
    update_primary_voice_route_for_a_phone_number = update_primary_voice_route
    update_failover_voice_route_for_a_phone_number = update_failover_voice_route
