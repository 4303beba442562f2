"""Registering exact expectations of v2 requests on a `responses` mock.

Each expected request is matched on method, full URL path, the whole query,
the exact Authorization and content headers, and the exact JSON body (or
the absence of one).
"""

from __future__ import annotations

from typing import Any, Optional

import responses
from requests import PreparedRequest
from responses import matchers

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
BASE_URL = "https://api.flowroute.com"
# base64("test-access-key:test-secret-key"), written out so a bug in our
# own encoder cannot hide behind the same encoder in the test.
AUTHORIZATION = "Basic dGVzdC1hY2Nlc3Mta2V5OnRlc3Qtc2VjcmV0LWtleQ=="


def no_body(request: PreparedRequest) -> tuple[bool, str]:
    """Matcher: the request carries no body and no Content-Type."""
    ok = not request.body and "Content-Type" not in request.headers
    return ok, f"unexpected body {request.body!r} / headers {dict(request.headers)!r}"


def expect(
    rsps: responses.RequestsMock,
    method: str,
    path: str,
    *,
    query: Optional[dict[str, str]] = None,
    body: Any = None,
    reply: Any = None,
    status: int = 200,
    headers: Optional[dict[str, str]] = None,
) -> responses.BaseResponse:
    """Expect exactly this request, and answer it with `reply` (JSON) or an empty body."""
    match: list[Any] = [
        matchers.query_param_matcher(query or {}, strict_match=True),
        matchers.header_matcher({"Authorization": AUTHORIZATION, "Accept": "application/json"}),
    ]
    if body is None:
        match.append(no_body)
    else:
        match.append(matchers.json_params_matcher(body, strict_match=True))
        match.append(matchers.header_matcher({"Content-Type": "application/json"}))
    content: dict[str, Any] = {"body": ""} if reply is None else {"json": reply}
    return rsps.add(method, BASE_URL + path, match=match, status=status, headers=headers, **content)
