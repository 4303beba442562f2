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
from .errors import ConfigurationError

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


def _check_non_negative(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value < 0:
        raise ConfigurationError(f"{attribute.name} must be >= 0, got {value!r}")


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
    initial_backoff: float = attrs.field(default=c.INITIAL_BACKOFF, validator=_check_non_negative)
    max_backoff: float = attrs.field(default=c.MAX_BACKOFF, validator=_check_non_negative)
    retry_after_cap: float = attrs.field(default=c.RETRY_AFTER_CAP, validator=_check_non_negative)
    budget: float = attrs.field(default=c.RETRY_BUDGET, validator=_check_non_negative)
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False)
    clock: Callable[[], float] = attrs.field(default=time.monotonic, repr=False)
    wallclock: Callable[[], float] = attrs.field(default=time.time, repr=False)
    random: Callable[[], float] = attrs.field(default=_random.random, repr=False)

    @max_retries.validator
    def _check_max_retries(self, _: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigurationError(f"max_retries must be an int >= 0, got {value!r}")

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
