"""The records the emulator's state holds: numbers, routes, messages.

Plain attrs classes with Python values (`Decimal` money, aware `datetime`
timestamps); how they look on the wire is each API version's business.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Optional

import attrs

__all__ = ["AccountNumber", "AvailableNumber", "DeliveryReceipt", "Media", "Message", "Route"]


@attrs.frozen(kw_only=True)
class AvailableNumber:
    """A number in the purchasable inventory.

    Attributes:
        number: 11 digits, e.g. ``"12065550123"``.
        npa: the area code (3 digits).
        nxx: the exchange (3 digits, without the area code).
        rate_center: lowercase abbreviated rate center, e.g. ``"seattle"``.
        state: lowercase two-letter state, e.g. ``"wa"``.
        number_type: ``"standard"``.
        setup_cost: one-off price in dollars.
        monthly_cost: recurring price in dollars.
    """

    number: str
    npa: str
    nxx: str
    rate_center: str
    state: str
    number_type: str
    setup_cost: Decimal
    monthly_cost: Decimal


@attrs.define(kw_only=True)
class AccountNumber:
    """A number the account owns, with its voice routing.

    Attributes:
        number: 11 digits.
        alias: the customer's label, or None.
        rate_center: as in the inventory.
        state: as in the inventory.
        number_type: as in the inventory.
        cnam_lookups_enabled: whether inbound CNAM lookups are on.
        primary_route_id: id of the primary voice route; ``"0"`` is sip-reg.
        failover_route_id: id of the failover voice route, or None.
        billing_method: ``"METERED"`` or ``"VPRI"`` (a v1 notion).
        purchased_at: when it was bought, from the emulator's clock.
        listing: the inventory record, put back on release.
    """

    number: str
    alias: Optional[str]
    rate_center: str
    state: str
    number_type: str
    cnam_lookups_enabled: bool
    primary_route_id: str
    failover_route_id: Optional[str]
    billing_method: str
    purchased_at: datetime
    listing: AvailableNumber = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class Route:
    """An inbound voice route.

    Attributes:
        id: numeric string; ``"0"`` is the built-in sip-reg route.
        alias: the route's name (the v1 route name), unique per account.
        route_type: ``"host"``, ``"number"``, ``"uri"`` or ``"sip-reg"``.
        value: where calls go (host[:port], number, SIP URI), or None for sip-reg.
        edge_strategy: id of the edge strategy calls leave from, or None.
    """

    id: str
    alias: str
    route_type: str
    value: Optional[str]
    edge_strategy: Optional[str] = None


@attrs.frozen(kw_only=True)
class DeliveryReceipt:
    """One step in a message's delivery.

    Attributes:
        level: 1 for the first hop, 2 for the carrier.
        status: short status text.
        status_code: the carrier's numeric code, or None.
        description: human explanation of the status.
        timestamp: when this step happened.
    """

    level: int
    status: str
    status_code: Optional[int]
    description: str
    timestamp: datetime


@attrs.frozen(kw_only=True)
class Media:
    """A file attached to an inbound MMS, as the service describes it.

    Attributes:
        id: the media's id.
        url: where the service keeps the file.
        file_name: its name, e.g. ``"image000000.png"``.
        file_size: its size in bytes.
        mime_type: its media type, e.g. ``"image/png"``.
    """

    id: str
    url: str
    file_name: str
    file_size: int
    mime_type: str


@attrs.frozen(kw_only=True)
class Message:
    """A message detail record (MDR).

    Attributes:
        id: ``"mdr2-"`` followed by 32 hex digits.
        to: recipient number.
        from_: sender number (``from`` on the wire).
        body: text of the message.
        is_mms: whether it is an MMS.
        media_urls: attached media, for MMS.
        direction: ``"outbound"`` or ``"inbound"``.
        status: delivery status text.
        timestamp: when it was accepted.
        amount_nanodollars: its price, in billionths of a dollar.
        message_type: ``"longcode"`` or ``"toll-free"``.
        message_encoding: 0 for GSM-7 text.
        delivery_receipts: the delivery steps so far.
        dlr_callback: where this message's delivery receipts go, when the
            sender named a URL for it alone.
        media: the files of an inbound MMS.
    """

    id: str
    to: str
    from_: str
    body: str
    is_mms: bool
    media_urls: tuple[str, ...]
    direction: str
    status: str
    timestamp: datetime
    amount_nanodollars: int
    message_type: str
    message_encoding: int
    delivery_receipts: tuple[DeliveryReceipt, ...]
    dlr_callback: Optional[str] = None
    media: tuple[Media, ...] = ()
