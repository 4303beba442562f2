"""When to retry a request and how long to wait: the policy, apart from the loop.

The Transport owns the loop; this module answers its two questions. Time,
sleep and randomness are injected so that tests never sleep.
"""

from __future__ import annotations

import email.utils
import functools
import random as _random
import time
from typing import Any, Callable, Optional

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


def _check_seconds(name: str, value: float) -> None:
    # `not 0 <= value` also refuses NaN, which every comparison would let through.
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not 0 <= value <= c.MAX_TIMEOUT
    ):
        raise ConfigurationError(
            f"{name} must be seconds from 0 to {c.MAX_TIMEOUT:g}, got {value!r}"
        )


class RetryPolicy:
    """How a Client retries: exponential backoff with full jitter, within a budget.

    Only idempotent requests are retried after a response or a read failure;
    a non-idempotent request (a POST) is retried only when the connection
    could not be made, so it cannot have reached the server. A frozen value:
    policies with the same settings are equal.

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

    # A plain slotted class rather than an attrs one: every Client makes a
    # policy, and creating an attrs class costs about a millisecond at import.
    __slots__ = _FIELDS = (
        "max_retries",
        "initial_backoff",
        "max_backoff",
        "retry_after_cap",
        "budget",
        "sleep",
        "clock",
        "wallclock",
        "random",
    )
    _SHOWN = 5  # repr shows the numbers, not the injected callables

    max_retries: int
    initial_backoff: float
    max_backoff: float
    retry_after_cap: float
    budget: float
    sleep: Callable[[float], None]
    clock: Callable[[], float]
    wallclock: Callable[[], float]
    random: Callable[[], float]

    def __init__(
        self,
        *,
        max_retries: int = c.DEFAULT_MAX_RETRIES,
        initial_backoff: float = c.INITIAL_BACKOFF,
        max_backoff: float = c.MAX_BACKOFF,
        retry_after_cap: float = c.RETRY_AFTER_CAP,
        budget: float = c.RETRY_BUDGET,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wallclock: Callable[[], float] = time.time,
        random: Callable[[], float] = _random.random,
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ConfigurationError(f"max_retries must be an int >= 0, got {max_retries!r}")
        seconds = (initial_backoff, max_backoff, retry_after_cap, budget)
        for name, value in zip(self._FIELDS[1:5], seconds):
            _check_seconds(name, value)
        settings = (max_retries, *seconds, sleep, clock, wallclock, random)
        for name, setting in zip(self._FIELDS, settings):
            object.__setattr__(self, name, setting)  # past the frozen __setattr__

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"RetryPolicy is frozen: make a new one to change {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"RetryPolicy is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not RetryPolicy:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[Any, ...]:
        # copy and pickle rebuild it through __init__, past the frozen __setattr__.
        return (functools.partial(RetryPolicy, **dict(zip(self._FIELDS, self._values()))), ())

    def __repr__(self) -> str:
        shown = (f"{name}={getattr(self, name)!r}" for name in self._FIELDS[: self._SHOWN])
        return f"RetryPolicy({', '.join(shown)})"

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
