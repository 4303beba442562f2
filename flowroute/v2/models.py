"""The v2 / v2.1 resources as typed, frozen values, and the request bodies.

Models hold no wire rules: how JSON:API documents map onto them lives in
the v2 converter. Every resource keeps the JSON it was read from
in ``raw`` (a reference, not a copy), so fields the API adds later are not
lost. The two request models render the documented JSON:API request body.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional, Union

import attrs

if TYPE_CHECKING:
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

# The number services' models are made on first use: an attrs class costs
# about half a millisecond to create, and a program that lists numbers
# should not pay for the E911, CNAM and CDR classes.
_SERVICE_MODELS = frozenset(
    {
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
    }
)


def __getattr__(name: str) -> Any:
    if name not in _SERVICE_MODELS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import _service_models

    value = getattr(_service_models, name)
    globals()[name] = value
    return value


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

_NANODOLLARS_PER_DOLLAR = -9  # decimal exponent: 1 nanodollar = 1e-9 dollars


class RouteType(str, enum.Enum):
    """Kinds of inbound voice route. Values the API adds later stay plain strings."""

    HOST = "host"
    NUMBER = "number"
    URI = "uri"
    SIP_REG = "sip-reg"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class AreaCode:
    """An area code (NPA) with purchasable numbers.

    Attributes:
        id: the three-digit area code, e.g. ``"201"``.
        raw: the JSON resource object as received.
    """

    id: str
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Exchange:
    """An exchange (NPA-NXX) with purchasable numbers.

    Attributes:
        id: the six digits of area code and exchange, e.g. ``"347215"``.
        raw: the JSON resource object as received.
    """

    id: str
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class AvailableNumber:
    """A phone number that can be purchased.

    Attributes:
        id: the number's id (its 11-digit form), used to purchase it.
        value: the number in 11-digit form, e.g. ``"16463439507"``.
        rate_center: the abbreviated rate center, e.g. ``"nwyrcyzn01"``.
        state: the two-letter state, as the API spells it (often lower case).
        number_type: ``"standard"`` or ``"tollfree"``.
        setup_cost: one-time cost in US dollars.
        monthly_cost: monthly cost in US dollars.
        raw: the JSON resource object as received.
    """

    id: str
    value: str
    setup_cost: Decimal
    monthly_cost: Decimal
    rate_center: Optional[str] = None
    state: Optional[str] = None
    number_type: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Route:
    """An inbound voice route.

    Attributes:
        id: the route id; ``"0"`` is the built-in ``sip-reg`` route.
        route_type: a `RouteType`, or the API's string for a type this
            library does not know yet.
        value: the host, number or URI calls are sent to (None for sip-reg).
        alias: the route's name.
        edge_strategy: the id of the route's edge strategy, when it names one.
        raw: the JSON resource object as received.
    """

    id: str
    route_type: Union[RouteType, str]
    value: Optional[str] = None
    alias: Optional[str] = None
    edge_strategy: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Number:
    """A phone number on the account.

    Attributes:
        id: the number's id (its 11-digit form).
        value: the number in 11-digit form.
        alias: the name given to the number, if any.
        rate_center: the abbreviated rate center.
        state: the two-letter state.
        number_type: ``"standard"``, ``"tollfree"`` or ``"inum"``.
        cnam_lookups_enabled: whether inbound caller-name lookups are on.
        primary_route_id: id of the primary voice route, if set.
        failover_route_id: id of the failover voice route, if set.
        primary_route: the primary `Route`, when the response included it.
        failover_route: the failover `Route`, when the response included it.
        e911_address_id: id of the E911 address, if one is associated.
        cnam_preset_id: id of the CNAM preset, if one is associated.
        raw: the JSON resource object as received.
    """

    id: str
    value: str
    alias: Optional[str] = None
    rate_center: Optional[str] = None
    state: Optional[str] = None
    number_type: Optional[str] = None
    cnam_lookups_enabled: Optional[bool] = None
    primary_route_id: Optional[str] = None
    failover_route_id: Optional[str] = None
    primary_route: Optional[Route] = None
    failover_route: Optional[Route] = None
    e911_address_id: Optional[str] = None
    cnam_preset_id: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class DeliveryReceipt:
    """One delivery report for an outbound message.

    Attributes:
        status: the carrier's status, e.g. ``"delivered"``.
        status_code: the numeric status code, when given.
        status_code_description: the status in words.
        timestamp: when the report was made (UTC).
        level: the report's level (1: from the SMSC, 2: from the carrier).
        raw: the JSON object as received.
    """

    status: Optional[str] = None
    status_code: Optional[int] = None
    status_code_description: Optional[str] = None
    timestamp: Optional[datetime.datetime] = None
    level: Optional[int] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Message:
    """A message detail record (MDR) of an SMS or MMS.

    Attributes:
        id: the record id, ``"mdr2-..."``.
        to: the receiving number.
        from_: the sending number (``from`` in the API).
        body: the text, if any.
        status: the delivery status, e.g. ``"delivered"``.
        direction: ``"inbound"`` or ``"outbound"``.
        is_mms: whether the message is an MMS.
        message_type: ``"longcode"`` or ``"toll-free"``.
        message_encoding: the API's encoding code (0: GSM-7 or ASCII).
        timestamp: when the message was sent or received (UTC).
        amount_nanodollars: the charge, in billionths of a dollar.
        amount_display: the charge as the API formats it, e.g. ``"$0.0040"``.
        delivery_receipts: the delivery reports, oldest last as the API lists them.
        media_urls: URLs of the attached media, when the record lists them.
        media: ids of the attached media resources, when related.
        raw: the JSON resource object as received.
    """

    id: str
    to: str
    from_: str
    body: Optional[str] = None
    status: Optional[str] = None
    direction: Optional[str] = None
    is_mms: bool = False
    message_type: Optional[str] = None
    message_encoding: Optional[int] = None
    timestamp: Optional[datetime.datetime] = None
    amount_nanodollars: Optional[int] = None
    amount_display: Optional[str] = None
    delivery_receipts: tuple[DeliveryReceipt, ...] = ()
    media_urls: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    raw: Any = attrs.field(default=None, repr=False, eq=False)

    @property
    def amount(self) -> Optional[Decimal]:
        """The charge in US dollars, exactly (``amount_nanodollars`` / 10^9)."""
        if self.amount_nanodollars is None:
            return None
        return Decimal(self.amount_nanodollars).scaleb(_NANODOLLARS_PER_DOLLAR)


@attrs.frozen(kw_only=True)
class NewRoute:
    """The body of a route to create.

    Attributes:
        route_type: ``"host"``, ``"number"`` or ``"uri"`` (or a `RouteType`).
        value: the host name, phone number or SIP URI to send calls to.
        alias: a name for the route; the API requires one, so
            ``create_an_inbound_route`` refuses a route without it.
        edge_strategy: the id of an edge strategy (see
            ``list_edge_strategies``), e.g. ``"1"``; None for the default.
    """

    route_type: Union[RouteType, str]
    value: str
    alias: Optional[str] = None
    edge_strategy: Optional[Union[str, int]] = None

    def to_body(self) -> dict[str, Any]:
        """The documented JSON:API request body; unset optional attributes are left out."""
        attributes: dict[str, Any] = {"route_type": str(self.route_type), "value": self.value}
        if self.alias is not None:
            attributes["alias"] = self.alias
        if self.edge_strategy is not None:
            attributes["edge_strategy"] = str(self.edge_strategy)
        return {"data": {"type": "route", "attributes": attributes}}


@attrs.frozen(kw_only=True)
class NewMessage:
    """The body of an SMS or MMS to send.

    Attributes:
        to: the receiving number.
        from_: the sending number, one of the account's (``from`` in the API).
        body: the text; may be None only for an MMS with media.
        is_mms: send as MMS, even with text only (media make it one anyway).
        media_urls: http(s) URLs of the media to attach (an MMS).
        dlr_callback: a URL for this message's delivery reports.
    """

    to: str
    from_: str
    body: Optional[str] = None
    is_mms: bool = False
    media_urls: Sequence[str] = ()
    dlr_callback: Optional[str] = None

    def to_body(self) -> dict[str, Any]:
        """The documented JSON:API request body; unset optional attributes are left out."""
        attributes: dict[str, Any] = {"to": self.to, "from": self.from_}
        if self.body is not None:
            attributes["body"] = self.body
        if self.is_mms:
            attributes["is_mms"] = True
        if self.media_urls:
            attributes["media_urls"] = list(self.media_urls)
        if self.dlr_callback is not None:
            attributes["dlr_callback"] = self.dlr_callback
        return {"data": {"type": "message", "attributes": attributes}}
