"""The v3 SDK's exceptions, with the context (request and response) it attached.

The SDK raised `ErrorException` for 401, 403, 404 and 422, with its own
reason for each and the API's ``errors`` parsed into objects with
``.detail``; any other status outside 200-208 (409 included) raised a plain
`APIException` reading ``"HTTP response not OK."``. Callers read
``e.context.response.raw_body`` and ``e.context.response.status_code``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Optional

from requests.structures import CaseInsensitiveDict

from ...errors import APIError, ValidationError
from .models import Error1

__all__ = [
    "APIException",
    "ErrorException",
    "HttpContext",
    "HttpRequest",
    "HttpResponse",
    "sdk_error",
]

NOT_OK = "HTTP response not OK."
"""The SDK's reason for an error status it has no reason of its own for."""

# The SDK's reasons, by the statuses it raised ErrorException for.
REASONS = {
    401: "Unauthorized \N{EN DASH} There was an issue with your API credentials.",
    403: "Forbidden \N{EN DASH} You don't have permission to access this resource.",
    404: "The specified resource was not found",
    422: "Unprocessable Entity - You tried to enter an incorrect value.",
}


class HttpRequest:
    """The request of a failed call, as the SDK's context held it.

    Attributes:
        http_method: ``"GET"``, ``"POST"``, ... (``""`` when nothing was sent).
        query_url: the URL, without credentials (``""`` when nothing was sent).
        headers: request headers the SDK exposed (none are kept here).
    """

    def __init__(self, http_method: str = "", query_url: str = "") -> None:
        self.http_method = http_method
        self.query_url = query_url
        self.headers: dict[str, str] = {}


class HttpResponse:
    """The answer of a failed call.

    Attributes:
        status_code: the HTTP status.
        headers: the response headers, case-insensitive as requests gives
            them (only the request id when the error was made up here).
        raw_body: the body as text (JSON text for a JSON body).
    """

    def __init__(self, status_code: int, headers: Mapping[str, str], raw_body: str) -> None:
        self.status_code = status_code
        self.headers = headers
        self.raw_body = raw_body


class HttpContext:
    """A failed call's request and response (``e.context``)."""

    def __init__(self, request: HttpRequest, response: HttpResponse) -> None:
        self.request = request
        self.response = response


class APIException(Exception):
    """The SDK's error for an unsuccessful call.

    Args:
        reason: the message (``"HTTP response not OK."`` or the status's own).
        context: the `HttpContext` of the call.

    Attributes:
        context: as given.
        response_code: ``context.response.status_code``.
        reason: as given.
    """

    def __init__(self, reason: str, context: HttpContext) -> None:
        super().__init__(reason)
        self.reason = reason
        self.context = context
        self.response_code = context.response.status_code


class ErrorException(APIException):
    """The SDK's error for 401, 403, 404 and 422 (and for arguments refused before sending).

    Attributes:
        errors: the API's errors as `Error1` objects (``.detail``, ``.status``,
            ``.id``, ``.title``); None when the body had no ``errors`` list.
    """

    def __init__(self, reason: str, context: HttpContext) -> None:
        super().__init__(reason, context)
        self.errors: Optional[list[Error1]] = None
        try:
            document = json.loads(context.response.raw_body)
        except ValueError:
            document = None
        if isinstance(document, dict):
            self.unbox(document)

    def unbox(self, dictionary: dict[str, Any]) -> None:
        """Read ``errors`` from the decoded body, as the SDK did."""
        found = dictionary.get("errors")
        if isinstance(found, list):
            self.errors = [Error1.from_dictionary(item) for item in found]


def _text(body: Any) -> str:
    if body is None:
        return ""
    return body if isinstance(body, str) else json.dumps(body)


def sdk_error(exc: APIError | ValidationError) -> APIException:
    """The SDK's exception for a flowroute error.

    Arguments v2 refuses before sending become an `ErrorException` with
    status 400 whose reason is the refusal (the SDK would have sent them and
    got the API's error); its body holds the same text as an ``errors`` item.
    """
    if isinstance(exc, ValidationError):
        body = {"errors": [{"detail": str(exc), "status": 400}]}
        response = HttpResponse(400, {}, json.dumps(body))
        return ErrorException(str(exc), HttpContext(HttpRequest(), response))
    headers: Mapping[str, str]
    if exc.response is not None:
        headers = CaseInsensitiveDict(exc.response.headers)
    else:
        headers = {"x-request-id": exc.request_id} if exc.request_id else {}
    response = HttpResponse(exc.status, headers, _text(exc.body))
    context = HttpContext(HttpRequest(exc.method, exc.url), response)
    reason = REASONS.get(exc.status)
    if reason is None:
        return APIException(NOT_OK, context)
    return ErrorException(reason, context)
