"""Writing the source of one structure function per model, and compiling it.

`write` turns a model's fields (each with its hook, its exact fast-path
type and any check written inline) into a function ``structure(o, raw)``
whose helpers are closure cells. It knows no structuring rule itself:
those are in `flowroute._scalars` and `flowroute._structure`.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Mapping
from typing import Any, Callable, Optional

import attrs

from ._scalars import FROMISOFORMAT_READS_Z, MOMENTS, MOMENTS_KEPT, UTC, Hook

__all__ = ["MISSING", "MOMENT", "WARM_UP", "Field", "Warming", "direct", "write"]

# Without the GIL, CPython makes a `__class__` assignment safe by stopping the world.
# (Not sysconfig's Py_GIL_DISABLED: importing sysconfig costs 2 ms.)
_FREE_THREADED = not getattr(sys, "_is_gil_enabled", lambda: True)()

MISSING = object()
"""No value: a required field's default, a key not in the mapping."""


class Field:
    """One field of a model as the generated code reads it."""

    # Slotted, not a named tuple: this module loads with the first call.
    __slots__ = (
        "default",
        "deferred",
        "extra",
        "fast",
        "hook",
        "inline",
        "key",
        "name",
        "optional",
    )

    def __init__(
        self,
        name: str,
        key: str,
        hook: Hook,
        fast: Optional[type],
        optional: bool,
        default: Any,
        inline: str,
        extra: Mapping[str, Any],
        deferred: bool = False,
    ) -> None:
        self.name = name
        self.key = key
        self.hook = hook
        self.fast = fast
        self.optional = optional
        self.default = default  # MISSING when required; an attrs.Factory when made per instance
        # A check written into the generated code, naming `extra` by name + index.
        self.inline = inline
        self.extra = extra
        self.deferred = deferred  # stored checked but unbuilt: see `flowroute._structure.DEFERRED`


def _is_factory(default: Any) -> bool:
    # attrs.Factory is typed as an overloaded function, so no isinstance().
    return hasattr(default, "factory") and hasattr(default, "takes_self")


MOMENT = "moment"
"""The `Field.inline` of a date-time field: `write` writes its reading out in full."""


def _field_lines(index: int, field: Field, o: Optional[str], fill: Optional[bool]) -> list[str]:
    """The source that reads, checks and sets one field from the mapping named `o`.

    `o` None: the field's value is the argument ``k``. `fill`: the instance
    is a `_fill_class` one, set by plain attribute stores; None: nothing is
    set, the field is only checked.
    """
    key = repr(field.key)
    check = f"h{index}(v)"
    if field.fast is not None:
        check = f"v if type(v) is f{index} else h{index}(v)"
    elif field.inline and field.inline != MOMENT:
        check = field.inline.format(i=index)
    if o is None:
        lines = ["    v = k"]
        guard = "    if v is not None:" if field.optional else None
    elif field.default is MISSING:
        lines = [f"    v = {o}[{key}]"]
        guard = "    if v is not None:" if field.optional else None
    elif field.default is None and field.optional:
        lines = [f"    v = {o}.get({key})"]
        guard = "    if v is not None:"
    else:
        made = f"d{index}.factory()" if _is_factory(field.default) else f"d{index}"
        lines = [f"    v = {o}.get({key}, _M)", "    if v is _M:", f"        v = {made}"]
        guard = "    elif v is not None:" if field.optional else "    else:"
    body = [f"v = {check}"]
    if field.inline == MOMENT:
        body = _moment_lines(index)
    indent = "    " if guard is None else "        "
    lines += ([] if guard is None else [guard]) + [indent + line for line in body]
    if fill is not None:
        lines.append(f"    self.{field.name} = v" if fill else f"    s{index}(self, v)")
    return lines


def _moment_lines(index: int) -> list[str]:
    # Four a message: a text seen before is looked up (an unhashable value
    # raises TypeError here, as the hook would), one not seen is read and kept.
    read = [f"    w = h{index}(v)"]
    if FROMISOFORMAT_READS_Z:  # fromisoformat called here, not through the hook
        read = [
            "    try:",
            f"        w = _fi(v) if type(v) is str else h{index}(v)",
            "    except ValueError:",
            f"        w = h{index}(v)",
            "    if w.tzinfo is None:",
            "        w = w.replace(tzinfo=UTC)",
        ]
    keep = ["    if len(_T) >= _TK:", "        _T.clear()", "    _T[v] = w"]
    return ["w = _T.get(v)", "if w is None:", *read, *keep, "v = w"]


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    slot = cls.__dict__.get(name)
    slot = getattr(slot, "slot", slot)  # a deferred field's own slot, under its descriptor
    if slot is not None and hasattr(slot, "__set__"):
        return slot.__set__  # type: ignore[no-any-return]
    return lambda obj, value: object.__setattr__(obj, name, value)


def _fill_class(cls: type) -> Optional[type]:
    """A plain class of the same memory layout as `cls`, or None where Python refuses one.

    Setting the slots of a plain class is one specialised bytecode each,
    where the slot descriptors of the frozen class cost a call each (about
    ten times as much); the filled instance then becomes a `cls` by
    ``__class__`` assignment, which Python allows between classes of the
    same slots. Python 3.9 to 3.11 refuse it for classes with a
    ``__weakref__`` slot (as attrs makes them): there, None. So on a
    free-threaded build, where that assignment stops every other thread.
    """
    slots = cls.__dict__.get("__slots__")
    if cls.__bases__ != (object,) or type(slots) is not tuple or "__dict__" in slots:
        return None
    if _FREE_THREADED:
        return None
    fill: type = type(f"{cls.__name__}Filling", (), {"__slots__": slots})
    probe: Any = object.__new__(fill)
    try:
        probe.__class__ = cls
    except TypeError:
        return None
    return fill


