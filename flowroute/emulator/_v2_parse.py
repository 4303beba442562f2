"""Reading v2 / v2.1 requests: query strings, paging, JSON:API bodies.

A query parameter the API does not document is ignored, as the service
ignores it, and noted on the request's log entry; a strict emulator
(``Emulator(strict=True)``) refuses it instead, so code tested against it
does not lean on leniency. Media sent without ``is_mms`` are the same kind
of choice: sent as an MMS and noted, or refused when strict. Bodies are
otherwise read strictly. docs/emulator.rst lists each choice. Malformed
requests raise `HttpError(400)`; values the service would reject raise
`Invalid` (422).
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Optional, TypeVar
from urllib.parse import unquote_plus

import attrs

from ._records import Call, HttpError
from .errors import Invalid

__all__ = [
    "DEFAULT_LIMIT",
    "Paging",
    "cost",
    "date_range",
    "json_body",
    "message_fields",
    "nanp_prefix",
    "only",
    "paging",
    "query",
    "route_attributes",
    "route_identifier",
    "same_secret",
]

T = TypeVar("T")

DEFAULT_LIMIT = 10
_INTEGER = re.compile(r"\d{1,9}")
_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?)?"
)
_ROUTE_ATTRIBUTES = frozenset({"route_type", "value", "alias"})
_ROUTE_OPTIONAL = frozenset({"edge_strategy"})
_MESSAGE_ATTRIBUTES = frozenset({"to", "from", "body", "is_mms", "media_urls", "dlr_callback"})


@attrs.frozen
class Paging:
    """A validated limit and offset."""

    limit: int
    offset: int

    def slice(self, items: Sequence[T]) -> Sequence[T]:
        """This page's share of `items`."""
        return items[self.offset : self.offset + self.limit]


def query(call: Call, allowed: Sequence[str]) -> dict[str, str]:
    """The documented query parameters; repeated names are refused (400).

    An undocumented name is ignored with a warning on the call (the
    service ignores it), or refused with a 400 when the call is strict.
    """
    found: dict[str, str] = {}
    for part in filter(None, call.request.query.split("&")):
        name, _, value = part.partition("=")
        name, value = unquote_plus(name), unquote_plus(value)
        if name not in allowed:
            accepted = ", ".join(allowed) or "none"
            if call.strict:
                raise HttpError(400, f"unknown query parameter {name!r} (accepted: {accepted})")
            call.warnings.append(
                f"ignored undocumented query parameter {name!r} (documented: {accepted})"
            )
            continue
        if name in found:
            raise HttpError(400, f"query parameter {name!r} given more than once")
        found[name] = value
    return found


def only(found: dict[str, str], names: Sequence[str]) -> dict[str, str]:
    """The subset of `found` named in `names`."""
    return {name: found[name] for name in names if name in found}


def _integer(text: str, field: str) -> int:
    if not _INTEGER.fullmatch(text):
        raise Invalid(f"{field} must be a whole number, got {text!r}", field)
    return int(text)


def paging(found: dict[str, str], maximum: Optional[int]) -> Paging:
    """Read limit (default 10, 1..maximum) and offset (default 0, >= 0)."""
    limit = _integer(found.get("limit", str(DEFAULT_LIMIT)), "limit")
    if limit < 1 or (maximum is not None and limit > maximum):
        upper = f" and {maximum}" if maximum is not None else ""
        raise Invalid(f"limit must be between 1{upper}, got {limit}", "limit")
    return Paging(limit, _integer(found.get("offset", "0"), "offset"))


def cost(text: Optional[str]) -> Optional[Decimal]:
    """A dollar amount such as ``3.25``, or None when absent."""
    if text is None:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise Invalid(f"max_setup_cost must be a number, got {text!r}", "max_setup_cost")
    return amount


def nanp_prefix(filters: dict[str, str]) -> dict[str, str]:
    """Give starts_with its country code, as the service does (``646`` -> ``1646``)."""
    starts = filters.get("starts_with")
    if starts is not None and starts.isdigit() and not starts.startswith("1"):
        return {**filters, "starts_with": f"1{starts}"}
    return filters


def json_body(call: Call) -> Any:
    """The request's JSON body (any JSON value); 400 when it is missing or not JSON."""
    if not call.request.body.strip():
        raise HttpError(400, "a JSON request body is required")
    try:
        return json.loads(call.request.body)
    except (ValueError, RecursionError):  # RecursionError: nested too deep
        raise HttpError(400, "the request body is not valid JSON") from None


