"""The v2 / v2.1 API (HTTP basic auth, JSON:API, offset paging).

``client.v2.numbers``, ``.routes``, ``.messages``, ``.e911s``, ``.cnams``,
``.cdrs`` and ``.porting`` keep the method names of Flowroute's v3 SDK and return typed models (see
`flowroute.v2.models`). The controllers are imported when first used.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable

from . import models

if TYPE_CHECKING:
    import requests

    from .._transport import Transport
    from .cdrs import CdrsController
    from .cnams import CnamsController
    from .e911s import E911sController
    from .messages import MessagesController
    from .models import (
        E911_ADDRESS_TYPES,
        AreaCode,
        AvailableNumber,
        CallDetailRecord,
        CdrExport,
        CdrExportStatus,
        Cnam,
        CnamAssociation,
        DeliveryReceipt,
        E911Address,
        EdgeStrategy,
        Exchange,
        Message,
        NewE911Address,
        NewMessage,
        NewRoute,
        Number,
        Portability,
        Route,
        RouteType,
    )
    from .numbers import NumbersController
    from .porting import PortingController
    from .routes import RoutesController

__all__ = [
    "E911_ADDRESS_TYPES",
    "V2",
    "AreaCode",
    "AvailableNumber",
    "CallDetailRecord",
    "CdrExport",
    "CdrExportStatus",
    "Cnam",
    "CnamAssociation",
    "DeliveryReceipt",
    "E911Address",
    "EdgeStrategy",
    "Exchange",
    "Message",
    "NewE911Address",
    "NewMessage",
    "NewRoute",
    "Number",
    "Portability",
    "Route",
    "RouteType",
]


class V2:
    """The v2 / v2.1 API of one Client: one controller per resource.

    Args:
        transport: the Client's Transport.
        auth: returns the basic-auth object; called at each request, so a
            missing credential is reported when the API is used.
    """

    def __init__(self, transport: Transport, auth: Callable[[], requests.auth.AuthBase]) -> None:
        self._transport = transport
        self._auth = auth

    @cached_property
    def numbers(self) -> NumbersController:
        """Search the inventory, buy, list and release numbers."""
        from .numbers import NumbersController

        return NumbersController(self._transport, self._auth)

    @cached_property
    def routes(self) -> RoutesController:
        """Create inbound voice routes, list them and assign them to numbers."""
        from .routes import RoutesController

        return RoutesController(self._transport, self._auth)

    @cached_property
    def messages(self) -> MessagesController:
        """Send SMS/MMS and look up their records (the v2.1 messaging API)."""
        from .messages import MessagesController

        return MessagesController(self._transport, self._auth)

    @cached_property
    def e911s(self) -> E911sController:
        """Validate and save E911 addresses, and assign them to numbers."""
        from .e911s import E911sController

        return E911sController(self._transport, self._auth)

    @cached_property
    def cnams(self) -> CnamsController:
        """CNAM records, the caller name shown on outbound calls."""
        from .cnams import CnamsController

        return CnamsController(self._transport, self._auth)

    @cached_property
    def cdrs(self) -> CdrsController:
        """Ask for exports of call detail records, download and read them."""
        from .cdrs import CdrsController

        return CdrsController(self._transport, self._auth)

    @cached_property
    def porting(self) -> PortingController:
        """Check whether numbers can be ported to Flowroute."""
        from .porting import PortingController

        return PortingController(self._transport, self._auth)

    def __repr__(self) -> str:
        return "V2(numbers, routes, messages, e911s, cnams, cdrs, porting)"


def __getattr__(name: str) -> Any:
    # The models, made on first use (see flowroute.v2.models).
    if name not in models.__all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(models, name)
