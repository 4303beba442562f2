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
    emu.receive_message(to=number, from_="12065550199", body="hi")  # an inbound SMS
    emu.wait_for_callbacks(1)       # POSTed to the app's callback URL

One `State` (inventory, account numbers, routes, messages) sits behind one
`Dispatcher`, reached through either front door. The emulator never imports
the client side of this package, so each checks the other (the pytest
plugin, glue for users' tests, is the one module that does).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

from . import _control, _inventory, _v1, _v2, _v2_cdr
from ._cdr_history import CDR_EXPORT_COLUMNS
from ._courier import Courier, Post, http_post
from ._dispatch import Dispatcher
from ._faults import Fault
from ._log import DEFAULT_LOG_SIZE, LoggedRequest
from ._messaging import MediaSpec
from ._outbox import CallbackAttempt
from ._receiver import CallbackReceiver, ReceivedCallback
from ._records import Api, Credentials
from .errors import Conflict, EmulatorError, Forbidden, Invalid, NotFound, Unlocatable
from .models import Message
from .state import State

__all__ = [
    "CDR_EXPORT_COLUMNS",
    "DEFAULT_BASE_URL",
    "CallbackAttempt",
    "CallbackReceiver",
    "Conflict",
    "Emulator",
    "EmulatorError",
    "Fault",
    "Forbidden",
    "Invalid",
    "LoggedRequest",
    "NotFound",
    "ReceivedCallback",
    "State",
    "Unlocatable",
]

DEFAULT_BASE_URL = "https://api.flowroute.com"

# The API generations served; each row brings its own auth, routes and errors.
_APIS: tuple[Api, ...] = (_v2.API, _v1.API, _v2_cdr.DOWNLOAD_API, _control.API)


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
        strict: refuse what the service accepts but the documentation does
            not promise: query parameters the API does not document (400)
            and media sent without ``is_mms`` true (422). By default the
            parameters are ignored and the media sent as an MMS, as the
            service does, each noted in the request's log entry (``warnings``).
        callback_timeout: seconds each callback POST to the app may take.
        post: sends one callback to the app: (url, JSON body, timeout) ->
            (status or None, error or None); a real HTTP POST by default.

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
        callback_timeout: float = 5.0,
        post: Post = http_post,
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
        self._courier = Courier(self._state, post, callback_timeout)

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

        Its ``callback_url``, if not yet called, is called now, as failed.

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

        return self._with_courier(_server.serve(self._dispatcher, host, port))

    def mock(self, base_url: str = DEFAULT_BASE_URL) -> AbstractContextManager[str]:
        """Answer `requests` calls under `base_url` in-process for a `with` block.

        Needs the ``responses`` package (the ``flowroute-sdk[testing]`` extra).
        Requests to other URLs fail as a refused connection would
        (`requests.ConnectionError`; `flowroute.errors.ConnectError` through a
        Client): nothing was sent.

        Returns:
            A context manager yielding `base_url` without a trailing slash.

        Raises:
            ImportError: `responses` is not installed.
            ValueError: `base_url` is not an http(s) URL.
        """
        from . import _mock  # requests and responses only when mocked

        return self._with_courier(_mock.mock(self._dispatcher, base_url))

    @contextlib.contextmanager
    def _with_courier(self, door: AbstractContextManager[str]) -> Iterator[str]:
        """A front door with the callback worker running while it is open."""
        with door as url:
            self._courier.start()
            try:
                yield url
            finally:
                self._courier.stop()

    # -- calling the app back ------------------------------------------------

    @property
    def callbacks(self) -> list[CallbackAttempt]:
        """Every callback POST attempted since creation or `reset`, oldest first (a snapshot)."""
        return self._state.outbox.attempts

    def receive_message(
        self,
        to: str,
        from_: str,
        body: str = "",
        media: Sequence[MediaSpec] = (),
    ) -> Message:
        """Make a message arrive at one of the account's numbers, as from a phone.

        It gets a record (direction ``inbound``) and, when an SMS callback
        URL (an MMS one when `media` is given) is set for the number or the
        account, is POSTed there in the service's shape: by the worker
        while the emulator is served or mocked, or by `deliver`.

        Args:
            to: the account's number receiving it, 11 digits.
            from_: the sender, an E.164 number without ``+``.
            body: its text.
            media: files, which make it an MMS: URLs, or dicts with ``url``
                and optionally ``file_name``, ``file_size`` (bytes) and
                ``mime_type`` (guessed from the name when left out).

        Returns:
            The message's record.

        Raises:
            Invalid: a malformed number, URL, or neither text nor media.
            NotFound: `to` is not on the account.
        """
        with self._lock:
            return self._state.messaging.receive(to, from_, body, media)

    def deliver(self) -> list[CallbackAttempt]:
        """Take every step due on the clock (messages, CDR exports) and POST the callbacks due.

        Runs in the calling thread, so a test needs no worker and no
        sleep; retries fall due `RETRY_INTERVAL` (30 s) later on the clock.

        Returns:
            The attempts made by this call, in order.
        """
        return self._courier.deliver()

    def wait_for_callbacks(self, count: int, timeout: float = 5.0) -> list[CallbackAttempt]:
        """Deliver what falls due until `count` callback attempts are recorded in all.

        Returns as soon as they are (no fixed sleep): the attempts so far.

        Raises:
            TimeoutError: fewer after `timeout` seconds; the message says how many.
        """
        return self._courier.wait_for(count, timeout)

    def fail_messages_to(self, *numbers: str) -> None:
        """Make messages sent to these numbers from now on fail instead of being delivered."""
        with self._lock:
            self._state.messaging.failing.update(numbers)

    def set_dlr_interval(self, interval: timedelta) -> None:
        """Space a sent message's steps (queued, sent, delivered) by `interval` on the clock.

        None by default: all of a message's receipts are due when it is sent.
        """
        if interval < timedelta(0):
            raise ValueError(f"interval must not be negative, got {interval}")
        with self._lock:
            self._state.messaging.interval = interval

    def set_mdr_delay(self, delay: timedelta) -> None:
        """Keep new message records out of lookups for `delay` on the clock, as the service may.

        None by default. A lookup in that time answers 404, as on the
        service just after sending; ``wait_for_message`` on the client waits it out.
        """
        if delay < timedelta(0):
            raise ValueError(f"delay must not be negative, got {delay}")
        with self._lock:
            self._state.messaging.mdr_delay = delay
