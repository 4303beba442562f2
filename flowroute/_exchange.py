"""One attempt's answer: read within the deadline and the size cap, then judged.

The Transport sends; this module turns what came back (a body, or a
`requests` exception) into a `Response` record or a `flowroute.errors`
exception, and decides what a call that is over ends with: its response,
the error, or `OutcomeUnknownError` when a call that is not idempotent may
have been carried out although its answer was lost. Failures map through a
table, most specific first.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Optional

import requests
import urllib3

from . import _constants as c
from . import _json, errors
from ._body import pieces

__all__ = [
    "Response",
    "Result",
    "answer",
    "conclude",
    "emptied",
    "failed",
    "map_exception",
    "read_body",
    "received",
    "timed_out",
    "with_body",
]


class Response:
    """One API answer as received: what models, pages and errors keep of it.

    Frozen and slotted: built once per call, shared by whatever reads it.

    Attributes:
        method: HTTP method of the request.
        url: the full URL requested, query included; never carries credentials.
        status: the HTTP status code.
        headers: the response headers, a case-insensitive mapping.
        request_id: the server's ``X-Request-Id`` header, when it sent one.
        body: the decoded JSON body; None for an empty one; the text of an
            error response that is not JSON.
        elapsed: seconds from sending the request to the end of the body.
    """

    __slots__ = ("body", "elapsed", "headers", "method", "request_id", "status", "url")

    method: str
    url: str
    status: int
    headers: Mapping[str, str]
    request_id: Optional[str]
    body: Any
    elapsed: float

    def __init__(
        self,
        *,
        method: str,
        url: str,
        status: int,
        headers: Mapping[str, str],
        request_id: Optional[str],
        body: Any,
        elapsed: float,
    ) -> None:
        put = object.__setattr__  # frozen: the class's own __setattr__ refuses
        put(self, "method", method)
        put(self, "url", url)
        put(self, "status", status)
        put(self, "headers", headers)
        put(self, "request_id", request_id)
        put(self, "body", body)
        put(self, "elapsed", elapsed)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Response is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Response is frozen: cannot delete {name!r}")

    def __repr__(self) -> str:
        # No body: it may be large, and it is the caller's data, not a summary.
        return f"<Response [{self.status}] {self.method} {self.url}>"


def _sent_nothing(exc: requests.RequestException) -> bool:
    """True when the failure happened before any byte of the request left."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and exc.args:
        reason = getattr(exc.args[0], "reason", None)
        return isinstance(reason, urllib3.exceptions.NewConnectionError)
    return False


# Most specific first: ConnectTimeout is also a ConnectionError and a Timeout.
_EXCEPTION_MAP: tuple[tuple[type[Exception], type[errors.TransportError], str], ...] = (
    (requests.ConnectTimeout, errors.ConnectTimeout, "connection timed out"),
    (requests.ReadTimeout, errors.ReadTimeout, "no response in time"),
    (requests.exceptions.SSLError, errors.ConnectError, "TLS handshake failed"),
    (requests.exceptions.ChunkedEncodingError, errors.ReadError, "response body cut short"),
    (requests.exceptions.ContentDecodingError, errors.ReadError, "response body undecodable"),
    (requests.ConnectionError, errors.ReadError, "connection failed"),
    (requests.RequestException, errors.TransportError, "request failed"),
)


def map_exception(
    exc: requests.RequestException, method: str, url: str, *, wrote: bool = False
) -> errors.TransportError:
    """The `flowroute.errors` exception for `exc`; `wrote`: bytes of the request are known sent."""
    if _sent_nothing(exc) and not isinstance(exc, requests.ConnectTimeout):
        return errors.ConnectError("connection refused or unreachable", method=method, url=url)
    if wrote and isinstance(exc, requests.exceptions.SSLError):
        # Not the handshake: the request went out, and a ConnectError says it did not.
        return errors.ReadError(
            "TLS connection failed after the request was sent: SSLError", method=method, url=url
        )
    if exc.args and isinstance(exc.args[0], urllib3.exceptions.ReadTimeoutError):
        # requests reports a read timeout in the body as a ConnectionError around
        # urllib3's: it is a timeout all the same (the README: every timeout is one).
        return errors.ReadTimeout("no response in time: ReadTimeout", method=method, url=url)
    for source, target, text in _EXCEPTION_MAP:
        if isinstance(exc, source):
            return target(f"{text}: {type(exc).__name__}", method=method, url=url)
    return errors.TransportError("request failed", method=method, url=url)  # pragma: no cover


class Result:
    """What one attempt came to: an answer (possibly an error status), or a failure."""

    __slots__ = ("failure", "response", "sent")

    def __init__(
        self, response: Optional[Response], failure: Optional[errors.TransportError], sent: bool
    ) -> None:
        self.response = response
        self.failure = failure
        self.sent = sent


def failed(
    exc: requests.RequestException,
    expired: float,
    method: str,
    url: str,
    response: Optional[requests.Response] = None,
    started: float = 0.0,
    wrote: bool = False,
) -> Result:
    """The attempt broke off; `expired` is its timeout when its deadline passed, else 0.

    A connect timeout keeps its own name (nothing was sent), and so does a
    read timeout before the deadline (the server sent nothing for that
    long); any other failure of an attempt past its deadline (a connection
    the watchdog cut, a read or send refused for lack of time, a read
    timeout that ended with the deadline) is the deadline.
    `response` is the answer whose body broke off, if its headers had
    arrived (at `started`, on the `time.monotonic` clock): the error keeps it.
    `wrote`: bytes of the request are known to have left (see `map_exception`).
    """
    error: errors.TransportError
    if expired and not isinstance(exc, requests.ConnectTimeout):
        error = timed_out(expired, method, url)
    else:
        error = map_exception(exc, method, url, wrote=wrote)
    if response is not None:
        error.response = received(response, method, url, None, time.monotonic() - started)
    error.__cause__, error.__suppress_context__ = exc, True
    return Result(None, error, sent=not _sent_nothing(exc))


