"""Registering exact expectations of v1 requests on a `responses` mock.

Every expected request is matched on method, path, the whole query, the
JSON body (or its absence), the content headers and a valid v1 signature,
recomputed with `signing` from the request's own X-Timestamp.
"""

from __future__ import annotations

import re
from typing import Any, Optional

import responses
from requests import PreparedRequest
from responses import matchers

from . import signing

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
BASE_URL = "https://api.flowroute.com"

# ISO-8601 in UTC, seconds only, no zone suffix: the legacy Python form.
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def _body_bytes(request: PreparedRequest) -> Optional[bytes]:
    body = request.body
    return body.encode() if isinstance(body, str) else body


def signed(request: PreparedRequest) -> tuple[bool, str]:
    """Matcher: X-Timestamp is well formed and Authorization signs this exact request."""
    timestamp = request.headers.get("X-Timestamp", "")
    if not TIMESTAMP.fullmatch(timestamp):
        return False, f"bad X-Timestamp {timestamp!r}"
    text = signing.message(timestamp, request.method or "", request.url or "", _body_bytes(request))
    wanted = signing.authorization(ACCESS_KEY, signing.sign(SECRET_KEY, text))
    if request.headers.get("Authorization") != wanted:
        return False, f"signature does not match message {text!r}"
    return True, ""


def no_body(request: PreparedRequest) -> tuple[bool, str]:
    """Matcher: the request carries no body."""
    return (not request.body), f"unexpected body {request.body!r}"


def expect(
    rsps: responses.RequestsMock,
    method: str,
    path: str,
    *,
    query: Optional[dict[str, str]] = None,
    body: Any = None,
    reply: Any = None,
    status: int = 200,
) -> responses.BaseResponse:
    """Expect exactly this request once, and answer it with `reply` (JSON) or an empty body."""
    match: list[Any] = [
        matchers.query_param_matcher(query or {}, strict_match=True),
        matchers.header_matcher({"Accept": "application/json"}),
        signed,
    ]
    if body is None:
        match.append(no_body)
    else:
        match.append(matchers.json_params_matcher(body, strict_match=True))
        match.append(matchers.header_matcher({"Content-Type": "application/json"}))
    content: dict[str, Any] = {"body": ""} if reply is None else {"json": reply}
    return rsps.add(method, BASE_URL + path, match=match, status=status, **content)
