"""Messages: accepting outbound ones, their delivery steps and receipts, inbound ones.

An outbound message is checked and stored as sent by one of the account's
numbers (`Messaging.send`). A sent message moves through its steps on the emulator's clock: queued
when accepted, sent (handed to the carrier) one interval later, then
delivered, or failed when its recipient is one a test marked as failing.
Each step adds a delivery receipt to the message's record and, when a DLR
callback URL applies, queues the receipt's POST in the outbox. The URL is
the message's own ``dlr_callback``, else the sending number's, else the
account's, as the service documents the override.

Inbound messages are what a test injects: stored as records with
direction ``inbound`` and POSTed to the receiving number's SMS or MMS
callback URL, else the account's.
"""

from __future__ import annotations

import heapq
import itertools
import mimetypes
import posixpath
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Optional, Union
from urllib.parse import urlsplit

import attrs

from . import _payloads
from ._checks import ACCOUNT_NUMBER, E164_DIGITS, HTTP_URL, check
from .errors import Forbidden, Invalid
from .models import DeliveryReceipt, Media, Message

if TYPE_CHECKING:
    from .state import State

__all__ = [
    "MMS_PRICE_NANODOLLARS",
    "SMS_PRICE_NANODOLLARS",
    "STEPS",
    "MediaSpec",
    "Messaging",
    "Step",
]

SMS_PRICE_NANODOLLARS = 4_000_000
MMS_PRICE_NANODOLLARS = 20_000_000

MediaSpec = Union[str, Mapping[str, Any]]
"""A file of an injected MMS: its URL, or a dict with ``url`` and optionally
``file_name``, ``file_size`` and ``mime_type``."""


@attrs.frozen
class Step:
    """One state of a sent message, and the receipt it produces."""

    name: str
    level: int
    status: str
    status_code: Optional[int]
    description: str


# The emulator's receipts; the codes are its own choice (the service's
# table of codes is longer). Level 1 is the hand-over to the carrier,
# level 2 what the carrier reports after.
QUEUED = Step("queued", 2, "message buffered", 1003, "Message accepted by Carrier")
SENT = Step("sent", 1, "smsc submit", None, "Message has been sent")
DELIVERED = Step("delivered", 2, "delivered", 1000, "Message delivered to handset")
FAILED = Step("failed", 2, "undeliverable", 1010, "Message could not be delivered to handset")
STEPS = (QUEUED, SENT, DELIVERED, FAILED)
"""Every step: queued, sent, then delivered or failed."""


def _receipt(step: Step, at: datetime) -> DeliveryReceipt:
    return DeliveryReceipt(
        level=step.level,
        status=step.status,
        status_code=step.status_code,
        description=step.description,
        timestamp=at,
    )


