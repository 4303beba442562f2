"""The Client: one account's credentials, one Transport, the v1 and v2 namespaces."""

from __future__ import annotations

import ipaddress
import os
from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlsplit

from . import _constants as c
from ._auth import BasicAuth, V1Signature, redact_key
from ._retry import RetryPolicy
from ._transport import Timeout, Transport
from ._version import __version__
from .errors import ConfigurationError

if TYPE_CHECKING:
    import requests

    from .v1 import V1
    from .v2 import V2

__all__ = ["Client"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_base_url(url: str, allow_insecure_http: bool) -> str:
    """The base URL without a trailing slash; refused when unsafe, never echoing secrets."""
    bad = "base_url must be an http(s) URL with a host, such as https://api.flowroute.com"
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # .port raises on a bad or out-of-range port
        if host and "[" in parts.netloc:  # Python < 3.11 does not check a bracketed host
            ipaddress.IPv6Address(host.split("%")[0])
    except (ValueError, TypeError, AttributeError):  # not a URL, or not even a string
        raise ConfigurationError(bad) from None
    if parts.scheme not in ("http", "https") or not host:
        raise ConfigurationError(bad)
    if "@" in parts.netloc or parts.query or parts.fragment:
        # Not echoed: a user:password or a ?token= in it is exactly what must not leak.
        raise ConfigurationError(
            f"base_url for {host} must not carry credentials, a query or a fragment: "
            "pass the keys as access_key and secret_key"
        )
    if parts.scheme == "http" and not (allow_insecure_http or _is_loopback(host)):
        raise ConfigurationError(
            f"base_url http://{host} is plain HTTP: credentials would travel unencrypted. "
            "Use https://, or http:// for a loopback host such as the emulator; for an "
            "emulator on another host (a container), pass allow_insecure_http=True."
        )
    return url.rstrip("/")


class Client:
    """A Flowroute account: credentials, configuration and the API namespaces.

    ``client.v2`` holds the v2/v2.1 controllers (numbers, routes, messages),
    ``client.v1`` the v1 ones; both share one connection pool. A Client is
    safe to share between threads; ``with Client() as client:`` closes its pool.

    Args:
        access_key: the API access key; defaults to ``$FR_ACCESS_KEY``.
        secret_key: the API secret key; defaults to ``$FR_SECRET_KEY``.
        base_url: defaults to ``$FLOWROUTE_BASE_URL``, then https://api.flowroute.com.
            Plain http:// is accepted only for loopback hosts, unless
            `allow_insecure_http` is set.
        timeout: seconds each attempt may take as a whole: connecting,
            sending, waiting for the headers and reading the whole body.
            Or a (connect, read) pair: connecting within `connect` seconds,
            the whole attempt within connect + read. Retries add attempts
            within the retry policy's budget.
        max_retries: retries of a failed idempotent call (see `RetryPolicy`).
        retry_policy: the full retry policy; replaces `max_retries` when given.
        session: a `requests.Session` to send through (its adapters, proxies
            and TLS settings are used); it is not closed by the Client. With
            requests' `HTTPAdapter` or a subclass mounted (the default, or a
            retry adapter) the timeout bounds the whole attempt as with the
            Client's own session; with another kind of adapter, connecting
            and each wait for the headers are bounded by the socket
            timeouts, and the body by the whole timeout.
        max_response_bytes: the largest response body accepted (decompressed),
            10 MiB by default; a larger one raises `ResponseTooLargeError`.
        download_timeout: seconds a file download (a CDR export) may take
            as a whole: connecting, the headers and every byte of the file,
            on the Client's session or yours; an hour by default. Past it,
            `ResponseTimeout` says how many bytes were written. Each wait
            for a byte is still bounded by `timeout` (its read part, for a
            pair). Downloads are never retried.
        allow_insecure_http: accept a plain http:// base URL on any host, e.g.
            an emulator in a docker-compose service. The keys then travel
            unencrypted: never for the real API.

    Raises:
        ConfigurationError: a bad base URL, timeout, download_timeout or
            retry setting. Missing credentials are reported at the first
            call, naming the variables; so is a TLS CA bundle or client
            certificate file that does not exist (``REQUESTS_CA_BUNDLE``, or
            the session's ``verify`` or ``cert``).
    """

    def __init__(
        self,
        access_key: Optional[str] = None,
        secret_key: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        timeout: Timeout = c.DEFAULT_TIMEOUT,
        max_retries: int = c.DEFAULT_MAX_RETRIES,
        retry_policy: Optional[RetryPolicy] = None,
        session: Optional[requests.Session] = None,
        max_response_bytes: int = c.DEFAULT_MAX_RESPONSE_BYTES,
        download_timeout: float = c.DEFAULT_DOWNLOAD_TIMEOUT,
        allow_insecure_http: bool = False,
    ) -> None:
        access_key = access_key or os.environ.get(c.ENV_ACCESS_KEY) or None
        secret_key = secret_key or os.environ.get(c.ENV_SECRET_KEY) or None
        # The keys live in the auth objects only; the Client keeps what is missing.
        self._missing = [
            name
            for name, value in ((c.ENV_ACCESS_KEY, access_key), (c.ENV_SECRET_KEY, secret_key))
            if not value
        ]
        self._key_hint = redact_key(access_key) if access_key else None
        self._auths = (
            (BasicAuth(access_key, secret_key), V1Signature(access_key, secret_key))
            if access_key and secret_key
            else None
        )
        url = base_url or os.environ.get(c.ENV_BASE_URL) or c.DEFAULT_BASE_URL
        self.base_url = _check_base_url(url, allow_insecure_http)
        if retry_policy is not None and not isinstance(retry_policy, RetryPolicy):
            raise ConfigurationError(
                f"retry_policy must be a flowroute.RetryPolicy, got {retry_policy!r}"
            )
        if retry_policy is not None and max_retries != c.DEFAULT_MAX_RETRIES:
            raise ConfigurationError("pass either max_retries or retry_policy, not both")
        self._transport = Transport(
            self.base_url,
            timeout=timeout,
            retry=retry_policy or RetryPolicy(max_retries=max_retries),
            session=session,
            user_agent=f"flowroute-python/{__version__}",
            max_response_bytes=max_response_bytes,
            download_timeout=download_timeout,
        )

    def _credentials(self) -> tuple[BasicAuth, V1Signature]:
        if self._auths is None:
            raise ConfigurationError(
                "missing Flowroute credentials: pass access_key and secret_key to "
                f"flowroute.Client or set {' and '.join(self._missing)}"
            )
        return self._auths

    def _v2_auth(self) -> BasicAuth:
        return self._credentials()[0]

    def _v1_auth(self) -> V1Signature:
        return self._credentials()[1]

    @cached_property
    def v2(self) -> V2:
        """The v2 / v2.1 API (``numbers``, ``routes``, ``messages``, ``e911s``, ``cnams``, ...)."""
        from .v2 import V2

        return V2(self._transport, self._v2_auth)

    @cached_property
    def v1(self) -> V1:
        """The v1 API (``purchasable_phone_numbers``, ``telephone_numbers``, ``inbound_routes``)."""
        from .v1 import V1

        return V1(self._transport, self._v1_auth)

    def close(self) -> None:
        """Release the connection pool."""
        self._transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client(access_key={self._key_hint!r}, base_url={self.base_url!r})"
