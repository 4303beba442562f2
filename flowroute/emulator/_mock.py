"""The in-process front door: the `responses` library intercepts `requests`.

No socket is opened: every request `requests` sends under the base URL is
turned into a `Request` record and answered by the dispatcher. `responses`
is imported only here, when a mock starts.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import urlsplit

from ._dispatch import Dispatcher, Request

__all__ = ["mock"]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
MISSING_RESPONSES = (
    "Emulator.mock() needs the 'responses' package; "
    "install it with: pip install 'flowroute[testing]'"
)


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    return b"".join(body)  # a generator body, as requests allows


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

    def answer(prepared: Any) -> tuple[int, dict[str, str], bytes]:
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
        return response.status, dict(response.headers), response.body

    under_base = re.compile(re.escape(base) + r"(?:[/?#]|$)")
    with requests_mock(assert_all_requests_are_fired=False) as intercept:
        for method in METHODS:
            intercept.add_callback(method, under_base, callback=answer, content_type=None)
        yield base
