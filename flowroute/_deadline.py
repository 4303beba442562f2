"""A hard deadline per attempt: a watchdog cuts the connection of a call past its time.

A socket timeout bounds each read, not the exchange: a server that sends one
byte a second, in the headers or in the body, never lets a read time out.
So each attempt registers its deadline here, the connection it sends on
attaches itself, and one watchdog thread per Transport shuts that socket
down when the deadline passes. The blocked read then fails at once, and the
Transport, seeing the attempt expired, reports a `ResponseTimeout`.

The connection attaches itself from `DeadlineAdapter`'s pools (mounted on a
session the Transport creates), so connect, headers and body are covered.
A session of the caller's own keeps its adapters (retries, proxies, TLS
settings): `watch_pool` makes the urllib3 pools of its `HTTPAdapter` attach
the connections it hands out, so headers and body are covered there too;
with any other adapter the Transport attaches the response's connection
once the headers are in, and only the body is. An attempt whose deadline
passes before its connection has a socket (a slow connect) is cut as soon
as it has one, so what follows the connect cannot outlast it either. A
socket shut down just after its call finished is harmless: urllib3 sees a
dropped connection when it next takes it from the pool, and opens a new one.
"""

from __future__ import annotations

import contextlib
import math
import os
import socket
import threading
import time
from typing import Any, Callable, Optional

from requests import PreparedRequest, RequestException
from requests.adapters import BaseAdapter, HTTPAdapter
from requests.utils import select_proxy
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

__all__ = ["Attempt", "DeadlineAdapter", "Watchdog", "watch_pool"]

# The attempt running in each thread, for the connection it sends on to attach
# to. Per thread, like a context variable: a pool's connection knows nothing of
# the Transport that borrowed it.
_CURRENT = threading.local()


# Seconds between tries to cut an expired attempt that had no socket yet.
_RECHECK = 0.05


class Attempt:
    """One attempt's deadline and the connection it is using."""

    __slots__ = ("connection", "deadline", "due", "expired")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.due = deadline  # when the watchdog next looks at it
        self.connection: Any = None
        self.expired = False

    def cut(self) -> bool:
        """Shut the connection's socket down, so that a blocked read returns now.

        Returns:
            False when there is no socket to cut yet (still connecting, or
            no connection attached): the watchdog tries again shortly.
        """
        self.expired = True
        sock: Optional[socket.socket] = getattr(self.connection, "sock", None)
        if sock is None:
            return False
        # OSError: already closed: nothing left to cut.
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        return True


def attach(connection: Any) -> None:
    """Tie `connection` to the current thread's attempt, if one is running."""
    attempt: Optional[Attempt] = getattr(_CURRENT, "attempt", None)
    if attempt is not None:
        attempt.connection = connection


class Watchdog:
    """Cuts the connection of every attempt that outlives its deadline.

    The thread sleeps until the earliest deadline it knows of and ends when
    no attempt is left. Registering a later deadline (the usual case: the
    timeout is the same for every call) does not wake it, so a call costs a
    lock and a dict entry, and a thread start at most once per timeout.
    Every Transport shares one (`shared()`), so a process that builds many
    Clients still runs one watchdog thread.
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
        self._clock = clock
        self._cond = threading.Condition(threading.Lock())
        self._active: dict[int, Attempt] = {}
        self._wake_at = math.inf
        self._thread: Optional[threading.Thread] = None
        self._pid = os.getpid()

    def start(self, seconds: float) -> Attempt:
        """Register the current thread's attempt, due to end within `seconds`."""
        attempt = Attempt(self._clock() + seconds)
        _CURRENT.attempt = attempt
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
        return attempt

    def finish(self, attempt: Attempt) -> None:
        """The attempt is over: its connection is no longer watched."""
        _CURRENT.attempt = None
        with self._cond:
            self._active.pop(id(attempt), None)

    def _run(self) -> None:
        with self._cond:
            while self._active:
                now = self._clock()
                for key, attempt in list(self._active.items()):
                    if attempt.due <= now:
                        if attempt.cut():
                            del self._active[key]
                        else:  # a connection still connecting: cut it once it has a socket
                            attempt.due = now + _RECHECK
                self._wake_at = min((a.due for a in self._active.values()), default=now)
                self._cond.wait(max(0.0, self._wake_at - now))
            self._thread, self._wake_at = None, math.inf


class _HTTPConnection(HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        attach(self)
        super().request(*args, **kwargs)


class _HTTPSConnection(HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        attach(self)
        super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter whose connections a Transport's watchdog can cut mid-exchange."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Build requests' pool manager, with pools of attachable connections."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


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
