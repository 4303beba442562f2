"""One page of a listing, and lazy iteration over all the pages after it.

A `Page` knows nothing of HTTP or API versions: it holds its items and a
callable that fetches the next page (v1 asks for ``page=N+1``, v2 for the
next ``offset``; the controller that built the page decides).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Callable, Generic, Optional, TypeVar

__all__ = ["Page"]

T = TypeVar("T")


class Page(Generic[T]):
    """Items of one page of results.

    ``page.items`` is this page only; ``for item in page`` yields this page's
    items and then fetches and yields every following page, one at a time,
    so memory stays bounded by one page.

    Attributes:
        items: the items of this page.
        raw: the decoded JSON body this page was built from.
    """

    __slots__ = ("_fetch_next", "items", "raw")

    def __init__(
        self,
        items: Sequence[T],
        fetch_next: Optional[Callable[[], Page[T]]] = None,
        raw: Any = None,
    ) -> None:
        self.items: Sequence[T] = items
        self._fetch_next = fetch_next
        self.raw = raw

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

    def __repr__(self) -> str:
        return f"Page(items={len(self.items)}, has_next={self.has_next})"
