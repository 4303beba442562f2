"""The records that front doors, the dispatcher and endpoint handlers pass each other.

A front door turns what it received into a `Request`; the dispatcher finds
the `Api` row whose prefix matches and the `Endpoint` row whose method and
path template match, and gives the handler a `Call`; the handler answers
with a `Reply` (a JSON document, or a `Stream` for a file) or raises
`HttpError`; the front door sends the `Response`. `Credentials` are what
each API's authentication check compares a request with.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Optional

import attrs

from .errors import EmulatorError

if TYPE_CHECKING:
    from .state import State

__all__ = [
    "Api",
    "Call",
    "Credentials",
    "Endpoint",
    "HttpError",
    "Reply",
    "Request",
    "Response",
    "Stream",
    "basic_credentials",
]


@attrs.frozen(kw_only=True)
class Request:
    """One HTTP request, as either front door received it.

    Attributes:
        method: upper-case HTTP method.
        path: the path as sent (still percent-encoded), without the query.
        query: the raw query string, without ``?``.
        headers: header names in lower case.
        body: the raw body (empty when there is none).
        base_url: ``scheme://host[:port]`` the client addressed; links use it.
    """

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes
    base_url: str


@attrs.frozen(kw_only=True)
class Response:
    """What a front door sends back: status, headers and body bytes.

    Attributes:
        action: None, or what an injected fault asks of the front door:
            ``"refuse"``, ``"drop"``, ``"timeout"`` or ``"truncate"``.
        stream: the body's chunks when it is streamed (`body` is then
            empty and the length unknown), read by the front door after
            the emulator's lock is released; None otherwise.
    """

    status: int
    headers: Mapping[str, str]
    body: bytes
    action: Optional[str] = None
    stream: Optional[Iterator[bytes]] = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Credentials:
    """The one account's keys; the secret never appears in a repr.

    Attributes:
        access_key: the access key.
        secret_key: the secret key.
        clock: the emulator's clock (aware UTC), for credentials that carry
            a timestamp: v1 signatures are refused when it is too far off.
    """

    access_key: str
    secret_key: str = attrs.field(repr=False)
    clock: Callable[[], datetime] = attrs.field(
        default=lambda: datetime.now(timezone.utc), repr=False, eq=False
    )


@attrs.frozen(kw_only=True)
class Call:
    """What an endpoint handler receives.

    Attributes:
        state: the emulated service.
        request: the request record.
        params: the path parameters, percent-decoded.
        strict: refuse what the service would let pass (undocumented query
            parameters, media without ``is_mms``) instead of noting it in
            `warnings`.
        warnings: what was ignored, for the request's log entry; handlers
            (through the parsers) append to it.
    """

    state: State
    request: Request
    params: Mapping[str, str]
    strict: bool = False
    warnings: list[str] = attrs.field(factory=list, eq=False)


@attrs.frozen
class Reply:
    """A handler's answer: a status and a JSON document (None for no body)."""

    status: int
    document: Any = None


@attrs.frozen(kw_only=True)
class Stream:
    """A reply body that is not JSON, produced in chunks (a CDR export file).

    Attributes:
        content_type: its media type.
        chunks: makes the chunks; called once, and the chunks are read by
            the front door outside the emulator's lock, so memory and lock
            time do not grow with the body's size.
        headers: further response headers.
    """

    content_type: str
    chunks: Callable[[], Iterator[bytes]]
    headers: Mapping[str, str] = attrs.field(factory=dict)


class HttpError(Exception):
    """A request the API refuses before any domain verb runs (malformed body, unknown parameter).

    Attributes:
        status: the HTTP status to answer with.
        detail: a one-line explanation.
    """

    def __init__(self, status: int, detail: str) -> None:
        self.status = status
        self.detail = detail
        super().__init__(detail)


@attrs.frozen
class Endpoint:
    """One row of an API's route table: method, path template, handler.

    ``{name}`` in the template matches one path segment, given to the
    handler percent-decoded as ``call.params[name]``.
    """

    method: str
    template: str
    handler: Callable[[Call], Reply]
    pattern: re.Pattern[str] = attrs.field(init=False)

    @pattern.default
    def _compile(self) -> re.Pattern[str]:
        # re.escape writes "{id}" as \{id\}; each becomes a named one-segment group.
        return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.template)))


@attrs.frozen(kw_only=True)
class Api:
    """One API generation as the dispatcher sees it.

    Attributes:
        prefixes: path prefixes it serves, e.g. ``("/v2.1", "/v2")``.
        authenticate: tells whether a request carries the account's credentials;
            it may instead raise `HttpError` (401) saying what is wrong.
        endpoints: the route table.
        render_error: builds the error document from (status, detail, error id).
        statuses: domain error class -> HTTP status.
        content_type: media type of its JSON bodies.
    """

    prefixes: tuple[str, ...]
    authenticate: Callable[[Request, Credentials], bool]
    endpoints: tuple[Endpoint, ...]
    render_error: Callable[[int, str, str], Any]
    statuses: Mapping[type[EmulatorError], int]
    content_type: str = "application/json"


def basic_credentials(headers: Mapping[str, str]) -> Optional[tuple[str, str]]:
    """The (user, password) of an ``Authorization: Basic`` header, or None."""
    scheme, _, encoded = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):  # ValueError: non-ASCII text where base64 belongs
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None
