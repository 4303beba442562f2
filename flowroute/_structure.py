"""Turning decoded JSON into attrs models: the structuring rules every API version shares.

`structurer(cls, renames)` returns one function per model, generated from
its attrs fields once the model has been read a few times (its first
objects go through its ``__init__``, by the same hooks: see
`flowroute._generate.Warming`): the checks of each field
are written inline (a value of the exact expected type passes at the cost
of one ``type(v) is T``; anything else goes to the same hook a slower path
would use; lists of models are built in the same function), and the
frozen, slotted instance is filled without attrs' keyword ``__init__``:
as a plain class of the same slots that then becomes the model (see
`flowroute._generate`), or where Python refuses that, through the slot
descriptors. On this hot path that is about a third of the cost of
attrs' ``__init__`` and cattrs' hooks; nothing is registered by hand, so
a new model is structured as soon as a controller asks for it.

The rules, shared by v1 and v2 (the version adapters only flatten their
documents into one mapping per model):
- text: a JSON string, or an integer, read as its decimal digits (the
  OpenAPI files give some ids and numbers as integers);
- integers and booleans: exactly those JSON types (never ``"false"``
  read as true, never 1.9 truncated);
- money (`Decimal`): a JSON string or number, through its text, finite;
- date-times: ISO 8601; no zone means UTC, the API's zone (text read
  once is kept in a small cache, `flowroute._scalars.MOMENTS`);
- open enums (``Union[SomeEnum, str]``): known values become members,
  unknown ones stay strings;
- a field ``raw`` keeps the JSON the model was read from.

Any other annotation is handed to a cattrs Converter that carries the same
hooks (built on first need, so the common models never import cattrs). A
refused value is explained by `flowroute._reading.explain`, which walks the
same rules slowly to name the JSON path of each bad field.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional

import attrs

from ._generate import MISSING, MOMENT, Field, Warming, direct, write
from ._scalars import SCALARS, Hook, is_money, money, type_name

if TYPE_CHECKING:
    import cattrs

__all__ = ["Hook", "fallback_converter", "hook_for", "keyed_structurer", "structurer"]

Structurer = Callable[[Any, Any], Any]
"""Structures a model from a flat mapping and the JSON to keep as its ``raw``."""


def _open_enum(members: type[enum.Enum]) -> Hook:
    known = members._value2member_map_

    def structure(value: Any) -> Any:
        if type(value) is not str:
            raise TypeError(f"expected a string, got {type_name(value)}")
        return known.get(value, value)

    return structure


def _sequence(item: Any, build: Optional[Callable[[Any], Any]]) -> Hook:
    """Structures a JSON list; `build` makes the final container (None: the list itself)."""
    hook, fast = hook_for(item)
    model = structurer(item) if isinstance(item, type) and attrs.has(item) else None

    def structure(value: Any) -> Any:
        # Only a list: a string would otherwise be read as a list of characters.
        if type(value) is not list:
            raise TypeError(f"expected a list, got {type_name(value)}")
        if model is not None:  # the nested hook's own dict test, without its call
            items = [model(x, x) if type(x) is dict else hook(x) for x in value]
        elif fast is not None:
            items = [x if type(x) is fast else hook(x) for x in value]
        else:
            items = [hook(x) for x in value]
        return items if build is None else build(items)

    return structure


def _nested(cls: type) -> Hook:
    def nested(value: Any) -> Any:
        if type(value) is cls:  # read already, from a document's included resources
            return value
        if type(value) is not dict:
            raise TypeError(f"expected an object, got {type_name(value)}")
        # Looked up per call: a field that is always filled from relationships
        # (Number.primary_route) never pays for generating its model's function.
        return structurer(cls)(value, value)

    return nested


def _is_open_enum(args: tuple[Any, ...]) -> bool:
    return (
        len(args) == 2
        and args[1] is str
        and isinstance(args[0], type)
        and issubclass(args[0], enum.Enum)
    )


def optional_inner(tp: Any) -> Any:
    """`tp` without its ``None`` when it is an Optional, else `MISSING`."""
    if typing.get_origin(tp) is not typing.Union:
        return MISSING
    args = typing.get_args(tp)
    if type(None) not in args:
        return MISSING
    rest = tuple(a for a in args if a is not type(None))
    return rest[0] if len(rest) == 1 else typing.Union[rest]


@functools.cache
def hook_for(tp: Any) -> tuple[Hook, Optional[type]]:
    """The hook for annotation `tp` (Optional excluded) and its exact fast-path type."""
    if tp in SCALARS:
        return SCALARS[tp]
    if is_money(tp):
        return money(), None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union and _is_open_enum(args):
        return _open_enum(args[0]), None
    if origin in (tuple, list) and args and (origin is list or args[-1] is Ellipsis):
        return _sequence(args[0], tuple if origin is tuple else None), None
    if isinstance(tp, type) and attrs.has(tp):
        return _nested(tp), None
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp, None
    converter = fallback_converter()
    return functools.partial(converter.structure, cl=tp), None


@functools.lru_cache(maxsize=1)
def fallback_converter() -> cattrs.Converter:
    """A cattrs Converter with the same rules, for annotations without an inline rule."""
    from decimal import Decimal

    import cattrs

    converter = cattrs.Converter()
    for tp, (hook, _) in SCALARS.items():
        if tp is not Any:
            converter.register_structure_hook(tp, _two_arguments(hook))
    converter.register_structure_hook(Decimal, _two_arguments(money()))
    converter.register_structure_hook_func(
        lambda tp: isinstance(tp, type) and attrs.has(tp),
        lambda value, tp: hook_for(tp)[0](value),
    )
    return converter


def _two_arguments(hook: Hook) -> Callable[[Any, Any], Any]:
    return lambda value, _: hook(value)


def fields_of(cls: type, renames: Mapping[str, str]) -> list[Field]:
    attrs.resolve_types(cls)
    found = []
    for f in attrs.fields(cls):
        if f.name == "raw" or not f.init:
            continue
        inner = optional_inner(f.type)
        hook, fast = hook_for(f.type if inner is MISSING else inner)
        default = MISSING if f.default is attrs.NOTHING else f.default
        key = renames.get(f.name, f.name[:-1] if f.name.endswith("_") else f.name)
        deferred = bool(f.metadata.get(DEFERRED)) and _deferrable(cls, f.name, f.type)
        inline, extra = _inline_deferred(f.type) if deferred else _inline(f.type)
        optional = inner is not MISSING
        found.append(Field(f.name, key, hook, fast, optional, default, inline, extra, deferred))
    return found


DEFERRED = "flowroute.deferred"
"""Field metadata: a list of models checked when read, built on first access.

