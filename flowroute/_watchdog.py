"""The watchdog thread: cuts the connections that do not keep an attempt's deadline themselves.

Connections a `flowroute._deadline.DeadlineAdapter` did not make are cut
by a watchdog thread, started only for them: a session of the caller's
own keeps its adapters (retries, proxies, TLS settings), and `watch_pool`
makes the urllib3 pools of its `HTTPAdapter` attach the connections they
hand out, so headers and body are covered there too; with any other
adapter the Transport attaches the response's connection once the headers
are in, and only the body is. The watchdog shuts an attached socket down
when the deadline passes, so the blocked read fails at once; an attempt
whose deadline passes before its connection has a socket (a slow connect)
is cut as soon as it has one. A socket shut down just after its call
finished is harmless: urllib3 sees a dropped connection when it next
takes it from the pool, and opens a new one.
"""

from __future__ import annotations

import math
import os
import threading
import time
from typing import Any, Callable, Optional

from requests import PreparedRequest, RequestException
from requests.adapters import BaseAdapter, HTTPAdapter
from requests.utils import select_proxy

from ._deadline import CURRENT, Attempt, DeadlineAdapter, current

__all__ = ["Watchdog", "attach", "watch_pool"]

# Seconds between tries to cut an expired attempt that had no socket yet.
_RECHECK = 0.05


def attach(connection: Any) -> None:
    """Have the watchdog cut `connection` at the current thread's deadline, if one runs.

    Its ``request`` is wrapped too, once, to mark the attempt as written to
    (`Attempt.wrote`): a TLS failure after that is no failure to connect.
    """
    attempt = current()
    if attempt is not None:
        attempt.watch(connection)
        if not getattr(connection, "_flowroute_watched", False):
            _mark_writes(connection)


def _mark_writes(connection: Any) -> None:
    original = connection.request

    def request(*args: Any, **kwargs: Any) -> Any:
        attempt = current()
        if attempt is not None:
            attempt.wrote = True  # connected (and TLS done): bytes of the request may leave
        return original(*args, **kwargs)

    connection.request = request
    connection._flowroute_watched = True


class Watchdog:
    """Cuts the connection of every attempt that outlives its deadline.

    Only attempts whose connection cannot keep the deadline itself are
    watched (see `Attempt.watch`). The thread starts with the first of them
    (0.25 ms of CPU here: most of a small call's, so never for the
    Transport's own connections), sleeps until the earliest deadline it
    knows of and ends when no attempt is left. Watching a later deadline
    (the usual case: the timeout is the same for every call) does not wake
    it. Every Transport shares one (`shared()`), so a process that builds
    many Clients still runs one watchdog thread.

    Attributes:
        clock: the clock deadlines are on (`time.monotonic`).
    """

    _shared: Optional[Watchdog] = None
    _shared_lock = threading.Lock()

    @classmethod
    def shared(cls) -> Watchdog:
        """The process's watchdog, created on first use."""
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._cond = threading.Condition(threading.Lock())
        self._active: dict[int, Attempt] = {}
        self._wake_at = math.inf
        self._thread: Optional[threading.Thread] = None
        self._pid = os.getpid()

    def start(self, seconds: float) -> Attempt:
        """The current thread's attempt, due to end within `seconds`.

        Nothing is watched yet: the connections of `DeadlineAdapter` keep
        the deadline themselves; another is watched once attached
        (`Attempt.watch`), and only then does the thread run.
        """
        attempt = Attempt(self.clock() + seconds, self)
        CURRENT.attempt = attempt
        return attempt

    def watch(self, attempt: Attempt) -> None:
        """Cut the attempt's connection when its deadline passes, starting the thread if need be."""
        if self._pid != os.getpid():  # a forked child: the parent's thread is not here
            self._cond, self._thread, self._pid = threading.Condition(), None, os.getpid()
            self._active.clear()
        with self._cond:
            self._active[id(attempt)] = attempt
            if self._thread is None:
                self._wake_at = attempt.deadline
                self._thread = threading.Thread(
                    target=self._run, name="flowroute-deadline", daemon=True
                )
                self._thread.start()
            elif attempt.deadline < self._wake_at:
                self._cond.notify()

    def finish(self, attempt: Attempt) -> None:
        """The attempt is over: its connection is no longer watched."""
        CURRENT.attempt = None
        if self._active:
            with self._cond:
                self._active.pop(id(attempt), None)

    def _run(self) -> None:
        with self._cond:
            while self._active:
                now = self.clock()
                for key, attempt in list(self._active.items()):
                    if attempt.due <= now:
                        if attempt.cut():
                            del self._active[key]
                        else:  # a connection still connecting: cut it once it has a socket
                            attempt.due = now + _RECHECK
                self._wake_at = min((a.due for a in self._active.values()), default=now)
                self._cond.wait(max(0.0, self._wake_at - now))
            self._thread, self._wake_at = None, math.inf


def watch_pool(adapter: BaseAdapter, request: PreparedRequest, *, proxies: Any) -> None:
    """Let the watchdog cut the connections a caller's own adapter sends on, headers included.

    requests' `HTTPAdapter` (and its subclasses: a retry adapter, a
    corporate one) finds a urllib3 pool through its pool manager (or a
    proxy's) and takes a connection from it for each request. The manager
    the request will go through is wrapped, once, so that every pool it
    hands out is wrapped in turn, once, so that every connection the pool
    hands out attaches to the running attempt. When no attempt runs (the
    caller's own use of the session) it attaches to nothing. Another kind of
    adapter is left alone: its body is still watched.

    Args:
        adapter: the session's adapter for the request's URL.
        request: the request about to be sent.
        proxies: the proxies the session's settings resolved to.
    """
    if isinstance(adapter, DeadlineAdapter) or not isinstance(adapter, HTTPAdapter):
        return
    manager: Any = adapter.poolmanager
    proxy = select_proxy(request.url or "", proxies) if proxies else None
    if proxy:
        try:
            manager = adapter.proxy_manager_for(proxy)
        except (RequestException, ValueError):  # send itself reports the bad proxy
            return
    if not getattr(manager, "_flowroute_watched", False):
        _wrap(manager, "connection_from_host", _watch_connections)


def _watch_connections(pool: Any) -> None:
    if not getattr(pool, "_flowroute_watched", False):
        _wrap(pool, "_get_conn", attach)


def _wrap(target: Any, method: str, then: Callable[[Any], None]) -> None:
    """Make ``target.method`` pass each thing it returns to `then` as well."""
    original = getattr(target, method)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        then(found)
        return found

    setattr(target, method, wrapped)
    target._flowroute_watched = True
