"""The v1 HMAC signature: fixed-timestamp vectors on prepared requests, and on the wire."""

from __future__ import annotations

import hashlib
from typing import Optional

import pytest
import requests
import responses

import flowroute
from flowroute._auth import V1Signature

from . import signing
from .expect import ACCESS_KEY, SECRET_KEY, expect, signed

TS = "2026-01-02T03:04:05"
HOST = "https://api.flowroute.com"


def prepared(method: str, url: str, body: Optional[bytes] = None) -> requests.PreparedRequest:
    request = requests.PreparedRequest()
    request.prepare(method=method, url=url, data=body)
    return request


def fixed_signer() -> V1Signature:
    return V1Signature(ACCESS_KEY, SECRET_KEY, timestamp=lambda: TS)


PUT_BODY = b'{"billing_method":"METERED"}'
PATCH_BODY = b'{"routes":[{"name":"sip-reg"},{"name":"backup1"}]}'

# (method, url, body, the exact message the protocol says is signed)
VECTORS = [
    pytest.param(
        "GET",
        f"{HOST}/v1/available-tns/tns/?npa=206&limit=2",
        None,
        f"{TS}\nGET\n\n{HOST}/v1/available-tns/tns/\nlimit=2&npa=206",
        id="get-query-sorted",
    ),
    pytest.param(
        "GET",
        f"{HOST}/v1/routes/",
        None,
        f"{TS}\nGET\n\n{HOST}/v1/routes/\n",
        id="get-no-query",
    ),
    pytest.param(
        "PUT",
        f"{HOST}/v1/tns/12065550100",
        PUT_BODY,
        f"{TS}\nPUT\n{hashlib.md5(PUT_BODY).hexdigest()}\n{HOST}/v1/tns/12065550100\n",
        id="put-body",
    ),
    pytest.param(
        "PATCH",
        f"{HOST}/v1/tns/12065550100",
        PATCH_BODY,
        f"{TS}\nPATCH\n{hashlib.md5(PATCH_BODY).hexdigest()}\n{HOST}/v1/tns/12065550100\n",
        id="patch-body",
    ),
    pytest.param(
        "GET",
        f"{HOST}/v1/available-tns/tns/?state=wa&ratecenter=san%20jose&tn=a%2Bb%2Fc&limit=5",
        None,
        f"{TS}\nGET\n\n{HOST}/v1/available-tns/tns/\n"
        "limit=5&ratecenter=san+jose&state=wa&tn=a%2Bb%2Fc",
        id="query-encoding",
    ),
    pytest.param(
        "GET",
        f"{HOST}/v1/tns/?pattern=2&pattern=1&a=",
        None,
        f"{TS}\nGET\n\n{HOST}/v1/tns/\na=&pattern=1&pattern=2",
        id="repeated-and-blank-params",
    ),
]


@pytest.mark.parametrize(("method", "url", "body", "message"), VECTORS)
def test_reference_message_follows_the_protocol(
    method: str, url: str, body: Optional[bytes], message: str
) -> None:
    assert signing.message(TS, method, url, body) == message


@pytest.mark.parametrize(("method", "url", "body", "message"), VECTORS)
def test_signature_headers_for_fixed_timestamp(
    method: str, url: str, body: Optional[bytes], message: str
) -> None:
    request = fixed_signer()(prepared(method, url, body))

    assert request.headers["X-Timestamp"] == TS
    expected = signing.authorization(ACCESS_KEY, signing.sign(SECRET_KEY, message))
    assert request.headers["Authorization"] == expected


def test_known_hmac_sha1_vector() -> None:
    # Computed independently: printf '<message>' | openssl dgst -sha1 -hmac test-secret-key
    request = fixed_signer()(prepared("GET", f"{HOST}/v1/available-tns/tns/?npa=206&limit=2"))

    expected = "f744d071b3a125e86e17e52b4fea12a225630306"
    assert request.headers["Authorization"] == signing.authorization(ACCESS_KEY, expected)


def test_each_request_is_signed_with_a_fresh_timestamp() -> None:
    stamps = iter(["2026-01-02T03:04:05", "2026-01-02T03:04:06"])
    signer = V1Signature(ACCESS_KEY, SECRET_KEY, timestamp=lambda: next(stamps))
    first = signer(prepared("GET", f"{HOST}/v1/routes/"))
    first_auth = first.headers["Authorization"]
    second = signer(prepared("GET", f"{HOST}/v1/routes/"))

    assert second.headers["X-Timestamp"] == "2026-01-02T03:04:06"
    assert second.headers["Authorization"] != first_auth


def test_repr_never_shows_the_secret() -> None:
    text = repr(fixed_signer())
    assert SECRET_KEY not in text
    assert ACCESS_KEY not in text


def test_client_signs_v1_requests_on_the_wire(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    # `expect` recomputes the signature from the request's own X-Timestamp.
    expect(
        rsps,
        "GET",
        "/v1/available-tns/tns/",
        query={"ratecenter": "san jose", "state": "WA", "limit": "5"},
        reply={},
    )

    client.v1.purchasable_phone_numbers.search(limit=5, ratecenter="san jose", state="WA")

    sent = rsps.calls[0].request
    assert sent.url == f"{HOST}/v1/available-tns/tns/?limit=5&ratecenter=san+jose&state=WA"


def test_client_signs_the_body_it_sends(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "PUT", "/v1/tns/12065550100", body={"billing_method": "VPRI"})

    client.v1.telephone_numbers.purchase("VPRI", "+12065550100")

    assert rsps.calls[0].request.body == b'{"billing_method":"VPRI"}'


def test_wire_matcher_rejects_a_wrong_signature() -> None:
    # The exact-request checks of every other v1 test rely on this matcher.
    good = fixed_signer()(prepared("GET", f"{HOST}/v1/routes/?limit=2"))
    assert signed(good) == (True, "")

    other_secret = V1Signature(ACCESS_KEY, "another-secret", timestamp=lambda: TS)
    assert not signed(other_secret(prepared("GET", f"{HOST}/v1/routes/?limit=2")))[0]
    z_suffix = V1Signature(ACCESS_KEY, SECRET_KEY, timestamp=lambda: TS + ".123Z")
    assert not signed(z_suffix(prepared("GET", f"{HOST}/v1/routes/")))[0]