def timed_out(
    seconds: float, method: str, url: str, response: Optional[Response] = None
) -> errors.ResponseTimeout:
    """The error of an attempt that outlived its deadline of `seconds`."""
    return errors.ResponseTimeout(
        f"no complete response within the {seconds:g} s timeout",
        method=method,
        url=url,
        response=response,
    )


def received(
    response: requests.Response, method: str, url: str, body: Any, elapsed: float
) -> Response:
    """The `Response` record of what arrived: status, headers, request id, `body`."""
    headers = response.headers
    return Response(
        method=method,
        url=url,
        status=response.status_code,
        headers=headers,
        request_id=headers.get("X-Request-Id"),
        body=body,
        elapsed=elapsed,
    )


def read_body(
    response: requests.Response, url: str, *, cap: int, deadline: float, timeout: float
) -> bytes:
    """The whole body, decompressed, unless it outgrows `cap` or the deadline passes.

    Memory stays within `cap` and a piece whatever the body: a gzip bomb is
    refused once its inflated size passes the cap, never inflated whole.

    `deadline` is on the `time.monotonic` clock; `timeout` is the seconds it stands for.
    """
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _too_large(response, cap, url, deadline - timeout)
    chunks = []
    size = 0
    # Large pieces: a usual body is one read; the cap and deadline are checked per piece,
    # and no piece inflates past READ_CHUNK_BYTES, however well a body compresses.
    for chunk in pieces(response, c.READ_CHUNK_BYTES):
        size += len(chunk)
        if size > cap:
            raise _too_large(response, cap, url, deadline - timeout)
        chunks.append(chunk)
        if time.monotonic() > deadline:
            method = response.request.method or ""
            arrived = received(response, method, url, None, time.monotonic() - deadline + timeout)
            raise timed_out(timeout, method, url, arrived)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(
    response: requests.Response, cap: int, url: str, started: float
) -> errors.ResponseTooLargeError:
    method = response.request.method or ""
    return errors.ResponseTooLargeError(
        f"{response.status_code} response body larger than max_response_bytes={cap}",
        method=method,
        url=url,
        response=received(response, method, url, None, time.monotonic() - started),
    )


def answer(
    response: requests.Response, content: bytes, method: str, url: str, elapsed: float
) -> Result:
    """The Response record of a complete answer; a garbled success body is a failure."""
    status = response.status_code
    body: Any = None
    garbled = False
    if content and not content.isspace():
        try:
            body = _json.loads(content)
        except (ValueError, RecursionError):  # RecursionError: JSON nested too deep
            body = content.decode("utf-8", "replace")
            garbled = 200 <= status < 300
    record = received(response, method, url, body, elapsed)
    if garbled:
        failure = errors.DecodeError(
            f"{status} response is not JSON", method=method, url=url, response=record
        )
        return Result(record, failure, sent=True)
    return Result(record, None, sent=True)


def with_body(response: Response, body: Any) -> Response:
    """The response as received, but for its body."""
    return Response(
        method=response.method,
        url=response.url,
        status=response.status,
        headers=response.headers,
        request_id=response.request_id,
        body=body,
        elapsed=response.elapsed,
    )


def emptied(response: Response) -> Response:
    """The response with its (error) body dropped: the call succeeded after all."""
    return with_body(response, None)


def conclude(
    result: Result, idempotent: bool, outcome: Optional[str], auth: requests.auth.AuthBase
) -> Response:
    """The call's end once no retry follows: its response, or the error to raise."""
    response, failure = result.response, result.failure
    status = response.status if response is not None else 0
    if 200 <= status < 300 and failure is None:
        return response  # type: ignore[return-value]  # a status means a response
    error: errors.FlowrouteError
    if failure is not None:
        error = failure
    else:  # an answer with an error status
        assert response is not None  # a status means a response
        hint = getattr(auth, "unauthorized_hint", None) if status == 401 else None
        error = errors.error_for_status(status)(
            status,
            body=response.body,
            method=response.method,
            url=response.url,
            request_id=response.request_id,
            hint=hint,
            response=response,
        )
    # A ConnectError (refused, TLS) means nothing was sent: the outcome is known.
    lost = failure is not None and not isinstance(failure, errors.ConnectError)
    if not idempotent and result.sent and (lost or status in (502, 504)):
        raise _unknown(error, response, outcome) from error
    raise error


# What a lost, garbled or gateway answer is called in the OutcomeUnknownError message.
_WHY = (
    (errors.TimeoutError, "no answer in time"),
    (errors.DecodeError, "the answer was unreadable"),
    (errors.APIError, "a gateway error"),
    (errors.TransportError, "the connection broke before the answer"),
)


def _unknown(
    error: errors.FlowrouteError, response: Optional[Response], outcome: Optional[str]
) -> errors.OutcomeUnknownError:
    why = next(text for kind, text in _WHY if isinstance(error, kind))
    if response is None:
        response = getattr(error, "response", None)
    return errors.OutcomeUnknownError(
        outcome or "the request may have been carried out; check before retrying",
        f"{why} ({type(error).__name__})",
        method=getattr(error, "method", ""),
        url=getattr(error, "url", ""),
        status=response.status if response is not None else None,
        request_id=response.request_id if response is not None else None,
        response=response,
    )