Which is where a message's delivery receipts go: more than half the cost
of reading a page of messages, and often never looked at. The items are
checked as the model is read, by the same rules (a bad one refuses the
whole document, with its JSON path, exactly as if built); the field holds
the checked JSON until it is first read, when a descriptor on the class
builds the tuple and keeps it in the slot. The JSON is the one the model
keeps in ``raw``: changing ``raw`` before reading the field may change what
it is built from (a model's first few objects, read through its
``__init__``, are built at once). Two threads reading it first at once
build equal tuples.
"""

_UNREAD = object()  # first item of a deferred field's (_UNREAD, json) before it is built


def _listed_model(tp: Any) -> Optional[type]:
    """The model of `tp` when it is ``tuple[Model, ...]`` or ``list[Model]``, else None."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin not in (tuple, list) or not args or (origin is tuple and args[-1] is not Ellipsis):
        return None
    item = args[0]
    return item if isinstance(item, type) and attrs.has(item) else None


def _deferrable(cls: type, name: str, tp: Any) -> bool:
    # A slot to hold the JSON until first read, and a list of models to build from it.
    slot = cls.__dict__.get(name)
    slotted = isinstance(slot, (types.MemberDescriptorType, _OnFirstAccess))
    return slotted and _listed_model(tp) is not None


def _inline_deferred(tp: Any) -> tuple[str, Mapping[str, Any]]:
    extra = {"x": items_checker(_listed_model(tp)), "u": _UNREAD}
    return "(u{i}, v) if type(v) is list and x{i}(v) else h{i}(v)", extra


@functools.cache
def items_checker(cls: Any) -> Callable[[Any], bool]:
    """``check(items)``: True when `structurer(cls)` would read each of `items`; else raises."""
    item = hook_for(cls)[0]
    if not direct(cls):
        return lambda items: all([item(o) is not None for o in items])
    check: Callable[[Any], bool] = write(cls, fields_of(cls, {}), None, frozenset(), None, item)
    return check


class _OnFirstAccess:
    # Replaces a deferred field's slot descriptor on its class; `slot` is the original.
    __slots__ = ("hook", "slot")

    def __init__(self, slot: Any, hook: Hook) -> None:
        self.slot = slot
        self.hook = hook

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        value = self.slot.__get__(obj, owner)
        if obj is not None and type(value) is tuple and value and value[0] is _UNREAD:
            value = self.hook(value[1])
            self.slot.__set__(obj, value)
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        self.slot.__set__(obj, value)

    def __delete__(self, obj: Any) -> None:
        self.slot.__delete__(obj)


def _defer(cls: type, field: Field) -> None:
    slot = cls.__dict__.get(field.name)
    if type(slot) is not _OnFirstAccess:
        setattr(cls, field.name, _OnFirstAccess(slot, field.hook))


