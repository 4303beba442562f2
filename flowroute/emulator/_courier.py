"""POSTs the outbox's callbacks to the app, from a worker thread or on request.

Each delivery is one real HTTP POST (JSON body, a timeout) made with the
standard library, never through `requests`: under `Emulator.mock()` the
`responses` mock would otherwise catch the emulator's own callbacks.
Nothing is POSTed while the emulator's lock is held, so an app that
answers a callback by calling the emulator (replying to an inbound
message) never waits on the emulator that is calling it.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Callable, Optional

from ._outbox import CallbackAttempt

if TYPE_CHECKING:
    from .state import State

__all__ = ["Courier", "Post", "http_post"]

logger = logging.getLogger("flowroute.emulator")

Post = Callable[[str, bytes, float], "tuple[Optional[int], Optional[str]]"]
"""Sends one callback: (url, JSON body, timeout) -> (status or None, error or None)."""

POLL = 0.05  # seconds; how often the worker looks at the clock for steps falling due

# Loopback apps must be reached directly, whatever proxy the environment names.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_post(url: str, body: bytes, timeout: float) -> tuple[Optional[int], Optional[str]]:
    """POST `body` as JSON; a status other than 2xx, or no answer, is an error."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "flowroute-emulator"},
    )
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            answer.read()
            return answer.status, None
    except urllib.error.HTTPError as refused:
        refused.close()
        return refused.code, f"HTTP {refused.code}"
    except (urllib.error.URLError, OSError, ValueError) as failed:
        reason = getattr(failed, "reason", failed)
        return None, f"no answer: {reason}"


class Courier:
    """Takes the steps and callbacks due on the emulator's clock and POSTs them.

    Args:
        state: the emulated service, with its outbox.
        post: sends one callback; a real HTTP POST by default.
        timeout: seconds each POST may take.
    """

    def __init__(self, state: State, post: Post = http_post, timeout: float = 5.0) -> None:
        self._state = state
        self._post = post
        self.timeout = timeout
        self._sending = threading.Lock()  # one delivery at a time, in order
        self._users = 0
        self._users_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def deliver(self) -> list[CallbackAttempt]:
        """Take the steps due now (messages, CDR exports), then POST every callback due now."""
        state = self._state
        with state.lock:
            state.messaging.advance()
            state.cdrs.advance()
            now = state.clock()
        made = []
        with self._sending:
            for delivery in state.outbox.take_due(now):
                body = json.dumps(delivery.payload).encode()
                status, error = self._post(delivery.url, body, self.timeout)
                made.append(state.outbox.record(delivery, state.clock(), status, error))
        return made

    def wait_for(self, count: int, timeout: float) -> list[CallbackAttempt]:
        """Deliver what is due until `count` attempts are recorded; TimeoutError after `timeout`."""
        deadline = time.monotonic() + timeout
        outbox = self._state.outbox
        while True:
            self.deliver()
            with outbox.changed:
                attempts = len(outbox.attempts_unlocked())
                remaining = deadline - time.monotonic()
                if attempts >= count:
                    break
                if remaining <= 0:
                    raise TimeoutError(
                        f"{attempts} callback attempt(s) after {timeout} s, waiting for {count}"
                    )
                outbox.changed.wait(min(remaining, POLL))
        return outbox.attempts

    def start(self) -> None:
        """Run the worker (once however many front doors are open)."""
        with self._users_lock:
            self._users += 1
            if self._users > 1:
                return
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._run, name="flowroute-emulator-callbacks", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop the worker when the last front door closes; waits for it to end."""
        with self._users_lock:
            self._users = max(0, self._users - 1)
            if self._users or self._thread is None:
                return
            thread, self._thread = self._thread, None
            self._stop.set()
            with self._state.outbox.changed:
                self._state.outbox.changed.notify_all()
        thread.join()

    def _run(self) -> None:
        outbox = self._state.outbox
        while not self._stop.is_set():
            try:
                self.deliver()
            except Exception:  # the worker outlives a bug in one delivery
                logger.exception("emulator callback delivery failed")
            with outbox.changed:
                if not self._stop.is_set() and not outbox.has_due(self._state.clock()):
                    outbox.changed.wait(POLL)
