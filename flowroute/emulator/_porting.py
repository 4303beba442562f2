"""Number portability: which numbers could be ported to the service, by fixed rules.

The service asks carriers; the emulator answers by rules a test can rely on
(docs/emulator.rst lists them):

- a number not in North America (+1 and 10 digits) is not portable;
- nor one whose area code or exchange starts with 0 or 1, or whose
  exchange is 555 (fictional numbers);
- nor one already on the service: on this account or in its inventory;
- every other number is portable; a portable local (not toll-free) number
  whose area code has numbers in the inventory is also HyperNetwork-enabled.

Numbers are answered as they were given, with or without "+".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Invalid

if TYPE_CHECKING:
    from .state import State

__all__ = ["TOLL_FREE_AREA_CODES", "Portability", "check_portability"]

TOLL_FREE_AREA_CODES = frozenset({"800", "833", "844", "855", "866", "877", "888"})
_E164 = re.compile(r"\+?\d{8,15}")
_NANP = re.compile(r"1([2-9]\d\d)([2-9]\d\d)\d{4}")


@attrs.frozen
class Portability:
    """The answer: the numbers in each group, in the order given."""

    portable: list[str]
    nonportable: list[str]
    hypernetwork_enabled: list[str]


def check_portability(state: State, numbers: Any) -> Portability:
    """Sort `numbers` (E.164 strings) into portable and not.

    Raises:
        Invalid: `numbers` is not a non-empty list of E.164 numbers.
    """
    if not isinstance(numbers, list) or not numbers:
        raise Invalid("numbers must be a non-empty list of E.164 numbers", "numbers")
    for given in numbers:
        if not isinstance(given, str) or not _E164.fullmatch(given):
            raise Invalid(
                f"numbers must be E.164 numbers such as +12065550100; got {given!r}", "numbers"
            )
    with state.lock:
        covered = set(state.area_codes())
        answer = Portability([], [], [])
        for given in numbers:
            digits = given.lstrip("+")
            nanp = _NANP.fullmatch(digits)
            on_service = digits in state.account or digits in state.inventory
            if nanp is None or nanp.group(2) == "555" or on_service:
                answer.nonportable.append(given)
                continue
            answer.portable.append(given)
            area = nanp.group(1)
            if area not in TOLL_FREE_AREA_CODES and area in covered:
                answer.hypernetwork_enabled.append(given)
        return answer
