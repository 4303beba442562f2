"""Auth objects: the headers they set and the secrets they never show."""

from __future__ import annotations

import base64

import requests

from flowroute._auth import BasicAuth, V1Signature


def prepared(
    method: str = "GET", url: str = "https://api.flowroute.com/v2/numbers"
) -> requests.PreparedRequest:
    return requests.Request(method, url).prepare()


def test_basic_auth_header() -> None:
    request = BasicAuth("access", "secret")(prepared())
    expected = "Basic " + base64.b64encode(b"access:secret").decode()
    assert request.headers["Authorization"] == expected


def test_reprs_hide_the_secret_and_most_of_the_key() -> None:
    for auth in (
        BasicAuth("AKIA12345678", "s3cr3t-value"),
        V1Signature("AKIA12345678", "s3cr3t-value"),
    ):
        text = repr(auth)
        assert "s3cr3t" not in text
        assert "AKIA1234" not in text
        assert "5678" in text


def test_v1_signature_resigns_each_attempt() -> None:
    stamps = iter(["2026-01-01T00:00:00", "2026-01-01T00:00:05"])
    auth = V1Signature("access", "secret", timestamp=lambda: next(stamps))
    first = auth(prepared()).headers["Authorization"]
    second = auth(prepared()).headers["Authorization"]
    assert first != second
