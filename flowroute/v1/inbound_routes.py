"""The account's inbound routes: where calls to its numbers are delivered."""

from __future__ import annotations

from typing import Optional, Union

from .._resource import Endpoint
from ..pagination import Page
from . import _arguments as check
from ._base import Listing, V1Controller
from .models import Route, RouteType

__all__ = ["InboundRoutesController"]

_LIST = Endpoint("GET", "/v1/routes/")
_CREATE = Endpoint(
    "PUT",
    "/v1/routes/{route_name}",
    buys=True,
    outcome="the route may have been created; list the inbound routes before retrying",
)

_ROUTE_ITEMS = Listing("routes", Route, "name")


class InboundRoutesController(V1Controller):
    """Inbound routes (``client.v1.inbound_routes``)."""

    def create_new_route(
        self, route_name: str, mtype: Union[RouteType, str], value: Union[int, str]
    ) -> None:
        """Create a route that numbers can then use (see `TelephoneNumbersController.update`).

        Args:
            route_name: a new, unique name of letters, digits, ``-`` and ``_``.
            mtype: ``"HOST"``, ``"PSTN"`` or ``"URI"`` (or a `RouteType`).
            value: for HOST an IP address or host name with an optional port
                (``24.239.23.40:5060``); for PSTN a phone number, sent as 11
                digits; for URI a SIP URI (``sip:alice@example.com``).

        Raises:
            ValidationError: a bad name, type or value (nothing is sent).
            APIError: the API refused, e.g. a malformed value.
        """
        kind = check.route_type(mtype)
        body = {"type": kind, "value": check.route_value(kind, value)}
        self._call(_CREATE, json=body, route_name=check.route_name(route_name))

    def list(self, limit: Optional[int] = None, page: Optional[int] = None) -> Page[Route]:
        """List the account's routes, including the built-in ``sip-reg``.

        Args:
            limit: routes per page, 1 to 200; the API's default is 10.
            page: the page to start from (1 is the first).

        Returns:
            A page of `Route` (name, type and value).

        Raises:
            ValidationError: a bad argument (nothing is sent).
        """
        params = {"limit": check.limit(limit), "page": check.page(page)}
        return self._page(_LIST, _ROUTE_ITEMS, params)
