"""A drop-in for the published v3 SDK (``flowroutenumbersandmessaging``), call for call.

Code written for the SDK runs unchanged: the ``flowroutenumbersandmessaging``
package shipped with flowroute re-exports this one under the SDK's module
paths, so ::

    from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
        FlowroutenumbersandmessagingClient,
    )

keeps working (or import `FlowroutenumbersandmessagingClient` from here).
Every controller keeps the SDK's method names, argument orders and return
values: the JSON document the API answered (``""`` for an empty 204 body),
as the SDK returned it. Each call runs on ``flowroute.Client().v2``
(validation before sending, retries, one connection pool), reads
`Configuration` when it runs, and warns once per call site with a
`FlowrouteDeprecationWarning` naming the ``client.v2`` method to use
instead. Errors are the SDK's `APIException` and `ErrorException`, with
``e.context.response.status_code`` and ``.raw_body``.

Installing flowroute puts its ``flowroutenumbersandmessaging`` package on
``sys.path``: it takes the place of a copy of the published SDK installed
or checked out there, so uninstall one of the two.
"""

from __future__ import annotations

from .._row import LegacyCall
from ._session import LIBRARY, BaseController
from .api_helper import APIHelper
from .cdrs import CDR_ROWS as _CDRS
from .cdrs import PORTING_ROWS as _PORTING
from .cdrs import CDRsController, PortingController
from .client import FlowroutenumbersandmessagingClient
from .cnams import ROWS as _CNAMS
from .cnams import CNAMsController
from .configuration import Configuration, reset
from .e911s import ROWS as _E911S
from .e911s import E911sController
from .exceptions import APIException, ErrorException, HttpContext, HttpRequest, HttpResponse
from .messages import ROWS as _MESSAGES
from .messages import MessagesController
from .numbers import ROWS as _NUMBERS
from .numbers import NumbersController
from .routes import ROWS as _ROUTES
from .routes import RoutesController

__all__ = [
    "LIBRARY",
    "ROWS",
    "APIException",
    "APIHelper",
    "BaseController",
    "CDRsController",
    "CNAMsController",
    "Configuration",
    "E911sController",
    "ErrorException",
    "FlowroutenumbersandmessagingClient",
    "HttpContext",
    "HttpRequest",
    "HttpResponse",
    "MessagesController",
    "NumbersController",
    "PortingController",
    "RoutesController",
    "reset",
]

ROWS: tuple[LegacyCall, ...] = (
    *_NUMBERS,
    *_ROUTES,
    *_MESSAGES,
    *_E911S,
    *_CNAMS,
    *_CDRS,
    *_PORTING,
)
"""The SDK's calls as rows of `flowroute.compat.mapping.TABLE`, controller by controller."""
