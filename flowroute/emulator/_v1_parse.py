"""Strict reading of v1 requests: page-based paging, filters and the three JSON bodies.

Where the v1 documentation is silent the emulator refuses rather than
guesses (docs/emulator.rst, "v1 strict readings", lists each choice).
Malformed requests raise `HttpError(400)`; values the service would reject
raise `Invalid`, which v1 also answers with 400.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Optional, TypeVar

import attrs

from ._records import Call
from ._v2_parse import json_body
from .errors import Invalid

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "ROUTE_TYPES",
    "V1_ROUTE_TYPES",
    "Paging",
    "billing_method",
    "code",
    "digits",
    "paging",
    "route_name",
    "route_names",
    "route_spec",
    "state_code",
]

T = TypeVar("T")

DEFAULT_LIMIT = 10
MAX_LIMIT = 200

# The state's (v2) route type -> v1's; and back, for the types a v1 client may create.
V1_ROUTE_TYPES = {"host": "HOST", "number": "PSTN", "uri": "URI", "sip-reg": "SIP-REG"}
ROUTE_TYPES = {v1: v2 for v2, v1 in V1_ROUTE_TYPES.items() if v1 != "SIP-REG"}

_INTEGER = re.compile(r"\d{1,9}")
_CODE = re.compile(r"\d{3}")
_DIGITS = re.compile(r"\d{1,11}")
_STATE = re.compile(r"[A-Za-z]{2}")
_NANP_NUMBER = re.compile(r"1\d{10}")
# Letters and digits as the v1 docs say, plus - and _: the legacy examples name
# routes 'my-host-route', and the built-in route itself is 'sip-reg'.
_ROUTE_NAME = re.compile(r"[A-Za-z0-9_-]+")


@attrs.frozen
class Paging:
    """A validated limit and page number (from 1)."""

    limit: int
    page: int

    def slice(self, items: Sequence[T]) -> Sequence[T]:
        """This page's share of `items`."""
        start = (self.page - 1) * self.limit
        return items[start : start + self.limit]

    def has_next(self, total: int) -> bool:
        """Whether items remain after this page."""
        return self.page * self.limit < total


def _integer(found: dict[str, str], name: str, default: int, maximum: Optional[int]) -> int:
    text = found.get(name, str(default))
    value = int(text) if _INTEGER.fullmatch(text) else 0
    if value < 1 or (maximum is not None and value > maximum):
        upper = f" to {maximum}" if maximum is not None else " or more"
        raise Invalid(f"{name} must be a whole number from 1{upper}, got {text!r}", name)
    return value


def paging(found: dict[str, str]) -> Paging:
    """limit (default 10, 1..200) and page (default 1, from 1)."""
    return Paging(
        _integer(found, "limit", DEFAULT_LIMIT, MAX_LIMIT),
        _integer(found, "page", 1, None),
    )


def _matching(value: Optional[str], pattern: re.Pattern[str], name: str, expected: str) -> None:
    if value is not None and not pattern.fullmatch(value):
        raise Invalid(f"{name} must be {expected}, got {value!r}", name)


def code(found: dict[str, str], name: str) -> Optional[str]:
    """A three-digit npa or nxx, or None when absent."""
    value = found.get(name)
    _matching(value, _CODE, name, "three digits")
    return value


def digits(found: dict[str, str], name: str) -> Optional[str]:
    """A partial number (1 to 11 digits) to look for inside numbers, or None."""
    value = found.get(name)
    _matching(value, _DIGITS, name, "1 to 11 digits")
    return value


def state_code(found: dict[str, str]) -> Optional[str]:
    """A two-letter state or province code (any case), or None."""
    value = found.get("state")
    _matching(value, _STATE, "state", "a two-letter state or province code")
    return value


def _object(call: Call, keys: frozenset[str]) -> dict[str, Any]:
    """The JSON object body, which must have exactly `keys`."""
    document = json_body(call)
    if not isinstance(document, dict):
        raise Invalid("the body must be a JSON object", "body")
    unknown = sorted(set(document) - keys)
    if unknown:
        raise Invalid(f"unknown fields: {', '.join(unknown)}", unknown[0])
    missing = sorted(keys - set(document))
    if missing:
        raise Invalid(f"missing fields: {', '.join(missing)}", missing[0])
    return document


def billing_method(call: Call) -> Any:
    """The purchase body's billing_method; the state checks its value."""
    return _object(call, frozenset({"billing_method"}))["billing_method"]


def route_spec(call: Call) -> tuple[str, str]:
    """The state's (route type, value) for a route-creation body ``{"type", "value"}``."""
    body = _object(call, frozenset({"type", "value"}))
    kind = body["type"]
    if kind not in ROUTE_TYPES:
        raise Invalid(f"type must be HOST, PSTN or URI, got {kind!r}", "type")
    value = body["value"]
    if not isinstance(value, str):
        raise Invalid(f"value must be a string, got {value!r}", "value")
    if kind == "PSTN" and not _NANP_NUMBER.fullmatch(value):
        raise Invalid(f"a PSTN value must be 11 digits starting with 1, got {value!r}", "value")
    return ROUTE_TYPES[kind], value


def route_name(name: str) -> str:
    """A new route's name: letters, digits, ``-`` and ``_``."""
    if not _ROUTE_NAME.fullmatch(name):
        raise Invalid(f"a route name is letters, digits, - and _ only, got {name!r}", "route_name")
    return name


def route_names(call: Call) -> tuple[str, str]:
    """The (primary, failover) names of an update body ``{"routes": [{"name"}, {"name"}]}``."""
    routes = _object(call, frozenset({"routes"}))["routes"]
    expected = 'routes must be [{"name": primary}, {"name": failover}]'
    if not isinstance(routes, list) or len(routes) != 2:
        raise Invalid(expected, "routes")
    names = []
    for route in routes:
        if not isinstance(route, dict) or set(route) != {"name"}:
            raise Invalid(expected, "routes")
        if not isinstance(route["name"], str) or not route["name"]:
            raise Invalid("each route name must be a non-empty string", "routes")
        names.append(route["name"])
    return names[0], names[1]
