"""A hostile HTTP server on loopback: it reads each request, then misbehaves as told.

`Hostile(behaviour)` listens on 127.0.0.1 (port 0), serves every connection in a
thread by reading the request and calling ``behaviour(conn, stop)``, and
records each request line. Leaving the ``with`` block stops it; so does its
own lifetime running out, so a failing test can never leave it running.
Behaviours check `stop` between writes and end when it is set.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Callable

Behaviour = Callable[[socket.socket, threading.Event], None]

LIFETIME = 10.0  # seconds; a hostile server never outlives this


class Hostile:
    """A loopback server that misbehaves; ``with Hostile(b) as url:``.

    Attributes:
        requests: the request line of every request received, in order.
    """

    def __init__(self, behaviour: Behaviour, lifetime: float = LIFETIME) -> None:
        self._behaviour = behaviour
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: list[threading.Thread] = []
        self._deadline = time.monotonic() + lifetime
        self.requests: list[str] = []

    def __enter__(self) -> str:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(timeout=2.0)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                conn, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:  # the listener was closed
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)
        self._stop.set()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(1.0)
            try:
                self.requests.append(read_request(conn))
                self._behaviour(conn, self._stop)
            except OSError:  # the client hung up on us: that is what we test for
                pass


def read_request(conn: socket.socket) -> str:
    """Read one request (head and Content-Length body); its request line."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head.split(b"\r\n")[0].decode()


def send_slowly(
    conn: socket.socket, stop: threading.Event, parts: Iterable[bytes], every: float
) -> None:
    """Send each part, waiting `every` seconds before each, until told to stop."""
    for part in parts:
        if stop.wait(every):
            return
        conn.sendall(part)


def one_byte_at_a_time(data: bytes) -> Iterator[bytes]:
    """`data`, one byte per part."""
    return (data[i : i + 1] for i in range(len(data)))


def answer(status: str, body: bytes, headers: str = "") -> Behaviour:
    """Answer at once with `status` and `body` (a Content-Length body)."""

    def behave(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(
            f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
            f"{headers}\r\n".encode()
            + body
        )
        stop.wait(0.5)  # keep the connection open a little: the client reads, then we close

    return behave
