"""client.v2.e911s: the exact requests, the typed results, and what is refused unsent."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import responses

import flowroute
from flowroute.errors import BadRequestError, ValidationError
from flowroute.v2 import V2, E911Address, NewE911Address, Number

from .expect import expect

NUMBER = "12062011682"


def _record(ident: str, **changes: str) -> dict[str, Any]:
    attributes = {
        "address_type": "Suite",
        "address_type_number": "600",
        "city": "Seattle",
        "country": "US",
        "first_name": "Chris",
        "label": "E911 Test",
        "last_name": "Smith",
        "state": "WA",
        "street_name": "3rd Ave",
        "street_number": "1218",
        "zip": "98101",
        **changes,
    }
    return {
        "attributes": attributes,
        "id": ident,
        "links": {"self": f"https://api.flowroute.com/v2/e911s/{ident}"},
        "type": "e911",
    }


LISTED = {
    "data": [_record("20930", label="Example E911"), _record("20707", address_type="Lobby")],
    "links": {
        "next": "https://api.flowroute.com/v2/e911s?limit=2&offset=2",
        "self": "https://api.flowroute.com/v2/e911s?limit=2&offset=0",
    },
}
KEYWORDS: dict[str, Any] = {
    "label": "E911 Test",
    "first_name": "Chris",
    "last_name": "Smith",
    "street_name": "3rd Ave",
    "street_number": "1218",
    "city": "Seattle",
    "state": "WA",
    "country": "US",
    "zip": "98101",
    "address_type": "Suite",
    "address_type_number": "600",
}
SENT = {"data": {"type": "e911", "attributes": KEYWORDS}}
GEOCODE_FAILED = {
    "errors": [
        {
            "detail": "Could not geocode this address. Please check the validity of your address.",
            "id": "7fcfd1cd-486b-4159-8484-b710bd4bbab4",
            "status": 400,
            "title": "Client Error",
        }
    ]
}


def test_list_sends_the_documented_query_and_reads_addresses(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "GET", "/v2/e911s", query={"limit": "2"}, reply=LISTED)

    page = v2.e911s.list_e911s(2)

    first = page.items[0]
    assert isinstance(first, E911Address)
    assert (first.id, first.label, first.street_number, first.zip) == (
        "20930",
        "Example E911",
        "1218",
        "98101",
    )
    assert first.raw == LISTED["data"][0]
    assert page.has_next


def test_list_filters_go_on_the_query(v2: V2, rsps: responses.RequestsMock) -> None:
    query = {
        "limit": "2000",
        "offset": "4",
        "state": "WA",
        "label": "Office",
        "street_name": "Main",
        "city": "Culver City",
    }
    expect(rsps, "GET", "/v2/e911s", query=query, reply={"data": []})

    page = v2.e911s.list_e911s(
        2000, 4, "WA", label="Office", street_name="Main", city="Culver City"
    )

    assert list(page) == []


def test_get_reads_one_record(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/e911s/21845", reply={"data": _record("21845", city="Tacoma")})

    record = v2.e911s.get_e911(21845)

    assert (record.id, record.city, record.address_type) == ("21845", "Tacoma", "Suite")


def test_validate_sends_the_keyword_fields(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "POST", "/v2/e911s/validate", body=SENT, status=204)

    assert v2.e911s.validate_address(**KEYWORDS) is None


def test_an_address_the_service_cannot_locate_raises_its_detail(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    expect(rsps, "POST", "/v2/e911s/validate", body=SENT, status=400, reply=GEOCODE_FAILED)

    with pytest.raises(BadRequestError) as raised:
        v2.e911s.validate_address(**KEYWORDS)

    assert raised.value.status == 400
    assert "Could not geocode this address" in raised.value.detail
    assert "Could not geocode this address" in str(raised.value)


@pytest.mark.parametrize(
    "address",
    [
        NewE911Address(**KEYWORDS),
        dict(KEYWORDS),
        SENT,
        E911Address(id="1", **KEYWORDS),
    ],
    ids=["model", "dict", "json-api", "read-record"],
)
def test_create_takes_one_address_object(
    v2: V2, rsps: responses.RequestsMock, address: Any
) -> None:
    expect(rsps, "POST", "/v2/e911s", body=SENT, status=201, reply={"data": _record("21301")})

    created = v2.e911s.create_address(address)

    assert created == E911Address(id="21301", **KEYWORDS)


def test_fields_are_normalised_before_sending(v2: V2, rsps: responses.RequestsMock) -> None:
    body = {
        "data": {
            "type": "e911",
            "attributes": {
                **KEYWORDS,
                "street_number": "1218",
                "state": "WA",
                "country": "US",
                "zip": "98101",
                "address_type": "Suite",
                "address_type_number": "600",
            },
        }
    }
    expect(rsps, "POST", "/v2/e911s", body=body, status=201, reply={"data": _record("9")})

    v2.e911s.create_address(
        **{
            **KEYWORDS,
            "street_number": 1218,
            "state": "wa",
            "country": "us",
            "zip": 98101,
            "address_type": "SUITE",
            "address_type_number": 600,
        }
    )


def test_update_sends_only_the_fields_given(v2: V2, rsps: responses.RequestsMock) -> None:
    body = {"data": {"type": "e911", "attributes": {"last_name": "Wiley"}}}
    reply = {"data": _record("21306", last_name="Wiley")}
    expect(rsps, "PATCH", "/v2/e911s/21306", body=body, reply=reply)

    updated = v2.e911s.update_address("21306", last_name="Wiley")

    assert updated.last_name == "Wiley"


def test_update_answered_without_a_body_reads_the_record_back(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    body = {"data": {"type": "e911", "attributes": {"label": "HQ"}}}
    expect(rsps, "PATCH", "/v2/e911s/21306", body=body, status=204)
    expect(rsps, "GET", "/v2/e911s/21306", reply={"data": _record("21306", label="HQ")})

    assert v2.e911s.update_address(21306, {"label": "HQ"}).label == "HQ"


def test_associate_disconnect_delete(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "PATCH", f"/v2/numbers/{NUMBER}/relationships/e911s/21330", status=204)
    expect(rsps, "DELETE", f"/v2/numbers/{NUMBER}/relationships/e911s", status=204)
    expect(rsps, "DELETE", "/v2/e911s/21330", status=204)

    assert v2.e911s.associate(21330, "+1 (206) 201-1682") is None
    assert v2.e911s.disconnect(int(NUMBER)) is None
    assert v2.e911s.delete_address("21330") is None

    assert [c.request.method for c in rsps.calls] == ["PATCH", "DELETE", "DELETE"]


def test_numbers_of_an_address_are_a_page_of_numbers(v2: V2, rsps: responses.RequestsMock) -> None:
    item = {
        "attributes": {"alias": None, "value": NUMBER},
        "id": NUMBER,
        "links": {"self": f"https://api.flowroute.com/v2/numbers/{NUMBER}"},
        "type": "number",
    }
    expect(rsps, "GET", "/v2/e911s/21330/relationships/numbers", reply={"data": [item]})
    expect(
        rsps,
        "GET",
        "/v2/e911s/21330/relationships/numbers",
        query={"limit": "1", "offset": "1"},
        reply={"data": []},
    )

    page = v2.e911s.list_dids_for_e911(21330)
    assert page.items == [Number(id=NUMBER, value=NUMBER)]
    assert not page.has_next
    v2.e911s.list_dids_for_e911(21330, limit=1, offset=1)


def _without(name: str) -> dict[str, Any]:
    return {k: v for k, v in KEYWORDS.items() if k != name}


REFUSED: dict[str, tuple[Callable[[V2], Any], str]] = {
    "missing-zip": (lambda v2: v2.e911s.create_address(**_without("zip")), "zip"),
    "missing-label": (lambda v2: v2.e911s.validate_address(**_without("label")), "label"),
    "country": (lambda v2: v2.e911s.create_address(**{**KEYWORDS, "country": "USA"}), "country"),
    "zip": (lambda v2: v2.e911s.create_address(**{**KEYWORDS, "zip": "981"}), "zip"),
    "state": (lambda v2: v2.e911s.create_address(**{**KEYWORDS, "state": "Wash"}), "state"),
    "type": (
        lambda v2: v2.e911s.create_address(**{**KEYWORDS, "address_type": "Igloo"}),
        "address_type",
    ),
    "type-alone": (
        lambda v2: v2.e911s.create_address(**_without("address_type_number")),
        "address_type_number",
    ),
    "number-alone": (
        lambda v2: v2.e911s.create_address(**_without("address_type")),
        "address_type",
    ),
    "blank-name": (
        lambda v2: v2.e911s.create_address(**{**KEYWORDS, "first_name": " "}),
        "first_name",
    ),
    "both-forms": (lambda v2: v2.e911s.create_address(KEYWORDS, label="x"), "address"),
    "unknown-key": (lambda v2: v2.e911s.create_address({**KEYWORDS, "zipcode": "1"}), "address"),
    "not-an-address": (lambda v2: v2.e911s.create_address(42), "address"),  # type: ignore[arg-type]
    "update-nothing": (lambda v2: v2.e911s.update_address(1), "address"),
    "update-id": (lambda v2: v2.e911s.update_address("abc", label="x"), "e911_id"),
    "get-id": (lambda v2: v2.e911s.get_e911("1; DROP"), "e911_id"),
    "associate-number": (lambda v2: v2.e911s.associate(1, "555"), "number_id"),
    "disconnect-number": (lambda v2: v2.e911s.disconnect(None), "number_id"),  # type: ignore[arg-type]
    "list-limit": (lambda v2: v2.e911s.list_e911s(2001), "limit"),
    "list-state": (lambda v2: v2.e911s.list_e911s(state="Washington"), "state"),
    "list-label": (lambda v2: v2.e911s.list_e911s(label=""), "label"),
}


@pytest.mark.parametrize("call, argument", REFUSED.values(), ids=REFUSED.keys())
def test_bad_input_is_refused_before_sending(
    v2: V2, quiet: responses.RequestsMock, call: Callable[[V2], Any], argument: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        call(v2)

    assert raised.value.argument == argument
    assert len(quiet.calls) == 0


def test_the_client_exposes_the_controller(client: flowroute.Client) -> None:
    assert client.v2.e911s is client.v2.e911s
