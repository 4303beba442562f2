"""The only place that sends requests: pool, timeouts, retries, failure mapping, logging.

A request is prepared by hand and given straight to the session's mounted
adapter. `Session.request` would merge environment settings, cookies and
hooks and follow redirects on every call; the API needs none of that, and
proxy and TLS settings are resolved once per Transport instead. urllib3's
own retries stay at zero so that this loop is the only retry layer and the
auth object signs every attempt afresh.
"""

from __future__ import annotations

import json as jsonlib
import logging
import re
import time
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Protocol, Union
from urllib.parse import quote, urlencode

import requests
import urllib3
from requests.structures import CaseInsensitiveDict

from . import _constants as c
from . import errors
from ._retry import RetryPolicy

__all__ = ["Params", "Response", "Timeout", "Transport", "Writable", "path_param"]

logger = logging.getLogger("flowroute")

Timeout = Union[float, tuple[float, float]]
Params = Union[Mapping[str, Any], Iterable[tuple[str, Any]], None]

_SECRETISH = re.compile(r"(Basic\s+)[A-Za-z0-9+/=]+|\b[0-9a-f]{40}\b")


class _RedactSecrets(logging.Filter):
    """Scrubs anything shaped like an Authorization value or a v1 signature."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _SECRETISH.sub(lambda m: (m.group(1) or "") + "[redacted]", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


logger.addFilter(_RedactSecrets())


class Response:
    """One API answer as received: what models, pages and errors keep of it.

    Frozen and slotted: built once per call, shared by whatever reads it.

    Attributes:
        method: HTTP method of the request.
        url: the full URL requested, query included; never carries credentials.
        status: the HTTP status code.
        headers: the response headers, a case-insensitive mapping.
        request_id: the server's ``X-Request-Id`` header, when it sent one.
        body: the decoded JSON body, or None for an empty body.
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


def path_param(value: object) -> str:
    """Percent-escape one path segment; `+` and `/` are escaped too."""
    return quote(str(value), safe="")


def _encode_params(params: Params) -> str:
    if not params:
        return ""
    items = params.items() if isinstance(params, Mapping) else params
    pairs = [(k, _param_text(v)) for k, v in items if v is not None]
    return urlencode(pairs)


def _param_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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


def _map_exception(exc: requests.RequestException, method: str, url: str) -> errors.FlowrouteError:
    if _sent_nothing(exc) and not isinstance(exc, requests.ConnectTimeout):
        return errors.ConnectError("connection refused or unreachable", method=method, url=url)
    for source, target, text in _EXCEPTION_MAP:
        if isinstance(exc, source):
            return target(f"{text}: {type(exc).__name__}", method=method, url=url)
    return errors.TransportError("request failed", method=method, url=url)  # pragma: no cover


