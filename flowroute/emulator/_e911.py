"""E911 addresses and their numbers: records, validation rules and verbs.

An address is validated the same way whether it is only checked, created or
updated: required fields present, a known country, a state of that
country, a postal code of that country's form, an address type from the
documented list (with its number). Beyond that, a fixed set of addresses
cannot be geocoded (`UNGEOCODABLE_STREETS`, or a state that is not in the
given country), so tests can reach that error on purpose.

Which number uses which address is kept here, keyed by number; the number
records themselves stay in `State`. Nothing here knows about HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Optional

import attrs

from ._locking import locked
from .errors import Conflict, Invalid, NotFound, Unlocatable

if TYPE_CHECKING:
    from .models import AccountNumber
    from .state import State

__all__ = [
    "ADDRESS_TYPES",
    "FIRST_E911_ID",
    "GEOCODE_FAILURE",
    "UNGEOCODABLE_STREETS",
    "E911Address",
    "E911Book",
]

FIRST_E911_ID = 20001
REQUIRED = (
    "label",
    "first_name",
    "last_name",
    "street_number",
    "street_name",
    "city",
    "state",
    "country",
    "zip",
)
OPTIONAL = ("address_type", "address_type_number")
FIELDS = frozenset(REQUIRED + OPTIONAL)

# The documented address types, by abbreviation; either form is accepted,
# the full name is kept.
ADDRESS_TYPES = {
    "A": "Apartment",
    "BM": "Basement",
    "B": "Building",
    "D": "Department",
    "F": "Floor",
    "FR": "Front",
    "K": "Key",
    "L": "Lobby",
    "LT": "Lot",
    "LO": "Lower",
    "O": "Office",
    "P": "Penthouse",
    "PI": "Pier",
    "RE": "Rear",
    "R": "Room",
    "S": "Side",
    "SL": "Slip",
    "SC": "Space",
    "SP": "Stop",
    "SU": "Suite",
    "T": "Trailer",
    "U": "Unit",
    "UP": "Upper",
}
_TYPE_BY_NAME = {name.lower(): name for name in ADDRESS_TYPES.values()}
_TYPE_BY_NAME.update({abbr.lower(): name for abbr, name in ADDRESS_TYPES.items()})

_US_STATES = frozenset(
    re.findall(
        r"\w\w",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
        "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP",
    )
)
_CA_PROVINCES = frozenset(re.findall(r"\w\w", "AB BC MB NB NL NS NT NU ON PE QC SK YT"))
# country as sent (upper case) -> (its states, the form of its postal codes)
_COUNTRIES: Mapping[str, tuple[frozenset[str], re.Pattern[str]]] = {
    "US": (_US_STATES, re.compile(r"\d{5}(?:-\d{4})?")),
    "USA": (_US_STATES, re.compile(r"\d{5}(?:-\d{4})?")),
    "CA": (_CA_PROVINCES, re.compile(r"[A-Z]\d[A-Z] ?\d[A-Z]\d", re.IGNORECASE)),
    "CANADA": (_CA_PROVINCES, re.compile(r"[A-Z]\d[A-Z] ?\d[A-Z]\d", re.IGNORECASE)),
}
_STATE = re.compile(r"[A-Za-z]{2}")

# Street names (compared case-insensitively) that never geocode, whatever the
# rest of the address: the documented way for a test to reach that error.
UNGEOCODABLE_STREETS = frozenset({"nowhere st", "nowhere street"})
GEOCODE_FAILURE = "Could not geocode this address; check the street, city, state and zip."


@attrs.frozen(kw_only=True)
class E911Address:
    """An E911 address on the account.

    Attributes:
        id: numeric string, e.g. ``"20001"``.
        label: the customer's name for the address.
        first_name: first name of the person at the address.
        last_name: last name of the person at the address.
        street_number: house number, as text.
        street_name: street, e.g. ``"3rd Ave"``.
        address_type: full name of the unit type (``"Suite"``), or None.
        address_type_number: the unit's number, or None.
        city: city.
        state: two-letter state or province, upper case.
        country: the country as sent (``"US"``, ``"USA"``, ``"CA"``, ``"Canada"``).
        zip: postal code, as text.
    """

    id: str
    label: str
    first_name: str
    last_name: str
    street_number: str
    street_name: str
    address_type: Optional[str]
    address_type_number: Optional[str]
    city: str
    state: str
    country: str
    zip: str

    def fields(self) -> dict[str, Optional[str]]:
        """The address's attributes (everything but its id)."""
        return {name: getattr(self, name) for name in sorted(FIELDS)}


def _text(value: Any, field: str) -> str:
    # street_number and zip are integers in one OpenAPI file: accept both.
    if isinstance(value, int) and not isinstance(value, bool) and field in ("street_number", "zip"):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{field} is required and must be a non-empty string", field)
    return value.strip()


def _address_type(given: Mapping[str, Any]) -> tuple[Optional[str], Optional[str]]:
    kind, number = given.get("address_type"), given.get("address_type_number")
    if kind in (None, "") and number in (None, ""):
        return None, None
    if kind in (None, ""):
        raise Invalid("address_type_number needs an address_type", "address_type")
    name = _TYPE_BY_NAME.get(str(kind).strip().lower())
    if name is None:
        allowed = ", ".join(sorted(ADDRESS_TYPES.values()))
        raise Invalid(f"address_type must be one of {allowed}; got {kind!r}", "address_type")
    if number in (None, ""):
        raise Invalid("address_type needs an address_type_number", "address_type_number")
    return name, _text(str(number), "address_type_number")


