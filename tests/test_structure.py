"""The shared structuring rules: generated per model, strict, explained by JSON path.

Every test runs twice: reading as a model's first objects are read (through
its ``__init__``, `flowroute._generate.Warming`), and as the generated
function reads the rest.
"""

from __future__ import annotations

import datetime
import enum
import pickle
import sys
from decimal import Decimal
from typing import Any, Optional, Union

import attrs
import pytest

from flowroute import _generate, _structure
from flowroute._reading import explain
from flowroute._structure import keyed_structurer, structurer


@pytest.fixture(autouse=True, params=["first reads", "generated"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(_generate, "WARM_UP", 10**9 if request.param == "first reads" else 0)
    caches = (_structure._structurer, _structure.hook_for, _structure.items_checker)
    for cache in caches:
        cache.cache_clear()
    yield request.param
    for cache in caches:  # the models of later tests warm up again, as in a new process
        cache.cache_clear()


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


@attrs.frozen(kw_only=True)
class Derived(Part):
    size: int = 0


def test_a_filled_model_is_the_frozen_class_itself() -> None:
    obj = {"id": "1", "parts": [{"name": "a"}], "at": "2017-03-30T21:35:09.45Z"}
    for cls, fields in ((Sample, obj), (Derived, {"name": "b", "size": 2})):
        built = structurer(cls)(fields, fields)
        assert type(built) is cls and built.raw is fields
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            built.raw = None  # type: ignore[misc]
        assert built == attrs.evolve(built)
    part = structurer(Sample)(obj, obj).parts[0]
    assert type(part) is Part and hash(part) == hash(Part(name="a"))


def test_date_times_read_alike_seen_before_or_not(reading: str) -> None:
    from flowroute import _scalars

    text = "2017-03-30T21:35:09.45Z"
    first = structurer(Sample)({"id": "1", "at": text}, None).at
    _scalars.MOMENTS.clear()
    assert structurer(Sample)({"id": "1", "at": text}, None).at == first
    if reading == "generated":  # only the generated code keeps what it read
        assert _scalars.MOMENTS[text] == first
    for bad in ("2017-02-30T00:00:00Z", ["2017-03-30"], 5):
        with pytest.raises((TypeError, ValueError)):
            structurer(Sample)({"id": "1", "at": bad}, None)
    assert explain(Sample, {"id": "1", "at": [text]}, "$") == [
        "expected an ISO-8601 date-time, got list @ $.at"
    ]
    for second in range(_scalars.MOMENTS_KEPT + 5):
        moment = f"2017-03-30T21:{second // 60 % 60:02}:{second % 60:02}Z"
        structurer(Sample)({"id": "1", "at": moment}, None)
    assert len(_scalars.MOMENTS) <= _scalars.MOMENTS_KEPT
    assert len(_scalars.MOMENTS) > 0 or reading == "first reads"


def test_a_keyed_item_takes_its_key_as_the_field_it_fills() -> None:
    item = {"name": "ignored: the key wins, as a merge of the key over the item would"}
    part = keyed_structurer(Part, None, "name")(item, item, "from-key")
    assert part == Part(name="from-key") and part.raw is item
    assert keyed_structurer(Checked, None, "size")({}, None, 3) == Checked(size=3)
    with pytest.raises(TypeError):
        keyed_structurer(Part, None, "name")({}, None, 5.5)


@attrs.frozen(kw_only=True)
class Batch:
    id: str
    parts: tuple[Part, ...] = attrs.field(default=(), metadata={"flowroute.deferred": True})
    raw: Any = attrs.field(default=None, repr=False, eq=False)


def test_a_deferred_list_is_checked_at_once_and_built_on_first_access(reading: str) -> None:
    obj = {"id": "1", "parts": [{"name": "a"}, {"name": "b", "extra": 1}]}
    batch = structurer(Batch)(obj, obj)
    held = Batch.__dict__["parts"].slot.__get__(batch, Batch)
    if reading == "generated":  # the JSON, not yet built (a first read builds it at once)
        assert held[1] is obj["parts"]
    parts = batch.parts
    assert parts == (Part(name="a"), Part(name="b")) and parts[1].raw == obj["parts"][1]
    assert batch.parts is parts  # built once, then kept
    same = Batch(id="1", parts=(Part(name="a"), Part(name="b")))
    assert batch == same and hash(batch) == hash(same) and repr(batch) == repr(same)
    assert attrs.evolve(structurer(Batch)(obj, obj), id="2").parts == parts
    assert pickle.loads(pickle.dumps(structurer(Batch)(obj, obj))) == same
    assert structurer(Batch)({"id": "1"}, None).parts == ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        batch.parts = ()  # type: ignore[misc]


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        ([{"name": "a"}, {}], "required field missing @ $.parts[1].name"),
        ([{"name": 1.5}], "expected a string, got float @ $.parts[0].name"),
        ([None], "expected an object, got null @ $.parts[0]"),
        ({"name": "a"}, "expected a list, got dict @ $.parts"),
    ],
)
def test_a_deferred_list_refuses_what_building_it_would(parts: Any, reason: str) -> None:
    obj = {"id": "1", "parts": parts}
    with pytest.raises((KeyError, TypeError, ValueError)):
        structurer(Batch)(obj, obj)
    assert explain(Batch, obj, "$") == [reason]


@pytest.mark.skipif(sys.version_info < (3, 12), reason="3.9-3.11 refuse the class assignment")
def test_models_are_filled_through_a_plain_class_where_python_allows_it() -> None:
    from flowroute import _generate

    # A regression here costs a third of a list's structuring, silently.
    assert (_generate._fill_class(Part) is not None) is not _generate._FREE_THREADED
    assert _generate._fill_class(Derived) is None  # slots spread over two classes
