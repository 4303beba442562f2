"""One page of a listing, and lazy iteration over all the pages after it.

A `Page` knows nothing of HTTP or API versions: it holds its items and a
callable that fetches the next page (v1 asks for ``page=N+1``, v2 for the
next ``offset``; `flowroute._reading.list_page` decides from the page rule).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar

if TYPE_CHECKING:
    from ._transport import Response

__all__ = ["Page"]

T = TypeVar("T")


class Page(Generic[T]):
    """Items of one page of results.

    ``page.items`` is this page only; ``for item in page`` yields this page's
    items and then fetches and yields every following page, one at a time,
    so memory stays bounded by one page.

    A page is true when iterating it yields something, that is when this
    page has items: an empty page ends iteration even if the API links to a
    further page, so ``if page:`` and ``list(page)`` never disagree. There is
    no ``len(page)``: it could mean this page or the whole listing; say
    ``len(page.items)``.

    Attributes:
        items: the items of this page.
        raw: the decoded JSON body this page was built from.
        response: the `Response` this page was read from (status, headers,
            request id, URL), or None for a page built by hand.
    """

    __slots__ = ("_fetch_next", "items", "raw", "response")

    def __init__(
        self,
        items: Sequence[T],
        fetch_next: Optional[Callable[[], Page[T]]] = None,
        raw: Any = None,
        *,
        response: Optional[Response] = None,
    ) -> None:
        self.items: Sequence[T] = items
        self._fetch_next = fetch_next
        self.raw = raw
        self.response = response

    @property
    def has_next(self) -> bool:
        """Whether the API announced a following page."""
        return self._fetch_next is not None

    def next_page(self) -> Optional[Page[T]]:
        """Fetch the following page, or return None when this is the last one."""
        return self._fetch_next() if self._fetch_next is not None else None

    def __iter__(self) -> Iterator[T]:
        page: Optional[Page[T]] = self
        # An empty page ends the walk even if it links onwards: a server that
        # keeps linking to empty pages must not make this loop forever.
        while page is not None and page.items:
            yield from page.items
            page = page.next_page()

    def __bool__(self) -> bool:
        return bool(self.items)

    def __repr__(self) -> str:
        # Says "on this page": a bare count reads as the size of the whole listing.
        more = "a next page announced" if self.has_next else "no next page"
        return f"<Page: {len(self.items)} items on this page, {more}>"
