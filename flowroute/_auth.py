"""Authentication of requests: HTTP basic auth (v2) and the HMAC signature (v1).

Both are `requests` auth objects applied to the prepared request as it is
sent, so a retried request is signed again (with a fresh v1 timestamp). They
are the only holders of the secret key and never show it in `repr`.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
from typing import Callable, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests

__all__ = ["BasicAuth", "V1Signature", "redact_key", "v1_message"]


def redact_key(key: str) -> str:
    """Show at most the last four characters of a key."""
    return f"...{key[-4:]}" if len(key) > 8 else "..."


def _basic_header(user: str, password: str) -> str:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


class BasicAuth(requests.auth.AuthBase):
    """HTTP basic auth with the access key as user and the secret key as password."""

    def __init__(self, access_key: str, secret_key: str) -> None:
        self.access_key = access_key
        # Computed once: the header is the same for every v2 request.
        self._header = _basic_header(access_key, secret_key)

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self._header
        return request

    def __repr__(self) -> str:
        return f"BasicAuth(access_key={redact_key(self.access_key)!r})"


def _utc_timestamp() -> str:
    # The legacy Python library's form: ISO-8601, seconds, no zone suffix.
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S")


def _md5_hex(data: bytes) -> str:
    # A checksum the v1 API asks for, not a security use: saying so lets it run
    # where FIPS mode forbids md5 for security (the flag exists from Python 3.9).
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def v1_message(timestamp: str, method: str, url: str, body: Optional[bytes]) -> str:
    """The text a v1 request signs, one part per line.

    Timestamp, method, md5 hex of the body ("" when there is none), the URL
    without its query, and the query parameters sorted and url-encoded.
    """
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    body_md5 = _md5_hex(body) if body else ""
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return "\n".join([timestamp, method.upper(), body_md5, base, query])


class V1Signature(requests.auth.AuthBase):
    """The v1 HMAC-SHA1 request signature.

    Sets ``X-Timestamp`` and sends basic auth with the access key as user and
    the hex HMAC-SHA1 of `v1_message` (keyed by the secret) as password.

    Args:
        access_key: the account's access key.
        secret_key: the account's secret key; used only to sign.
        timestamp: returns the timestamp string to send; injectable for tests.

    Attributes:
        unauthorized_hint: added to a 401's message: v1 refuses a wrong secret
            and a timestamp too far from its clock alike.
    """

    unauthorized_hint = (
        "check the secret key, and this machine's clock: v1 refuses a request "
        "whose X-Timestamp is off by more than a few minutes"
    )

    def __init__(
        self,
        access_key: str,
        secret_key: str,
        timestamp: Callable[[], str] = _utc_timestamp,
    ) -> None:
        self.access_key = access_key
        self._secret = secret_key.encode()
        self._timestamp = timestamp

    def signature(self, timestamp: str, method: str, url: str, body: Optional[bytes]) -> str:
        """The hex signature for one request."""
        message = v1_message(timestamp, method, url, body)
        return hmac.new(self._secret, message.encode(), hashlib.sha1).hexdigest()

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        timestamp = self._timestamp()
        body = request.body.encode() if isinstance(request.body, str) else request.body
        signature = self.signature(timestamp, request.method or "GET", request.url or "", body)
        request.headers["X-Timestamp"] = timestamp
        request.headers["Authorization"] = _basic_header(self.access_key, signature)
        return request

    def __repr__(self) -> str:
        return f"V1Signature(access_key={redact_key(self.access_key)!r})"
