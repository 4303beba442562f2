"""A model's first objects are read through its ``__init__``, the rest by generated code.

Both ways must give the same model, or refuse the same objects: checked on
every v1 and v2 model, with each field valid, missing, null or wrong.
"""

from __future__ import annotations

import datetime
import enum
import typing
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flowroute.v1.models
import flowroute.v2.models
from flowroute import _generate, _structure
from flowroute._structure import fields_of, structurer


@attrs.frozen(kw_only=True)
class Leaf:
    name: str
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Tree:
    id: str
    leaves: tuple[Leaf, ...] = ()
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    # Each test sees its models as a new process would: not yet read.
    _structure._structurer.cache_clear()
    _structure.hook_for.cache_clear()
    yield
    _structure._structurer.cache_clear()
    _structure.hook_for.cache_clear()


def test_a_model_read_a_few_times_is_never_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[type] = []

    def write(cls: type, *args: Any) -> Any:
        written.append(cls)
        return _generate.write(cls, *args)

    monkeypatch.setattr(_structure, "write", write)
    reads = [structurer(Leaf)({"name": str(n)}, None) for n in range(_generate.WARM_UP)]
    assert reads == [Leaf(name=str(n)) for n in range(_generate.WARM_UP)]
    assert written == [] and type(structurer(Leaf)) is _generate.Warming
    assert structurer(Leaf)({"name": "next"}, None) == Leaf(name="next")
    assert len(written) == 1
    generated = structurer(Leaf)  # handed out as itself from now on, no warm-up call between
    assert type(generated) is not _generate.Warming
    assert generated({"name": "x"}, {"name": "x"}).raw == {"name": "x"}
    assert len(written) == 1


def test_generated_code_calls_the_generated_code_of_the_models_it_holds() -> None:
    _structure._generated(structurer(Tree))
    leaf = _structure._structurer(Leaf, (), None, frozenset())
    assert type(leaf) is _generate.Warming and leaf.generated is not None
    tree = structurer(Tree)({"id": "1", "leaves": [{"name": "a"}]}, None)
    assert tree.leaves == (Leaf(name="a"),) and tree.leaves[0].raw == {"name": "a"}


def test_a_keyed_model_warms_up_as_well() -> None:
    by_key = _structure.keyed_structurer(Leaf, None, "name")
    assert type(by_key) is _generate.Warming
    assert by_key({"name": "ignored"}, None, "key") == Leaf(name="key")
    assert _structure._generated(by_key)({}, None, "key") == Leaf(name="key")


def _models() -> list[type]:
    found = []
    for module in (flowroute.v1.models, flowroute.v2.models):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found.append(value)
    return found


MODELS = _models()
ABSENT = object()
WRONG: list[Any] = [
    None,
    "",
    "x",
    "12012602997",
    0,
    7,
    -3,
    1.5,
    True,
    [],
    {},
    ["x"],
    [{}],
    {"a": 1},
]
WRONG += ["2017-03-30T21:35:09.45Z", "2017-03-30", "2017-W13-4", "1.25", "nan", "host"]


def _valid(tp: Any) -> Any:
    """A JSON value the annotation `tp` accepts."""
    inner = _structure.optional_inner(tp)
    tp = tp if inner is _generate.MISSING else inner
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union:
        return _valid(args[0])
    if origin in (tuple, list):
        return [_valid(args[0])]
    if origin in (dict, Mapping):
        return {}
    if isinstance(tp, type) and attrs.has(tp):
        return {f.key: _valid(attrs.fields_dict(tp)[f.name].type) for f in fields_of(tp, {})}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    if tp is datetime.datetime:
        return "2017-03-30T21:35:09.45Z"
    samples = {str: "abc", int: 3, bool: True}
    return samples.get(tp, "1.25")  # Decimal, Any


def _outcome(read: Any, flat: dict[str, Any]) -> Any:
    try:
        model = read(flat, flat)
    except Exception as exc:  # the same refusal either way, whatever it is
        return type(exc)
    return model, type(model), getattr(model, "raw", None)


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=40)
@given(data=st.data())
def test_both_ways_read_every_model_alike(cls: type, data: st.DataObject) -> None:
    fields = fields_of(cls, {})
    flat = {}
    for field in fields:
        valid = _valid(attrs.fields_dict(cls)[field.name].type)
        value = data.draw(st.one_of(st.just(valid), st.just(ABSENT), st.sampled_from(WRONG)))
        if value is not ABSENT:
            flat[field.key] = value
    warming = _structure._structurer(cls, (), None, frozenset())
    assert _outcome(warming.read, flat) == _outcome(warming.now(), flat)


def test_every_model_read_from_responses_reads_a_valid_object_both_ways() -> None:
    sent_only = {"NewE911Address", "NewRoute"}  # request bodies: written, never read
    read = [cls for cls in MODELS if cls.__name__ not in sent_only]
    assert len(read) >= 20
    for cls in read:
        flat = _valid(cls)
        first = structurer(cls)(flat, flat)
        assert type(first) is cls and getattr(first, "raw", flat) is flat
        assert first == _structure._generated(structurer(cls))(flat, flat)
