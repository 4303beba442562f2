"""Signed raw v1 requests for the emulator tests, built from the protocol description.

The signature is computed here by hand (not with `flowroute._auth`, nor with
the emulator's code), so each side is checked against the protocol itself.
The signer's knobs produce the variants other v1 clients send and the
mistakes the emulator must refuse.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json as jsonlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests

from flowroute.emulator import Emulator

from .conftest import FakeClock


def message(timestamp: str, method: str, url: str, body: bytes, *, raw_query: bool = False) -> str:
    """Timestamp, METHOD, md5 hex of the body ("" for none), URL without query, sorted query."""
    parts = urlsplit(url)
    pairs = sorted(parse_qsl(parts.query, keep_blank_values=True))
    query = "&".join(f"{k}={v}" for k, v in pairs) if raw_query else urlencode(pairs)
    digest = hashlib.md5(body).hexdigest() if body else ""
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return f"{timestamp}\n{method}\n{digest}\n{base}\n{query}"


def hex_hmac_sha1(secret: str, text: str) -> str:
    """The hex HMAC-SHA1 of `text` keyed by `secret`."""
    return hmac.new(secret.encode(), text.encode(), hashlib.sha1).hexdigest()


def basic(user: str, password: str) -> str:
    """An ``Authorization: Basic`` header value."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class V1Api:
    """Sends v1 requests to one front door, signed with the emulator's keys and clock."""

    def __init__(self, url: str, emulator: Emulator, clock: FakeClock, door: str) -> None:
        self.url = url
        self.emulator = emulator
        self.clock = clock
        self.door = door
        self.session = requests.Session()

    def timestamp(self) -> str:
        return self.clock.now.strftime("%Y-%m-%dT%H:%M:%S")

    def prepare(
        self, method: str, path: str, params: Any = None, json: Any = None
    ) -> requests.PreparedRequest:
        data = None if json is None else jsonlib.dumps(json)
        headers = {"Content-Type": "application/json"} if data is not None else {}
        return requests.Request(
            method, self.url + path, params=params, data=data, headers=headers
        ).prepare()

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        json: Any = None,
        timestamp: Optional[str] = None,
        raw_query: bool = False,
        access_key: Optional[str] = None,
        secret_key: Optional[str] = None,
        signed_url: Optional[str] = None,
        signed_body: Optional[bytes] = None,
        signed_method: Optional[str] = None,
        mangle: Callable[[str], str] = str,
        headers: Optional[dict[str, str]] = None,
    ) -> requests.Response:
        """Sign and send one request; each keyword changes one input of the signature."""
        prepared = self.prepare(method, path, params, json)
        stamp = self.timestamp() if timestamp is None else timestamp
        sent = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body or b""
        body = sent if signed_body is None else signed_body
        url = signed_url or prepared.url or ""
        text = message(stamp, signed_method or method, url, body, raw_query=raw_query)
        signature = mangle(hex_hmac_sha1(secret_key or self.emulator.secret_key, text))
        prepared.headers["X-Timestamp"] = stamp
        prepared.headers["Authorization"] = basic(access_key or self.emulator.access_key, signature)
        prepared.headers.update(headers or {})
        return self.session.send(prepared)

    def get(self, path: str, params: Any = None) -> requests.Response:
        return self.send("GET", path, params=params)

    def put(self, path: str, json: Any = None) -> requests.Response:
        return self.send("PUT", path, json=json)

    def patch(self, path: str, json: Any = None) -> requests.Response:
        return self.send("PATCH", path, json=json)


@contextmanager
def v1_api(door: str, emulator: Emulator, clock: FakeClock) -> Iterator[V1Api]:
    """A `V1Api` on the emulator's loopback server (``"serve"``) or its mock (``"mock"``)."""
    opened = emulator.serve() if door == "serve" else emulator.mock()
    with opened as url:
        api = V1Api(url, emulator, clock, door)
        with api.session:
            yield api
