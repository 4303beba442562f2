"""The request log: what each exchange looked like, minus the credentials."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import parse_qs

import attrs

if TYPE_CHECKING:
    from ._dispatch import Request

__all__ = ["SECRET_HEADERS", "LoggedRequest", "decode_body", "entry"]

# Never kept in the request log: they carry credentials (v1 signatures included).
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


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


def decode_body(body: bytes) -> Any:
    """A body as JSON when it parses, else as text; None when empty."""
    if not body:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested too deep
        return body.decode("utf-8", errors="replace")


def entry(
    request: Request, status: Optional[int], document: Any, fault: Optional[str], delay: float
) -> LoggedRequest:
    """The log record of one exchange, with the secret headers left out."""
    headers = {k: v for k, v in request.headers.items() if k not in SECRET_HEADERS}
    return LoggedRequest(
        method=request.method,
        path=request.path,
        query=parse_qs(request.query, keep_blank_values=True),
        headers=headers,
        body=decode_body(request.body),
        status=status,
        response=document,
        fault=fault,
        delay=delay,
    )
