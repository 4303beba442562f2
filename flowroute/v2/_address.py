"""Checking an E911 address before it is sent: from a model, a dict or keyword fields.

Every field is checked with the rule the E911 service documents, so that a
typo is caught here, naming the field, instead of coming back as a failed
geocode. Whether the address exists is for the service to say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Callable

import attrs

from .. import _validate as check
from ..errors import ValidationError
from . import _arguments as arg
from .models import E911_ADDRESS_TYPES, E911Address, NewE911Address

__all__ = ["attributes"]

_ZIP = re.compile(r"\d{5}(?:-\d{4})?|[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d")
_TYPES = {name.lower(): name for name in E911_ADDRESS_TYPES}
_COUNTRIES = ("US", "CA")
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
FIELDS = (*REQUIRED, "address_type", "address_type_number")
_ALLOWED = "an E911 address: a NewE911Address, an E911Address, or a dict of its fields"


def _text_or_number(value: Any, argument: str) -> str:
    # Street and suite numbers are documented as integers, yet "12B" exists.
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    return check.text(value, argument)


def _zip(value: Any, argument: str) -> str:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not _ZIP.fullmatch(text.strip()):
        raise ValidationError(
            argument, "a US ZIP (98101, 98101-1234) or Canadian postal code", value
        )
    return text.strip()


def _country(value: Any, argument: str) -> str:
    if not isinstance(value, str) or value.strip().upper() not in _COUNTRIES:
        raise ValidationError(argument, "US or CA", value)
    return value.strip().upper()


def _address_type(value: Any, argument: str) -> str:
    name = _TYPES.get(value.strip().lower()) if isinstance(value, str) else None
    if name is None:
        raise ValidationError(argument, "one of " + ", ".join(E911_ADDRESS_TYPES), value)
    return name


_CHECKS: dict[str, Callable[[Any, str], str]] = {
    "label": check.text,
    "first_name": check.text,
    "last_name": check.text,
    "street_number": _text_or_number,
    "street_name": check.text,
    "city": check.text,
    "state": lambda value, argument: check.state(value, argument).upper(),
    "country": _country,
    "zip": _zip,
    "address_type": _address_type,
    "address_type_number": _text_or_number,
}


def _given(address: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields set, from `address` or else from the keyword `fields`."""
    keywords = {name: fields[name] for name in FIELDS if fields.get(name) is not None}
    if address is None:
        return keywords
    if keywords:
        raise ValidationError("address", "an address or keyword fields, not both", address)
    if isinstance(address, (NewE911Address, E911Address)):
        values = attrs.asdict(address, recurse=False)
        return {name: values[name] for name in FIELDS if values.get(name) is not None}
    if not isinstance(address, (Mapping, str)):
        raise ValidationError("address", _ALLOWED, address)
    given = arg.body_attributes(address, "address", "e911")
    arg.known_keys(given, "address", frozenset(FIELDS))
    return {name: value for name, value in given.items() if value is not None}


def attributes(address: Any, fields: Mapping[str, Any], *, partial: bool) -> dict[str, str]:
    """The checked attributes of an address to send.

    Args:
        address: a model or dict of the address, or None to use `fields`.
        fields: the keyword fields of the call (None meaning not given);
            other names in it (a caller's ``locals()``) are ignored.
        partial: True for an update, where any non-empty subset is allowed;
            False when every required field must be there.
    """
    checked = {name: _CHECKS[name](value, name) for name, value in _given(address, fields).items()}
    if partial and not checked:
        raise ValidationError("address", "at least one field to change", None)
    if not partial:
        for name in REQUIRED:
            if name not in checked:
                raise ValidationError(name, f"the address's {name} (required)", None)
    if "address_type" in checked and "address_type_number" not in checked:
        raise ValidationError(
            "address_type_number", "the number that goes with address_type (required)", None
        )
    if not partial and "address_type_number" in checked and "address_type" not in checked:
        raise ValidationError("address_type", "the type that address_type_number numbers", None)
    return checked


def body(checked: Mapping[str, str]) -> dict[str, Any]:
    """The documented JSON:API document of an E911 address."""
    return {"data": {"type": "e911", "attributes": dict(checked)}}
