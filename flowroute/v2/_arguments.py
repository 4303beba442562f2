"""Checks of v2 arguments that the shared `flowroute._validate` helpers do not cover.

Each raises `ValidationError` naming the argument, so nothing is sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Optional
from urllib.parse import SplitResult, urlsplit

from .. import _validate as check
from ..errors import ValidationError

_MDR_ID = r"mdr2-[0-9A-Za-z]+"  # compiled by `re` on first use
_ROUTE_ID_DIGITS = 20


def limit(value: Any, maximum: Optional[int]) -> Optional[int]:
    """A page size from 1 to `maximum` (no upper bound when None), or None."""
    return None if value is None else check.integer(value, "limit", 1, maximum)


def offset(value: Any) -> Optional[int]:
    """A count of items to skip (0 or more), or None."""
    return None if value is None else check.integer(value, "offset", 0)


def optional_digits(value: Any, argument: str) -> Optional[str]:
    """A digit filter such as ``starts_with``, or None."""
    return None if value is None else check.digits(value, argument)


def areacode(value: Any) -> Optional[str]:
    """A three-digit area code, or None."""
    if value is None:
        return None
    text = check.digits(value, "areacode", 3)
    if len(text) != 3:
        raise ValidationError("areacode", "3 digits, e.g. 206", value)
    return text


def state(value: Any) -> Optional[str]:
    """A two-letter state abbreviation, or None."""
    return None if value is None else check.state(value)


def mdr_id(value: Any) -> str:
    """A v2.1 message record id, which the API documents with its ``mdr2-`` prefix."""
    if not isinstance(value, str) or not re.fullmatch(_MDR_ID, value):
        raise ValidationError(
            "id", "a message record id: 'mdr2-' followed by letters/digits", value
        )
    return value


def route_id(value: Any, argument: str) -> str:
    """A route id: digits, ``"0"`` being the built-in sip-reg route."""
    allowed = "a route id (digits; '0' is sip-reg), a Route, or a route body"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValidationError(argument, allowed, value)
    text = check.number_text(value)
    if not text or not text.isdigit() or not text.isascii() or len(text) > _ROUTE_ID_DIGITS:
        raise ValidationError(argument, allowed, value)
    return text


def boolean(value: Any, argument: str) -> bool:
    """A bool; the strings ``"true"`` / ``"false"`` too, as the API's own examples send."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValidationError(argument, "true or false", value)


_URL_RULE = "an absolute http:// or https:// URL, without credentials in it"


def _url_parts(value: Any) -> Optional[SplitResult]:
    """The parts of an http(s) URL with a host and a valid port, or None."""
    if not isinstance(value, str) or any(c.isspace() or not c.isprintable() for c in value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (reading it checks it: a bad port raises ValueError)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts


def url(value: Any, argument: str, allowed: str = _URL_RULE) -> str:
    """One absolute http(s) URL with a host and no user name or password in it.

    A URL carrying credentials is refused, and shown in the error with them
    masked: the error message must not repeat a secret.
    """
    parts = _url_parts(value)
    if parts is None:
        raise ValidationError(argument, allowed, value)
    if "@" in parts.netloc:
        shown = parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]).geturl()
        raise ValidationError(argument, allowed, shown)
    return str(value)


def urls(value: Any, argument: str) -> tuple[str, ...]:
    """A list of http(s) URLs (a lone string is refused: it is not a list)."""
    allowed = "a list of absolute http:// or https:// URLs, without credentials in them"
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
        raise ValidationError(argument, allowed, value)
    return tuple(url(item, argument, allowed) for item in value)


def json_text(text: str, argument: str, allowed: str) -> Any:
    """The value of a JSON text given for `argument`; ValidationError when it is not JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested too deep
        raise ValidationError(argument, allowed, text) from None


def body_attributes(body: Any, argument: str, resource_type: str) -> dict[str, Any]:
    """The attributes of a request body given as a dict or JSON text.

    Accepts the documented JSON:API document (``{"data": {"type": ...,
    "attributes": {...}}}``) or the attributes alone, either as a dict or
    as JSON text of one.
    """
    allowed = f"a {resource_type} body: a dict of attributes, the JSON:API document, or its JSON"
    if isinstance(body, str):
        body = json_text(body, argument, allowed)
    if not isinstance(body, Mapping):
        raise ValidationError(argument, allowed, body)
    if "data" not in body:
        return dict(body)
    data = body["data"]
    if (
        len(body) != 1
        or not isinstance(data, Mapping)
        or data.get("type", resource_type) != resource_type
        or not isinstance(data.get("attributes"), Mapping)
    ):
        raise ValidationError(argument, allowed, body)
    return dict(data["attributes"])


def known_keys(attributes: Mapping[str, Any], argument: str, known: frozenset[str]) -> None:
    """Refuse attributes outside `known`: a misspelt key would otherwise vanish."""
    unknown = sorted(set(attributes) - known)
    if unknown:
        raise ValidationError(argument, "attributes among " + ", ".join(sorted(known)), unknown)


def record_id(value: Any, argument: str) -> str:
    """The id of an E911, CNAM or CDR export record: digits, as an int or a string."""
    allowed = "a record id (digits, e.g. 20930)"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValidationError(argument, allowed, value)
    text = str(value).strip()
    if not text.isdigit() or not text.isascii() or len(text) > _ROUTE_ID_DIGITS:
        raise ValidationError(argument, allowed, value)
    return text
