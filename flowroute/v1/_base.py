"""What the v1 controllers share: keyed listings turned into Pages that follow ``links.next``."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Callable, Generic, Optional, TypeVar
from urllib.parse import parse_qs, urlsplit

import attrs

from .._resource import Controller, Endpoint
from ..errors import DecodeError
from ..pagination import Page
from ._converter import structure_keyed, structure_object

__all__ = ["Listing", "V1Controller", "next_page_number"]

T = TypeVar("T")


@attrs.frozen
class Listing(Generic[T]):
    """How one v1 listing reads: the key holding its items and what an item's key means.

    Attributes:
        section: the response key whose object holds the items (``"npas"``).
        model: the model of one item.
        key_fields: the model fields an item's key stands for.
    """

    section: str
    model: type[T]
    key_fields: Callable[[str], Mapping[str, str]]


def next_page_number(body: Any, current: int) -> Optional[int]:
    """The page number in ``links.next``, or None when the API announces no next page.

    Raises:
        DecodeError: the link carries no page number, or does not move forward
            (following it would never end).
    """
    links = body.get("links") if isinstance(body, dict) else None
    if not links:
        return None
    link = links.get("next") if isinstance(links, dict) else None
    if not link:
        return None
    if not isinstance(link, str):
        raise DecodeError(f"unexpected v1 response: expected a URL @ $.links.next, got {link!r}")
    pages = parse_qs(urlsplit(link).query).get("page", [""])
    number = pages[-1]
    if not (number.isdigit() and number.isascii()) or int(number) <= current:
        raise DecodeError(
            f"unexpected v1 response: no page after {current} in $.links.next {link!r}"
        )
    return int(number)


class V1Controller(Controller):
    """Base of the v1 controllers: lists become Pages, bodies become models."""

    def _page(self, endpoint: Endpoint, listing: Listing[T], params: dict[str, Any]) -> Page[T]:
        body = self._call(endpoint, params=params)
        try:
            items = structure_keyed(body, listing.section, listing.model, listing.key_fields)
            following = next_page_number(body, params.get("page") or 1)
        except DecodeError as exc:
            raise self._located(exc, endpoint) from exc.__cause__
        fetch_next = None
        if following is not None:
            # The same query, validated once, with only the page moved on.
            fetch_next = functools.partial(
                self._page, endpoint, listing, {**params, "page": following}
            )
        return Page(items, fetch_next, raw=body)

    def _one(self, endpoint: Endpoint, model: type[T], fields: Mapping[str, str]) -> T:
        # `fields` fill the path and the model both: v1 leaves the id out of the body.
        body = self._call(endpoint, params=None, json=None, **fields)
        try:
            return structure_object(body, model, fields)
        except DecodeError as exc:
            raise self._located(exc, endpoint, **fields) from exc.__cause__

    def _located(self, exc: DecodeError, endpoint: Endpoint, **path: object) -> DecodeError:
        url = self._transport.base_url + endpoint.path(**path)
        return DecodeError(str(exc), method=endpoint.method, url=url)
