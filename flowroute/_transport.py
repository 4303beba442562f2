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
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union
from urllib.parse import quote, urlencode

import requests
import urllib3
from requests.structures import CaseInsensitiveDict

from . import _constants as c
from . import errors
from ._retry import RetryPolicy

__all__ = ["Params", "Timeout", "Transport", "path_param"]

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
    ) -> Any:
        """Send one API call, retrying as the policy allows.

        Returns the decoded JSON body, or None for an empty body. Raises a
        `flowroute.errors` exception for every failure.
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
                return None
            if policy.should_retry_status(status, idempotent):
                delay = policy.delay(retry, response.headers.get("Retry-After"))
                if policy.allows(retry, started, delay):
                    # A gateway's 502/504 may come after the service acted; 429/503 not.
                    maybe_done = maybe_done or status in (502, 504)
                    policy.sleep(delay)
                    continue
            try:
                return _decode(response, method, url)
            except errors.DecodeError:
                # A garbled success body is a transport fault: safe to ask again
                # only when asking again cannot repeat the operation.
                delay = policy.delay(retry)
                if idempotent and policy.allows(retry, started, delay):
                    maybe_done = True
                    policy.sleep(delay)
                    continue
                raise

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
