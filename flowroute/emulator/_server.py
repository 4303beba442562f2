"""The loopback HTTP front door: a stdlib `ThreadingHTTPServer` in a thread.

HTTP/1.1 with keep-alive, one daemon thread per connection, every response
with a Content-Length, no logging to stderr. Each request becomes a
`Request` record for the dispatcher.

Connection faults act on the socket itself: ``refuse`` and ``drop`` close
it without a response (over a socket the client cannot tell them apart),
``timeout`` holds it open, answering nothing, until the client hangs up or
the server stops, and ``truncate`` sends half the body under a
Content-Length for all of it, then closes.

The accept loop blocks in `select` on the listening socket and on one end
of a socket pair; stopping writes a byte to the other end, so the server
stops at once instead of at the next poll (the stdlib loop wakes every
poll interval to look for a shutdown request).
"""

from __future__ import annotations

import contextlib
import logging
import re
import selectors
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from ._dispatch import Dispatcher
from ._records import Request, Response
from ._status import reason_phrase

__all__ = ["serve"]

logger = logging.getLogger("flowroute.emulator")

IDLE_TIMEOUT = 60.0  # seconds an idle keep-alive connection is kept open
MAX_BODY = 10 * 1024 * 1024  # bytes; the API's bodies are small, a larger one is refused (413)
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")  # hex digits only: no sign, no 0x


class _Unreadable(Exception):
    """A request body that cannot be read as sent; answered with `status`."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 stalls a burst of new connections for seconds.
    request_queue_size = 128
    # Open keep-alive connections are shut below instead of waited for, so
    # leaving serve() never hangs on a client that holds a pooled socket.
    block_on_close = False

    def __init__(self, address: tuple[str, int], dispatcher: Dispatcher) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.dispatcher = dispatcher
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._wake_reader, self._wake_writer = socket.socketpair()
        super().__init__(address, _Handler)
        # Readiness is only a hint (the client may be gone by accept): never block there.
        self.socket.setblocking(False)
        bound, port = self.server_address[:2]
        # A wildcard address is where it listens, not where a client connects.
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(str(bound), str(bound))
        self.base_url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def run(self) -> None:
        """Accept connections until `stop` is called; each is served in its own thread."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while True:
                ready = selector.select()
                if any(key.fileobj is self._wake_reader for key, _ in ready):
                    return
                self._accept()

    def _accept(self) -> None:
        try:
            request, client_address = self.get_request()
        except OSError:  # nothing to accept after all, or the client gave up
            return
        try:
            self.process_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
            self.shutdown_request(request)

    def stop(self) -> None:
        """Make `run` return now, from any thread."""
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"\0")

    def server_close(self) -> None:
        super().server_close()
        self._wake_reader.close()
        self._wake_writer.close()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._open_lock:
            connections = list(self._open)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-exchange is routine; never print tracebacks.
        logger.debug("connection from %s ended with an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT
    # Headers and body leave in two writes; with Nagle on, the second waits
    # for the client's delayed ACK (~40 ms on Linux) on every response.
    disable_nagle_algorithm = True
    server: _Server

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except _Unreadable as refused:
            # What follows on this connection cannot be found again: close it.
            self.close_connection = True
            self.send_error(refused.status, refused.reason)
            return
        target = urlsplit(self.path)
        request = Request(
            method=self.command,
            path=target.path,
            query=target.query,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
            base_url=self.server.base_url,
        )
        response = self.server.dispatcher.dispatch(request)
        if response.action in ("refuse", "drop", "timeout"):
            self.close_connection = True
            if response.action == "timeout":
                self._wait_for_hang_up()
            return
        if response.stream is not None:
            self._send_stream(response, response.stream)
            return
        # Any status a fault names is sent, with a generic phrase where none is standard.
        self.send_response(response.status, reason_phrase(response.status))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        body = response.body
        if response.action == "truncate":
            self.close_connection = True
            body = body[: len(body) // 2]
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_stream(self, response: Response, chunks: Iterator[bytes]) -> None:
        """A body of unknown length, in HTTP/1.1 chunks; ``truncate`` stops after the first."""
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.command == "HEAD":
            return
        for chunk in chunks:
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            if response.action == "truncate":
                self.close_connection = True  # no last chunk: the client sees the cut
                return
        self.wfile.write(b"0\r\n\r\n")

    def _wait_for_hang_up(self) -> None:
        # The client sends nothing more while it waits for this response, so
        # the read returns only when it closes the connection (its read
        # timeout), when the server shuts the socket, or after IDLE_TIMEOUT.
        with contextlib.suppress(OSError):
            self.rfile.read(1)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("Content-Length", "0").strip()
        if not (length.isdigit() and length.isascii()):
            raise _Unreadable(400, "bad Content-Length")
        if int(length) > MAX_BODY:
            raise _Unreadable(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(int(length))
        if len(body) != int(length):
            raise _Unreadable(400, "request body shorter than its Content-Length")
        return body

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        received = 0
        while True:
            size_line = self.rfile.readline(1024).split(b";")[0].strip()
            if not _CHUNK_SIZE.fullmatch(size_line):  # "-5" would read to the end of the stream
                raise _Unreadable(400, "bad chunk size")
            size = int(size_line, 16)
            received += size
            if received > MAX_BODY:
                raise _Unreadable(413, f"request body over {MAX_BODY} bytes")
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers, if any
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


@contextlib.contextmanager
def serve(dispatcher: Dispatcher, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run the server in a daemon thread; yield its base URL; stop it on exit."""
    server = _Server((host, port), dispatcher)
    thread = threading.Thread(
        target=server.run, name=f"flowroute-emulator-{server.server_address[1]}", daemon=True
    )
    thread.start()
    try:
        yield server.base_url
    finally:
        server.stop()
        thread.join()
        server.close_connections()
        server.server_close()
