"""The v2 / v2.1 resources as typed, frozen values, and the request bodies.

Models hold no wire rules: how JSON:API documents map onto them lives in
the v2 converter. Every resource keeps the JSON it was read from
in ``raw`` (a reference, not a copy), so fields the API adds later are not
lost. The request models (`NewRoute`, `NewMessage`, `NewE911Address`)
render the documented JSON:API request body.

Every name here is defined in a private module per resource and imported
from it on first use (``flowroute.v2.models.Number`` and ``from
flowroute.v2.models import Number`` both work): an attrs class costs most
of a millisecond to create, and a program that lists its numbers should
not pay for the message, E911, CNAM and CDR classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _lazy_getattr

if TYPE_CHECKING:
    from ._inventory_models import AreaCode, AvailableNumber, Exchange
    from ._message_models import DeliveryReceipt, Message
    from ._number_models import Number
    from ._request_models import NewMessage, NewRoute
    from ._route_models import Route, RouteType
    from ._service_models import (
        E911_ADDRESS_TYPES,
        CallDetailRecord,
        CdrExport,
        CdrExportStatus,
        Cnam,
        CnamAssociation,
        E911Address,
        EdgeStrategy,
        NewE911Address,
        Portability,
    )

__all__ = [
    "E911_ADDRESS_TYPES",
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

# Where each name is defined: one private module per resource.
_HOMES = {
    **dict.fromkeys(("AreaCode", "AvailableNumber", "Exchange"), "._inventory_models"),
    **dict.fromkeys(("DeliveryReceipt", "Message"), "._message_models"),
    "Number": "._number_models",
    **dict.fromkeys(("NewMessage", "NewRoute"), "._request_models"),
    **dict.fromkeys(("Route", "RouteType"), "._route_models"),
    **dict.fromkeys(
        (
            "E911_ADDRESS_TYPES",
            "CallDetailRecord",
            "CdrExport",
            "CdrExportStatus",
            "Cnam",
            "CnamAssociation",
            "E911Address",
            "EdgeStrategy",
            "NewE911Address",
            "Portability",
        ),
        "._service_models",
    ),
}


__getattr__ = _lazy_getattr(__name__, __package__, _HOMES)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
