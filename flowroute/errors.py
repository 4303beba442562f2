"""Every failure the library raises, as one tree::

    FlowrouteError
    ├── ConfigurationError          bad or missing settings (credentials, base URL)
    ├── ValidationError             bad input, caught before any request is sent
    ├── WebhookError                a webhook body that is not what Flowroute posts
    ├── TransportError              the exchange itself failed
    │   ├── TimeoutError            any phase took too long (connect, headers, body)
    │   │   ├── ConnectTimeout      connecting took too long (nothing was sent)
    │   │   ├── ReadTimeout         the server sent nothing for too long
    │   │   └── ResponseTimeout     the whole response did not arrive within the timeout
    │   ├── ConnectError            no connection could be made (nothing was sent)
    │   │   └── ConnectTimeout
    │   ├── ReadError               the connection broke mid-exchange
    │   ├── DecodeError             a response that is not what the API documents
    │   │   └── ResponseTooLargeError   a body larger than the client's cap
    │   └── OutcomeUnknownError     a purchase, send or create may or may not have happened
    ├── APIError                    the API answered with an error status
    │   ├── BadRequestError             400
    │   ├── AuthenticationError         401
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   ├── ConflictError               409
    │   ├── UnprocessableEntityError    422
    │   ├── RateLimitError              429
    │   └── ServerError                 5xx
    └── PartialUpdateError          an operation of several requests stopped part-way

`OutcomeUnknownError` replaces the timeout, read, decode or 502/504 error
of a call that is not idempotent once its request may have reached the
server: whatever phase failed, the caller's question is the same ("did the
number get bought?"), and retrying blindly could buy it twice. It is a
`TransportError`, so code catching transport failures still catches it, but
not a `TimeoutError`, `ReadError` or `DecodeError`: code that retries on
those must not retry this. The original error is its ``__cause__``.

The compat layer raises `PartialUpdateError` (as its legacy-shaped subclass)
when a legacy call that takes several v2 requests fails half-way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from ._exchange import Response

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "ConnectError",
    "ConnectTimeout",
    "DecodeError",
    "ErrorDetail",
    "FlowrouteError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PartialUpdateError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReadError",
    "ReadTimeout",
    "ResponseTimeout",
    "ResponseTooLargeError",
    "ServerError",
    "TimeoutError",
    "TransportError",
    "UnprocessableEntityError",
    "ValidationError",
    "WebhookError",
    "error_for_status",
]


class FlowrouteError(Exception):
    """Base class of every exception raised by flowroute."""


class ConfigurationError(FlowrouteError):
    """A setting is missing or invalid (credentials, base URL, timeouts)."""


_SHOWN_VALUE = 120


class ValidationError(FlowrouteError, ValueError):
    """An argument was rejected before any request was sent.

    Attributes:
        argument: the name of the offending argument.
        allowed: a human description of the values that would be accepted.
    """

    def __init__(self, argument: str, allowed: str, value: Any = None) -> None:
        self.argument = argument
        self.allowed = allowed
        self.value = value
        try:
            shown = repr(value)
        except ValueError:  # an int of more than 4300 digits has no repr
            shown = f"<{type(value).__name__} too large to show>"
        if len(shown) > _SHOWN_VALUE:  # a megabyte of bad input must not become the message
            shown = shown[: _SHOWN_VALUE - 3] + "..."
        super().__init__(f"invalid {argument}={shown}: expected {allowed}")


class WebhookError(FlowrouteError, ValueError):
    """A webhook body that is not one Flowroute posts (`flowroute.webhooks.parse`).

    Attributes:
        reason: what is wrong with the value.
        field: the JSON path of the bad value, such as
            ``$.data.attributes.to``; ``$`` for the body as a whole.
    """

    def __init__(self, reason: str, field: str = "$") -> None:
        self.reason = reason
        self.field = field
        super().__init__(f"invalid webhook body at {field}: {reason}")


class TransportError(FlowrouteError):
    """The HTTP exchange failed: no usable response was received.

    Attributes:
        method: HTTP method of the request.
        url: URL of the request (never carries credentials).
        response: the answer's status, headers and request id when they
            arrived before the failure (a body cut short, too large or too
            slow), as ``RawResponse.response`` gives them; else None.
    """

    def __init__(
        self, message: str, *, method: str = "", url: str = "", response: Optional[Response] = None
    ) -> None:
        self.method = method
        self.url = url
        self.response = response
        super().__init__(f"{message} ({method} {url})" if method else message)


class TimeoutError(TransportError):  # shadows the builtin here only: flowroute.errors.TimeoutError
    """A phase of the exchange took too long: connecting, waiting, or reading the body.

    Catch this one class for every timeout. Only a `ConnectTimeout` says
    that nothing was sent.
    """


class ConnectError(TransportError):
    """The connection could not be established; the request was not sent."""


class ConnectTimeout(ConnectError, TimeoutError):
    """Establishing the connection timed out; the request was not sent."""


class ReadTimeout(TimeoutError):
    """The server sent nothing for too long; the request may have been processed."""


class ResponseTimeout(TimeoutError):
    """The whole response (headers and body) did not arrive within the timeout.

    Raised against a server that answers too slowly as a whole, e.g. one
    that drips a byte at a time; the request may have been processed. For
    a file download (a CDR export) the bound is ``download_timeout``, and
    the message says how many bytes were written.
    """


class ReadError(TransportError):
    """The connection broke after the request was sent, or the body was cut short."""


class DecodeError(TransportError):
    """The response body is not what the API documents (bad JSON, wrong shape).

    Attributes:
        status: the HTTP status of the undecodable response.
        path: the JSON path of the value that could not be read, such as
            ``$.data[3].attributes.setup_cost`` (empty when the body is not JSON).
        response: the whole answer, its body decoded or else as text;
            None for a file read on its own (a CDR export).
    """

    def __init__(
        self,
        message: str,
        *,
        method: str = "",
        url: str = "",
        status: int = 0,
        path: str = "",
        response: Optional[Response] = None,
    ) -> None:
        self.status = status or (response.status if response is not None else 0)
        self.path = path
        super().__init__(message, method=method, url=url, response=response)


class ResponseTooLargeError(DecodeError):
    """The response body is larger than the client accepts (``max_response_bytes``)."""


class OutcomeUnknownError(TransportError):
    """A call that is not idempotent may have been carried out, but its answer was lost.

    Raised for a purchase, send or create whose request may have reached the
    server when the answer timed out, broke off, arrived garbled or was a
    gateway's 502/504. It was not retried, so it happened at most once: look
    before retrying (the message says what to check). The error that
    revealed it is the ``__cause__``.

    Attributes:
        operation: what may have happened and how to check, e.g. "the number
            may have been bought; list the account's numbers before retrying".
        status: the HTTP status received (502, 504, a 2xx with a garbled or
            cut-short body), or None when no status line arrived.
        request_id: the server's request id, when an answer arrived with one.
        response: the answer as far as it arrived, or None.
    """

    def __init__(
        self,
        operation: str,
        why: str,
        *,
        method: str = "",
        url: str = "",
        status: Optional[int] = None,
        request_id: Optional[str] = None,
        response: Optional[Response] = None,
    ) -> None:
        self.operation = operation
        self.status = status
        self.request_id = request_id
        super().__init__(
            f"outcome unknown, {why}: {operation}", method=method, url=url, response=response
        )


class ErrorDetail:
    """One error reported by the API: its `detail`, `status` and `id` (when given)."""

    __slots__ = ("detail", "id", "status")

    def __init__(self, detail: str, status: Optional[str] = None, id: Optional[str] = None):
        self.detail = detail
        self.status = status
        self.id = id

    def __repr__(self) -> str:
        return f"ErrorDetail(detail={self.detail!r}, status={self.status!r}, id={self.id!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ErrorDetail):
            return NotImplemented
        return (self.detail, self.status, self.id) == (other.detail, other.status, other.id)

    __hash__ = None  # type: ignore[assignment]  # mutable value object, like a dict


def parse_error_details(body: Any) -> list[ErrorDetail]:
    """Read both documented error shapes into a list of `ErrorDetail`.

    v2: ``{"errors": [{"detail": ..., "status": ..., "id": ...}]}``;
    v1: ``{"error": "..."}``. Anything else yields an empty list.
    """
    if not isinstance(body, dict):
        return []
    errors = body.get("errors")
    if isinstance(errors, list):
        details = []
        for item in errors:
            if isinstance(item, dict):
                status = item.get("status")
                ident = item.get("id")
                details.append(
                    ErrorDetail(
                        str(item.get("detail") or item.get("title") or ""),
                        None if status is None else str(status),
                        None if ident is None else str(ident),
                    )
                )
            elif isinstance(item, str):
                details.append(ErrorDetail(item))
        return details
    single = body.get("error")
    if isinstance(single, str):
        return [ErrorDetail(single)]
    return []


_SHOWN_DETAIL = 300  # characters of the API's explanation kept in messages and reprs


def _shorten(text: str) -> str:
    return text if len(text) <= _SHOWN_DETAIL else text[: _SHOWN_DETAIL - 3] + "..."


class APIError(FlowrouteError):
    """The API answered with an error status.

    Attributes:
        status: the HTTP status code.
        errors: the API's error details, parsed from either error shape.
        body: the decoded JSON body, or the raw text when it was not JSON.
        method: HTTP method of the request.
        url: URL of the request (never carries credentials).
        request_id: the server's request id header, when it sent one.
        hint: what to check, when the client knows more than the API said
            (e.g. a v1 401: the secret key and the machine's clock).
        response: the whole answer; None for an error made up by the
            client (a compat lookup that found nothing).
    """

    def __init__(
        self,
        status: int,
        *,
        errors: Optional[list[ErrorDetail]] = None,
        body: Any = None,
        method: str = "",
        url: str = "",
        request_id: Optional[str] = None,
        hint: Optional[str] = None,
        response: Optional[Response] = None,
    ) -> None:
        self.status = status
        self.response = response
        self.errors = errors if errors is not None else parse_error_details(body)
        self.body = body
        self.method = method
        self.url = url
        self.request_id = request_id
        self.hint = hint
        super().__init__(self._message())

    @property
    def detail(self) -> str:
        """The API's own explanation, every error detail joined, or else the body text.

        Cut to a few hundred characters: a server may send a megabyte of
        error page, which belongs in `body`, not in a message or a log line.
        """
        details = "; ".join(e.detail for e in self.errors if e.detail)
        if details:
            return _shorten(details)
        if isinstance(self.body, str) and self.body.strip():
            return _shorten(self.body.strip())
        return "no detail given"

    def _message(self) -> str:
        where = f" ({self.method} {self.url})" if self.method else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self.status}: {self.detail}{hint}{where}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, detail={self.detail!r})"


class BadRequestError(APIError):
    """400 Bad Request."""


class AuthenticationError(APIError):
    """401 Unauthorized: the credentials were refused."""


class PermissionDeniedError(APIError):
    """403 Forbidden."""


class NotFoundError(APIError):
    """404 Not Found."""


class ConflictError(APIError):
    """409 Conflict."""


class UnprocessableEntityError(APIError):
    """422 Unprocessable Entity: the API rejected the request's content."""


class RateLimitError(APIError):
    """429 Too Many Requests."""


class ServerError(APIError):
    """Any 5xx status."""


class PartialUpdateError(FlowrouteError):
    """An operation of several requests stopped part-way; the message says what took effect.

    Nothing is retried or undone silently: the message (and the attributes
    subclasses add) states the state the resource is in now.
    """


_STATUS_ERRORS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_for_status(status: int) -> type[APIError]:
    """The exception class for an error status: exact match, else 5xx, else APIError."""
    if status in _STATUS_ERRORS:
        return _STATUS_ERRORS[status]
    return ServerError if status >= 500 else APIError
