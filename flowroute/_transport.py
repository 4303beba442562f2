"""The only place that sends requests: pool, deadlines, retries, logging.

A request is prepared by hand and given straight to the session's mounted
adapter. `Session.request` would merge environment settings, cookies and
hooks and follow redirects on every call; the API needs none of that, and
proxy and TLS settings are resolved once per Transport instead. On a
session the Transport creates, that adapter (`_adapter`) also skips the
pool, path and cookie work requests' adapter redoes per call. urllib3's
own retries stay at zero so that this loop is the only retry layer and the
auth object signs every attempt afresh. Reading and judging the answer is
`_exchange`'s job; holding every attempt to its deadline, `_deadline`'s and `_watchdog`'s.
"""

from __future__ import annotations

import json as jsonlib
import logging
import re
import time
from collections.abc import Iterable, Mapping
from typing import Any, Callable, Optional, Protocol, Union
from urllib.parse import quote, urlencode

import requests
from requests.structures import CaseInsensitiveDict

from . import _constants as c
from . import errors
from ._adapter import APIAdapter, settings_for
from ._exchange import (
    Response,
    Result,
    answer,
    conclude,
    emptied,
    failed,
    read_body,
    timed_out,
)
from ._retry import RetryPolicy
from ._watchdog import Watchdog, watch_pool

__all__ = ["Params", "Response", "Timeout", "Transport", "Writable", "path_param"]

logger = logging.getLogger("flowroute")

Timeout = Union[float, tuple[float, float]]
Params = Union[Mapping[str, Any], Iterable[tuple[str, Any]], None]

_SECRETISH = r"(Basic\s+)[A-Za-z0-9+/=]+|\b[0-9a-f]{40}\b"  # compiled by `re` on first use


