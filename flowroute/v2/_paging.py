"""v2 listings: one page of a list endpoint, and how the next one is asked for.

The v2 API pages by ``offset`` and announces a following page with
``links.next``; the next request repeats this one with the offset moved on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar
from urllib.parse import parse_qs, urlsplit

from ..pagination import Page
from ._converter import read_many

if TYPE_CHECKING:
    from .._resource import Endpoint

__all__ = ["list_page"]

T = TypeVar("T")


def _next_offset(body: Any, params: dict[str, Any], count: int) -> Optional[int]:
    links = body.get("links")
    link = links.get("next") if isinstance(links, dict) else None
    if not isinstance(link, str) or not link:
        return None
    current = params.get("offset") or 0
    found = parse_qs(urlsplit(link).query).get("offset")
    if found and found[0].isdigit() and found[0].isascii():
        following = int(found[0])
    else:
        following = current + (params.get("limit") or count)
    # A link that does not move forward would make iteration loop forever.
    return following if following > current else None


def list_page(
    call: Callable[..., Any], endpoint: Endpoint, params: dict[str, Any], cls: type[T]
) -> Page[T]:
    """Fetch one page of `endpoint` with query `params` and read its items as `cls`.

    The page fetches its successor (same query, next offset) only when the
    response has a ``links.next``; the offset is taken from that link, or is
    the current offset plus the limit when the link does not carry one.
    """
    body = call(endpoint, params=params)
    items = read_many(body, cls, endpoint)
    following = _next_offset(body, params, len(items))
    if following is None:
        return Page(items, None, body)
    next_params = {**params, "offset": following}
    return Page(items, lambda: list_page(call, endpoint, next_params, cls), body)
