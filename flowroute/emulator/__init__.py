"""An offline, stateful fake of the Flowroute API for tests and demos.

::

    from flowroute.emulator import Emulator, Fault

    emu = Emulator(seed=0)
    with emu.serve() as url:        # a real HTTP server on 127.0.0.1
        ...
    with emu.mock():                # in-process, through `responses`
        ...
    emu.inject(Fault.status(503), method="GET", times=2)   # fail on purpose
    emu.requests                    # the request log

One `State` (inventory, account numbers, routes, messages) sits behind one
`Dispatcher`, reached through either front door. The emulator never imports
the client side of this package, so each checks the other (the pytest
plugin, glue for users' tests, is the one module that does).
"""

from __future__ import annotations

import threading
import time
from contextlib import AbstractContextManager
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

from . import _inventory, _v1, _v2, _v2_cdr
from ._cdr_history import CDR_EXPORT_COLUMNS
from ._dispatch import Api, Credentials, Dispatcher
from ._faults import Fault
from ._log import DEFAULT_LOG_SIZE, LoggedRequest
from .errors import Conflict, EmulatorError, Forbidden, Invalid, NotFound, Unlocatable
from .state import State

__all__ = [
    "CDR_EXPORT_COLUMNS",
    "DEFAULT_BASE_URL",
    "Conflict",
    "Emulator",
    "EmulatorError",
    "Fault",
    "Forbidden",
    "Invalid",
    "LoggedRequest",
    "NotFound",
    "State",
    "Unlocatable",
]

DEFAULT_BASE_URL = "https://api.flowroute.com"

