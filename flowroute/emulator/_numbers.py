"""The account's numbers: a sorted index of them, and the record of a bought one.

`NumberIndex` is a dict of records keyed by number that also keeps the
numbers sorted, so listing one page of a large account does not cost the
whole account: the sorted keys are kept up to date on every insert and
delete (`bisect`), and an unfiltered page, or one filtered by prefix, is a
slice of that list. ``contains`` and ``ends_with`` filters need one pass
over the numbers; the matching keys are remembered until the next insert
or delete, so walking the pages of one filtered listing costs one pass,
not one per page.

Numbers added in bulk (`NumberIndex.add_pending`) get their records built
on first access: seeding 100,000 numbers then costs their keys, and a walk
builds only the records it reads.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, MutableMapping
from datetime import datetime
from typing import Callable, Generic, Optional, TypeVar, Union

from .models import AccountNumber, AvailableNumber

__all__ = ["SIP_REG_ROUTE_ID", "NumberIndex", "bought"]

V = TypeVar("V")

Filters = tuple[Optional[str], Optional[str], Optional[str]]

# Filtered key lists kept at once; a walk uses one, a few tests interleave more.
MAX_REMEMBERED = 8
# Sorts after every digit, so "prefix" + it bounds every key with that prefix.
_AFTER_DIGITS = "\uffff"
SIP_REG_ROUTE_ID = "0"  # the built-in route every new number starts on


def bought(listing: AvailableNumber, billing_method: str, now: datetime) -> AccountNumber:
    """A number as the account holds it right after buying `listing`."""
    return AccountNumber(
        number=listing.number,
        alias=None,
        rate_center=listing.rate_center,
        state=listing.state,
        number_type=listing.number_type,
        cnam_lookups_enabled=True,
        primary_route_id=SIP_REG_ROUTE_ID,
        failover_route_id=None,
        billing_method=billing_method,
        purchased_at=now,
        listing=listing,
    )


class _Pending(Generic[V]):
    """Stands for the records of a bulk addition until each is first read."""

    def __init__(self, make: Callable[[str], V]) -> None:
        self.make = make


class NumberIndex(MutableMapping[str, V]):
    """A mapping from number to record that iterates and pages in number order.

    Behaves as a dict (``index[number]``, ``in``, ``len``, ``==`` against a
    dict) whose iteration is sorted by key.
    """

    def __init__(self) -> None:
        self._records: dict[str, Union[V, _Pending[V]]] = {}
        self._keys: list[str] = []
        self._remembered: dict[Filters, list[str]] = {}
        # Building a pending record happens once, even for readers outside the state's lock.
        self._building = threading.Lock()

    def __getitem__(self, key: str) -> V:
        record = self._records[key]
        if not isinstance(record, _Pending):
            return record
        with self._building:
            record = self._records[key]
            if isinstance(record, _Pending):
                record = record.make(key)
                self._records[key] = record
            return record

    def __setitem__(self, key: str, value: V) -> None:
        if key not in self._records:
            insort(self._keys, key)
            self._remembered.clear()
        self._records[key] = value

    def __delitem__(self, key: str) -> None:
        del self._records[key]
        del self._keys[bisect_left(self._keys, key)]
        self._remembered.clear()

    def __contains__(self, key: object) -> bool:
        return key in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"NumberIndex({len(self._records)} numbers)"

    def clear(self) -> None:
        """Remove every record at once (the mixin's would delete them one by one)."""
        self._records.clear()
        self._keys.clear()
        self._remembered.clear()

    def add_pending(self, keys: Iterable[str], make: Callable[[str], V]) -> None:
        """Add many new keys with one sort; `make(key)` builds each record when first read.

        Raises:
            KeyError: a key is already present (nothing is added).
        """
        batch = dict.fromkeys(keys, _Pending(make))
        clash = next((key for key in batch if key in self._records), None)
        if clash is not None:
            raise KeyError(clash)
        self._records.update(batch)
        self._keys.extend(batch)
        self._keys.sort()
        self._remembered.clear()

    def page(
        self,
        offset: int,
        limit: int,
        starts_with: Optional[str] = None,
        contains: Optional[str] = None,
        ends_with: Optional[str] = None,
    ) -> tuple[list[V], int]:
        """One page of the records whose keys match every filter, in key order.

        Returns:
            The page's records and how many records match in all.
        """
        keys, low, high = self._matching(starts_with, contains, ends_with)
        first = low + offset
        return [self[key] for key in keys[first : min(high, first + limit)]], high - low

    def _matching(
        self, starts: Optional[str], contains: Optional[str], ends: Optional[str]
    ) -> tuple[list[str], int, int]:
        """A sorted key list and the bounds of the matching keys within it."""
        low, high = 0, len(self._keys)
        if starts is not None:
            low = bisect_left(self._keys, starts)
            high = bisect_left(self._keys, starts + _AFTER_DIGITS, low)
        if contains is None and ends is None:
            return self._keys, low, high
        filters = (starts, contains, ends)
        found = self._remembered.get(filters)
        if found is None:
            found = [
                key
                for key in self._keys[low:high]
                if (contains is None or contains in key) and (ends is None or key.endswith(ends))
            ]
            if len(self._remembered) >= MAX_REMEMBERED:
                del self._remembered[next(iter(self._remembered))]
            self._remembered[filters] = found
        return found, 0, len(found)
