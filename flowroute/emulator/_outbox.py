"""What the emulated service has to POST to the app, and every attempt made.

A plain queue of deliveries (URL, payload, when due) and the record of
each attempt; no HTTP here. The `_courier` takes what is due and sends it.
Deliveries that fail are queued again, as the service retries: it resends
an inbound message that was not answered with 200 up to four more times,
30 seconds apart (Flowroute, "Setting up inbound messages"); the emulator
does the same for every callback, on its own clock.
"""

from __future__ import annotations

import itertools
import threading
from datetime import datetime, timedelta
from typing import Any, Optional

import attrs

__all__ = ["MAX_ATTEMPTS", "RETRY_INTERVAL", "CallbackAttempt", "Delivery", "Outbox"]

MAX_ATTEMPTS = 5  # the first POST and four retries
RETRY_INTERVAL = timedelta(seconds=30)


@attrs.frozen(kw_only=True)
class Delivery:
    """One callback to POST.

    Attributes:
        url: where to POST it.
        kind: ``"sms"``, ``"mms"`` (inbound messages), ``"dlr"`` (a delivery
            receipt) or ``"cdr"`` (a CDR export done).
        payload: the JSON document, as the service sends it.
        due: when to POST it, on the emulator's clock.
        attempt: 1 for the first try, 2 for the first retry, ...
    """

    url: str
    kind: str
    payload: Any = attrs.field(repr=False)
    due: datetime
    attempt: int = 1
    seq: int = attrs.field(default=0, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class CallbackAttempt:
    """One POST the emulator made to a callback URL.

    Attributes:
        url: where it was POSTed.
        kind: ``"sms"``, ``"mms"``, ``"dlr"`` or ``"cdr"``.
        payload: the JSON document sent.
        attempt: 1 for the first try, 2 for the first retry, ...
        at: when, on the emulator's clock.
        status: the app's HTTP status, or None when no answer came.
        error: why the attempt failed (no answer, or a status other than
            2xx), or None when it succeeded.
    """

    url: str
    kind: str
    payload: Any
    attempt: int
    at: datetime
    status: Optional[int]
    error: Optional[str]

    @property
    def ok(self) -> bool:
        """Whether the app answered with a 2xx status."""
        return self.error is None


class Outbox:
    """Deliveries waiting to be POSTed, and the attempts made so far."""

    def __init__(self) -> None:
        self.changed = threading.Condition(threading.Lock())
        self._pending: list[Delivery] = []
        self._attempts: list[CallbackAttempt] = []
        self._seq = itertools.count()

    def add(self, url: str, kind: str, payload: Any, due: datetime, attempt: int = 1) -> None:
        """Queue a delivery; wakes whoever waits for work."""
        delivery = Delivery(
            url=url, kind=kind, payload=payload, due=due, attempt=attempt, seq=next(self._seq)
        )
        with self.changed:
            self._pending.append(delivery)
            self.changed.notify_all()

    def take_due(self, now: datetime) -> list[Delivery]:
        """Remove and return the deliveries due at `now`, oldest first."""
        with self.changed:
            due = [d for d in self._pending if d.due <= now]
            self._pending = [d for d in self._pending if d.due > now]
        return sorted(due, key=lambda d: (d.due, d.seq))

    def record(
        self, delivery: Delivery, at: datetime, status: Optional[int], error: Optional[str]
    ) -> CallbackAttempt:
        """Note one attempt; a failed one is queued again until `MAX_ATTEMPTS`."""
        attempt = CallbackAttempt(
            url=delivery.url,
            kind=delivery.kind,
            payload=delivery.payload,
            attempt=delivery.attempt,
            at=at,
            status=status,
            error=error,
        )
        with self.changed:
            self._attempts.append(attempt)
            self.changed.notify_all()
        if error is not None and delivery.attempt < MAX_ATTEMPTS:
            retry_at = at + RETRY_INTERVAL
            self.add(delivery.url, delivery.kind, delivery.payload, retry_at, delivery.attempt + 1)
        return attempt

    @property
    def attempts(self) -> list[CallbackAttempt]:
        """Every attempt so far, oldest first (a snapshot)."""
        with self.changed:
            return list(self._attempts)

    def attempts_unlocked(self) -> list[CallbackAttempt]:
        """The attempts list itself, for callers holding `changed`."""
        return self._attempts

    def has_due(self, now: datetime) -> bool:
        """Whether a delivery is due at `now`; call holding `changed`."""
        return any(d.due <= now for d in self._pending)

    @property
    def pending(self) -> list[Delivery]:
        """The deliveries not yet made, due or not (a snapshot)."""
        with self.changed:
            return list(self._pending)

    def clear(self) -> None:
        """Forget every pending delivery and every attempt."""
        with self.changed:
            self._pending.clear()
            self._attempts.clear()
            self.changed.notify_all()
