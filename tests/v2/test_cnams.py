"""client.v2.cnams: the exact requests, the typed results, and the CNAM value rules."""

from __future__ import annotations

import datetime
from typing import Any, Callable

import pytest
import responses

from flowroute.errors import ConflictError, ValidationError
from flowroute.v2 import V2, Cnam, CnamAssociation

from .expect import expect

NUMBER = "12062011682"
UTC = datetime.timezone.utc


def _cnam(ident: str, value: str, approved: bool = True) -> dict[str, Any]:
    return {
        "attributes": {
            "approval_datetime": "2018-04-16 16:20:32.939166+00:00" if approved else None,
            "creation_datetime": "2018-04-12 19:08:39.062539+00:00",
            "is_approved": approved,
            "rejection_reason": None,
            "value": value,
        },
        "id": ident,
        "links": {"self": f"https://api.flowroute.com/v2/cnams/{ident}"},
        "type": "cnam",
    }


LISTED = {
    "data": [_cnam("22671", "REGENCE INC"), _cnam("22790", "BROWN BAG")],
    "links": {"self": "https://api.flowroute.com/v2/cnams?limit=10&offset=0"},
}


def test_list_reads_typed_records(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "GET", "/v2/cnams", query={"limit": "10"}, reply=LISTED)

    page = v2.cnams.list_cnams(10, None)

    assert [c.value for c in page] == ["REGENCE INC", "BROWN BAG"]
    first = page.items[0]
    assert first.is_approved is True
    assert first.approval_datetime == datetime.datetime(2018, 4, 16, 16, 20, 32, 939166, UTC)
    assert first.creation_datetime == datetime.datetime(2018, 4, 12, 19, 8, 39, 62539, UTC)


def test_list_filters_go_on_the_query(v2: V2, rsps: responses.RequestsMock) -> None:
    query = {"limit": "5", "offset": "5", "is_approved": "false", "value": "bag"}
    expect(rsps, "GET", "/v2/cnams", query=query, reply={"data": []})
    expect(rsps, "GET", "/v2/cnams", query={"is_approved": "true"}, reply={"data": []})

    v2.cnams.list_cnams(5, 5, False, value="bag")
    v2.cnams.list_cnams(is_approved=True)


def test_text_filters_go_on_the_query(v2: V2, rsps: responses.RequestsMock) -> None:
    query = {"starts_with": "BR", "contains": "OWN", "ends_with": "BAG"}
    expect(rsps, "GET", "/v2/cnams", query=query, reply={"data": [_cnam("22790", "BROWN BAG")]})

    found = v2.cnams.list_cnams(starts_with="BR", contains="OWN", ends_with="BAG")

    assert [c.id for c in found] == ["22790"]


def test_get_reads_the_associated_numbers(v2: V2, rsps: responses.RequestsMock) -> None:
    detail = {
        "data": {
            **_cnam("17604", "TEST, MARIA"),
            "relationships": {"numbers": {"data": [{"id": NUMBER, "type": "number"}]}},
        },
        "included": [{"attributes": {"value": NUMBER}, "id": NUMBER, "type": "number"}],
    }
    expect(rsps, "GET", "/v2/cnams/17604", reply=detail)

    record = v2.cnams.get_cnam(17604)

    assert (record.id, record.value, record.numbers) == ("17604", "TEST, MARIA", (NUMBER,))


