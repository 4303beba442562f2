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


def _check_base_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"base_url must be an http(s) URL with a host, got {url!r}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigurationError(
            f"base_url {url!r} is plain HTTP: credentials would travel unencrypted. "
            "Use https://, or http:// only for a loopback host such as the emulator."
        )
    if parts.query or parts.fragment or parts.username:
        raise ConfigurationError(f"base_url must not carry a query, fragment or user: {url!r}")
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
            Plain http:// is accepted only for loopback hosts.
        timeout: seconds for connecting and for each read, or a (connect, read) pair.
        max_retries: retries of a failed idempotent call (see `RetryPolicy`).
        retry_policy: the full retry policy; replaces `max_retries` when given.
        session: a `requests.Session` to send through (its adapters and TLS
            settings are used); it is not closed by the Client.

    Raises:
        ConfigurationError: a bad base URL, timeout or retry setting. Missing
            credentials are reported at the first call, naming the variables.
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
    ) -> None:
        self._access_key = access_key or os.environ.get(c.ENV_ACCESS_KEY) or None
        self._secret_key = secret_key or os.environ.get(c.ENV_SECRET_KEY) or None
        url = base_url or os.environ.get(c.ENV_BASE_URL) or c.DEFAULT_BASE_URL
        self.base_url = _check_base_url(url)
        if retry_policy is not None and max_retries != c.DEFAULT_MAX_RETRIES:
            raise ConfigurationError("pass either max_retries or retry_policy, not both")
        self._transport = Transport(
            self.base_url,
            timeout=timeout,
            retry=retry_policy or RetryPolicy(max_retries=max_retries),
            session=session,
            user_agent=f"flowroute-python/{__version__}",
        )

    def _credentials(self) -> tuple[str, str]:
        if not self._access_key or not self._secret_key:
            missing = [
                name
                for name, value in (
                    (c.ENV_ACCESS_KEY, self._access_key),
                    (c.ENV_SECRET_KEY, self._secret_key),
                )
                if not value
            ]
            raise ConfigurationError(
                "missing Flowroute credentials: pass access_key and secret_key to "
                f"flowroute.Client or set {' and '.join(missing)}"
            )
        return self._access_key, self._secret_key

    @cached_property
    def _basic_auth(self) -> BasicAuth:
        return BasicAuth(*self._credentials())

    @cached_property
    def _v1_signature(self) -> V1Signature:
        return V1Signature(*self._credentials())

    def _v2_auth(self) -> BasicAuth:
        return self._basic_auth

    def _v1_auth(self) -> V1Signature:
        return self._v1_signature

    @cached_property
    def v2(self) -> V2:
        """The v2 / v2.1 API: ``numbers``, ``routes``, ``messages``."""
        from .v2 import V2

        return V2(self._transport, self._v2_auth)

    @cached_property
    def v1(self) -> V1:
        """The v1 API: ``purchasable_phone_numbers``, ``telephone_numbers``, ``inbound_routes``."""
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
        key = redact_key(self._access_key) if self._access_key else None
        return f"Client(access_key={key!r}, base_url={self.base_url!r})"
