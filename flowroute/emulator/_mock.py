"""The in-process front door: the `responses` library intercepts `requests`.

No socket is opened: every request `requests` sends under the base URL is
turned into a `Request` record and answered by the dispatcher; one to any
other URL is refused, as a connection to a host that is not there. `responses`
is imported only here, when a mock starts.

Connection faults become the exceptions `requests` raises for the real
thing: a refused connection wraps urllib3's `NewConnectionError` (nothing
was sent), a dropped one a `ProtocolError` ("Connection aborted."), a
timeout is a `ReadTimeout`; a truncated body is cut under a larger
Content-Length, so reading it fails as it would off a socket.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any, Callable
from urllib.parse import urlsplit

import requests
import urllib3
from urllib3.connection import HTTPConnection

from ._dispatch import Dispatcher
from ._records import Request

__all__ = ["mock"]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
MISSING_RESPONSES = (
    "Emulator.mock() needs the 'responses' package; "
    "install it with: pip install 'flowroute-sdk[testing]'"
)


def _refused(prepared: requests.PreparedRequest) -> requests.RequestException:
    parts = urlsplit(str(prepared.url))
    host, port = parts.hostname or "localhost", parts.port or 443
    reason = urllib3.exceptions.NewConnectionError(
        HTTPConnection(host, port),
        "Failed to establish a new connection: [Errno 111] Connection refused",
    )
    pool = urllib3.HTTPConnectionPool(host, port)
    error = urllib3.exceptions.MaxRetryError(pool, parts.path or "/", reason)
    return requests.ConnectionError(error, request=prepared)


def _dropped(prepared: requests.PreparedRequest) -> requests.RequestException:
    cause = http.client.RemoteDisconnected("Remote end closed connection without response")
    error = urllib3.exceptions.ProtocolError("Connection aborted.", cause)
    return requests.ConnectionError(error, request=prepared)


def _timed_out(prepared: requests.PreparedRequest) -> requests.RequestException:
    return requests.ReadTimeout("Read timed out. (injected timeout fault)", request=prepared)


# Response.action -> the exception `requests` raises for that failure.
_ACTION_ERRORS: dict[str, Callable[[requests.PreparedRequest], requests.RequestException]] = {
    "refuse": _refused,
    "drop": _dropped,
    "timeout": _timed_out,
}


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    return b"".join(body)  # a generator body, as requests allows


class _Chunks(io.RawIOBase):
    """A streamed body as the file `responses` reads; `cut` fails it after the first chunk."""

    def __init__(self, chunks: Iterator[bytes], cut: bool) -> None:
        self._chunks = chunks
        self._cut = cut
        self._pending = b""
        self._served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._cut and self._served:
                raise http.client.IncompleteRead(b"")  # requests: ChunkedEncodingError
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self._served += size
        return size


def mock(dispatcher: Dispatcher, base_url: str) -> AbstractContextManager[str]:
    """Answer every request under `base_url` from the dispatcher, in a `with` block.

    Raises:
        ImportError: `responses` is not installed.
        ValueError: `base_url` is not an http(s) URL.
    """
    try:
        import responses
    except ImportError as exc:
        raise ImportError(MISSING_RESPONSES) from exc
    base = base_url.rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
    return _intercept(responses.RequestsMock, dispatcher, base)


@contextlib.contextmanager
def _intercept(requests_mock: Any, dispatcher: Dispatcher, base: str) -> Iterator[str]:
    mount_path = urlsplit(base).path

    def answer(prepared: Any) -> tuple[int, dict[str, str], Any]:
        target = urlsplit(prepared.url)
        request = Request(
            method=prepared.method,
            path=target.path[len(mount_path) :] or "/",
            query=target.query,
            headers={name.lower(): value for name, value in prepared.headers.items()},
            body=_body_bytes(prepared.body),
            base_url=base,
        )
        response = dispatcher.dispatch(request)
        if response.action in _ACTION_ERRORS:
            raise _ACTION_ERRORS[response.action](prepared)
        headers = dict(response.headers)
        if response.stream is not None:
            cut = response.action == "truncate"
            return response.status, headers, io.BufferedReader(_Chunks(response.stream, cut))
        body = response.body
        if response.action == "truncate":
            headers["Content-Length"] = str(len(body))
            body = body[: len(body) // 2]
        return response.status, headers, body

    def refuse(prepared: Any) -> tuple[int, dict[str, str], Any]:
        raise _refused(prepared)

    served = re.escape(base) + r"(?:[/?#]|$)"
    # Any other URL is a refused connection, as off the network: nothing was sent,
    # so a purchase there fails as not made, not as "may have been bought".
    # (The two patterns never both match: responses would drop the first match.)
    with requests_mock(assert_all_requests_are_fired=False) as intercept:
        for method in METHODS:
            intercept.add_callback(method, re.compile(served), callback=answer, content_type=None)
            intercept.add_callback(method, re.compile(f"(?!{served})"), callback=refuse)
        yield base
