"""The one dispatcher: a request record in, a response record out.

Both front doors (the loopback server and the `responses` mock) build a
`Request` (`_records` defines the records passed around) and hand it here.
The dispatcher finds the API whose path prefix matches, checks that API's
credentials with its own code, runs the one matching endpoint under the
emulator's lock, renders domain errors the way that API version does, and
appends the exchange to the request log.

Each API version is one `Api` row (prefixes, auth check, endpoint table,
error renderer, status table), so another version is one more row.

Injected faults (`_faults`) are decided here too; latency is slept outside
the lock, and the front doors act on `Response.action`.

Each exchange is also one INFO line on the ``flowroute.emulator.access``
logger (``flowroute emulator`` prints them; a library adds no handler).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Sequence
from http import HTTPStatus
from typing import Callable, Optional
from urllib.parse import unquote

import attrs

from . import _faults
from ._log import DEFAULT_LOG_SIZE, LoggedRequest, RequestLog, access_line, decode_body, entry
from ._records import Api, Call, Credentials, HttpError, Reply, Request, Response, Stream
from .errors import EmulatorError
from .state import State

__all__ = ["Dispatcher"]

logger = logging.getLogger("flowroute.emulator")
access_logger = logging.getLogger("flowroute.emulator.access")


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
        strict: refuse undocumented query parameters (400) and media
            without ``is_mms`` (422) instead of letting them pass with a
            warning on the log entry, as the service does.

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
