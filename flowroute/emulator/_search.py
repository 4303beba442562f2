"""Searching the purchasable inventory, by the filters the APIs take.

Pure functions over the listings the state passes in (its inventory's
values): area codes and exchanges that have numbers for sale, and the
numbers matching digit, place and cost filters, each sorted.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Optional

from ._checks import THREE_DIGITS, check, digits
from .errors import Invalid
from .models import AvailableNumber

__all__ = ["area_codes", "exchanges", "matching"]


def _affordable(
    listings: Iterable[AvailableNumber], max_setup_cost: Optional[Decimal]
) -> Iterable[AvailableNumber]:
    if max_setup_cost is None:
        return listings
    if max_setup_cost < 0:
        raise Invalid("max_setup_cost must not be negative", "max_setup_cost")
    return (n for n in listings if n.setup_cost <= max_setup_cost)


def area_codes(listings: Iterable[AvailableNumber], max_setup_cost: Optional[Decimal]) -> list[str]:
    """Area codes with a listing within the setup cost, sorted."""
    return sorted({n.npa for n in _affordable(listings, max_setup_cost)})


def exchanges(
    listings: Iterable[AvailableNumber],
    areacode: Optional[str],
    max_setup_cost: Optional[Decimal],
) -> list[str]:
    """Six-digit area code + exchange prefixes with listings, sorted."""
    if areacode is not None:
        check(THREE_DIGITS, areacode, "areacode", "3 digits")
    found = _affordable(listings, max_setup_cost)
    return sorted({n.npa + n.nxx for n in found if areacode in (None, n.npa)})


def matching(
    listings: Iterable[AvailableNumber],
    digit_filters: tuple[Optional[str], Optional[str], Optional[str]],
    rate_center: Optional[str],
    state: Optional[str],
    npa: Optional[str],
    nxx: Optional[str],
) -> list[AvailableNumber]:
    """The listings matching every given filter, sorted by number.

    Args:
        listings: what to search.
        digit_filters: (starts_with, contains, ends_with) on the 11-digit number.
        rate_center: compared case-insensitively.
        state: compared case-insensitively.
        npa: the area code, 3 digits.
        nxx: the exchange, 3 digits.
    """
    names = ("starts_with", "contains", "ends_with")
    starts, middle, ends = (digits(v, name) for v, name in zip(digit_filters, names))
    for value, field in ((npa, "npa"), (nxx, "nxx")):
        if value is not None:
            check(THREE_DIGITS, value, field, "3 digits")
    center = None if rate_center is None else rate_center.lower()
    region = None if state is None else state.lower()
    found = [
        n
        for n in listings
        if (starts is None or n.number.startswith(starts))
        and (middle is None or middle in n.number)
        and (ends is None or n.number.endswith(ends))
        and center in (None, n.rate_center)
        and region in (None, n.state)
        and npa in (None, n.npa)
        and nxx in (None, n.nxx)
    ]
    return sorted(found, key=lambda n: n.number)