def check_address(given: Mapping[str, Any]) -> dict[str, Any]:
    """The normalised fields of an address, or the service's refusal.

    Raises:
        Invalid: an unknown or missing field, or a value of the wrong form.
        Unlocatable: the address cannot be geocoded.
    """
    unknown = sorted(set(given) - FIELDS)
    if unknown:
        raise Invalid(f"unknown attributes: {', '.join(unknown)}", unknown[0])
    fields: dict[str, Any] = {name: _text(given.get(name), name) for name in REQUIRED}
    country = str(fields["country"]).upper()
    if country not in _COUNTRIES:
        raise Invalid(f"country must be US or CA, got {fields['country']!r}", "country")
    regions, postal = _COUNTRIES[country]
    state = str(fields["state"])
    if not _STATE.fullmatch(state):
        raise Invalid(f"state must be a two-letter abbreviation, got {state!r}", "state")
    fields["state"] = state.upper()
    if fields["state"] not in regions:  # e.g. WA in Canada: well-formed, nowhere to be found
        raise Unlocatable(GEOCODE_FAILURE)
    if not postal.fullmatch(str(fields["zip"])):
        raise Invalid(f"zip is not a postal code of {country}: {fields['zip']!r}", "zip")
    fields["address_type"], fields["address_type_number"] = _address_type(given)
    if str(fields["street_name"]).lower() in UNGEOCODABLE_STREETS:
        raise Unlocatable(GEOCODE_FAILURE)
    return fields


class E911Book:
    """The account's E911 addresses and which number uses which.

    Args:
        state: the emulated service; numbers are looked up there, and its
            lock is held by every verb.

    Attributes:
        addresses: the addresses, keyed by id.
        by_number: the id of each number's address, keyed by number.
    """

    addresses: dict[str, E911Address]
    by_number: dict[str, str]

    def __init__(self, state: State) -> None:
        self._state = state
        self.lock = state.lock
        self.addresses = {}
        self.by_number = {}
        self._next_id = FIRST_E911_ID

    @locked
    def validate(self, given: Mapping[str, Any]) -> None:
        """Check an address as `create` would, storing nothing."""
        check_address(given)

    @locked
    def create(self, given: Mapping[str, Any]) -> E911Address:
        """Validate and store a new address."""
        address = E911Address(id=str(self._next_id), **check_address(given))
        self._next_id += 1
        self.addresses[address.id] = address
        return address

    @locked
    def get(self, e911_id: str) -> E911Address:
        """One address by id; raises NotFound."""
        found = self.addresses.get(e911_id)
        if found is None:
            raise NotFound(f"E911 address {e911_id} not found")
        return found

    @locked
    def find(
        self,
        label: Optional[str] = None,
        state: Optional[str] = None,
        street_name: Optional[str] = None,
        city: Optional[str] = None,
    ) -> list[E911Address]:
        """Addresses in creation order, matched case-insensitively.

        As documented: `label`, `street_name` and `city` match a part of the
        field; `state` matches the whole two-letter code.
        """
        if state is not None and not _STATE.fullmatch(state):
            raise Invalid(f"state must be a two-letter abbreviation, got {state!r}", "state")
        parts = {"label": label, "street_name": street_name, "city": city}
        wanted = {field: text.lower() for field, text in parts.items() if text is not None}
        return [
            a
            for a in self.addresses.values()
            if all(text in str(a.fields()[field]).lower() for field, text in wanted.items())
            and (state is None or a.state == state.upper())
        ]

    @locked
    def update(self, e911_id: str, changes: Mapping[str, Any]) -> E911Address:
        """Apply `changes` (None clears an optional field) and validate the result."""
        merged = {**self.get(e911_id).fields(), **changes}
        updated = E911Address(id=e911_id, **check_address(merged))
        self.addresses[e911_id] = updated
        return updated

    @locked
    def delete(self, e911_id: str) -> None:
        """Remove an address; refused (Conflict) while a number uses it."""
        self.get(e911_id)
        users = sorted(n for n, used in self.by_number.items() if used == e911_id)
        if users:
            raise Conflict(
                f"E911 address {e911_id} is assigned to {', '.join(users)}; disconnect them first"
            )
        del self.addresses[e911_id]

    @locked
    def associate(self, number: str, e911_id: str) -> None:
        """Give a number this address; again with the same address changes nothing."""
        self._state.number(number)
        self.by_number[number] = self.get(e911_id).id

    @locked
    def disconnect(self, number: str) -> None:
        """Remove the number's address, if it has one."""
        self._state.number(number)
        self.by_number.pop(number, None)

    @locked
    def address_of(self, number: str) -> Optional[str]:
        """The id of the number's address, or None."""
        return self.by_number.get(number)

    @locked
    def numbers_of(self, e911_id: str) -> list[AccountNumber]:
        """The account numbers that use this address, sorted."""
        self.get(e911_id)
        found = (n for n, used in self.by_number.items() if used == e911_id)
        return [self._state.number(n) for n in sorted(found)]

    @locked
    def forget(self, numbers: Iterable[str]) -> None:
        """Drop the associations of numbers that left the account."""
        for number in numbers:
            self.by_number.pop(number, None)
