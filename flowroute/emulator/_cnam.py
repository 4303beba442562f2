"""CNAM records (the caller ID name shown for a number) and their numbers.

A new record starts unapproved, as at the service, where approval takes a
day or two: a test flips it with `CnamBook.approve` (or `reject`). Only an
approved record can be given to a number, and only to a long code (local)
number. Nothing here knows about HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Optional

import attrs

from ._locking import locked
from .errors import Conflict, Invalid, NotFound

if TYPE_CHECKING:
    from .state import State

__all__ = ["CNAM_ALLOWED", "CNAM_MAX_LENGTH", "FIRST_CNAM_ID", "CnamBook", "CnamRecord"]

FIRST_CNAM_ID = 30001
CNAM_MAX_LENGTH = 15
CNAM_ALLOWED = "letters, digits, space and , . ' & -"
_VALUE = re.compile(rf"[A-Za-z0-9 ,.'&-]{{1,{CNAM_MAX_LENGTH}}}")
_LETTER = re.compile(r"[A-Za-z]")


@attrs.frozen(kw_only=True)
class CnamRecord:
    """A caller ID name record.

    Attributes:
        id: numeric string, e.g. ``"30001"``.
        value: the name shown, at most 15 characters.
        is_approved: whether it may be given to numbers.
        created_at: when it was created, from the emulator's clock.
        approved_at: when it was approved, or None.
        rejection_reason: why it was rejected, or None.
    """

    id: str
    value: str
    is_approved: bool
    created_at: datetime
    approved_at: Optional[datetime] = None
    rejection_reason: Optional[str] = None


def check_value(value: object) -> str:
    """A CNAM value as the service stores it, or Invalid saying which rule failed."""
    if not isinstance(value, str) or not _VALUE.fullmatch(value) or value != value.strip():
        raise Invalid(
            f"value must be 1 to {CNAM_MAX_LENGTH} characters ({CNAM_ALLOWED}), "
            f"without leading or trailing spaces; got {value!r}",
            "value",
        )
    if not _LETTER.search(value):
        raise Invalid(f"value must contain a letter (a name, not a number); got {value!r}", "value")
    return value


class CnamBook:
    """The account's CNAM records and which number presents which.

    Args:
        state: the emulated service; numbers are looked up there, and its
            lock and clock are used.

    Attributes:
        records: the records, keyed by id.
        by_number: the id of each number's record, keyed by number.
    """

    records: dict[str, CnamRecord]
    by_number: dict[str, str]

    def __init__(self, state: State) -> None:
        self._state = state
        self.lock = state.lock
        self.records = {}
        self.by_number = {}
        self._next_id = FIRST_CNAM_ID

    @locked
    def create(self, value: object, *, approved: bool = False) -> CnamRecord:
        """Store a new record, unapproved unless `approved` (for arranging tests).

        Raises:
            Invalid: the value breaks a rule.
            Conflict: a record with this value (any case) exists.
        """
        checked = check_value(value)
        if any(r.value.lower() == checked.lower() for r in self.records.values()):
            raise Conflict(f"a CNAM record with value {checked!r} already exists")
        now = self._state.clock()
        record = CnamRecord(
            id=str(self._next_id),
            value=checked,
            is_approved=approved,
            created_at=now,
            approved_at=now if approved else None,
        )
        self._next_id += 1
        self.records[record.id] = record
        return record

    @locked
    def get(self, cnam_id: str) -> CnamRecord:
        """One record by id; raises NotFound."""
        found = self.records.get(cnam_id)
        if found is None:
            raise NotFound(f"CNAM record {cnam_id} not found")
        return found

    @locked
    def find(
        self,
        *,
        is_approved: Optional[bool] = None,
        starts_with: Optional[str] = None,
        contains: Optional[str] = None,
        ends_with: Optional[str] = None,
        value: Optional[str] = None,
    ) -> list[CnamRecord]:
        """Records in creation order matching every filter (text case-insensitively).

        ``value`` is the documented filter: the record's value includes it.
        """
        texts = {
            "starts_with": starts_with,
            "contains": contains,
            "ends_with": ends_with,
            "value": value,
        }
        for field, text in texts.items():
            if text is not None and not _VALUE.fullmatch(text):
                raise Invalid(f"{field} must be 1 to 15 CNAM characters, got {text!r}", field)
        start, middle, end, part = ((t or "").lower() for t in texts.values())
        return [
            r
            for r in self.records.values()
            if is_approved in (None, r.is_approved)
            and r.value.lower().startswith(start)
            and middle in r.value.lower()
            and r.value.lower().endswith(end)
            and part in r.value.lower()
        ]

    @locked
    def approve(self, cnam_id: str) -> CnamRecord:
        """Approve a record now (what the service's staff do in a day or two)."""
        record = attrs.evolve(
            self.get(cnam_id),
            is_approved=True,
            approved_at=self._state.clock(),
            rejection_reason=None,
        )
        self.records[cnam_id] = record
        return record

    @locked
    def reject(self, cnam_id: str, reason: str = "not an acceptable caller name") -> CnamRecord:
        """Reject a record; numbers presenting it lose it."""
        record = attrs.evolve(
            self.get(cnam_id), is_approved=False, approved_at=None, rejection_reason=reason
        )
        self.records[cnam_id] = record
        self._drop(cnam_id)
        return record

    @locked
    def remove(self, cnam_id: str) -> None:
        """Delete a record; every number presenting it loses it."""
        self.get(cnam_id)
        del self.records[cnam_id]
        self._drop(cnam_id)

    def _drop(self, cnam_id: str) -> None:
        for number in [n for n, used in self.by_number.items() if used == cnam_id]:
            del self.by_number[number]

    @locked
    def associate(self, number: str, cnam_id: str) -> CnamRecord:
        """Have a long code number present this approved record.

        Raises:
            NotFound: unknown number or record.
            Invalid: the record is not approved, or the number is toll-free.
        """
        owned = self._state.number(number)
        record = self.get(cnam_id)
        if not record.is_approved:
            raise Invalid(f"CNAM record {cnam_id} is not approved yet", "cnam_id")
        if owned.number_type == "tollfree":
            raise Invalid(f"{number} is toll-free; CNAM records are for long codes", "number")
        self.by_number[number] = cnam_id
        return record

    @locked
    def unassociate(self, number: str) -> None:
        """Stop the number presenting its record, if it has one."""
        self._state.number(number)
        self.by_number.pop(number, None)

    @locked
    def preset_of(self, number: str) -> Optional[str]:
        """The id of the number's record, or None."""
        return self.by_number.get(number)

    @locked
    def forget(self, numbers: Iterable[str]) -> None:
        """Drop the associations of numbers that left the account."""
        for number in numbers:
            self.by_number.pop(number, None)
