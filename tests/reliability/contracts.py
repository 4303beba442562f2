"""What a call's result must be: its documented type, each model field of its annotated type."""

from __future__ import annotations

import datetime
import enum
import typing
from decimal import Decimal
from typing import Any

import attrs

from flowroute.pagination import Page

from .calls import PAGE, Call, walk


def conforms(value: Any, tp: Any) -> bool:
    """Whether `value` is an instance of the annotation `tp` (the forms our models use)."""
    if tp is Any:
        return True
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:
        return any(conforms(value, arg) for arg in args)
    if origin in (list, tuple):
        if not isinstance(value, origin):
            return False
        inner = args[0] if args else Any
        return all(conforms(item, inner) for item in value)
    if tp is type(None):
        return value is None
    if tp is str:
        # A str enum member is a str, but a field typed str must hold plain text.
        return type(value) is str
    if tp in (int, float):
        return isinstance(value, tp) and not isinstance(value, bool)
    if tp is Decimal:
        return isinstance(value, Decimal) and value.is_finite()
    if tp is datetime.datetime:
        return isinstance(value, datetime.datetime) and value.tzinfo is not None
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return isinstance(value, tp)
    if attrs.has(tp):
        return isinstance(value, tp) and model_errors(value) == []
    return isinstance(value, tp)


def model_errors(model: Any) -> list[str]:
    """The fields of an attrs model whose value does not match their annotation."""
    hints = typing.get_type_hints(type(model))
    return [
        f"{type(model).__name__}.{field.name}={getattr(model, field.name)!r}"
        for field in attrs.fields(type(model))
        if not conforms(getattr(model, field.name), hints[field.name])
    ]


def check_result(call: Call, result: Any) -> None:
    """Assert that `result` is what `call` documents; walks Pages (lazily failing pages raise)."""
    if call.returns is None:
        assert result is None, f"{call.name} returned {result!r}"
    elif call.returns is PAGE:
        assert isinstance(result, Page), f"{call.name} returned {result!r}"
        assert isinstance(result.items, list)
        for item in walk(result):
            assert conforms(item, call.item), (call.name, item, model_errors(item))
    elif call.returns is str:
        assert type(result) is str and result, f"{call.name} returned {result!r}"
    else:
        assert conforms(result, call.returns), (call.name, result, model_errors(result))
    repr(result)
