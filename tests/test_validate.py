"""Argument checks: accepted forms, normalised output, and errors naming the argument."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowroute import ValidationError
from flowroute import _validate as v


@pytest.mark.parametrize(
    "value",
    ["+12065550100", "12065550100", "(206) 555-0100", "206-555-0100", "206.555.0100", 12065550100],
)
def test_phone_number_forms_normalise_to_eleven_digits(value: Any) -> None:
    assert v.phone_number(value, "number") == "12065550100"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "+442071234567",
        "2065550100x",
        "1206555010",
        "120655501000",
        "10655501000",
        True,
        None,
        1.5,
    ],
)
def test_bad_phone_numbers_name_the_argument(value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        v.phone_number(value, "to")
    assert info.value.argument == "to"
    assert "11-digit" in str(info.value)


@given(st.text())
def test_phone_number_accepts_only_what_it_can_normalise(value: str) -> None:
    try:
        result = v.phone_number(value, "n")
    except ValidationError:
        return
    assert len(result) == 11 and result.isdigit() and result[0] == "1"


@pytest.mark.parametrize(
    ("value", "ok"), [(1, True), (200, True), ("5", True), (0, False), (201, False), (True, False)]
)
def test_integer_range(value: Any, ok: bool) -> None:
    if ok:
        assert v.integer(value, "limit", 1, 200) == int(value)
    else:
        with pytest.raises(ValidationError, match=r"limit.*from 1 to 200"):
            v.integer(value, "limit", 1, 200)


def test_decimal_keeps_exact_value_and_rejects_negative() -> None:
    assert v.decimal(3.25, "max_setup_cost") == Decimal("3.25")
    for bad in (-1, "abc", float("nan"), None):
        with pytest.raises(ValidationError, match="max_setup_cost"):
            v.decimal(bad, "max_setup_cost")


def test_digits_and_choice() -> None:
    assert v.digits(1206, "starts_with") == "1206"
    with pytest.raises(ValidationError, match="starts_with"):
        v.digits("12a", "starts_with")
    assert v.choice("host", "route_type", {"host", "uri"}) == "host"
    with pytest.raises(ValidationError, match="one of host, uri"):
        v.choice("HOST", "route_type", {"host", "uri"})


def test_dates() -> None:
    assert v.date_text(datetime.date(2017, 12, 1), "start_date") == "2017-12-01"
    aware = datetime.datetime(2017, 12, 1, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert v.date_text(aware, "start_date") == "2017-12-01T03:00:00"
    assert v.date_text("2017-12-01T00:00:00", "start_date") == "2017-12-01T00:00:00"
    for bad in ("12/01/2017", "2017-13-01", 20171201):
        with pytest.raises(ValidationError, match="start_date"):
            v.date_text(bad, "start_date")


@pytest.mark.parametrize("text", ["²", "0\x1f", "1\x1c0", "١٢"])
def test_integer_text_python_cannot_parse_is_a_validation_error(text: str) -> None:
    # str.isdigit() and str.strip() accept more than int() does; found by fuzzing.
    with pytest.raises(ValidationError, match="limit"):
        v.integer(text, "limit", 1, 200)


UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024-03-01T10:00:00Z", datetime.datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01T10:00:00.5Z", datetime.datetime(2024, 3, 1, 10, 0, 0, 500000, tzinfo=UTC)),
        ("2024-03-01 10:00:00.12+00:00", datetime.datetime(2024, 3, 1, 10, 0, 0, 120000, UTC)),
        ("2024-03-01T10:00:00.1234567Z", datetime.datetime(2024, 3, 1, 10, 0, 0, 123456, UTC)),
        ("2024-03-01", datetime.datetime(2024, 3, 1)),
    ],
)
def test_iso_datetimes_read_alike_on_every_python(text: str, moment: datetime.datetime) -> None:
    # Before 3.11 fromisoformat refuses "Z" and fractions of other than 3 or 6 digits.
    assert v.iso_datetime(text) == moment
    assert v.date_text(text, "start_date") == text


def test_a_fraction_without_a_time_is_not_a_datetime() -> None:
    with pytest.raises(ValueError):
        v.iso_datetime("2024-03-01.5")
