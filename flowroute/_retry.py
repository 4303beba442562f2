"""When to retry a request and how long to wait: the policy, apart from the loop.

The Transport owns the loop; this module answers its two questions. Time,
sleep and randomness are injected so that tests never sleep.
"""

from __future__ import annotations

import email.utils
import random as _random
import time
from typing import Callable, Optional

import attrs

from . import _constants as c
from .errors import (
    ConfigurationError,
    DecodeError,
    FlowrouteError,
    ReadError,
    ResponseTooLargeError,
    TimeoutError,
)

__all__ = ["RetryPolicy", "parse_retry_after"]


def parse_retry_after(value: Optional[str], now: float) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now)


# Failures after sending that a second attempt of an idempotent call may not meet.
_RETRYABLE = (TimeoutError, ReadError, DecodeError)


def _check_seconds(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    # `not 0 <= value` also refuses NaN, which every comparison would let through.
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not 0 <= value <= c.MAX_TIMEOUT
    ):
        raise ConfigurationError(
            f"{attribute.name} must be seconds from 0 to {c.MAX_TIMEOUT:g}, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How a Client retries: exponential backoff with full jitter, within a budget.

    Only idempotent requests are retried after a response or a read failure;
    a non-idempotent request (a POST) is retried only when the connection
    could not be made, so it cannot have reached the server.

    Args:
        max_retries: retries after the first attempt (0 disables retrying).
        initial_backoff: seconds; the cap of the first jittered wait.
        max_backoff: seconds; no computed wait is longer.
        retry_after_cap: seconds; a longer Retry-After is cut to this.
        budget: seconds since the first attempt after which no retry starts.
        sleep: called with the seconds to wait.
        clock: monotonic seconds.
        wallclock: epoch seconds, to read Retry-After dates.
        random: returns a float in [0, 1), the jitter source.
    """

    max_retries: int = attrs.field(default=c.DEFAULT_MAX_RETRIES)
    initial_backoff: float = attrs.field(default=c.INITIAL_BACKOFF, validator=_check_seconds)
    max_backoff: float = attrs.field(default=c.MAX_BACKOFF, validator=_check_seconds)
    retry_after_cap: float = attrs.field(default=c.RETRY_AFTER_CAP, validator=_check_seconds)
    budget: float = attrs.field(default=c.RETRY_BUDGET, validator=_check_seconds)
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False)
    clock: Callable[[], float] = attrs.field(default=time.monotonic, repr=False)
    wallclock: Callable[[], float] = attrs.field(default=time.time, repr=False)
    random: Callable[[], float] = attrs.field(default=_random.random, repr=False)

    @max_retries.validator
    def _check_max_retries(self, _: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigurationError(f"max_retries must be an int >= 0, got {value!r}")

    def decide(
        self,
        attempt: int,
        started: float,
        *,
        idempotent: bool,
        failure: Optional[FlowrouteError],
        sent: bool,
        status: int,
        retry_after: Optional[str] = None,
    ) -> Optional[float]:
        """Every retry decision, in one place: seconds to wait before the next attempt, or None.

        Args:
            attempt: the attempt that just ended (1 for the first).
            started: `clock()` when the first attempt started.
            idempotent: whether sending the call again cannot repeat its effect.
            failure: the transport failure that ended the attempt, if any (a
                garbled success body counts as one).
            sent: whether the request may have reached the server.
            status: the response status, or 0 when none arrived.
            retry_after: the response's Retry-After header.

        A failure before anything was sent is retried for every call; any
        other outcome only for an idempotent call: a failure (but not an
        oversized body: it would be as large again) that a second try may
        not meet (a timeout, a broken read, a garbled body), or a status of
        `RETRY_STATUSES`. A TLS failure or a malformed response is not
        retried. Then only within `max_retries` and the `budget`.
        """
        if failure is not None and not sent:
            retryable = True
        elif not idempotent:
            retryable = False
        elif failure is not None:
            retryable = isinstance(failure, _RETRYABLE) and not isinstance(
                failure, ResponseTooLargeError
            )
        else:
            retryable = self.should_retry_status(status, idempotent)
        if not retryable:
            return None
        delay = self.delay(attempt, retry_after)
        return delay if self.allows(attempt, started, delay) else None

    def should_retry_status(self, status: int, idempotent: bool) -> bool:
        """A response status is worth retrying only for an idempotent request."""
        return idempotent and status in c.RETRY_STATUSES

    def delay(self, retry: int, retry_after: Optional[str] = None) -> float:
        """Seconds to wait before retry number `retry` (1-based)."""
        from_server = parse_retry_after(retry_after, self.wallclock())
        if from_server is not None:
            return min(from_server, self.retry_after_cap)
        ceiling: float = min(self.max_backoff, self.initial_backoff * 2.0 ** (retry - 1))
        return float(self.random()) * ceiling

    def allows(self, retry: int, started: float, delay: float) -> bool:
        """Whether retry number `retry` may start after waiting `delay` seconds."""
        return retry <= self.max_retries and self.clock() - started + delay <= self.budget