def _resource(call: Call, kind: str) -> dict[str, Any]:
    """The ``data`` object of a JSON:API body, checked to be of type `kind`."""
    document = json_body(call)
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict):
        raise Invalid("the body must be a JSON:API document with a data object", "data")
    if data.get("type") != kind:
        raise Invalid(f"data.type must be {kind!r}, got {data.get('type')!r}", "type")
    return data


def _attributes(data: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    attributes = data.get("attributes")
    if not isinstance(attributes, dict):
        raise Invalid("data.attributes must be an object", "attributes")
    unknown = sorted(set(attributes) - known)
    if unknown:
        raise Invalid(f"unknown attributes: {', '.join(unknown)}", unknown[0])
    return attributes


def route_attributes(call: Call) -> dict[str, Any]:
    """route_type, value, alias (and edge_strategy) of a new-route body; the state checks them."""
    attributes = _attributes(_resource(call, "route"), _ROUTE_ATTRIBUTES | _ROUTE_OPTIONAL)
    missing = sorted(_ROUTE_ATTRIBUTES - set(attributes))
    if missing:
        raise Invalid(f"missing attributes: {', '.join(missing)}", missing[0])
    return attributes


def route_identifier(call: Call) -> Optional[str]:
    """The route id of a relationship body, or None for ``{"data": null}``."""
    document = json_body(call)
    if isinstance(document, dict) and "data" in document and document["data"] is None:
        return None
    route_id = _resource(call, "route").get("id")
    if not isinstance(route_id, str):
        raise Invalid(f"data.id must be a route id string, got {route_id!r}", "id")
    return route_id


def message_fields(call: Call) -> dict[str, Any]:
    """Keyword arguments for `State.send_message`.

    The SDK documentation wraps the message as JSON:API (``data.attributes``);
    the OpenAPI files send the attributes as the whole body. Both are read.
    """
    document = json_body(call)
    if isinstance(document, dict) and "data" in document:
        attributes = _attributes(_resource(call, "message"), _MESSAGE_ATTRIBUTES)
    elif isinstance(document, dict):
        attributes = _attributes({"attributes": document}, _MESSAGE_ATTRIBUTES)
    else:
        raise Invalid("the body must be a JSON object", "data")
    media = attributes.get("media_urls") or []
    if not isinstance(media, list):
        raise Invalid("media_urls must be a list of URLs", "media_urls")
    is_mms = _flag(attributes.get("is_mms", False), "is_mms")
    if media and not is_mms:
        # The documentation sends media with is_mms true and says no more; the
        # emulator sends them as an MMS, as the client does (strict: refused).
        if call.strict:
            raise Invalid("media_urls need is_mms set to true", "media_urls")
        call.warnings.append("media_urls without is_mms true: sent as an MMS")
    return {
        "to": attributes.get("to"),
        "from_": attributes.get("from"),
        "body": "" if attributes.get("body") is None else attributes["body"],
        "is_mms": is_mms,
        "media_urls": tuple(media),
        "dlr_callback": attributes.get("dlr_callback"),
    }


def _flag(value: Any, field: str) -> bool:
    # The documented example sends "true" as a string; JSON booleans are read too.
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise Invalid(f"{field} must be true or false, got {value!r}", field)


def _moment(text: str, field: str) -> datetime:
    match = _DATE.fullmatch(text)
    if match is None:
        raise Invalid(f"{field} must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.ff]Z", field)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
            tzinfo=_zone(zone),
        ).astimezone(timezone.utc)
    except (ValueError, OverflowError):  # OverflowError: beyond year 1..9999 in UTC
        raise Invalid(f"{field} is not a real date: {text!r}", field) from None


def _zone(text: Optional[str]) -> timezone:
    if text is None or text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def date_range(found: dict[str, str], now: datetime) -> tuple[datetime, datetime]:
    """start_date (required) and end_date (default: now), as aware UTC datetimes."""
    if "start_date" not in found:
        raise Invalid("start_date is required", "start_date")
    start = _moment(found["start_date"], "start_date")
    end = _moment(found["end_date"], "end_date") if "end_date" in found else now
    return start, end.astimezone(timezone.utc)


def same_secret(given: tuple[str, str], expected: tuple[str, str]) -> bool:
    """Compare credentials in constant time (as bytes: non-ASCII text is allowed)."""
    # Both comparisons always run, so timing does not tell which part was wrong.
    matches = [hmac.compare_digest(a.encode(), b.encode()) for a, b in zip(given, expected)]
    return all(matches)