class Messaging:
    """Delivery steps due, failing recipients, inbound messages; part of a `State`.

    Attributes:
        interval: time between a message's steps (none by default: every
            step is due at once).
        mdr_delay: how long a new record stays out of lookups, as records
            on the service appear a moment after sending (none by default).
        failing: recipients whose messages fail instead of being delivered.
    """

    def __init__(self, state: State) -> None:
        self._state = state
        self.interval = timedelta(0)
        self.mdr_delay = timedelta(0)
        self.failing: set[str] = set()
        self._due: list[tuple[datetime, int, str, Step]] = []
        self._seq = itertools.count()

    def send(
        self,
        to: Any,
        from_: Any,
        body: Any,
        media_urls: Sequence[str],
        is_mms: bool,
        dlr_callback: Optional[str],
    ) -> Message:
        """Accept an outbound message; see `State.send_message`."""
        check(E164_DIGITS, to, "to", "an E.164 number without '+', e.g. 12065550123")
        check(ACCOUNT_NUMBER, from_, "from", "11 digits starting with 1")
        if not isinstance(body, str):
            raise Invalid("body must be a string", "body")
        for url in media_urls:
            check(HTTP_URL, url, "media_urls", "http(s) URLs")
        if dlr_callback is not None:
            check(HTTP_URL, dlr_callback, "dlr_callback", "an http(s) URL")
        if not body and not media_urls:
            raise Invalid("a message needs a body or media", "body")
        state = self._state
        sender = state.account.get(from_)
        if sender is None:
            raise Forbidden(f"from number {from_} is not on this account")
        now = state.clock()
        is_mms = is_mms or bool(media_urls)  # media make it an MMS (see send_message)
        message = Message(
            id=f"mdr2-{state.random.getrandbits(128):032x}",
            to=to,
            from_=from_,
            body=body,
            is_mms=is_mms,
            media_urls=tuple(media_urls),
            direction="outbound",
            status="message buffered",
            timestamp=now,
            amount_nanodollars=MMS_PRICE_NANODOLLARS if is_mms else SMS_PRICE_NANODOLLARS,
            message_type="toll-free" if sender.number_type == "tollfree" else "longcode",
            message_encoding=0,
            delivery_receipts=(_receipt(QUEUED, now),),
            dlr_callback=dlr_callback,
        )
        state.messages_by_id[message.id] = message
        self._accepted(message)
        return message

    def _accepted(self, message: Message) -> None:
        """Schedule the steps of a message just sent, and POST its first receipt."""
        last = FAILED if message.to in self.failing else DELIVERED
        for n, step in enumerate((SENT, last), start=1):
            due = message.timestamp + self.interval * n
            heapq.heappush(self._due, (due, next(self._seq), message.id, step))
        self._post_receipt(message, message.delivery_receipts[-1])

    def advance(self) -> None:
        """Take every step due on the clock now."""
        now = self._state.clock()
        while self._due and self._due[0][0] <= now:
            due, _, message_id, step = heapq.heappop(self._due)
            message = self._state.messages_by_id.get(message_id)
            if message is None:
                continue
            receipt = _receipt(step, due)
            message = attrs.evolve(
                message,
                status=step.status,
                delivery_receipts=(*message.delivery_receipts, receipt),
            )
            self._state.messages_by_id[message_id] = message
            self._post_receipt(message, receipt)

    def visible(self, message: Message) -> bool:
        """Whether lookups find the record yet."""
        until = self.visible_until()
        return until is not None and message.timestamp <= until

    def visible_until(self) -> Optional[datetime]:
        """Lookups find the records stamped at or before this time; None: no record yet.

        That is `mdr_delay` before now on the clock (now, by default).
        """
        try:
            return self._state.clock() - self.mdr_delay
        except OverflowError:  # the clock is less than mdr_delay after the year 1
            return None

    def _post_receipt(self, message: Message, receipt: DeliveryReceipt) -> None:
        urls = self._state.callbacks.urls
        url = (
            message.dlr_callback
            or urls.get(("dlr_callback", message.from_))
            or urls.get(("dlr_callback", None))
        )
        if url:
            payload = _payloads.delivery_receipt_payload(message, receipt)
            self._state.outbox.add(url, "dlr", payload, receipt.timestamp)

    def receive(self, to: Any, from_: Any, body: Any, media: Sequence[MediaSpec]) -> Message:
        """Store an inbound message to one of the account's numbers and POST it to the app."""
        state = self._state
        state.number(to)  # Invalid or NotFound unless the account has it
        if not isinstance(from_, str) or not from_.isdigit() or not 10 <= len(from_) <= 15:
            raise Invalid(f"from must be an E.164 number without '+', got {from_!r}", "from")
        if not isinstance(body, str):
            raise Invalid("body must be a string", "body")
        if isinstance(media, (str, bytes)) or not isinstance(media, Sequence):
            raise Invalid("media must be a list of URLs or dicts", "media")
        if not body and not media:
            raise Invalid("a message needs a body or media", "body")
        hex_id = f"{state.random.getrandbits(128):032x}"
        files = tuple(_media(spec, f"{hex_id[:24]}-{n}") for n, spec in enumerate(media, 1))
        is_mms = bool(files)
        message = Message(
            id=f"mdr2-{hex_id}",
            to=to,
            from_=from_,
            body=body,
            is_mms=is_mms,
            media_urls=tuple(m.url for m in files),
            direction="inbound",
            status="" if is_mms else "delivered",
            timestamp=state.clock(),
            amount_nanodollars=0,
            message_type="toll-free" if state.number(to).number_type == "tollfree" else "longcode",
            message_encoding=0,
            delivery_receipts=(),
            media=files,
        )
        state.messages_by_id[message.id] = message
        kind = "mms" if is_mms else "sms"
        urls = state.callbacks.urls
        url = urls.get((f"{kind}_callback", to)) or urls.get((f"{kind}_callback", None))
        if url:
            payload = (
                _payloads.inbound_mms_payload(message)
                if is_mms
                else _payloads.inbound_sms_payload(message, url)
            )
            state.outbox.add(url, kind, payload, message.timestamp)
        return message


def _media(spec: MediaSpec, media_id: str) -> Media:
    fields = {"url": spec} if isinstance(spec, str) else dict(spec)
    url = fields.get("url")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise Invalid(f"media url must be an http(s) URL, got {url!r}", "media")
    name = fields.get("file_name") or posixpath.basename(urlsplit(url).path) or "file"
    mime = fields.get("mime_type") or mimetypes.guess_type(name)[0] or "application/octet-stream"
    size = fields.get("file_size", 0)
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise Invalid(f"media file_size must be a whole number of bytes, got {size!r}", "media")
    return Media(id=media_id, url=url, file_name=str(name), file_size=size, mime_type=str(mime))
