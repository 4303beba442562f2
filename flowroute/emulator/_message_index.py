"""The message records: a dict keyed by id that also keeps them in time order.

`MessageIndex` behaves as a dict of message records keyed by ``mdr2-`` id,
and keeps a sorted list of (timestamp, arrival, id) up to date on every
insert and delete (`bisect`), as `NumberIndex` keeps numbers. A page of the
v2.1 message list (a time range, newest first) is then two bisections and
a slice: its cost does not grow with the number of messages held. A record
replaced under its id (a delivery step) keeps its place.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left, insort
from collections.abc import Iterator, MutableMapping
from datetime import datetime

from .models import Message

__all__ = ["MessageIndex"]

# (timestamp, arrival number, id): arrival breaks ties, so equal times keep their order.
_Key = tuple[datetime, int, str]


class MessageIndex(MutableMapping[str, Message]):
    """A mapping from message id to record that pages by time.

    Behaves as a dict (``index[id]``, ``in``, ``len``, ``==`` against a
    dict; iteration in insertion order).
    """

    def __init__(self) -> None:
        self._records: dict[str, Message] = {}
        self._keys: dict[str, _Key] = {}
        self._order: list[_Key] = []
        self._arrivals = itertools.count()

    def __getitem__(self, message_id: str) -> Message:
        return self._records[message_id]

    def __setitem__(self, message_id: str, message: Message) -> None:
        old = self._keys.get(message_id)
        if old is None or old[0] != message.timestamp:
            arrival = next(self._arrivals) if old is None else old[1]
            if old is not None:
                self._forget(old)
            key = (message.timestamp, arrival, message_id)
            insort(self._order, key)
            self._keys[message_id] = key
        self._records[message_id] = message

    def __delitem__(self, message_id: str) -> None:
        del self._records[message_id]
        self._forget(self._keys.pop(message_id))

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"MessageIndex({len(self._records)} messages)"

    def clear(self) -> None:
        """Remove every record at once (the mixin's would delete them one by one)."""
        self._records.clear()
        self._keys.clear()
        self._order.clear()

    def page(
        self, start: datetime, end: datetime, offset: int, limit: int
    ) -> tuple[list[Message], int]:
        """One page of the records with start <= timestamp <= end, newest first.

        Of records with equal timestamps, the one added last comes first.

        Returns:
            The page's records and how many records the range holds in all.
        """
        low = bisect_left(self._order, (start,))
        # (end, inf) sorts after every key stamped `end`, before any later one.
        high = bisect_left(self._order, (end, math.inf), low)
        last = high - offset
        first = max(low, last - limit)
        keys = self._order[first:last] if last > low else []
        return [self._records[key[2]] for key in reversed(keys)], high - low

    def _forget(self, key: _Key) -> None:
        del self._order[bisect_left(self._order, key)]
