"""The v1 API: HMAC-signed, paged by page number, bodies keyed by id.

``client.v1`` is a `V1`; its controllers keep the method names, argument
orders and defaults of the documented v1 library, and return typed models
(`flowroute.v1.models`) and `flowroute.Page` listings instead of raw JSON.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Callable

from .inbound_routes import InboundRoutesController
from .models import (
    AvailableTelephoneNumber,
    BillingMethod,
    Npa,
    NpaNxx,
    Route,
    RouteType,
    TelephoneNumber,
)
from .purchasable_phone_numbers import PurchasablePhoneNumbersController
from .telephone_numbers import TelephoneNumbersController

if TYPE_CHECKING:
    import requests

    from .._transport import Transport

__all__ = [
    "V1",
    "AvailableTelephoneNumber",
    "BillingMethod",
    "InboundRoutesController",
    "Npa",
    "NpaNxx",
    "PurchasablePhoneNumbersController",
    "Route",
    "RouteType",
    "TelephoneNumber",
    "TelephoneNumbersController",
]


class V1:
    """The v1 API: ``purchasable_phone_numbers``, ``telephone_numbers``, ``inbound_routes``.

    Args:
        transport: the Client's Transport (shared with v2).
        auth: returns the v1 signing auth object; called per request, so a
            Client without credentials fails only when it is used.
    """

    def __init__(self, transport: Transport, auth: Callable[[], requests.auth.AuthBase]) -> None:
        self._transport = transport
        self._auth = auth

    @cached_property
    def purchasable_phone_numbers(self) -> PurchasablePhoneNumbersController:
        """Search the inventory of area codes, exchanges and numbers for sale."""
        return PurchasablePhoneNumbersController(self._transport, self._auth)

    @cached_property
    def telephone_numbers(self) -> TelephoneNumbersController:
        """Purchase numbers, list them, read their details, set their routes."""
        return TelephoneNumbersController(self._transport, self._auth)

    @cached_property
    def inbound_routes(self) -> InboundRoutesController:
        """List and create inbound routes."""
        return InboundRoutesController(self._transport, self._auth)