class _RedactSecrets(logging.Filter):
    """Scrubs anything shaped like an Authorization value or a v1 signature."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = re.sub(_SECRETISH, lambda m: (m.group(1) or "") + "[redacted]", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


logger.addFilter(_RedactSecrets())


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


class Transport:
    """Sends requests for every controller of one Client, over one connection pool.

    Args:
        base_url: scheme and host (and optional path prefix) of the API.
        timeout: seconds each attempt may take as a whole, from connecting
            to the last byte of the body; or a (connect, read) pair, where
            connecting takes at most `connect` seconds and the attempt at
            most connect + read.
        retry: the retry policy.
        session: a `requests.Session` to send through; one is created otherwise.
        user_agent: the User-Agent header.
        max_response_bytes: the largest response body accepted, decompressed.
        download_timeout: seconds a whole download (`download`) may take.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Timeout = c.DEFAULT_TIMEOUT,
        retry: Optional[RetryPolicy] = None,
        session: Optional[requests.Session] = None,
        user_agent: str = "flowroute-python",
        max_response_bytes: int = c.DEFAULT_MAX_RESPONSE_BYTES,
        download_timeout: float = c.DEFAULT_DOWNLOAD_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = _check_timeout(timeout)
        self.deadline = self.timeout[0] if isinstance(timeout, (int, float)) else sum(self.timeout)
        self.max_response_bytes = _check_size(max_response_bytes)
        self.download_timeout = _check_download_timeout(download_timeout)
        self.retry = retry or RetryPolicy()
        self._owns_session = session is None
        # Request headers: a plain dict for our own adapter, which reads them as urllib3
        # does, by the names written here (requests' case-insensitive dict costs about
        # 12 us a call to build, copy and walk); requests' own for a caller's adapters.
        self._header_type: Callable[[Mapping[str, str]], Any] = (
            dict if session is None else CaseInsensitiveDict
        )
        if session is None:
            session = requests.Session()
            adapter = APIAdapter()
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self.session = session
        self._watchdog = Watchdog.shared()
        self._headers = {
            "User-Agent": user_agent,
            "Accept": c.JSON_CONTENT_TYPE,
            "Accept-Encoding": "gzip, deflate",
        }
        self._verify, self._cert, self._proxies = settings_for(
            session, self.base_url, own=self._owns_session
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
            FlowrouteError: a `flowroute.errors` exception for every failure;
                `OutcomeUnknownError` when a call that is not idempotent may
                have been carried out but its answer was lost.
        """
        if idempotent is None:
            idempotent = method != "POST"
        query = _encode_params(params)
        url = f"{self.base_url}{path}?{query}" if query else f"{self.base_url}{path}"
        body = None if json is None else jsonlib.dumps(json, separators=(",", ":")).encode()
        policy = self.retry
        started = policy.clock()
        attempt = 0
        # Whether an earlier attempt may have been carried out although it failed for us.
        maybe_done = False
        while True:
            attempt += 1
            result = self._attempt(method, url, body, auth)
            response = result.response
            status = response.status if response else 0
            if result.failure is not None:
                logger.debug("%s %s failed: %s (attempt %d)", method, url, result.failure, attempt)
            else:
                logger.debug("%s %s -> %d (attempt %d)", method, url, status, attempt)
            if response and status == 404 and method == "DELETE" and maybe_done:
                # The first attempt deleted it; its answer was lost on the way back.
                logger.info("%s %s: 404 on a retry, the earlier attempt deleted it", method, url)
                return emptied(response)
            delay = policy.decide(
                attempt,
                started,
                idempotent=idempotent,
                failure=result.failure,
                sent=result.sent,
                status=status,
                retry_after=result.response.headers.get("Retry-After") if result.response else None,
            )
            if delay is None:
                return conclude(result, idempotent, outcome, auth)
            maybe_done = (
                maybe_done or (result.sent and result.failure is not None) or status in (502, 504)
            )
            policy.sleep(delay)

    def _attempt(
        self, method: str, url: str, body: Optional[bytes], auth: requests.auth.AuthBase
    ) -> Result:
        """One exchange, within the deadline: a response, or the failure that ended it."""
        watch = self._watchdog.start(self.deadline)
        sent = time.monotonic()
        response = None
        try:
            response = self._send(method, url, body, auth)
            connection = getattr(response.raw, "connection", None)
            if watch.connection is None and connection is not None:
                watch.watch(connection)  # an adapter of the caller's: watch the body at least
            content = read_body(
                response,
                url,
                cap=self.max_response_bytes,
                deadline=watch.deadline,
                timeout=self.deadline,
            )
        except requests.RequestException as exc:
            # A socket timeout ending past the deadline ties with the watchdog's cut
            # (a float timeout is both): the deadline is what held, whichever came first.
            late = watch.expired or watch.clock() >= watch.deadline
            expired = self.deadline if late else 0
            # Headers in: the request went out, whatever the adapter.
            wrote = watch.wrote or response is not None
            result = failed(exc, expired, method, url, response, sent, wrote=wrote)
            result.sent = result.sent and not watch.unsent
            return result
        except errors.TransportError as exc:  # over the size cap, or the deadline between reads
            return Result(None, exc, sent=True)
        finally:
            self._watchdog.finish(watch)
            if response is not None:
                response.close()  # all read: back to the pool; else the connection is dropped
        if watch.expired:
            # Cut mid-headers, http.client takes the end of the stream for the end of
            # the headers: what looks like an answer is a fragment.
            return Result(None, timed_out(self.deadline, method, url), sent=True)
        return answer(response, content, method, url, time.monotonic() - sent)

    def _send(
        self, method: str, url: str, body: Optional[bytes], auth: requests.auth.AuthBase
    ) -> requests.Response:
        request = requests.PreparedRequest()
        request.method = method
        request.url = url
        request.headers = self._header_type(self._headers)
        if body is not None:
            request.headers["Content-Type"] = c.JSON_CONTENT_TYPE
            request.headers["Content-Length"] = str(len(body))
        elif method not in ("GET", "HEAD"):
            request.headers["Content-Length"] = "0"
        request.body = body
        request.hooks = {"response": []}
        request = auth(request)
        return self._adapter_send(url, request)

    def _adapter_send(
        self,
        url: str,
        request: requests.PreparedRequest,
        proxies: Optional[Mapping[str, str]] = None,
    ) -> requests.Response:
        """Send a prepared request, streamed, with the session's TLS and proxy settings.

        `proxies`: those for `url` when it is not on the base URL's host.
        """
        if proxies is None:
            proxies = self._proxies
        adapter = self.session.get_adapter(url)
        if not self._owns_session:  # the caller's adapter: let the watchdog see its connections
            watch_pool(adapter, request, proxies=proxies)
        try:
            return adapter.send(
                request,
                stream=True,
                timeout=self.timeout,
                verify=self._verify,
                cert=self._cert,
                proxies=proxies,
            )
        except OSError as exc:
            if isinstance(exc, requests.RequestException):
                raise  # a failure of the exchange: mapped by the caller
            # requests checks that the CA bundle and client certificate files exist
            # before sending anything: a bad setting (their paths are no secret).
            raise errors.ConfigurationError(f"TLS settings: {exc}") from exc

    def download(self, url: str, *, auth: Optional[requests.auth.AuthBase], into: Writable) -> int:
        """Stream the body of ``GET url`` into `into`, one chunk at a time.

        For files too large to hold (CDR exports): the body never goes
        through the JSON path and memory stays at one chunk whatever its
        size. The attempt as a whole (connecting, the headers and the whole
        body) is bounded by `download_timeout`, each wait for a byte by the
        read timeout. There is no retry, since part of the body may already
        have been written.

        Args:
            url: an absolute URL, or a path below the base URL.
            auth: signs the request; None for a URL that carries its own
                signature (a presigned storage URL must not get our credentials).
            into: receives each chunk through ``into.write(chunk)``.

        Returns:
            The number of bytes written (after any ``Content-Encoding`` is undone).

        Raises:
            FlowrouteError: a `flowroute.errors` exception for every failure;
                `ResponseTimeout` past `download_timeout`.
        """
        from ._download import download  # the first download's cost, not every import's

        url = self.base_url + url if url.startswith("/") else url
        # The file may be on another host (presigned storage), which NO_PROXY may treat
        # otherwise: its proxies, as requests would choose them (a download is rare).
        proxies = settings_for(self.session, url, own=self._owns_session)[2]
        return download(
            lambda to, request: self._adapter_send(to, request, proxies),
            url,
            auth=auth,
            into=into,
            headers=self._headers,
            watchdog=self._watchdog,
            seconds=self.download_timeout,
        )


def _is_seconds(value: object) -> bool:
    # NaN fails the comparison; inf and absurd values fail the bound.
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 0 < value <= c.MAX_TIMEOUT
    )


def _shown(value: object) -> str:
    # Only numbers are shown: a string passed as a timeout by mistake may be a key.
    if isinstance(value, tuple):
        return f"({', '.join(_shown(v) for v in value)})"
    return repr(value) if isinstance(value, (int, float)) else type(value).__name__


def _check_timeout(timeout: Timeout) -> tuple[float, float]:
    values = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    if len(values) != 2 or not all(_is_seconds(v) for v in values):
        raise errors.ConfigurationError(
            f"timeout must be seconds in (0, {c.MAX_TIMEOUT:g}] or a (connect, read) pair "
            f"of them, got {_shown(timeout)}"
        )
    return (float(values[0]), float(values[1]))


def _check_download_timeout(seconds: float) -> float:
    if not _is_seconds(seconds):
        raise errors.ConfigurationError(
            f"download_timeout must be seconds in (0, {c.MAX_TIMEOUT:g}], got {_shown(seconds)}"
        )
    return float(seconds)


def _check_size(size: int) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise errors.ConfigurationError(f"max_response_bytes must be an int >= 1, got {size!r}")
    return size


class Writable(Protocol):
    """Anything with ``write(bytes)``: a binary file, a `io.BytesIO`, a decompressor."""

    def write(self, data: bytes, /) -> object:
        """Take the next chunk."""
