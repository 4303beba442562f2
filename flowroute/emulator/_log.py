"""The request log: what each exchange looked like, minus the credentials.

The log is bounded, so an emulator that serves for hours (or walks a
100,000-number account page by page) does not grow without limit: it keeps
the newest `DEFAULT_LOG_SIZE` entries (configurable), and a request body or
response document over `MAX_LOGGED_BYTES` is kept as the start of its text,
marked ``truncated``.
"""

from __future__ import annotations

import json
from collections import deque
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import parse_qs

import attrs

if TYPE_CHECKING:
    from ._records import Request

__all__ = [
    "DEFAULT_LOG_SIZE",
    "MAX_LOGGED_BYTES",
    "SECRET_HEADERS",
    "LoggedRequest",
    "RequestLog",
    "access_line",
    "decode_body",
    "entry",
]

# Never kept in the request log: they carry credentials (v1 signatures included).
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
DEFAULT_LOG_SIZE = 1000  # entries kept; older ones are dropped
# A body over this many bytes is logged as the start of its text. A page of
# 200 numbers is about 50 kB, and as parsed JSON ten times that in memory.
MAX_LOGGED_BYTES = 16 * 1024
_PREVIEW_BYTES = 1024  # how much of a body over the limit is kept


@attrs.frozen(kw_only=True)
class LoggedRequest:
    """One exchange in the request log.

    Attributes:
        method: HTTP method.
        path: the path as sent, without the query.
        query: query parameters, each name mapped to the list of its values.
        headers: request headers (lower-case names) without the secret ones
            (``authorization``, ``proxy-authorization``, ``cookie``).
        body: the request body parsed as JSON, else its text, else None.
        status: the status answered; for ``drop`` and ``timeout`` faults the
            one the service gave but the client never received; None for
            ``refuse``, which no one answered.
        response: the body answered, parsed as JSON, else its text, else None.
        fault: the name of the injected fault that struck (``"status"``,
            ``"drop"``, ...; ``"latency"`` when only a delay was added), or None.
        delay: seconds of injected latency before the request was handled.
        truncated: True when `body` or `response` was over `MAX_LOGGED_BYTES`
            (16 KiB) and is kept as the first kilobyte of its text.
        warnings: what the emulator ignored in the request, as the service
            would (an undocumented query parameter, ...); empty when nothing.
    """

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any
    status: Optional[int]
    response: Any
    fault: Optional[str] = None
    delay: float = 0.0
    truncated: bool = False
    warnings: tuple[str, ...] = ()


class RequestLog:
    """The newest `size` log entries (all of them when `size` is None).

    Not locked itself: the dispatcher uses it under its own lock.

    Args:
        size: how many entries to keep; older ones are dropped.

    Attributes:
        count: entries appended since creation or the last `clear`, dropped
            ones included.
    """

    def __init__(self, size: Optional[int] = DEFAULT_LOG_SIZE) -> None:
        if size is not None and (not isinstance(size, int) or size < 0):
            raise ValueError(f"log_size must be a whole number from 0, or None; got {size!r}")
        self._entries: deque[LoggedRequest] = deque(maxlen=size)
        self.count = 0

    def append(self, logged: LoggedRequest) -> None:
        """Add the newest entry, dropping the oldest when full."""
        self._entries.append(logged)
        self.count += 1

    def snapshot(self) -> list[LoggedRequest]:
        """The entries kept, oldest first."""
        return list(self._entries)

    def clear(self) -> None:
        """Forget every entry and restart `count`."""
        self._entries.clear()
        self.count = 0


def decode_body(body: bytes) -> Any:
    """A body as JSON when it parses, else as text; None when empty."""
    if not body:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested too deep
        return body.decode("utf-8", errors="replace")


def _preview(body: bytes) -> str:
    return body[:_PREVIEW_BYTES].decode("utf-8", errors="replace")


def entry(
    request: Request,
    status: Optional[int],
    document: Any,
    fault: Optional[str],
    delay: float,
    sent: bytes = b"",
    warnings: tuple[str, ...] = (),
) -> LoggedRequest:
    """The log record of one exchange, with the secret headers left out.

    `sent` is the response body as sent; when it is over `MAX_LOGGED_BYTES`
    only its start is kept instead of `document`, and so for the request body.
    """
    headers = {k: v for k, v in request.headers.items() if k not in SECRET_HEADERS}
    big_request = len(request.body) > MAX_LOGGED_BYTES
    big_response = len(sent) > MAX_LOGGED_BYTES
    return LoggedRequest(
        method=request.method,
        path=request.path,
        query=parse_qs(request.query, keep_blank_values=True),
        headers=headers,
        body=_preview(request.body) if big_request else decode_body(request.body),
        status=status,
        response=_preview(sent) if big_response else document,
        fault=fault,
        delay=delay,
        truncated=big_request or big_response,
        warnings=warnings,
    )


def access_line(logged: LoggedRequest) -> str:
    """One access log line: request, status, and what struck or was ignored."""
    query = "&".join(f"{k}={v}" for k, values in logged.query.items() for v in values)
    target = f"{logged.path}?{query}" if query else logged.path
    status = "no answer" if logged.status is None else str(logged.status)
    extra = [f"fault: {logged.fault}", *logged.warnings] if logged.fault else [*logged.warnings]
    suffix = f" ({'; '.join(extra)})" if extra else ""
    return f"{logged.method} {target} -> {status}{suffix}"