class Transport:
    """Sends requests for every controller of one Client, over one connection pool.

    Args:
        base_url: scheme and host (and optional path prefix) of the API.
        timeout: seconds, or (connect, read) seconds; always applied.
        retry: the retry policy.
        session: a `requests.Session` to send through; one is created otherwise.
        user_agent: the User-Agent header.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Timeout = c.DEFAULT_TIMEOUT,
        retry: Optional[RetryPolicy] = None,
        session: Optional[requests.Session] = None,
        user_agent: str = "flowroute-python",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = _check_timeout(timeout)
        self.retry = retry or RetryPolicy()
        self._owns_session = session is None
        self.session = session or requests.Session()
        self._headers = {
            "User-Agent": user_agent,
            "Accept": c.JSON_CONTENT_TYPE,
            "Accept-Encoding": "gzip, deflate",
        }
        self._settings = self.session.merge_environment_settings(
            self.base_url, {}, False, None, None
        )

    def close(self) -> None:
        """Close the connection pool (only when this Transport created the session)."""
        if self._owns_session:
            self.session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        auth: requests.auth.AuthBase,
        params: Params = None,
        json: Any = None,
        idempotent: Optional[bool] = None,
        outcome: Optional[str] = None,
    ) -> Response:
        """Send one API call, retrying as the policy allows.

        Args:
            method: the HTTP method.
            path: the path below the base URL, already escaped.
            auth: signs each attempt.
            params: query parameters; None values are left out.
            json: the JSON body, serialised once.
            idempotent: whether the call may be sent again; defaults to
                "not a POST".
            outcome: for a call that is not idempotent, what it may have
                done when its answer is lost and how to check, e.g. "the
                number may have been bought; list the account's numbers
                before retrying".

        Returns:
            The `Response`, its body decoded (None for an empty body).

        Raises:
            FlowrouteError: a `flowroute.errors` exception for every failure.
        """
        if idempotent is None:
            idempotent = method != "POST"
        query = _encode_params(params)
        url = f"{self.base_url}{path}?{query}" if query else f"{self.base_url}{path}"
        body = None if json is None else jsonlib.dumps(json, separators=(",", ":")).encode()
        policy = self.retry
        started = policy.clock()
        retry = 0
        # Whether an earlier attempt may have been carried out although it failed for us.
        maybe_done = False
        while True:
            retry += 1
            sent = time.monotonic()
            try:
                response = self._send(method, url, body, auth)
            except requests.RequestException as exc:
                error = _map_exception(exc, method, url)
                retryable = _sent_nothing(exc) or (
                    idempotent and isinstance(error, (errors.ReadTimeout, errors.ReadError))
                )
                delay = policy.delay(retry)
                logger.debug("%s %s failed: %s (attempt %d)", method, url, error, retry)
                if retryable and policy.allows(retry, started, delay):
                    maybe_done = maybe_done or not _sent_nothing(exc)
                    policy.sleep(delay)
                    continue
                raise error from exc
            status = response.status_code
            logger.debug("%s %s -> %d (attempt %d)", method, url, status, retry)
            if status == 404 and method == "DELETE" and maybe_done:
                # The first attempt deleted it; its answer was lost on the way back.
                logger.info("%s %s: 404 on a retry, the earlier attempt deleted it", method, url)
                return _record(response, method, url, None, sent)
            if policy.should_retry_status(status, idempotent):
                delay = policy.delay(retry, response.headers.get("Retry-After"))
                if policy.allows(retry, started, delay):
                    # A gateway's 502/504 may come after the service acted; 429/503 not.
                    maybe_done = maybe_done or status in (502, 504)
                    policy.sleep(delay)
                    continue
            try:
                decoded = _decode(response, method, url)
            except errors.DecodeError:
                # A garbled success body is a transport fault: safe to ask again
                # only when asking again cannot repeat the operation.
                delay = policy.delay(retry)
                if idempotent and policy.allows(retry, started, delay):
                    maybe_done = True
                    policy.sleep(delay)
                    continue
                raise
            return _record(response, method, url, decoded, sent)

    def _send(
        self, method: str, url: str, body: Optional[bytes], auth: requests.auth.AuthBase
    ) -> requests.Response:
        request = requests.PreparedRequest()
        request.method = method
        request.url = url
        request.headers = CaseInsensitiveDict(self._headers)
        if body is not None:
            request.headers["Content-Type"] = c.JSON_CONTENT_TYPE
            request.headers["Content-Length"] = str(len(body))
        elif method not in ("GET", "HEAD"):
            request.headers["Content-Length"] = "0"
        request.body = body
        request.hooks = {"response": []}
        request = auth(request)
        adapter = self.session.get_adapter(url)
        response = adapter.send(
            request,
            stream=False,
            timeout=self.timeout,
            verify=self._settings["verify"] if self._settings["verify"] is not None else True,
            cert=self._settings["cert"],
            proxies=self._settings["proxies"],
        )
        response.content  # noqa: B018  # read now, so the connection returns to the pool
        return response

    def download(self, url: str, *, auth: Optional[requests.auth.AuthBase], into: Writable) -> int:
        """Stream the body of ``GET url`` into `into`, one chunk at a time.

        For files too large to hold (CDR exports): the body never goes
        through the JSON path and memory stays at one chunk whatever its
        size. The same connect and read timeouts apply to every read; there
        is no retry, since part of the body may already have been written.

        Args:
            url: an absolute URL, or a path below the base URL.
            auth: signs the request; None for a URL that carries its own
                signature (a presigned storage URL must not get our credentials).
            into: receives each chunk through ``into.write(chunk)``.

        Returns:
            The number of bytes written (after any ``Content-Encoding`` is undone).

        Raises:
            FlowrouteError: a `flowroute.errors` exception for every failure.
        """
        if url.startswith("/"):
            url = self.base_url + url
        shown = url.split("?", 1)[0]  # a presigned query is a credential: never shown
        request = requests.PreparedRequest()
        request.method = "GET"
        request.url = url
        request.headers = CaseInsensitiveDict({**self._headers, "Accept": "*/*"})
        request.body = None
        request.hooks = {"response": []}
        if auth is not None:
            request = auth(request)
        try:
            response = self.session.get_adapter(url).send(
                request,
                stream=True,
                timeout=self.timeout,
                verify=self._settings["verify"] if self._settings["verify"] is not None else True,
                cert=self._settings["cert"],
                proxies=self._settings["proxies"],
            )
        except requests.RequestException as exc:
            raise _map_exception(exc, "GET", shown) from exc
        logger.debug("GET %s -> %d (download)", shown, response.status_code)
        try:
            return _stream_body(response, shown, into)
        except requests.RequestException as exc:
            raise _map_exception(exc, "GET", shown) from exc
        finally:
            response.close()


def _record(response: requests.Response, method: str, url: str, body: Any, sent: float) -> Response:
    headers = response.headers
    return Response(
        method=method,
        url=url,
        status=response.status_code,
        headers=headers,
        request_id=headers.get("X-Request-Id"),
        body=body,
        elapsed=time.monotonic() - sent,
    )


def _decode(response: requests.Response, method: str, url: str) -> Any:
    status = response.status_code
    content = response.content
    if 200 <= status < 300:
        if not content.strip():
            return None
        try:
            return jsonlib.loads(content)
        except (ValueError, RecursionError):  # RecursionError: JSON nested too deep
            raise errors.DecodeError(
                f"{status} response is not JSON", method=method, url=url, status=status
            ) from None
    try:
        body: Any = jsonlib.loads(content) if content else None
    except (ValueError, RecursionError):
        body = response.text
    raise errors.error_for_status(status)(
        status,
        body=body,
        method=method,
        url=url,
        request_id=response.headers.get("X-Request-Id"),
    )


def _check_timeout(timeout: Timeout) -> tuple[float, float]:
    values = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    if len(values) != 2 or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in values
    ):
        raise errors.ConfigurationError(
            f"timeout must be seconds > 0 or a (connect, read) pair, got {timeout!r}"
        )
    return (float(values[0]), float(values[1]))


_DOWNLOAD_CHUNK = 64 * 1024
_ERROR_BODY_CAP = 64 * 1024  # an error page is read this far, never a whole file


class Writable(Protocol):
    """Anything with ``write(bytes)``: a binary file, a `io.BytesIO`, a decompressor."""

    def write(self, data: bytes, /) -> object:
        """Take the next chunk."""


def _stream_body(response: requests.Response, url: str, into: Writable) -> int:
    status = response.status_code
    if not 200 <= status < 300:
        content = response.raw.read(_ERROR_BODY_CAP, decode_content=True) or b""
        try:
            body: Any = jsonlib.loads(content) if content else None
        except (ValueError, RecursionError):
            body = content.decode("utf-8", "replace")
        raise errors.error_for_status(status)(
            status,
            body=body,
            method="GET",
            url=url,
            request_id=response.headers.get("X-Request-Id"),
        )
    written = 0
    for chunk in response.iter_content(_DOWNLOAD_CHUNK):
        into.write(chunk)
        written += len(chunk)
    return written
