"""A hard deadline per attempt, covering connect, headers and body.

A socket timeout bounds each read, not the exchange: a server that sends one
byte a second, in the headers or in the body, never lets a read time out.
So each attempt has a deadline, kept here for the thread making it.

The connections of `DeadlineAdapter`'s pools (mounted on a session the
Transport creates) keep it themselves, without a thread: before every
send and every read of the socket they shorten its timeout to what is
left of the attempt's time, and refuse to wait once none is. A dripping
server then fails the read at the deadline, and the Transport, seeing the
attempt expired, reports a `ResponseTimeout`. Connecting to each of the
host's addresses, and the TLS handshake, are bounded by the connect timeout
and the time left; a send or read that starts after the deadline is refused.
Resolving the host name is not bounded (no socket timeout applies to it).

Other connections are cut by the watchdog thread of `flowroute._watchdog`.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import socket
import threading
from typing import TYPE_CHECKING, Any, Optional

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.poolmanager import ProxyManager
from urllib3.util.connection import allowed_gai_family

if TYPE_CHECKING:
    from ._watchdog import Watchdog

__all__ = ["CURRENT", "Attempt", "DeadlineAdapter", "current"]

# The attempt running in each thread, for the connection it sends on to keep
# or attach to. Per thread, like a context variable: a pool's connection knows nothing of
# the Transport that borrowed it.
CURRENT = threading.local()


class Attempt:
    """One attempt's deadline and the connection it is using."""

    __slots__ = (
        "armed",
        "clock",
        "connection",
        "deadline",
        "due",
        "expired",
        "unsent",
        "watchdog",
        "wrote",
    )

    def __init__(self, deadline: float, watchdog: Watchdog) -> None:
        self.deadline = deadline
        self.due = deadline  # when the watchdog next looks at it
        self.connection: Any = None
        self.expired = False
        self.watchdog = watchdog
        self.clock = watchdog.clock
        self.wrote = False  # a deadline-keeping connection sent some of the request itself
        self.unsent = False  # refused past the deadline before sending a byte of it
        # (timeout, ends with the deadline) that urllib3 has just set on the socket, bounded
        # by `_Bounded._arm`: the next send or read needs no settimeout of its own.
        self.armed: Optional[tuple[Any, bool]] = None

    def watch(self, connection: Any) -> None:
        """Have the watchdog cut `connection` once the deadline passes."""
        self.connection = connection
        self.watchdog.watch(self)

    def left(self) -> float:
        """Seconds left before the deadline.

        Raises:
            ConnectionAbortedError: none left (the attempt is then expired).
        """
        left = self.deadline - self.clock()
        if left <= 0:
            self.expired = True
            raise _Expired("the attempt's deadline has passed")
        return left

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


class _Expired(ConnectionAbortedError):
    """A send or read refused past the deadline: as if the watchdog had cut the connection.

    Not a socket timeout, which keeps its own name (`ReadTimeout`): the
    Transport reports an expired attempt's failure as a `ResponseTimeout`.
    """


def current() -> Optional[Attempt]:
    attempt: Optional[Attempt] = getattr(CURRENT, "attempt", None)
    return attempt


class _Reader(io.RawIOBase):
    """A socket's reader whose every read ends by the attempt's deadline."""

    def __init__(self, sock: socket.socket, attempt: Attempt) -> None:
        super().__init__()
        self._raw = sock.makefile("rb", buffering=0)
        self._sock = sock
        self._attempt = attempt

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> Optional[int]:
        attempt = self._attempt
        left = attempt.left()
        armed = _take_armed(attempt, self._sock)
        timeout = self._sock.gettimeout()
        if armed is not None:  # bounded a moment ago, before the response was opened
            timeout = None if armed else timeout
        elif timeout is None or timeout >= left:
            self._sock.settimeout(left)
            timeout = None  # waiting now ends with the deadline
        try:
            read: Optional[int] = self._raw.readinto(buffer)
        except socket.timeout:
            if timeout is not None:
                raise  # the read timeout: the server sent nothing for that long
            # A timeout set to the time left: the deadline (give or take the poll's rounding).
            attempt.expired = True
            raise _Expired("the attempt's deadline has passed") from None
        return read

    def fileno(self) -> int:
        return self._raw.fileno()

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class _Opener:
    """What `http.client.HTTPResponse` opens its reader on: the socket, read within the deadline."""

    def __init__(self, sock: socket.socket, attempt: Attempt) -> None:
        self._sock = sock
        self._attempt = attempt

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_Reader(self._sock, self._attempt))


class _Response(http.client.HTTPResponse):
    """http.client's response, its status line, headers and body read within the deadline."""

    def __init__(self, sock: Any, *args: Any, **kwargs: Any) -> None:
        attempt = current()
        opened: Any = sock if attempt is None else _Opener(sock, attempt)
        super().__init__(opened, *args, **kwargs)


