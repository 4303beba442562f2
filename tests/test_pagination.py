"""Page: items of one page, lazy walking of the following ones."""

from __future__ import annotations

from flowroute import Page


def chain(sizes: list[int]) -> tuple[Page[int], list[int]]:
    """Pages of consecutive ints; `fetched` records which pages were requested."""
    fetched: list[int] = []

    def build(index: int, start: int) -> Page[int]:
        items = list(range(start, start + sizes[index]))
        if index + 1 < len(sizes):

            def fetch_next() -> Page[int]:
                fetched.append(index + 1)
                return build(index + 1, start + sizes[index])

            return Page(items, fetch_next)
        return Page(items)

    return build(0, 0), fetched


def test_items_is_this_page_only() -> None:
    page, fetched = chain([2, 2, 1])
    assert page.items == [0, 1]
    assert page.has_next
    assert fetched == []


def test_iteration_walks_lazily() -> None:
    page, fetched = chain([2, 2, 1])
    walker = iter(page)
    assert [next(walker), next(walker)] == [0, 1]
    assert fetched == []
    assert next(walker) == 2
    assert fetched == [1]
    assert list(walker) == [3, 4]
    assert fetched == [1, 2]


def test_next_page_and_last_page() -> None:
    page, _ = chain([1, 1])
    second = page.next_page()
    assert second is not None and second.items == [1]
    assert not second.has_next
    assert second.next_page() is None


def test_empty_page_stops_even_if_it_links_onwards() -> None:
    calls = []

    def forever() -> Page[int]:
        calls.append(1)
        return Page([], forever)

    assert list(Page([7], forever)) == [7]
    assert len(calls) == 1


def test_repr_says_the_count_is_of_this_page() -> None:
    assert repr(Page([1, 2])) == "<Page: 2 items on this page, no next page>"
    assert (
        repr(Page([], lambda: Page([3]))) == "<Page: 0 items on this page, a next page announced>"
    )


def test_a_page_is_true_exactly_when_iterating_it_yields_something() -> None:
    # An empty page ends iteration even when a next page is announced.
    empty_with_next: Page[int] = Page([], lambda: Page([3]))
    assert not empty_with_next and list(empty_with_next) == []
    assert Page([0]) and list(Page([0])) == [0]
    assert not Page([])
