"""Verification of the v1 request signature, written from the protocol, not from the client.

A v1 request carries ``X-Timestamp`` and basic auth whose user is the access
key and whose password is the hex HMAC-SHA1, keyed by the secret key, of::

    timestamp \\n METHOD \\n md5 hex of the body ("" without one) \\n
    scheme://host/path \\n sorted query

The timestamp is signed exactly as sent. Two forms of the sorted query are
accepted, because v1 clients in the wild differ: url-encoded (the Python
library, and ours) and raw ``key=value`` pairs (the Node library). A refusal
raises `HttpError(401)` saying why, without any key or signature in it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit

from ._records import Credentials, HttpError, Request, basic_credentials

__all__ = ["MAX_SKEW", "authenticate", "canonical_urls", "messages"]

MAX_SKEW = timedelta(minutes=5)
"""How far X-Timestamp may be from the emulator's clock, either way."""

# UTC, whole seconds; the trailing Z is optional (the Node library adds it).
_TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z?")
_EXAMPLE = "e.g. 2024-03-01T12:00:00"


def _moment(text: str) -> datetime:
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        raise HttpError(401, f"X-Timestamp must be UTC ISO-8601 in whole seconds ({_EXAMPLE})")
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        raise HttpError(401, "X-Timestamp is not a real date and time") from None


def canonical_urls(request: Request) -> list[str]:
    """The URLs (without query) the client may have signed.

    The base URL the front door was reached at and, for a server reached
    under another name (``localhost``), the one the Host header gives.
    """
    base = urlsplit(request.base_url)
    urls = [f"{request.base_url}{request.path}"]
    host = request.headers.get("host")
    if host and host != base.netloc:
        urls.append(f"{base.scheme}://{host}{base.path}{request.path}")
    return urls


def _queries(query: str) -> list[str]:
    """The sorted query in each signed form that means the parameters the request carries.

    The raw form joins decoded values as they are; a value holding ``&``,
    ``=``, ``+`` or an escape would read back as other parameters (a
    request signed for ``a=1&b=2`` replayed as ``a=1%26b%3D2``), so that
    form counts only when it parses back to the same parameters.
    """
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    raw = "&".join(f"{name}={value}" for name, value in pairs)
    same = sorted(parse_qsl(raw, keep_blank_values=True)) == pairs
    return list(dict.fromkeys([urlencode(pairs), *([raw] if same else [])]))


def messages(request: Request, timestamp: str) -> list[str]:
    """Every signed message this request may have been signed as."""
    queries = _queries(request.query)
    body_md5 = hashlib.md5(request.body).hexdigest() if request.body else ""
    head = [timestamp, request.method.upper(), body_md5]
    return ["\n".join([*head, url, query]) for url in canonical_urls(request) for query in queries]


def authenticate(request: Request, credentials: Credentials) -> bool:
    """Accept a correctly signed, fresh v1 request; otherwise raise `HttpError(401)`."""
    given = basic_credentials(request.headers)
    if given is None:
        raise HttpError(401, "v1 needs basic auth: the access key and the request signature")
    timestamp = request.headers.get("x-timestamp")
    if not timestamp:
        raise HttpError(401, "v1 requests must carry an X-Timestamp header")
    skew = abs(credentials.clock() - _moment(timestamp))
    if skew > MAX_SKEW:
        minutes = int(MAX_SKEW.total_seconds() // 60)
        raise HttpError(
            401, f"X-Timestamp {timestamp} is more than {minutes} minutes off the server clock"
        )
    user, signature = given
    secret = credentials.secret_key.encode()
    known_key = hmac.compare_digest(user.encode(), credentials.access_key.encode())
    signed = False
    # Every candidate is computed and compared, so timing tells nothing.
    for text in messages(request, timestamp):
        expected = hmac.new(secret, text.encode(), hashlib.sha1).hexdigest()
        signed |= hmac.compare_digest(signature.encode(), expected.encode())
    if not known_key:
        raise HttpError(401, "unknown access key")
    if not signed:
        raise HttpError(
            401,
            f"the signature does not match {request.method} {canonical_urls(request)[0]} "
            "(signed: X-Timestamp, method, body md5, URL without query, sorted query)",
        )
    return True