# The API generations served; each row brings its own auth, routes and errors.
_APIS: tuple[Api, ...] = (_v2.API, _v1.API, _v2_cdr.DOWNLOAD_API)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Emulator:
    """A fake Flowroute service with one account.

    Args:
        seed: seeds the generated inventory and ids; the same seed always
            gives the same state.
        access_key: the account's access key; derived from `seed` when None.
        secret_key: the account's secret key; derived from `seed` when None.
        clock: returns the current time as an aware datetime (message
            timestamps, purchase times, the v1 signature's 5-minute window);
            defaults to the system clock in UTC.
        sleep: waits out injected latency, in seconds; defaults to
            `time.sleep` (tests pass a fake).
        log_size: how many requests the request log keeps (the newest);
            None keeps every one, and memory grows with each request.
        strict: refuse query parameters the API does not document with a
            400. By default they are ignored, as the service ignores them,
            and each is noted in the request's log entry (``warnings``).

    Attributes:
        seed: the seed given.
        access_key: the access key requests must use.
        secret_key: the secret key requests must use.
    """

    def __init__(
        self,
        seed: int = 0,
        *,
        access_key: Optional[str] = None,
        secret_key: Optional[str] = None,
        clock: Optional[Callable[[], datetime]] = None,
        sleep: Callable[[float], None] = time.sleep,
        log_size: Optional[int] = DEFAULT_LOG_SIZE,
        strict: bool = False,
    ) -> None:
        derived_access, derived_secret = _inventory.credentials(seed)
        self.seed = seed
        self.access_key = derived_access if access_key is None else access_key
        self.secret_key = derived_secret if secret_key is None else secret_key
        lock = threading.RLock()
        self._state = State(seed, clock or _utc_now, lock)
        credentials = Credentials(
            access_key=self.access_key, secret_key=self.secret_key, clock=self._state.clock
        )
        self._dispatcher = Dispatcher(
            self._state,
            credentials,
            _APIS,
            lock,
            sleep=sleep,
            log_size=log_size,
            strict=strict,
        )
        self._lock = lock

    def __repr__(self) -> str:
        return f"Emulator(seed={self.seed!r}, access_key={self.access_key!r})"

    @property
    def state(self) -> State:
        """The emulated service itself, to inspect or arrange directly."""
        return self._state

    @property
    def requests(self) -> list[LoggedRequest]:
        """The requests answered since creation or the last `reset`, oldest first.

        The newest `log_size` of them (1,000 unless chosen). A snapshot:
        later requests do not change the returned list. Headers never
        include ``authorization``.
        """
        return self._dispatcher.log

    def seed_numbers(self, count: int) -> list[str]:
        """Put `count` generated numbers on the account at once, for tests of large accounts.

        Much faster than buying them: 100,000 numbers take a fraction of a
        second. The numbers are deterministic (the same seed and the same
        calls give the same numbers), lie in the inventory's area codes and
        are neither purchasable nor already owned; each has sip-reg as its
        primary route, no failover and the METERED billing method. v1 and
        v2 list them like any bought number.

        Returns:
            The numbers added, sorted.

        Raises:
            ValueError: `count` is not a whole number from 0 to 10,000,000.
        """
        return self._state.seed_numbers(count)

    def reset(self) -> None:
        """Return to the seeded state, empty the request log and remove every fault."""
        with self._lock:
            self._state.reset()
            self._dispatcher.clear_log()
            self._dispatcher.faults.clear()

    def inject(
        self,
        fault: Fault,
        *,
        method: Optional[str] = None,
        path: Optional[str] = None,
        times: Optional[int] = None,
        probability: Optional[float] = None,
        seed: Optional[int] = None,
    ) -> None:
        """Make matching requests fail with `fault`, through either front door.

        Rules apply in injection order. All firing ``latency`` rules add up;
        the first firing rule of any other kind decides the failure, and
        later rules are not consulted for that request.

        Args:
            fault: what goes wrong, e.g. ``Fault.status(503)``.
            method: only requests with this HTTP method; None for any.
            path: only requests whose path (without the query, as sent)
                matches this pattern: exact, or with ``*`` wildcards that
                also match ``/`` (`fnmatch` rules); None for any.
            times: strike only the next `times` matching requests (of those
                drawn, with `probability`); None for no limit.
            probability: strike each matching request with this chance,
                drawn from a random source seeded with `seed`; None for always.
            seed: the seed of this rule's draws; defaults to the emulator's.

        Raises:
            ValueError: an argument out of range.
        """
        with self._lock:
            self._dispatcher.faults.add(
                fault, method=method, path=path, times=times, probability=probability, seed=seed
            )

    def clear_faults(self) -> None:
        """Remove every injected fault; the state and the log are kept."""
        with self._lock:
            self._dispatcher.faults.clear()

    def approve_cnam(self, cnam_id: str) -> None:
        """Approve a CNAM record now, as the service's staff would in a day or two.

        Raises:
            NotFound: no record with this id.
        """
        self._state.cnams.approve(cnam_id)

    def reject_cnam(self, cnam_id: str, reason: str = "not an acceptable caller name") -> None:
        """Reject a CNAM record with `reason`; numbers presenting it lose it.

        Raises:
            NotFound: no record with this id.
        """
        self._state.cnams.reject(cnam_id, reason)

    def set_call_history(
        self,
        calls: int,
        *,
        start: Optional[datetime] = None,
        interval: Optional[timedelta] = None,
    ) -> None:
        """Give the account a call history of `calls` calls for CDR exports to select from.

        Call ``i`` starts at ``start + i * interval`` (defaults: 2019-01-01
        00:00 UTC, one a minute); the rest of each call is derived from the
        seed, so the same seed always gives the same export files. Exports
        requested afterwards use it.

        Raises:
            ValueError: a negative count, a non-positive interval or a naive start.
        """
        self._state.cdrs.set_history(calls, start, interval)

    def fail_cdr_export(self, export_id: str) -> None:
        """Make a CDR export ``failed``, as when the service cannot build it.

        Raises:
            NotFound: no export with this id.
        """
        self._state.cdrs.fail(export_id)

    def set_cdr_delay(self, delay: timedelta) -> None:
        """Keep CDR exports requested from now on ``processing`` for `delay` on the clock."""
        with self._lock:
            self._state.cdrs.delay = delay

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> AbstractContextManager[str]:
        """Serve the API over HTTP/1.1 on loopback for the duration of a `with` block.

        Args:
            host: the address to listen on.
            port: the port; 0 picks a free one.

        Returns:
            A context manager yielding the base URL, e.g. ``"http://127.0.0.1:53211"``.
        """
        from . import _server  # http.server only when served

        return _server.serve(self._dispatcher, host, port)

    def mock(self, base_url: str = DEFAULT_BASE_URL) -> AbstractContextManager[str]:
        """Answer `requests` calls under `base_url` in-process for a `with` block.

        Needs the ``responses`` package (the ``flowroute-sdk[testing]`` extra).
        Requests to other URLs fail with a connection error, as `responses`
        does for anything it was not told about.

        Returns:
            A context manager yielding `base_url` without a trailing slash.

        Raises:
            ImportError: `responses` is not installed.
            ValueError: `base_url` is not an http(s) URL.
        """
        from . import _mock  # requests and responses only when mocked

        return _mock.mock(self._dispatcher, base_url)
