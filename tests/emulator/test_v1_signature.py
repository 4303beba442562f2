"""The emulator verifies v1 HMAC signatures exactly, and accepts the variants of other clients."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any, Callable

import pytest
import requests

import flowroute
from flowroute.emulator import Emulator

from .conftest import START, FakeClock
from .v1_signer import V1Api, basic, hex_hmac_sha1, message, v1_api

TIMESTAMP = "2024-03-01T12:00:00"  # START, as the Python v1 library writes it


@pytest.fixture(params=["serve", "mock"])
def v1(request: pytest.FixtureRequest, emulator: Emulator, clock: FakeClock) -> Iterator[V1Api]:
    with v1_api(request.param, emulator, clock) as api:
        yield api


def first_available(emulator: Emulator) -> str:
    return emulator.state.search_available(npa="206")[0].number


def owned(emulator: Emulator) -> str:
    return emulator.state.purchase(first_available(emulator)).number


def assert_refused(response: requests.Response, emulator: Emulator) -> str:
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
    assert emulator.secret_key not in response.text
    return str(body["error"])


def test_a_hand_written_vector_is_accepted(v1: V1Api, emulator: Emulator) -> None:
    # Every line of the signed message spelled out, as the protocol describes it.
    text = f"{TIMESTAMP}\nGET\n\n{v1.url}/v1/tns/\nlimit=2&pattern=206"
    signature = hex_hmac_sha1(emulator.secret_key, text)
    response = requests.get(
        f"{v1.url}/v1/tns/?pattern=206&limit=2",
        headers={"X-Timestamp": TIMESTAMP, "Authorization": basic(emulator.access_key, signature)},
    )
    assert response.status_code == 200
    assert response.json() == {}


def test_a_hand_written_vector_with_a_body_is_accepted(v1: V1Api, emulator: Emulator) -> None:
    number = first_available(emulator)
    body = b'{"billing_method": "VPRI"}'
    md5 = hashlib.md5(body).hexdigest()
    text = f"{TIMESTAMP}\nPUT\n{md5}\n{v1.url}/v1/tns/{number}\n"
    signature = hex_hmac_sha1(emulator.secret_key, text)
    response = requests.put(
        f"{v1.url}/v1/tns/{number}",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Timestamp": TIMESTAMP,
            "Authorization": basic(emulator.access_key, signature),
        },
    )
    assert (response.status_code, response.content) == (201, b"")
    assert emulator.state.number(number).billing_method == "VPRI"


def test_get_with_a_query_is_accepted(v1: V1Api) -> None:
    response = v1.get("/v1/available-tns/tns/", {"npa": "206", "limit": 2, "page": 1})
    assert response.status_code == 200
    assert len(response.json()["tns"]) == 2


def test_put_with_a_body_is_accepted(v1: V1Api, emulator: Emulator) -> None:
    number = first_available(emulator)
    response = v1.put(f"/v1/tns/{number}", {"billing_method": "METERED"})
    assert (response.status_code, response.content) == (201, b"")
    assert number in emulator.state.account


def test_patch_with_a_body_is_accepted(v1: V1Api, emulator: Emulator) -> None:
    number = owned(emulator)
    emulator.state.create_route("host", "pbx.example.com", "pbx")
    response = v1.patch(f"/v1/tns/{number}", {"routes": [{"name": "pbx"}, {"name": "sip-reg"}]})
    assert (response.status_code, response.content) == (204, b"")
    assert emulator.state.number(number).failover_route_id == "0"


RATE_CENTER_NEEDING_ENCODING = "st. louis & co/x"


def test_a_query_needing_encoding_is_accepted(v1: V1Api) -> None:
    params = {"ratecenter": RATE_CENTER_NEEDING_ENCODING, "state": "mo"}
    response = v1.get("/v1/available-tns/tns/", params)
    assert (response.status_code, response.json()) == (200, {})


def test_the_unencoded_query_of_the_node_library_is_accepted(v1: V1Api) -> None:
    params = {"ratecenter": "st. louis co/x", "state": "mo"}
    url = v1.prepare("GET", "/v1/available-tns/tns/", params).url or ""
    encoded, raw = (message(TIMESTAMP, "GET", url, b"", raw_query=flag) for flag in (False, True))
    assert encoded.endswith("ratecenter=st.+louis+co%2Fx&state=mo")
    assert raw.endswith("ratecenter=st. louis co/x&state=mo")
    response = v1.send("GET", "/v1/available-tns/tns/", params=params, raw_query=True)
    assert response.status_code == 200


def test_escapes_that_decode_to_other_parameters_are_refused(v1: V1Api, emulator: Emulator) -> None:
    # Signed for limit=2 and page=1 (unencoded, as the Node library signs), sent
    # as one parameter limit="2&page=1": the raw form reads the same, the
    # parameters do not, so the signature must not cover it.
    signed = f"{v1.url}/v1/routes/?limit=2&page=1"
    assert v1.send("GET", "/v1/routes/", params={"limit": 2, "page": 1}, raw_query=True).ok
    replayed = v1.send(
        "GET", "/v1/routes/", params={"limit": "2&page=1"}, signed_url=signed, raw_query=True
    )
    assert replayed.request.url.endswith("/v1/routes/?limit=2%26page%3D1")
    assert_refused(replayed, emulator)


def test_a_raw_signed_value_holding_a_separator_is_refused(v1: V1Api, emulator: Emulator) -> None:
    # Ambiguous in the raw form: it reads back as other parameters, so only
    # the encoded form (the Python library's, and ours) can sign such a value.
    params = {"ratecenter": RATE_CENTER_NEEDING_ENCODING, "state": "mo"}
    assert v1.send("GET", "/v1/available-tns/tns/", params=params).status_code == 200
    refused = v1.send("GET", "/v1/available-tns/tns/", params=params, raw_query=True)
    assert_refused(refused, emulator)


def test_a_timestamp_with_a_trailing_z_is_accepted_as_signed(v1: V1Api) -> None:
    response = v1.send("GET", "/v1/routes/", timestamp=f"{TIMESTAMP}Z")
    assert response.status_code == 200
    assert "sip-reg" in response.json()["routes"]


def test_the_url_of_the_host_header_is_accepted(v1: V1Api) -> None:
    port = v1.url.rsplit(":", 1)[-1] if v1.door == "serve" else ""
    host = f"localhost:{port}" if port else "localhost"
    scheme = v1.url.split("://")[0]
    response = v1.send(
        "GET", "/v1/routes/", signed_url=f"{scheme}://{host}/v1/routes/", headers={"Host": host}
    )
    assert response.status_code == 200


def test_five_minutes_of_skew_either_way_is_accepted(v1: V1Api, clock: FakeClock) -> None:
    for delta in (timedelta(minutes=5), -timedelta(minutes=5)):
        stamp = (START + delta).strftime("%Y-%m-%dT%H:%M:%S")
        assert v1.send("GET", "/v1/routes/", timestamp=stamp).status_code == 200


def flip_last(signature: str) -> str:
    return signature[:-1] + ("0" if signature[-1] != "0" else "1")


def late(seconds: int) -> str:
    return (START + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")


REFUSED: dict[str, dict[str, Any]] = {
    "tampered signature": {"mangle": flip_last},
    "uppercase hex signature": {"mangle": str.upper},
    "wrong access key": {"access_key": "00000000"},
    "wrong secret key": {"secret_key": "not-the-secret"},
    "clock 5 min 1 s behind": {"timestamp": late(-301)},
    "clock 5 min 1 s ahead": {"timestamp": late(301)},
    "fractional seconds": {"timestamp": f"{TIMESTAMP}.000Z"},
    "a zone offset": {"timestamp": f"{TIMESTAMP}+00:00"},
    "not a date": {"timestamp": "2024-02-30T12:00:00"},
    "another query signed": {"signed_url": "QUERY:limit=3"},
    "another body signed": {"signed_body": b'{"billing_method": "VPRI"}'},
    "another method signed": {"signed_method": "GET"},
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_bad_signatures_are_refused_with_v1_errors(
    case: str, v1: V1Api, emulator: Emulator
) -> None:
    number = first_available(emulator)
    knobs = dict(REFUSED[case])
    path = f"/v1/tns/{number}"
    if knobs.get("signed_url", "").startswith("QUERY:"):
        knobs["signed_url"] = f"{v1.url}{path}?{knobs['signed_url'][6:]}"
    response = v1.send("PUT", path, json={"billing_method": "METERED"}, **knobs)
    assert_refused(response, emulator)
    assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert number not in emulator.state.account


def test_the_md5_of_an_empty_string_is_not_the_empty_body(v1: V1Api, emulator: Emulator) -> None:
    # Without a body the protocol signs an empty line, not md5("").
    text = f"{TIMESTAMP}\nGET\nd41d8cd98f00b204e9800998ecf8427e\n{v1.url}/v1/routes/\n"
    response = requests.get(
        f"{v1.url}/v1/routes/",
        headers={
            "X-Timestamp": TIMESTAMP,
            "Authorization": basic(emulator.access_key, hex_hmac_sha1(emulator.secret_key, text)),
        },
    )
    assert "signature does not match GET" in assert_refused(response, emulator)


def test_skew_is_explained(v1: V1Api, emulator: Emulator) -> None:
    detail = assert_refused(v1.send("GET", "/v1/routes/", timestamp=late(3600)), emulator)
    assert detail == "X-Timestamp 2024-03-01T13:00:00 is more than 5 minutes off the server clock"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Timestamp": TIMESTAMP},
        {"Authorization": "Basic bm90LWJhc2U2NA=="},
        {"Authorization": "Bearer abc", "X-Timestamp": TIMESTAMP},
    ],
    ids=["nothing", "no authorization", "no colon", "not basic"],
)
def test_missing_parts_are_refused(headers: dict[str, str], v1: V1Api, emulator: Emulator) -> None:
    assert_refused(requests.get(f"{v1.url}/v1/routes/", headers=headers), emulator)


def test_a_missing_timestamp_is_refused(v1: V1Api, emulator: Emulator) -> None:
    auth = basic(emulator.access_key, "0" * 40)
    response = requests.get(f"{v1.url}/v1/routes/", headers={"Authorization": auth})
    assert assert_refused(response, emulator) == "v1 requests must carry an X-Timestamp header"


def test_v2_basic_auth_does_not_open_v1(v1: V1Api, emulator: Emulator) -> None:
    auth = (emulator.access_key, emulator.secret_key)
    assert_refused(requests.get(f"{v1.url}/v1/routes/", auth=auth), emulator)


def test_the_request_log_keeps_the_timestamp_but_not_the_signature(
    v1: V1Api, emulator: Emulator
) -> None:
    v1.get("/v1/routes/", {"limit": 1})
    (entry,) = emulator.requests
    assert entry.headers["x-timestamp"] == TIMESTAMP
    assert "authorization" not in entry.headers
    assert (entry.status, entry.query) == (200, {"limit": ["1"]})


def test_our_client_is_refused_by_a_skewed_emulator() -> None:
    skewed = FakeClock(START)  # years away from the real clock the client signs with
    emulator = Emulator(seed=0, clock=skewed)
    number = first_available(emulator)
    keys = (emulator.access_key, emulator.secret_key)
    with emulator.mock() as url, flowroute.Client(*keys, base_url=url, max_retries=0) as client:
        error = refused(lambda: client.v1.telephone_numbers.purchase("METERED", number))
    assert error.status == 401
    assert "minutes off the server clock" in error.detail
    assert emulator.secret_key not in str(error)
    assert number not in emulator.state.account
    assert emulator.requests[-1].response == {"error": error.detail}


def refused(call: Callable[[], object]) -> flowroute.errors.AuthenticationError:
    with pytest.raises(flowroute.errors.AuthenticationError) as raised:
        call()
    return raised.value
