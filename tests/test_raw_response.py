"""`controller.with_raw_response`: the answer of any call, without a second request."""

from __future__ import annotations

import pytest
import responses

import flowroute
from flowroute.v2.models import Number

from .v2 import documented as doc
from .v2.expect import expect


@pytest.fixture
def client() -> flowroute.Client:
    return flowroute.Client(
        "test-access-key",
        "test-secret-key",
        base_url=doc.API,
        retry_policy=flowroute.RetryPolicy(max_retries=0),
    )


@pytest.fixture
def rsps() -> responses.RequestsMock:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


def test_detail_call_gives_status_headers_request_id_and_the_typed_result(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(
        rsps,
        "GET",
        "/v2/numbers/16502390214",
        reply=doc.DETAILS,
        headers={"X-Request-Id": "req-42", "X-Rate-Limit": "9"},
    )

    raw = client.v2.numbers.with_raw_response.list_phone_number_details("16502390214")

    assert (raw.status, raw.request_id, raw.headers["x-rate-limit"]) == (200, "req-42", "9")
    assert raw.url == f"{doc.API}/v2/numbers/16502390214"
    assert raw.body == doc.DETAILS
    number = raw.parse()
    assert isinstance(number, Number) and number.id == "16502390214"
    assert len(rsps.calls) == 1
    assert repr(raw) == f"<RawResponse [200] GET {doc.API}/v2/numbers/16502390214>"


def test_a_listing_parses_to_its_page(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v2/numbers", query={"limit": "2"}, reply=doc.ACCOUNT_NUMBERS)

    raw = client.v2.numbers.with_raw_response.list_account_phone_numbers(limit=2)

    page = raw.parse()
    assert isinstance(page, flowroute.Page)
    assert page.response is raw.response
    assert raw.url == f"{doc.API}/v2/numbers?limit=2"


def test_a_body_that_does_not_read_is_handed_over_and_parse_raises(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    broken = {"data": {"id": "16502390214", "type": "number", "attributes": {"value": 5.5}}}
    expect(rsps, "GET", "/v2/numbers/16502390214", reply=broken)

    raw = client.v2.numbers.with_raw_response.list_phone_number_details("16502390214")

    assert raw.body == broken
    with pytest.raises(flowroute.DecodeError) as caught:
        raw.parse()
    assert caught.value.path == "$.data.attributes.value"
    assert caught.value.url == f"{doc.API}/v2/numbers/16502390214"


def test_api_errors_and_bad_arguments_raise_as_in_the_plain_call(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v2/numbers/16502390214", status=404, reply={"errors": []})

    with pytest.raises(flowroute.NotFoundError):
        client.v2.numbers.with_raw_response.list_phone_number_details("16502390214")
    with pytest.raises(flowroute.ValidationError):
        client.v2.numbers.with_raw_response.list_phone_number_details("not a number")
    assert len(rsps.calls) == 1


def test_a_call_without_a_body_still_has_its_status(
    client: flowroute.Client, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "DELETE", "/v2/numbers/16502390214", status=204)

    raw = client.v2.numbers.with_raw_response.release_a_phone_number("16502390214")

    assert (raw.status, raw.body, raw.parse()) == (204, None, None)


def test_v1_calls_too(client: flowroute.Client, rsps: responses.RequestsMock) -> None:
    rsps.add("GET", f"{doc.API}/v1/routes/", json={"routes": {}}, headers={"X-Request-Id": "v1"})

    raw = client.v1.inbound_routes.with_raw_response.list()

    assert (raw.status, raw.request_id, list(raw.parse())) == (200, "v1", [])


def test_only_api_methods_are_offered(client: flowroute.Client) -> None:
    raw_calls = client.v2.numbers.with_raw_response
    with pytest.raises(AttributeError, match="no API method '_send'"):
        raw_calls._send  # noqa: B018
    assert "list_phone_number_details" in dir(raw_calls)
    assert "with_raw_response" not in dir(raw_calls)
