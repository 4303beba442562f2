"""Properties of the new v2 arguments: anything is either sent as documented or refused unsent."""

from __future__ import annotations

import json
import re
from typing import Any

import responses
from hypothesis import given
from hypothesis import strategies as st

import flowroute

CNAM_RULE = re.compile(r"[A-Za-z0-9 \-_.,@+&'/\"]{1,15}")
REPLY = {"data": {"type": "cnam", "id": "1", "attributes": {"value": "A"}}}


def _client() -> flowroute.Client:
    return flowroute.Client("key", "secret", retry_policy=flowroute.RetryPolicy(max_retries=0))


@given(st.one_of(st.text(max_size=20), st.text(alphabet="AB1 -'&/", max_size=17), st.none()))
def test_a_cnam_value_is_sent_as_given_or_refused_unsent(value: Any) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.POST, "https://api.flowroute.com/v2/cnams", json=REPLY, status=201)
        try:
            _client().v2.cnams.create_cnam_record(value)
        except flowroute.ValidationError as error:
            assert error.argument == "value"
            assert len(mock.calls) == 0
            assert not (
                isinstance(value, str)
                and CNAM_RULE.fullmatch(value)
                and re.search("[A-Za-z]", value)
            )
        else:
            (call,) = mock.calls
            assert json.loads(call.request.body) == {"value": value}
            assert CNAM_RULE.fullmatch(value) and re.search("[A-Za-z]", value)


ADDRESS = {
    "label": "HQ",
    "first_name": "Chris",
    "last_name": "Smith",
    "street_number": "1218",
    "street_name": "3rd Ave",
    "city": "Seattle",
    "state": "WA",
    "country": "US",
    "zip": "98101",
}
FIELDS = st.sampled_from(sorted(ADDRESS))
VALUES = st.one_of(st.text(max_size=12), st.integers(-5, 99999), st.none(), st.booleans())


@given(FIELDS, VALUES)
def test_an_address_field_is_sent_checked_or_refused_unsent(field: str, value: Any) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.POST, "https://api.flowroute.com/v2/e911s/validate", status=204)
        try:
            _client().v2.e911s.validate_address(**{**ADDRESS, field: value})
        except flowroute.ValidationError as error:
            assert error.argument == field
            assert len(mock.calls) == 0
        else:
            (call,) = mock.calls
            sent = json.loads(call.request.body)["data"]["attributes"]
            assert set(sent) == set(ADDRESS)
            assert all(isinstance(text, str) and text.strip() for text in sent.values())
