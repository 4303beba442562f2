"""Checks of v1 arguments, run before a request is built; each failure names the argument.

Built on `flowroute._validate`; the rules here are the ones the v1
documentation states (limits, NANP codes, route names, billing methods).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Optional

from .. import _validate
from ..errors import ValidationError
from .models import BILLING_METHODS, BillingMethod, Route, RouteType

__all__ = [
    "billing_method",
    "code",
    "limit",
    "number",
    "page",
    "partial_number",
    "ratecenter",
    "route_name",
    "route_names",
    "route_type",
    "route_value",
    "state",
]

MAX_LIMIT = 200
_CODE = re.compile(r"[2-9][0-9]{2}")
# Letters and digits as the v1 docs say, plus - and _: the legacy examples name
# routes 'my-host-route', and the built-in route itself is 'sip-reg'.
_ROUTE_NAME = re.compile(r"[A-Za-z0-9_-]+")
_ROUTE_TYPES = frozenset(t.value for t in RouteType)


def limit(value: Any) -> Optional[int]:
    """Items per page: 1 to 200, or None for the API's default (10)."""
    return None if value is None else _validate.integer(value, "limit", 1, MAX_LIMIT)


def page(value: Any) -> Optional[int]:
    """A page number from 1, or None for the first page."""
    return None if value is None else _validate.integer(value, "page", 1)


def code(value: Any, argument: str) -> Optional[str]:
    """A three-digit NANP area code or exchange (2-9 then two digits), or None."""
    if value is None:
        return None
    allowed = "three digits, the first 2-9 (e.g. 206)"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValidationError(argument, allowed, value)
    text = _validate.number_text(value)
    if not text or not _CODE.fullmatch(text):
        raise ValidationError(argument, allowed, value)
    return text


def state(value: Any) -> Optional[str]:
    """A two-letter state or province code, or None."""
    return None if value is None else _validate.state(value)


def ratecenter(value: Any) -> Optional[str]:
    """A rate center name, or None."""
    return None if value is None else _validate.text(value, "ratecenter")


def partial_number(value: Any, argument: str) -> Optional[str]:
    """Digits to look for inside numbers (1 to 11 of them), or None."""
    return None if value is None else _validate.digits(value, argument)


def number(value: Any, argument: str = "number") -> str:
    """A North American number, sent in the 11-digit form v1 documents (``12065550100``)."""
    return _validate.phone_number(value, argument)


def billing_method(value: Any) -> str:
    """``"VPRI"`` or ``"METERED"``, given as text or as a `BillingMethod`."""
    text = value.billing_method if isinstance(value, BillingMethod) else value
    return _validate.choice(text, "billing", BILLING_METHODS)


def route_type(value: Any) -> str:
    """``"HOST"``, ``"PSTN"`` or ``"URI"``, given as text or as a `RouteType`."""
    text = value.value if isinstance(value, RouteType) else value
    return _validate.choice(text, "mtype", _ROUTE_TYPES)


def route_name(value: Any) -> str:
    """A new route's name: letters, digits, ``-`` and ``_``."""
    if not isinstance(value, str) or not _ROUTE_NAME.fullmatch(value):
        raise ValidationError("route_name", "a non-empty name of letters, digits, - and _", value)
    return value


def route_value(kind: str, value: Any) -> str:
    """Where a route of type `kind` delivers: a phone number for PSTN, else text."""
    if kind == RouteType.PSTN.value:
        return _validate.phone_number(value, "value")
    text = _validate.text(value, "value")
    if text != text.strip() or any(c.isspace() for c in text):
        raise ValidationError("value", "a host or URI without spaces", value)
    return text


def route_names(value: Any) -> list[str]:
    """The names of the primary and the failover route, in that order.

    The v1 documentation requires both. Each item may be a `Route`, a
    mapping with a ``"name"`` or the name itself.
    """
    allowed = "a list of 2 routes, primary then failover (Route, {'name': ...} or a name)"
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValidationError("routes", allowed, value)
    names = []
    for item in value:
        if isinstance(item, Route):
            name: Any = item.name
        elif isinstance(item, Mapping):
            name = item.get("name")
        else:
            name = item
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("routes", allowed, value)
        names.append(name)
    return names