class _Bounded(HTTPConnection):
    """A connection that keeps the running attempt's deadline on every send and read."""

    response_class = _Response

    def request(self, *args: Any, **kwargs: Any) -> None:
        attempt = current()
        if attempt is not None:
            attempt.connection = self  # kept by the connection itself: nothing to watch
            self._arm(attempt)
        super().request(*args, **kwargs)

    def getresponse(self) -> Any:
        attempt = current()
        if attempt is not None:
            self._arm(attempt)
        return super().getresponse()

    def _arm(self, attempt: Attempt) -> None:
        """Bound the timeout urllib3 is about to give a connected socket by the time left.

        urllib3 sets the socket's timeout itself as a request starts and
        again before the response is read: bounded here, that is the
        deadline's too, and the first send or read after it needs no
        settimeout of its own. Each settimeout is a syscall that releases
        the GIL: two more a call cost 8 threads sharing a Client about
        10% of their throughput. An urllib3 that sets no timeout there
        leaves the socket's own, and the send or read sets it as before.
        """
        left = attempt.deadline - attempt.clock()
        if self.sock is None or left <= 0:  # connecting first, or too late: the send sees to it
            return
        nominal = self.timeout
        bounded = _within(nominal, left)
        self.timeout = bounded
        attempt.armed = (bounded, bounded == left)

    def _new_conn(self) -> Any:
        """urllib3's connect, each of the host's addresses given only what is left of the attempt.

        urllib3 gives every address the whole connect timeout: a host whose
        first addresses drop packets (an IPv6 route that black-holes) would
        hold the attempt for that many timeouts. Resolving the name is not
        bounded: no socket timeout applies to it.
        """
        attempt = current()
        if attempt is None:
            return super()._new_conn()
        host, nominal = self._dns_host, self.timeout
        try:
            found = socket.getaddrinfo(
                host.strip("[]"), self.port, allowed_gai_family(), socket.SOCK_STREAM
            )
        except (OSError, UnicodeError):
            found = []
        if not found:  # a name that does not resolve: urllib3 reports it
            return super()._new_conn()
        last: Optional[Exception] = None
        for *_, address in found:
            left = attempt.deadline - attempt.clock()
            if left <= 0:
                break
            self._dns_host, self.timeout = str(address[0]), _within(nominal, left)
            try:
                sock = super()._new_conn()
            except (ConnectTimeoutError, NewConnectionError) as exc:
                last = exc
                continue
            finally:
                self._dns_host, self.timeout = host, nominal
            # The TLS handshake and a proxy's CONNECT that follow wait on this
            # socket's timeout: what is left now, not what was when connecting began.
            left = attempt.deadline - attempt.clock()
            if left > 0:
                sock.settimeout(_within(nominal, left))
                return sock
            sock.close()
            last = None
            break
        if last is None:  # the deadline passed before a connection: nothing of the request sent
            attempt.expired, attempt.unsent = True, not attempt.wrote
            raise _Expired("the attempt's deadline has passed")
        raise last

    def connect(self) -> None:
        # A proxy's CONNECT is sent from here: no byte of the request itself.
        self._connecting = True
        try:
            super().connect()
        finally:
            self._connecting = False

    def send(self, data: Any) -> None:
        attempt = current()
        if attempt is not None:
            if self.sock is None and self.auto_open:
                self.connect()  # what http.client's send does first
            if self.sock is not None:
                try:
                    left = attempt.left()
                except _Expired:
                    # Connected too late: a call that is not idempotent was not carried out.
                    attempt.unsent = not attempt.wrote
                    raise
                if _take_armed(attempt, self.sock) is None:
                    # The socket may keep a shorter timeout from its last attempt: set it afresh.
                    timeout = self.timeout
                    nominal = timeout if isinstance(timeout, (int, float)) else None
                    self.sock.settimeout(left if nominal is None or nominal > left else nominal)
            if not getattr(self, "_connecting", False):
                attempt.wrote = True
        super().send(data)


def _take_armed(attempt: Attempt, sock: Any) -> Optional[bool]:
    """Whether the socket's timeout, bounded by `_Bounded._arm`, ends with the deadline.

    None when nothing was armed, or the socket's timeout is not the one
    armed (an urllib3 that did not set it): the caller sets it itself. Taken
    once: after a send or read, time has passed and the next sets it again.
    """
    armed, attempt.armed = attempt.armed, None
    timeout = sock.gettimeout()
    # The socket keeps whole nanoseconds: what it gives back is rounded.
    if armed is None or timeout is None or abs(timeout - armed[0]) > 1e-6:
        return None
    return armed[1]


def _within(timeout: Any, left: float) -> float:
    # urllib3's timeout, a number or its "default" marker, cut to the time left.
    return min(timeout, left) if isinstance(timeout, (int, float)) else left


class _HTTPConnection(_Bounded):
    pass


class _HTTPSConnection(_Bounded, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter whose connections keep the running attempt's deadline themselves."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Build requests' pool manager, with pools of deadline-keeping connections."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        """requests' manager for `proxy`; an HTTP(S) proxy's hands out deadline-keeping pools too.

        A SOCKS proxy's pools are its own: their connections are watched once
        the headers are in (by the Transport), like an adapter of another kind.
        """
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, ProxyManager):
            manager.pool_classes_by_scheme = _POOLS
        return manager
