"""Reading answers, for every API version: the decode-error path and the pager.

A version adapter (``v1/_converter.py``, ``v2/_converter.py``) turns its
document into flat mappings and calls `read` for each model; every refusal
becomes one `DecodeError` carrying the full URL, the status and the JSON
path of the first bad field. `list_page` turns a page rule (an offset, or
a page number) into a `Page` that asks for the next one the same way for
every version.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar
from urllib.parse import parse_qs, urlsplit

import attrs

from ._generate import MISSING
from ._scalars import Hook, type_name
from ._structure import fields_of, hook_for, optional_inner, structurer
from .errors import DecodeError
from .pagination import Page

if TYPE_CHECKING:
    from ._resource import Endpoint
    from ._transport import Response

__all__ = ["OFFSET", "PAGE_NUMBER", "PageRule", "decode_error", "explain", "list_page", "read"]

T = TypeVar("T")

# What a generated structure function raises on a value it cannot take.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


def decode_error(response: Optional[Response], reason: str, path: str = "") -> DecodeError:
    """The error for a body that is not what the API documents.

    Args:
        response: the answer (for its full URL, method and status); None
            when reading a body that came without one.
        reason: what is wrong, ending with ``@ <JSON path>``.
        path: the JSON path of the bad value, kept as ``DecodeError.path``.
    """
    message = f"unexpected response shape: {reason}"
    if response is None:
        return DecodeError(message, path=path)
    return DecodeError(
        message, method=response.method, url=response.url, path=path, response=response
    )


def read(
    cls: type[T],
    flat: Any,
    raw: Any,
    *,
    response: Optional[Response],
    path: str,
    renames: Optional[Mapping[str, str]] = None,
    locate: Optional[Callable[[str], str]] = None,
) -> T:
    """Structure `cls` from the flat mapping `flat`, keeping `raw`; or raise `DecodeError`.

    Args:
        cls: the model.
        flat: one mapping of its fields' JSON keys.
        raw: what the model keeps as ``raw``.
        response: the answer it came in, for the error.
        path: the JSON path of `flat` in the body, for the error.
        renames: field name -> JSON key, where they differ.
        locate: JSON key -> its path below `path`, where not ``.key``.
    """
    try:
        result: T = structurer(cls, renames)(flat, raw)
    except SHAPE_ERRORS as exc:
        reasons = explain(cls, flat, path, renames, locate) or [f"{exc!r:.80} @ {path}"]
        first = reasons[0].rpartition(" @ ")[2]
        raise decode_error(response, "; ".join(reasons), first) from exc
    return result


# Plain slotted classes on the first call's path: a named tuple costs 0.1 ms to create.
class PageRule:
    """How a listing asks for its next page.

    Attributes:
        param: the query parameter that moves (``offset`` or ``page``).
        first: its value when the caller gave none.
        by_count: the next value is the current one plus the page's size
            (the limit asked for, else the items received), not plus one.
    """

    __slots__ = ("by_count", "first", "param")

    def __init__(self, param: str, first: int, *, by_count: bool) -> None:
        self.param = param
        self.first = first
        self.by_count = by_count

    def following(self, response: Response, params: Mapping[str, Any], count: int) -> Optional[int]:
        """The parameter's value for the next page, or None when the API announces none.

        It is read from ``links.next`` when the link carries it, else the
        current value moved on by one page.

        Raises:
            DecodeError: the link is not text, or does not move forward
                (following it would repeat pages, or never end). The page
                is kept; its ``next_page()`` raises this error.
        """
        body = response.body
        links = body.get("links") if type(body) is dict else None
        link = links.get("next") if type(links) is dict else None
        if link is None or link == "":
            return None
        if type(link) is not str:
            reason = f"expected a URL, got {link!r:.40} @ $.links.next"
            raise decode_error(response, reason, "$.links.next")
        current = params.get(self.param) or self.first
        found = parse_qs(urlsplit(link).query).get(self.param, [""])[-1]
        if found.isdigit() and found.isascii():
            following = int(found)
        else:
            following = current + ((params.get("limit") or count) if self.by_count else 1)
        if following <= current:
            reason = f"links.next {link!r:.80} does not move past {self.param}={current}"
            raise decode_error(response, f"{reason} @ $.links.next", "$.links.next")
        return following


OFFSET = PageRule("offset", 0, by_count=True)
"""v2: ``offset`` moves on by the page's size."""

PAGE_NUMBER = PageRule("page", 1, by_count=False)
"""v1: ``page`` moves on by one."""


def list_page(
    send: Callable[..., Response],
    endpoint: Endpoint,
    params: dict[str, Any],
    items: Callable[[Response], list[T]],
    rule: PageRule,
) -> Page[T]:
    """Fetch one page of `endpoint` with query `params`; a `Page` that can fetch the next.

    Args:
        send: sends ``(endpoint, params=...)``; the `Response`.
        endpoint: the listing.
        params: its validated query; the next page repeats it, moved on by `rule`.
        items: reads the page's models from the response.
        rule: how the next page is asked for.
    """
    response = send(endpoint, params=params)
    found = items(response)
    try:
        following = rule.following(response, params, len(found))
    except DecodeError as exc:
        # This page is good; asking for the next one is what cannot be done.
        return Page(found, functools.partial(_raise, exc), response.body, response=response)
    if following is None:
        return Page(found, None, response.body, response=response)
    onward = {**params, rule.param: following}
    return Page(
        found,
        lambda: list_page(send, endpoint, onward, items, rule),
        response.body,
        response=response,
    )


def _raise(error: DecodeError) -> Any:
    raise error


def explain(
    cls: type,
    obj: Any,
    path: str,
    renames: Optional[Mapping[str, str]] = None,
    locate: Optional[Callable[[str], str]] = None,
) -> list[str]:
    """Why `obj` cannot be read as `cls`: one message per bad field, naming its JSON path.

    Args:
        cls: the attrs class.
        obj: the flat mapping `structurer` was given.
        path: the JSON path of `obj`, such as ``$.data[3]``.
        renames: as for `structurer`.
        locate: JSON key -> its path below `path` (``".attributes.value"``);
            ``".key"`` by default.

    Returns:
        Each reason as ``"<what> @ <path>"``; empty when `obj` reads without error.
    """
    if type(obj) is not dict:
        return [f"expected an object, got {type_name(obj)} @ {path}"]
    where = locate or (lambda key: f".{key}")
    reasons = []
    for field in fields_of(cls, renames or {}):
        value = obj.get(field.key, MISSING)
        at = path + where(field.key)
        if value is MISSING:
            if field.default is MISSING:
                reasons.append(f"required field missing @ {at}")
        elif value is not None or not field.optional:
            reasons += _explain_value(field.hook, _annotation(cls, field.name), value, at)
    return reasons


def _annotation(cls: type, name: str) -> Any:
    tp = attrs.fields_dict(cls)[name].type
    inner = optional_inner(tp)
    return tp if inner is MISSING else inner


def _explain_value(hook: Hook, tp: Any, value: Any, at: str) -> list[str]:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if isinstance(tp, type) and attrs.has(tp) and type(value) is dict:
        return explain(tp, value, at)
    if origin in (tuple, list) and args and type(value) is list:
        item = optional_inner(args[0])
        item = args[0] if item is MISSING else item
        reasons = []
        for index, element in enumerate(value):
            if element is None and item is not args[0]:
                continue
            reasons += _explain_value(hook_for(item)[0], item, element, f"{at}[{index}]")
        return reasons
    try:
        hook(value)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return [f"{exc} @ {at}"]
    return []
