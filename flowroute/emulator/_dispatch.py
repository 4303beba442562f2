"""The one dispatcher: a request record in, a response record out.

Both front doors (the loopback server and the `responses` mock) build a
`Request` and hand it here. The dispatcher finds the API whose path prefix
matches, checks that API's credentials with its own code, runs the one
matching endpoint under the emulator's lock, renders domain errors the way
that API version does, and appends the exchange to the request log.

Each API version is one `Api` row (prefixes, auth check, endpoint table,
error renderer, status table), so another version is one more row.

Injected faults (`_faults`) are decided here too; latency is slept outside
the lock, and the front doors act on `Response.action`.

Each exchange is also one INFO line on the ``flowroute.emulator.access``
logger (``flowroute emulator`` prints them; a library adds no handler).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any, Callable, Optional
from urllib.parse import unquote

import attrs

from . import _faults
from ._log import DEFAULT_LOG_SIZE, LoggedRequest, RequestLog, access_line, decode_body, entry
from .errors import EmulatorError
from .state import State

__all__ = [
    "Api",
    "Call",
    "Credentials",
    "Dispatcher",
    "Endpoint",
    "HttpError",
    "Reply",
    "Request",
    "Response",
    "Stream",
    "basic_credentials",
]

logger = logging.getLogger("flowroute.emulator")
access_logger = logging.getLogger("flowroute.emulator.access")


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
        strict: refuse what the service would ignore (undocumented query
            parameters) instead of noting it in `warnings`.
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


class Dispatcher:
    """Routes request records to the API tables and keeps the request log.

    Args:
        state: the emulated service the handlers act on.
        credentials: the keys every request must carry.
        apis: the API generations served; the first also renders errors
            for paths no API claims.
        lock: held for the whole of each request (but not its injected
            latency), so the log and the state change together.
        sleep: waits out injected latency, in seconds.
        log_size: how many exchanges the request log keeps (None: all).
        strict: refuse undocumented query parameters (400) instead of
            ignoring them with a warning on the log entry, as the service does.

    Attributes:
        faults: the injected fault rules, none at first.
    """

    def __init__(
        self,
        state: State,
        credentials: Credentials,
        apis: Sequence[Api],
        lock: threading.RLock,
        sleep: Callable[[float], None] = time.sleep,
        log_size: Optional[int] = DEFAULT_LOG_SIZE,
        strict: bool = False,
    ) -> None:
        self.state = state
        self.strict = strict
        self.credentials = credentials
        self._apis = tuple(apis)
        # Longest prefix first, so "/v2.1" wins over "/v2".
        self._prefixes = sorted(
            ((prefix, api) for api in self._apis for prefix in api.prefixes),
            key=lambda row: -len(row[0]),
        )
        self._lock = lock
        self._log = RequestLog(log_size)
        self.faults = _faults.Faults(state.seed)
        self._sleep = sleep

    @property
    def log(self) -> list[LoggedRequest]:
        """A snapshot of the request log, oldest first."""
        with self._lock:
            return self._log.snapshot()

    def clear_log(self) -> None:
        """Forget every logged request."""
        with self._lock:
            self._log.clear()

    def dispatch(self, request: Request) -> Response:
        """Answer one request: faults, auth, route, handler, error rendering, log."""
        with self._lock:
            plan = self.faults.plan(request.method, request.path)
        if plan.delay:
            self._sleep(plan.delay)
        notes: list[str] = []
        with self._lock:
            error_id = f"emulator-{self._log.count}"
            fault = plan.fault
            if fault is not None and not fault.handled:
                response = self._instead(request, fault, error_id)
                document = decode_body(response.body)
            else:
                api, reply = self._answer(request, error_id, notes)
                response, document = self._render(api, reply), reply.document
                if isinstance(document, Stream):  # not logged: it may be any size
                    document = None
                if fault is not None:
                    response = self._spoil(api, response, fault)
                    if fault.kind == "malformed_json":
                        document = decode_body(response.body)
            name = fault.kind if fault is not None else ("latency" if plan.delay else None)
            status = None if response.action == "refuse" else response.status
            logged = entry(request, status, document, name, plan.delay, response.body, tuple(notes))
            self._log.append(logged)
        if access_logger.isEnabledFor(logging.INFO):
            access_logger.info("%s", access_line(logged))
        return response

    @staticmethod
    def _render(api: Api, reply: Reply) -> Response:
        if isinstance(reply.document, Stream):
            stream = reply.document
            headers = {"Content-Type": stream.content_type, **stream.headers}
            return Response(status=reply.status, headers=headers, body=b"", stream=stream.chunks())
        body = b"" if reply.document is None else json.dumps(reply.document).encode()
        headers = {"Content-Type": api.content_type} if body else {}
        if reply.status == HTTPStatus.UNAUTHORIZED:
            headers["WWW-Authenticate"] = 'Basic realm="flowroute"'
        return Response(status=reply.status, headers=headers, body=body)

    def _instead(self, request: Request, fault: _faults.Fault, error_id: str) -> Response:
        """The answer of a fault that keeps the request from the service."""
        action = _faults.KINDS[fault.kind].action
        if action is not None:
            return Response(status=0, headers={}, body=b"", action=action)
        api = self._api_for(request.path) or self._apis[0]
        status, headers, body = _faults.answer(fault, api.render_error, error_id, api.content_type)
        return Response(status=status, headers=headers, body=body)

    @staticmethod
    def _spoil(api: Api, response: Response, fault: _faults.Fault) -> Response:
        """The service's answer, as a fault that strikes after handling delivers it."""
        if response.stream is not None and fault.kind == "truncated":
            return attrs.evolve(response, action="truncate")  # the front door cuts the stream
        status, headers, body = _faults.garble(
            fault, response.status, dict(response.headers), response.body, api.content_type
        )
        action = _faults.KINDS[fault.kind].action
        return Response(status=status, headers=headers, body=body, action=action)

    def _answer(self, request: Request, error_id: str, notes: list[str]) -> tuple[Api, Reply]:
        api = self._api_for(request.path)
        if api is None:
            tried = ", ".join(prefix for prefix, _ in self._prefixes)
            detail = f"no API under {request.path}; the emulator serves {tried}"
            return self._apis[0], self._error(self._apis[0], 404, detail, error_id)
        try:
            authentic = api.authenticate(request, self.credentials)
        except HttpError as exc:  # an API may say why it refuses (v1: stale timestamp, ...)
            return api, self._error(api, exc.status, exc.detail, error_id)
        except (ValueError, UnicodeError):  # credentials no check can read (non-ASCII, ...)
            logger.info("unreadable credentials on %s %s", request.method, request.path)
            authentic = False
        if not authentic:
            detail = "Unauthorized: missing or wrong API credentials"
            return api, self._error(api, 401, detail, error_id)
        try:
            return api, self._route(api, request, notes)
        except HttpError as exc:
            return api, self._error(api, exc.status, exc.detail, error_id)
        except EmulatorError as exc:
            return api, self._error(api, self._status_of(api, exc), exc.detail, error_id)
        except Exception:  # the boundary: an emulator bug must still answer
            logger.exception("emulator failed on %s %s", request.method, request.path)
            return api, self._error(api, 500, "emulator internal error", error_id)

    def _api_for(self, path: str) -> Optional[Api]:
        for prefix, api in self._prefixes:
            if path == prefix or path.startswith(prefix + "/"):
                return api
        return None

    def _route(self, api: Api, request: Request, notes: list[str]) -> Reply:
        allowed = []
        for endpoint in api.endpoints:
            match = endpoint.pattern.fullmatch(request.path)
            if match is None:
                continue
            if endpoint.method == request.method:
                params = {name: unquote(value) for name, value in match.groupdict().items()}
                call = Call(
                    state=self.state,
                    request=request,
                    params=params,
                    strict=self.strict,
                    warnings=notes,
                )
                return endpoint.handler(call)
            allowed.append(endpoint.method)
        tried = "; ".join(f"{e.method} {e.template}" for e in api.endpoints)
        if allowed:
            methods = ", ".join(allowed)
            raise HttpError(405, f"{request.method} not allowed on {request.path} (use {methods})")
        raise HttpError(404, f"no route for {request.method} {request.path}; tried: {tried}")

    @staticmethod
    def _status_of(api: Api, exc: EmulatorError) -> int:
        for cls, status in api.statuses.items():
            if isinstance(exc, cls):
                return status
        return 500

    @staticmethod
    def _error(api: Api, status: int, detail: str, error_id: str) -> Reply:
        return Reply(status, api.render_error(status, detail, error_id))
