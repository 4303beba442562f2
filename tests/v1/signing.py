"""The v1 request signature, written again from the protocol description.

Independent of `flowroute._auth` on purpose: if both agree, the client signs
as the protocol says, not merely as it did before.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urlsplit


def message(timestamp: str, method: str, url: str, body: Optional[bytes]) -> str:
    """Timestamp, method, body md5 ("" without a body), URL without query, sorted query."""
    parts = urlsplit(url)
    pairs = sorted(parse_qsl(parts.query, keep_blank_values=True))
    digest = hashlib.md5(body).hexdigest() if body else ""
    return "\n".join(
        [
            timestamp,
            method,
            digest,
            f"{parts.scheme}://{parts.netloc}{parts.path}",
            urlencode(pairs),
        ]
    )


def sign(secret: str, text: str) -> str:
    """Hex HMAC-SHA1 of `text` keyed by `secret`."""
    return hmac.new(secret.encode(), text.encode(), hashlib.sha1).hexdigest()


def authorization(access_key: str, signature: str) -> str:
    """The basic-auth header carrying the signature as password."""
    token = base64.b64encode(f"{access_key}:{signature}".encode()).decode()
    return f"Basic {token}"
