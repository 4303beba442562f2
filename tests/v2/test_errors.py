"""Error statuses of v2 calls become flowroute.errors classes carrying the API's detail."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

from flowroute import errors
from flowroute.v2 import V2

from . import documented as doc
from .expect import ACCESS_KEY, AUTHORIZATION, BASE_URL, SECRET_KEY, expect

STATUSES = {
    400: errors.BadRequestError,
    401: errors.AuthenticationError,
    403: errors.PermissionDeniedError,
    404: errors.NotFoundError,
    409: errors.ConflictError,
    422: errors.UnprocessableEntityError,
    429: errors.RateLimitError,
    500: errors.ServerError,
    502: errors.ServerError,
    503: errors.ServerError,
}

# One call per HTTP method and per controller: method, path, query, body, call.
CALLS: dict[str, tuple[str, str, dict[str, str], Any, Callable[[V2], Any]]] = {
    "GET-list": (
        "GET",
        "/v2/numbers",
        {"limit": "5"},
        None,
        lambda v2: v2.numbers.list_account_phone_numbers(limit=5),
    ),
    "POST-purchase": (
        "POST",
        "/v2/numbers/12065550100",
        {},
        None,
        lambda v2: v2.numbers.purchase_a_phone_number("+12065550100"),
    ),
    "DELETE-release": (
        "DELETE",
        "/v2/numbers/12065550100",
        {},
        None,
        lambda v2: v2.numbers.release_a_phone_number("12065550100"),
    ),
    "PATCH-route": (
        "PATCH",
        "/v2/numbers/12065550100/relationships/failover_route",
        {},
        {"data": {"type": "route", "id": "7"}},
        lambda v2: v2.routes.update_failover_voice_route("12065550100", 7),
    ),
    "POST-message": (
        "POST",
        "/v2.1/messages",
        {},
        {
            "data": {
                "type": "message",
                "attributes": {"to": "12065550101", "from": "12065550100", "body": "x"},
            }
        },
        lambda v2: v2.messages.send_a_message(
            {"to": "12065550101", "from": "12065550100", "body": "x"}
        ),
    ),
    "GET-detail": (
        "GET",
        f"/v2.1/messages/{doc.MDR_INBOUND}",
        {},
        None,
        lambda v2: v2.messages.look_up_a_message_detail_record(doc.MDR_INBOUND),
    ),
}


@pytest.mark.parametrize("status", STATUSES, ids=str)
@pytest.mark.parametrize("name", CALLS)
def test_status_maps_to_error_class_with_detail(
    v2: V2, rsps: responses.RequestsMock, status: int, name: str
) -> None:
    method, path, query, body, call = CALLS[name]
    detail = f"the API says no ({status})"
    expect(
        rsps,
        method,
        path,
        query=query,
        body=body,
        status=status,
        reply=doc.error_body(status, detail),
        headers={"X-Request-Id": "req-42"},
    )

    with pytest.raises((errors.APIError, errors.OutcomeUnknownError)) as info:
        call(v2)

    error = info.value
    if method == "POST" and status in (502, 504):
        # A gateway's answer to a purchase or send: it may have happened.
        assert isinstance(error, errors.OutcomeUnknownError)
        assert (error.status, error.request_id) == (status, "req-42")
        error = error.__cause__
    assert isinstance(error, errors.APIError)
    assert type(error) is STATUSES[status]
    url = BASE_URL + path + ("?limit=5" if query else "")
    assert (error.status, error.method, error.url, error.request_id) == (
        status,
        method,
        url,
        "req-42",
    )
    assert error.errors == [errors.ErrorDetail(detail, str(status), "err-1")]
    assert str(error) == f"{status}: {detail} ({method} {url})"
    assert len(rsps.calls) == 1  # the test client never retries
    for shown in (str(error), repr(error)):
        assert SECRET_KEY not in shown
        assert AUTHORIZATION.split()[1] not in shown
        assert ACCESS_KEY not in shown


def test_several_error_details_are_joined(v2: V2, rsps: responses.RequestsMock) -> None:
    body = {"errors": [{"detail": "limit too big"}, {"detail": "offset negative"}]}
    expect(rsps, "GET", "/v2/routes", status=400, reply=body)

    with pytest.raises(errors.BadRequestError, match="limit too big; offset negative"):
        v2.routes.list_inbound_routes()


@pytest.mark.parametrize(
    "reply",
    [
        {"data": {"id": "1"}},  # an object where a list is documented
        {"data": [{"id": "201", "type": "areacode"}, {"type": "areacode"}]},  # an item without id
        {"nodata": []},
        ["not", "a", "document"],
    ],
)
def test_success_body_of_the_wrong_shape_is_a_decode_error(
    v2: V2, rsps: responses.RequestsMock, reply: Any
) -> None:
    expect(rsps, "GET", "/v2/numbers/available/areacodes", reply=reply)

    with pytest.raises(errors.DecodeError, match="unexpected response shape") as info:
        v2.numbers.list_available_area_codes()

    assert info.value.method == "GET"


def test_wrong_cost_type_names_the_field(v2: V2, rsps: responses.RequestsMock) -> None:
    broken = {
        "data": [
            {
                "type": "number",
                "id": "1",
                "attributes": {"value": "1", "setup_cost": "x", "monthly_cost": 1},
            }
        ]
    }
    expect(rsps, "GET", "/v2/numbers/available", reply=broken)

    with pytest.raises(errors.DecodeError, match="setup_cost"):
        v2.numbers.search_for_purchasable_phone_numbers()


def test_decode_error_has_the_full_url_status_and_json_path(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    good = {"type": "route", "id": "1", "attributes": {"route_type": "host", "value": "h"}}
    bad = {"type": "route", "id": "2", "attributes": {"route_type": 7, "alias": ["x"]}}
    expect(rsps, "GET", "/v2/routes", query={"limit": "2"}, reply={"data": [good, bad]})

    with pytest.raises(errors.DecodeError) as info:
        v2.routes.list_inbound_routes(limit=2)

    error = info.value
    assert (error.url, error.status) == (f"{BASE_URL}/v2/routes?limit=2", 200)
    assert error.path == "$.data[1].attributes.route_type"
    assert "$.data[1].attributes.alias" in str(error)  # every bad field is named


def test_a_bad_delivery_receipt_refuses_the_listing_with_its_path(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    # Receipts are built on first access, but checked with their message.
    receipt = {"status": "delivered", "status_code": "1000", "timestamp": "2017-12-21T16:44:35Z"}
    message = {"to": "12065550100", "from": "12065550101", "delivery_receipts": [receipt]}
    broken = {"data": [{"type": "message", "id": "mdr2-1", "attributes": message}]}
    expect(rsps, "GET", "/v2.1/messages", query={"start_date": "2017-12-01"}, reply=broken)

    with pytest.raises(errors.DecodeError) as info:
        v2.messages.look_up_a_set_of_messages("2017-12-01")

    assert info.value.path == "$.data[0].attributes.delivery_receipts[0].status_code"