def _inline(tp: Any) -> tuple[str, Mapping[str, Any]]:
    """A check written into the generated code for `tp`, and the objects it names.

    The common case is answered without a call; anything else goes to the
    hook. Each object ``name`` is reached as ``name<index>`` (``x3``).
    """
    inner = optional_inner(tp)
    tp = tp if inner is MISSING else inner
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union and _is_open_enum(args):
        return "x{i}.get(v, v) if type(v) is str else h{i}(v)", {"x": args[0]._value2member_map_}
    if tp is datetime.datetime:
        return MOMENT, {}
    if origin in (tuple, list) and args and (origin is list or args[-1] is Ellipsis):
        return _inline_sequence(args[0], origin)
    return "", {}


def _inline_sequence(item: Any, origin: Any) -> tuple[str, Mapping[str, Any]]:
    # The list's items checked in the field's own code, as the sequence hook
    # would (saving its call): a model item is built by its function directly.
    hook, fast = hook_for(item)
    extra: dict[str, Any]
    if isinstance(item, type) and attrs.has(item):
        each = "x{i}(e, e) if type(e) is dict else y{i}(e)"
        extra = {"x": _generated(structurer(item)), "y": hook}
    elif fast is not None:
        each, extra = "e if type(e) is x{i} else y{i}(e)", {"x": fast, "y": hook}
    else:
        each, extra = "y{i}(e)", {"y": hook}
    items = f"[{each} for e in v]"
    if origin is tuple:
        items = f"tuple({items})"
    return items + " if type(v) is list else h{i}(v)", extra


@functools.cache
def _structurer(
    cls: type,
    renames: tuple[tuple[str, str], ...],
    section: Optional[str],
    outer: frozenset[str],
    keyed: Optional[str] = None,
) -> Any:
    fields = fields_of(cls, dict(renames))
    built = _through_init(cls, fields, section, outer)
    read = built if keyed is None else lambda o, raw, k: built({**o, keyed: k}, raw)
    if not direct(cls):
        return read
    for field in fields:
        if field.deferred:
            _defer(cls, field)
    return Warming(read, lambda: write(cls, fields, section, outer, keyed))


def _generated(structure: Any) -> Any:
    # Written into a parent's generated code: the generated function, never the warm-up.
    return structure.now() if type(structure) is Warming else structure


def _through_init(
    cls: type, fields: list[Field], section: Optional[str], outer: frozenset[str]
) -> Structurer:
    # A model with validators or a post-init hook is built by its __init__.
    has_raw = "raw" in attrs.fields_dict(cls)

    def structure(o: Any, raw: Any) -> Any:
        inner = (o.get(section) or {}) if section is not None else o
        values = {}
        for f in fields:
            value = (o if f.key in outer else inner).get(f.key, MISSING)
            if value is MISSING:
                if f.default is MISSING:
                    raise KeyError(f.key)
                continue
            values[f.name] = None if value is None and f.optional else f.hook(value)
        return cls(**values, raw=raw) if has_raw else cls(**values)

    return structure


def structurer(
    cls: type,
    renames: Optional[Mapping[str, str]] = None,
    section: Optional[str] = None,
    outer: frozenset[str] = frozenset(),
) -> Structurer:
    """The function that builds `cls` from a flat JSON object.

    For a model's first objects it reads through the model's ``__init__``;
    then it is generated (`flowroute._generate.Warming`), and from then on
    the generated function itself is returned.

    Args:
        cls: an attrs class.
        renames: field name -> JSON key, where they differ beyond a trailing
            underscore (``from_`` reads ``from``).
        section: read the fields from this key of the object (a JSON:API
            resource's ``"attributes"``) instead of the object itself...
        outer: ...except these keys, read from the object (``"id"``).

    Returns:
        ``structure(obj, raw)``: the model read from the mapping `obj`, with
        `raw` as its ``raw``. It raises KeyError, TypeError or ValueError on
        the first bad field; `explain` says which.
    """
    structure: Structurer = _ready(_structurer(cls, _sorted(renames), section, outer))
    return structure


def keyed_structurer(
    cls: type, renames: Optional[Mapping[str, str]], key: str
) -> Callable[[Any, Any, str], Any]:
    """As `structurer`, but the field read from JSON key `key` is a third argument.

    For v1 listings, keyed by each item's identity: ``structure(item, raw,
    item_key)`` reads the model without first merging the key into a copy
    of the item.
    """
    keyed: Callable[[Any, Any, str], Any] = _ready(
        _structurer(cls, _sorted(renames), None, frozenset(), key)
    )
    return keyed


def _ready(structure: Any) -> Any:
    # The generated function itself once there is one: no warm-up call in its way.
    if type(structure) is Warming and structure.generated is not None:
        return structure.generated
    return structure


def _sorted(renames: Optional[Mapping[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((renames or {}).items()))
