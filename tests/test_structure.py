"""The shared structuring rules: generated per model, strict, explained by JSON path."""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import Any, Optional, Union

import attrs
import pytest

from flowroute._reading import explain
from flowroute._structure import structurer


class Color(str, enum.Enum):
    RED = "red"


@attrs.frozen(kw_only=True)
class Part:
    name: str
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Sample:
    id: str
    count: Optional[int] = None
    price: Optional[Decimal] = None
    at: Optional[datetime.datetime] = None
    color: Optional[Union[Color, str]] = None
    parts: tuple[Part, ...] = ()
    tags: list[str] = attrs.field(factory=list)
    scores: Optional[dict[str, int]] = None  # no inline rule: the cattrs fallback
    flag: bool = False
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Checked:
    size: int = attrs.field(validator=attrs.validators.ge(0))


def test_every_rule_on_one_model() -> None:
    obj = {
        "id": 7,
        "count": 2,
        "price": "1.50",
        "at": "2017-03-30T21:35:09.45Z",
        "color": "red",
        "parts": [{"name": "a", "extra": 1}],
        "scores": {"x": 1},
        "unknown": "kept in raw",
    }

    sample = structurer(Sample)(obj, obj)

    assert sample == Sample(
        id="7",
        count=2,
        price=Decimal("1.50"),
        at=datetime.datetime(2017, 3, 30, 21, 35, 9, 450000, tzinfo=datetime.timezone.utc),
        color=Color.RED,
        parts=(Part(name="a"),),
        scores={"x": 1},
    )
    assert sample.raw is obj and sample.parts[0].raw == {"name": "a", "extra": 1}
    assert structurer(Sample)({"id": "1", "color": "blue"}, None).color == "blue"


def test_defaults_made_per_instance() -> None:
    first = structurer(Sample)({"id": "1"}, None)
    second = structurer(Sample)({"id": "2"}, None)
    assert first.tags == [] and first.tags is not second.tags
    assert (first.flag, first.count, first.parts) == (False, None, ())


@pytest.mark.parametrize(
    ("obj", "reasons"),
    [
        ({}, ["required field missing @ $.id"]),
        ({"id": 1.5}, ["expected a string, got float @ $.id"]),
        ({"id": "1", "count": True}, ["expected an integer, got bool @ $.count"]),
        ({"id": "1", "flag": None}, ["expected true or false, got null @ $.flag"]),
        ({"id": "1", "price": "NaN"}, ["not a finite amount: 'NaN' @ $.price"]),
        ({"id": "1", "parts": "ab"}, ["expected a list, got str @ $.parts"]),
        ({"id": "1", "parts": [{"name": "a"}, {}]}, ["required field missing @ $.parts[1].name"]),
        ({"id": [], "tags": [1.5]}, ["expected a string, got list @ $.id", "@ $.tags[0]"]),
    ],
)
def test_refusals_are_explained_by_path(obj: dict[str, Any], reasons: list[str]) -> None:
    with pytest.raises((KeyError, TypeError, ValueError)):
        structurer(Sample)(obj, obj)
    found = explain(Sample, obj, "$")
    assert len(found) == len(reasons)
    for reason, expected in zip(found, reasons):
        assert reason.endswith(expected) or reason == expected


def test_a_model_with_validators_is_built_by_its_init() -> None:
    assert structurer(Checked)({"size": 3}, None) == Checked(size=3)
    with pytest.raises(ValueError):
        structurer(Checked)({"size": -1}, None)
