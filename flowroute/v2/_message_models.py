"""Models of v2.1 messages: a message record and its delivery receipts.

One of the private homes of `flowroute.v2.models`, which re-exports every
name here and imports this module on first use.
"""

import datetime
from decimal import Decimal
from typing import Any, Optional

import attrs

__all__ = ["DeliveryReceipt", "Message"]

_NANODOLLARS_PER_DOLLAR = -9  # decimal exponent: 1 nanodollar = 1e-9 dollars


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
        delivery_receipts: the delivery reports, oldest last as the API lists them
            (checked when the message is read, built when first accessed).
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
    # Checked with the message, built when first read (see flowroute._structure.DEFERRED).
    delivery_receipts: tuple[DeliveryReceipt, ...] = attrs.field(
        default=(), metadata={"flowroute.deferred": True}
    )
    media_urls: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    raw: Any = attrs.field(default=None, repr=False, eq=False)

    @property
    def amount(self) -> Optional[Decimal]:
        """The charge in US dollars, exactly (``amount_nanodollars`` / 10^9)."""
        if self.amount_nanodollars is None:
            return None
        return Decimal(self.amount_nanodollars).scaleb(_NANODOLLARS_PER_DOLLAR)
