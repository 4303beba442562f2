"""What the v2 resource modules share: links, paging links, and reading bodies.

The E911, CNAM, CDR and porting endpoints (`_v2_e911`, `_v2_cnam`,
`_v2_cdr`, `_v2_extras`) render JSON:API documents on the emulator's own
base URL, as `_v2` does for numbers, routes and messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode

from . import _v2_parse as parse
from ._records import Call, HttpError
from .errors import Invalid

__all__ = [
    "Pairs",
    "fields",
    "filters_then_paging",
    "flag",
    "list_document",
    "number_changes",
    "page_links",
    "resource",
    "url",
    "utc_text",
]

Pairs = list[tuple[str, str]]
_FORM = "application/x-www-form-urlencoded"


def url(call: Call, path: str, pairs: Sequence[tuple[str, str]] = ()) -> str:
    """An absolute link on the base URL the client addressed."""
    query = urlencode(pairs)
    return f"{call.request.base_url}{path}?{query}" if query else f"{call.request.base_url}{path}"


def page_links(
    call: Call,
    path: str,
    query_for: Callable[[int], Pairs],
    page: parse.Paging,
    total: int,
    *,
    with_self: bool = True,
) -> dict[str, str]:
    """``self``, and ``prev`` and ``next`` where such a page exists, of a listing of `total`.

    `query_for` gives the query of the page at an offset.
    """
    links = {"self": url(call, path, query_for(page.offset))} if with_self else {}
    if page.offset > 0:
        links["prev"] = url(call, path, query_for(max(0, page.offset - page.limit)))
    if page.offset + page.limit < total:
        links["next"] = url(call, path, query_for(page.offset + page.limit))
    return links


def filters_then_paging(filters: dict[str, str], page: parse.Paging) -> Callable[[int], Pairs]:
    """The documented link order: filters alphabetically, then limit and offset."""
    fixed = sorted(filters.items())
    return lambda offset: [*fixed, ("limit", str(page.limit)), ("offset", str(offset))]


def list_document(
    call: Call,
    path: str,
    filters: dict[str, str],
    page: parse.Paging,
    rows: Sequence[Any],
    render: Callable[[Any], Any],
) -> dict[str, Any]:
    """One page of `rows` as ``{"data": [...], "links": {...}}``.

    Links carry the filters alphabetically, then limit and offset, as the
    documented links do; ``prev`` and ``next`` only where such a page exists.
    """
    links = page_links(call, path, filters_then_paging(filters, page), page, len(rows))
    return {"data": [render(row) for row in page.slice(rows)], "links": links}


def resource(call: Call, kind: str, extra: Sequence[str] = ()) -> tuple[Any, dict[str, Any]]:
    """``data.id`` (None when absent) and ``data.attributes`` of a JSON:API body of type `kind`.

    `extra` names other members ``data`` may carry (``id``, ``links``);
    anything else in ``data`` is refused.
    """
    document = parse.json_body(call)
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict):
        raise Invalid("the body must be a JSON:API document with a data object", "data")
    if data.get("type") != kind:
        raise Invalid(f"data.type must be {kind!r}, got {data.get('type')!r}", "type")
    unknown = sorted(set(data) - {"type", "attributes", *extra})
    if unknown:
        raise Invalid(f"unknown members of data: {', '.join(unknown)}", unknown[0])
    attributes = data.get("attributes")
    if not isinstance(attributes, dict):
        raise Invalid("data.attributes must be an object", "attributes")
    return data.get("id"), dict(attributes)


def fields(call: Call, lists: Sequence[str] = ()) -> dict[str, Any]:
    """A flat body: a JSON object, or an HTML form (as the v3 SDK sends some).

    In a form, the fields named in `lists` are always lists, others are a
    list only when repeated.
    """
    content_type = call.request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() == _FORM:
        try:
            text = call.request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, "the form body is not UTF-8") from None
        parsed = parse_qs(text, keep_blank_values=True)
        return {
            name: values if name in lists or len(values) > 1 else values[0]
            for name, values in parsed.items()
        }
    document = parse.json_body(call)
    if not isinstance(document, dict):
        raise Invalid("the body must be a JSON object", "body")
    return document


def flag(text: str, field: str) -> bool:
    """A boolean query parameter: true/false in any case, or 1/0."""
    value = text.strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise Invalid(f"{field} must be true or false, got {text!r}", field)


def utc_text(moment: datetime) -> str:
    """``2018-06-01 00:09:52.513092+00:00``, as CNAM records print their times."""
    return str(moment.astimezone(timezone.utc))


def number_changes(call: Call) -> dict[str, Any]:
    """The attributes of a PATCH /v2/numbers/{id} body.

    A JSON:API document (``data.attributes``) or, as the v3 SDK sends it, a
    flat object with ``"type": "number"`` beside the attributes.
    """
    body = parse.json_body(call)
    if isinstance(body, dict) and "data" in body:
        _, attributes = resource(call, "number", ("id",))
        return attributes
    if not isinstance(body, dict):
        raise Invalid("the body must be a JSON object", "body")
    if body.get("type", "number") != "number":
        raise Invalid(f"type must be 'number', got {body.get('type')!r}", "type")
    return {name: value for name, value in body.items() if name != "type"}