def test_create_sends_the_value_and_starts_unapproved(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(
        rsps,
        "POST",
        "/v2/cnams",
        body={"value": "FR H5K8"},
        status=201,
        reply={"data": _cnam("23454", "FR H5K8", approved=False)},
    )

    created = v2.cnams.create_cnam_record("FR H5K8")

    assert isinstance(created, Cnam)
    assert (created.id, created.is_approved, created.approval_datetime) == ("23454", False, None)


def test_associate_and_unassociate_return_the_receipt(v2: V2, rsps: responses.RequestsMock) -> None:
    taken = "Fri, 01 Jun 2018 00:17:52 GMT"
    expect(
        rsps,
        "PATCH",
        f"/v2/numbers/{NUMBER}/relationships/cnam/17604",
        status=202,
        reply={"data": {"attributes": {"date_created": taken}, "id": 17604, "type": "cnam"}},
    )
    expect(
        rsps,
        "DELETE",
        f"/v2/numbers/{NUMBER}/relationships/cnam",
        status=202,
        reply={"data": {"attributes": {"date_created": taken}, "id": None, "type": "cnam"}},
    )

    associated = v2.cnams.associate_cnam("17604", f"+{NUMBER}")
    removed = v2.cnams.unassociate_cnam(NUMBER)

    assert associated == CnamAssociation(id="17604", date_created=taken)
    assert associated.created == datetime.datetime(2018, 6, 1, 0, 17, 52, tzinfo=UTC)
    assert removed.id is None


def test_an_empty_receipt_is_still_a_receipt(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "DELETE", f"/v2/numbers/{NUMBER}/relationships/cnam", status=202)

    assert v2.cnams.unassociate_cnam(NUMBER) == CnamAssociation()
    assert CnamAssociation(date_created="yesterday").created is None


def test_associating_an_unapproved_record_raises_the_api_error(
    v2: V2, rsps: responses.RequestsMock
) -> None:
    refusal = {"errors": [{"detail": "CNAM record is not approved.", "status": 409}]}
    expect(
        rsps,
        "PATCH",
        f"/v2/numbers/{NUMBER}/relationships/cnam/23454",
        status=409,
        reply=refusal,
    )

    with pytest.raises(ConflictError, match="not approved"):
        v2.cnams.associate_cnam(23454, NUMBER)


def test_remove(v2: V2, rsps: responses.RequestsMock) -> None:
    expect(rsps, "DELETE", "/v2/cnams/23454", status=204)

    assert v2.cnams.remove_cnam(23454) is None


@pytest.mark.parametrize(
    "value",
    ["A", "FR H5K8", "O'NEIL & SONS", 'ACME "X" CO', "A-B_C.D,E@F+G/H", "X" * 15],
)
def test_values_within_the_rules_are_sent(v2: V2, rsps: responses.RequestsMock, value: str) -> None:
    expect(
        rsps,
        "POST",
        "/v2/cnams",
        body={"value": value},
        status=201,
        reply={"data": _cnam("1", value)},
    )

    assert v2.cnams.create_cnam_record(value).value == value


REFUSED: dict[str, tuple[Callable[[V2], Any], str]] = {
    "too-long": (lambda v2: v2.cnams.create_cnam_record("X" * 16), "value"),
    "no-letter": (lambda v2: v2.cnams.create_cnam_record("2065550100"), "value"),
    "empty": (lambda v2: v2.cnams.create_cnam_record(""), "value"),
    "character": (lambda v2: v2.cnams.create_cnam_record("BOB!"), "value"),
    "non-ascii": (lambda v2: v2.cnams.create_cnam_record("CAFÉ"), "value"),
    "not-text": (lambda v2: v2.cnams.create_cnam_record(None), "value"),  # type: ignore[arg-type]
    "cnam-id": (lambda v2: v2.cnams.get_cnam("x1"), "cnam_id"),
    "remove-id": (lambda v2: v2.cnams.remove_cnam(True), "cnam_id"),  # type: ignore[arg-type]
    "associate-number": (lambda v2: v2.cnams.associate_cnam(1, "12"), "number_id"),
    "unassociate-number": (lambda v2: v2.cnams.unassociate_cnam("abc"), "number_id"),
    "is-approved": (lambda v2: v2.cnams.list_cnams(is_approved="yes"), "is_approved"),  # type: ignore[arg-type]
    "limit": (lambda v2: v2.cnams.list_cnams(0), "limit"),
    "value-filter": (lambda v2: v2.cnams.list_cnams(value=" "), "value"),
}


@pytest.mark.parametrize("call, argument", REFUSED.values(), ids=REFUSED.keys())
def test_bad_input_is_refused_before_sending(
    v2: V2, quiet: responses.RequestsMock, call: Callable[[V2], Any], argument: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        call(v2)

    assert raised.value.argument == argument
    assert len(quiet.calls) == 0