def direct(cls: type) -> bool:
    """Whether instances may be filled field by field, bypassing ``__init__``."""
    fields = attrs.fields(cls)
    plain = all(f.validator is None and f.converter is None for f in fields)
    return plain and not hasattr(cls, "__attrs_post_init__")


def write(
    cls: type,
    fields: list[Field],
    section: Optional[str],
    outer: frozenset[str],
    keyed: Optional[str],
    check_items: Optional[Hook] = None,
) -> Any:
    """The structure function of `cls`, written out and compiled (see `flowroute._structure`).

    Args:
        cls: an attrs class that `direct` allows to fill field by field.
        fields: its fields, from ``_structure.fields_of``.
        section: read the fields from this key of the object, except...
        outer: ...these keys, read from the object itself.
        keyed: the JSON key whose value is a third argument ``k``.
        check_items: write ``check(items)`` instead: the same checks on
            each object of a list, no model made, True when all pass; an
            item that is no object goes to this hook (which refuses it).
    """
    if check_items is not None:
        return _checker(fields, check_items)
    fill = _fill_class(cls)
    names: dict[str, Any] = {"_M": MISSING, "_new": object.__new__, "_cls": cls, "_E": {}}
    names.update(_fi=datetime.datetime.fromisoformat, UTC=UTC, _fill=fill)
    names.update(_T=MOMENTS, _TK=MOMENTS_KEPT)
    # The filling class has no __init__: calling it is cheaper than object.__new__.
    lines = [
        "def structure(o, raw):" if keyed is None else "def structure(o, raw, k):",
        "    self = _new(_cls)" if fill is None else "    self = _fill()",
    ]
    if section is not None:
        # A missing or null section reads as empty, as flattening it would.
        lines.append(f"    a = o.get({section!r}) or _E")
    for index, field in enumerate(fields):
        names.update({f"h{index}": field.hook, f"f{index}": field.fast})
        names.update({f"{name}{index}": value for name, value in field.extra.items()})
        names[f"d{index}"] = field.default
        names[f"s{index}"] = _setter(cls, field.name)
        mapping = "o" if section is None or field.key in outer else "a"
        lines += _field_lines(index, field, None if field.key == keyed else mapping, bool(fill))
    if "raw" in attrs.fields_dict(cls):
        names["s_raw"] = _setter(cls, "raw")
        lines.append("    self.raw = raw" if fill is not None else "    s_raw(self, raw)")
    if fill is not None:
        lines.append("    self.__class__ = _cls")
    lines.append("    return self")
    return _compile(lines, names)


WARM_UP = 16
"""Objects of a model read through its ``__init__`` before its function is generated."""


class Warming:
    """A model's structure function: ``__init__`` for its first objects, then generated code.

    Writing and compiling a model's function costs about 0.6 ms, as much as
    reading some 250 objects through ``__init__`` (3 us each, against 0.7):
    a process that reads a model a few times never pays it, and a long
    listing pays it after `WARM_UP` items. Both ways read by the same hooks
    and give equal models; `flowroute._structure.structurer` hands out the
    generated function itself once it exists. Two threads may both generate
    it: either function is right.
    """

    __slots__ = ("generated", "left", "read", "write")

    def __init__(self, read: Callable[..., Any], write: Callable[[], Any]) -> None:
        self.read = read
        self.write = write
        self.generated: Any = None
        self.left = WARM_UP

    def __call__(self, *args: Any) -> Any:
        if self.generated is None and self.left > 0:
            self.left -= 1
            return self.read(*args)
        return self.now()(*args)

    def now(self) -> Any:
        """The generated function, written now if it was not yet."""
        if self.generated is None:
            self.generated = self.write()
        return self.generated


def _compile(lines: list[str], names: dict[str, Any]) -> Any:
    # The helpers reach the function as closure cells, cheaper to load than globals.
    maker = [f"def make({', '.join(names)}):", *("    " + line for line in lines)]
    maker.append("    return structure")
    scope: dict[str, Any] = {}
    exec("\n".join(maker), scope)  # source built from field names only
    return scope["make"](**names)


def _checker(fields: list[Field], item: Hook) -> Any:
    # One call a list: every item's fields checked in one loop.
    names: dict[str, Any] = {"_M": MISSING, "_fi": datetime.datetime.fromisoformat, "UTC": UTC}
    names.update(_T=MOMENTS, _TK=MOMENTS_KEPT, _item=item)
    lines = ["def structure(items):", "    for o in items:", "        if type(o) is not dict:"]
    lines += ["            _item(o)", "            continue"]
    for index, field in enumerate(fields):
        names.update({f"h{index}": field.hook, f"f{index}": field.fast, f"d{index}": field.default})
        names.update({f"{name}{index}": value for name, value in field.extra.items()})
        lines += ["    " + line for line in _field_lines(index, field, "o", None)]
    lines.append("    return True")
    return _compile(lines, names)
