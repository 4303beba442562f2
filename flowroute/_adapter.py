"""The adapter a Transport mounts on its own session: requests', minus per-call lookups.

For every request, requests' `HTTPAdapter` parses the URL twice to find
the connection pool and the path, checks the CA bundle on disk, builds a
cookie jar, and copies the headers into a new case-insensitive dict: a
quarter of a small call's CPU. A Transport sends every call to one host
with settings fixed when it was made, so `APIAdapter` finds the pool once
per origin and settings, checks the CA bundle once per pool, cuts the
path out of the URL, and keeps urllib3's own headers (case-insensitive
too). Everything a proxy touches goes through requests' own code. The
Transport reads neither cookies nor the encoding of the `requests.Response`
it gets back, and sends none; a session of the caller's own keeps the
caller's adapters.
"""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

import requests
from requests.adapters import DEFAULT_POOLSIZE

from ._deadline import DeadlineAdapter

if TYPE_CHECKING:
    from urllib3.connectionpool import ConnectionPool

__all__ = ["APIAdapter", "settings_for", "split_origin"]

# Every attribute a Response starts with, in this version of requests; its empty
# cookie jar and history are shared by the responses built here, which never
# fill them (cookies are not extracted, redirects are not followed).
_BLANK = vars(requests.Response())

_Verify = Union[bool, str, None]
_Cert = Union[str, tuple[str, str], None]


def settings_for(
    session: requests.Session, url: str, *, own: bool
) -> tuple[Union[bool, str], _Cert, Mapping[str, str]]:
    """The TLS verification, client certificate and proxies requests would send `url` with.

    What ``session.merge_environment_settings`` gives, looked up once per
    Transport. On a session of our own (no settings of its own) in an
    environment without any ``*_proxy`` variable, requests' answer is known
    without its four passes over the environment (0.17 ms of CPU the first
    time, against 0.04): no proxies, and the CA bundle from
    ``REQUESTS_CA_BUNDLE`` or ``CURL_CA_BUNDLE``. Where the platform also
    asks the system for proxies (macOS, Windows), requests is asked.
    """
    if (
        own
        and session.trust_env
        and urllib.request.getproxies is urllib.request.getproxies_environment
        and not urllib.request.getproxies_environment()
    ):
        environ = os.environ
        bundle = environ.get("REQUESTS_CA_BUNDLE") or environ.get("CURL_CA_BUNDLE")
        return bundle or True, None, {}
    settings = session.merge_environment_settings(url, {}, False, None, None)
    verify = settings["verify"]
    return (True if verify is None else verify), settings["cert"], settings["proxies"]


def split_origin(url: str) -> Optional[tuple[str, str]]:
    """``("http://host:port", "/path?query")``, or None for a URL this shortcut leaves alone.

    The same path `requests.PreparedRequest.path_url` gives, without parsing
    the URL: what `Transport` builds (base URL, path, maybe a query) always
    has a path. A URL without one, with a user name, a fragment or an
    empty query is left to requests.
    """
    scheme_end = url.find("://")
    slash = url.find("/", scheme_end + 3) if scheme_end > 0 else -1
    query = url.find("?")
    if slash < 0 or 0 <= query < slash or query == len(url) - 1 or "#" in url:
        return None
    if "@" in url[:slash]:  # a user name: the origin is not the host alone
        return None
    return url[:slash], url[slash:]


class APIAdapter(DeadlineAdapter):
    """requests' adapter with deadline-aware pools, looked up once per origin and settings."""

    def __init__(self) -> None:
        super().__init__()
        # (origin, verify, cert) -> pool; settings that were checked per pool.
        self._pools: dict[tuple[str, _Verify, _Cert], ConnectionPool] = {}
        self._verified: dict[int, tuple[Any, _Verify, _Cert]] = {}

    def get_connection_with_tls_context(
        self,
        request: requests.PreparedRequest,
        verify: _Verify,
        proxies: Optional[Mapping[str, str]] = None,
        cert: _Cert = None,
    ) -> ConnectionPool:
        """The pool for the request's origin, remembered unless a proxy is configured."""
        parts = None if proxies else split_origin(request.url or "")
        if parts is None:
            return super().get_connection_with_tls_context(request, verify, proxies, cert)
        return self._remembered(
            (parts[0], verify, cert),
            lambda: super(APIAdapter, self).get_connection_with_tls_context(
                request, verify, proxies, cert
            ),
        )

    def get_connection(
        self, url: Union[str, bytes], proxies: Optional[Mapping[str, str]] = None
    ) -> ConnectionPool:
        """requests before 2.32.2 look the pool up here: remembered the same way."""
        parts = None if proxies or not isinstance(url, str) else split_origin(url)
        if parts is None:
            return super().get_connection(url, proxies)
        return self._remembered(
            (parts[0], None, None), lambda: super(APIAdapter, self).get_connection(url, proxies)
        )

    def _remembered(
        self, key: tuple[str, _Verify, _Cert], look_up: Callable[[], ConnectionPool]
    ) -> ConnectionPool:
        pool = self._pools.get(key)
        # urllib3 1.26 closes a pool its manager lets go (it keeps ten): `pool` is then None.
        if pool is None or getattr(pool, "pool", None) is None:
            if len(self._pools) >= DEFAULT_POOLSIZE:
                # Past as many origins as the manager keeps (downloads from many
                # hosts): start again rather than hold on to pools it let go.
                self._pools.clear()
                self._verified.clear()
            pool = self._pools[key] = look_up()
        return pool

    def cert_verify(self, conn: Any, url: str, verify: _Verify, cert: _Cert) -> None:
        """Check the CA bundle and client certificate paths once per pool and settings."""
        checked = self._verified.get(id(conn))
        if checked is not None and checked[0] is conn and checked[1:] == (verify, cert):
            return
        super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]  # untyped in types-requests
        self._verified[id(conn)] = (conn, verify, cert)

    def request_url(
        self, request: requests.PreparedRequest, proxies: Optional[Mapping[str, str]]
    ) -> str:
        """The path and query to send; requests' own answer when a proxy may be involved."""
        parts = None if proxies else split_origin(request.url or "")
        return parts[1] if parts is not None else super().request_url(request, proxies)

    def build_response(self, req: requests.PreparedRequest, resp: Any) -> requests.Response:
        """requests' Response over urllib3's: no cookies extracted, no copy of the headers."""
        response = requests.Response.__new__(requests.Response)
        # Response() builds a cookie jar (6 us, a seventieth of a call) nothing reads here.
        vars(response).update(_BLANK)
        response.status_code = resp.status
        # urllib3's HTTPHeaderDict is a case-insensitive mapping already.
        response.headers = resp.headers
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url or ""
        response.request = req
        response.connection = self
        return response

    def close(self) -> None:
        """Close every pool, and forget them."""
        self._pools.clear()
        self._verified.clear()
        super().close()
