"""The scalar rules of structuring: text, integers, booleans, amounts and date-times.

Each rule is a hook taking a decoded JSON value and returning the field's
value, or raising TypeError / ValueError saying what it expected (the
reason `flowroute._reading.explain` reports at the field's JSON path).
`SCALARS` maps each annotation to its hook and to the exact type that may
skip it; `flowroute._structure` writes these checks into the code it
generates per model.

Date-times read the same string again and again (a message's delivery
receipts are often stamped in the same hundredth of a second), so parsed
moments are kept in `MOMENTS`, a small bounded cache of immutable values:
a string reads as the same moment whether or not it was seen before.
"""

from __future__ import annotations

import datetime
import functools
import re
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "FROMISOFORMAT_READS_Z",
    "MOMENTS",
    "MOMENTS_KEPT",
    "SCALARS",
    "UTC",
    "Hook",
    "is_money",
    "money",
    "type_name",
]

Hook = Callable[[Any], Any]

MOMENTS: dict[str, datetime.datetime] = {}
"""Date-time text -> the moment it reads as; emptied when it reaches `MOMENTS_KEPT`."""

MOMENTS_KEPT = 1024
"""Bounds `MOMENTS`: about 150 kB at most."""


def type_name(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    return "null" if value is None else type(value).__name__


def _text(value: Any) -> str:
    if type(value) is str:
        return value
    if type(value) is int:  # not bool: `True` is no text
        return str(value)
    raise TypeError(f"expected a string, got {type_name(value)}")


def _integer(value: Any) -> int:
    if type(value) is int:
        return value
    raise TypeError(f"expected an integer, got {type_name(value)}")


def _boolean(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise TypeError(f"expected true or false, got {type_name(value)}")


@functools.cache
def money() -> Callable[[Any], Decimal]:
    """The hook of `Decimal` fields, made on first need.

    decimal takes about a millisecond to import: a model with an amount
    imports it, and only then is this asked for (see `is_money`).
    """
    from decimal import Decimal, InvalidOperation

    def structure(value: Any) -> Decimal:
        # Through str(): Decimal(1.1) would carry the float's binary error, while
        # str(1.1) is the shortest text that reads back as that float, the JSON's.
        if type(value) not in (str, int, float):
            raise TypeError(f"expected an amount, got {type_name(value)}")
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(f"not an amount: {value!r:.40}") from None
        if not amount.is_finite():
            raise ValueError(f"not a finite amount: {value!r:.40}")
        return amount

    return structure


def is_money(tp: Any) -> bool:
    """Whether annotation `tp` is `Decimal` (read by `money`), without importing decimal."""
    # An annotation can only be Decimal once decimal is imported, by the model's module.
    decimal = sys.modules.get("decimal")
    return decimal is not None and tp is decimal.Decimal


_ISO_MOMENT = (
    r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(Z|[+-]\d\d:?\d\d)?$"
)
# From 3.11 `fromisoformat` reads ``Z`` and any number of fraction digits,
# both of which the API sends; it is ten times cheaper than the pattern below.
FROMISOFORMAT_READS_Z = sys.version_info >= (3, 11)
UTC = datetime.timezone.utc


def _moment_by_pattern(value: str) -> datetime.datetime:
    match = re.match(_ISO_MOMENT, value)  # compiled on first use, then cached by `re`
    if match is None:
        raise ValueError(f"not an ISO-8601 date-time: {value!r:.40}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz = UTC
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[-2:]))
        tz = datetime.timezone(sign * offset)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    h, m, s = (int(x or 0) for x in (hour, minute, second))
    return datetime.datetime(int(year), int(month), int(day), h, m, s, micro, tzinfo=tz)


def _moment(value: Any) -> datetime.datetime:
    """An ISO-8601 date or date-time; the API's times are UTC, so no zone means UTC."""
    if type(value) is not str:
        raise TypeError(f"expected an ISO-8601 date-time, got {type_name(value)}")
    if FROMISOFORMAT_READS_Z:
        try:
            found = datetime.datetime.fromisoformat(value)
        except ValueError:
            pass  # forms the pattern allows and fromisoformat does not ("... Z")
        else:
            return found if found.tzinfo is not None else found.replace(tzinfo=UTC)
    return _moment_by_pattern(value)


# Exact type -> (hook, the type a value must have to skip the hook). `Decimal`
# is not here: see `is_money`.
SCALARS: dict[Any, tuple[Hook, Optional[type]]] = {
    str: (_text, str),
    int: (_integer, int),
    bool: (_boolean, bool),
    datetime.datetime: (_moment, None),
    Any: (lambda value: value, None),
}
