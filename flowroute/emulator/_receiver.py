"""A stand-in for the app: a loopback HTTP server that records what is POSTed to it.

Point callback URLs at ``receiver.url`` (any path under it) and assert on
``receiver.received``::

    with CallbackReceiver() as receiver:
        client.v2.messages.send_a_message(..., dlr_callback=receiver.url + "/dlr")
        receipts = receiver.wait_for(3)

It answers 200 unless told otherwise (`respond_with`), so retries can be
tested too.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Optional

import attrs

__all__ = ["CallbackReceiver", "ReceivedCallback"]

_MAX_BODY = 1024 * 1024


@attrs.frozen(kw_only=True)
class ReceivedCallback:
    """One request the receiver got.

    Attributes:
        method: the HTTP method.
        path: the path it was sent to, with its query.
        headers: header names in lower case.
        body: the raw body.
        status: the status the receiver answered with.
    """

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes
    status: int

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, receiver: CallbackReceiver) -> None:
        self.receiver = receiver
        super().__init__((receiver.host, 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def _record(self) -> None:
        length = self.headers.get("Content-Length", "0")
        size = int(length) if length.isdigit() else 0
        body = self.rfile.read(min(size, _MAX_BODY))
        status = self.server.receiver._answer(self, body)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_GET = _record

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests read `received`, not stderr


class CallbackReceiver:
    """Records requests on a loopback port, for the length of a `with` block.

    Args:
        host: the loopback address to listen on.

    Attributes:
        url: ``http://127.0.0.1:PORT``, once started.
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.url = ""
        self._received: list[ReceivedCallback] = []
        self._failures: list[int] = []
        self._changed = threading.Condition()
        self._server: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None

    def __enter__(self) -> CallbackReceiver:
        self._server = _Server(self)
        self.url = f"http://{self.host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="flowroute-callback-receiver",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: Optional[type[BaseException]],
        value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._server.server_close()
        self._server = self._thread = None

    def respond_with(self, status: int, times: int = 1) -> None:
        """Answer the next `times` requests with `status` (then 200 again)."""
        with self._changed:
            self._failures.extend([status] * times)

    @property
    def received(self) -> list[ReceivedCallback]:
        """Every request received, oldest first (a snapshot)."""
        with self._changed:
            return list(self._received)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedCallback]:
        """Return once `count` requests are received in all; TimeoutError after `timeout` s."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._received) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    got = len(self._received)
                    raise TimeoutError(f"{got} request(s) after {timeout} s, waiting for {count}")
                self._changed.wait(remaining)
            return list(self._received)

    def _answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> int:
        with self._changed:
            status = self._failures.pop(0) if self._failures else 200
            self._received.append(
                ReceivedCallback(
                    method=handler.command,
                    path=handler.path,
                    headers={k.lower(): v for k, v in handler.headers.items()},
                    body=body,
                    status=status,
                )
            )
            self._changed.notify_all()
        return status
