"""Argument checks run before a request is built; each failure names the argument."""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Optional

from .errors import ValidationError

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "choice",
    "date_text",
    "decimal",
    "digits",
    "integer",
    "iso_datetime",
    "number_text",
    "phone_number",
    "text",
]

# Patterns as text, compiled by `re` on first use and cached there: compiling
# them all at import would cost a fifth of a millisecond of every program's start.
_PHONE_PUNCTUATION = r"[\s().\-]"
PHONE_FORMS = "an 11-digit North American number: +12065550100, 12065550100 or (206) 555-0100"


_MONEY_LIMIT = 1_000_000
# No argument is a number this long; a longer one is refused before int() or
# str() of it can fail (Python refuses to convert more than 4300 digits).
_MAX_DIGITS = 40


def number_text(value: Any) -> Optional[str]:
    """An int or a string as stripped text; None for a negative or absurdly long int.

    ``str(-12012421208)`` would lose its sign to punctuation stripping and
    name another number, so a signed int is refused here, not reinterpreted.
    """
    if isinstance(value, int):
        if value < 0 or value >= 10**_MAX_DIGITS:
            return None
        return str(value)
    return str(value).strip()


def integer(value: Any, argument: str, minimum: int, maximum: Optional[int] = None) -> int:
    """An int (or digit string) within [minimum, maximum]."""
    allowed = f"an integer from {minimum} to {maximum}" if maximum else f"an integer >= {minimum}"
    if isinstance(value, bool):
        raise ValidationError(argument, allowed, value)
    if isinstance(value, str):
        text = value.strip()
        # isascii: "²".isdigit() is true, yet int("²") fails; int() is given the
        # stripped text, as it strips less than str.strip() does ("0\x1f").
        if text.isdigit() and text.isascii() and len(text) <= _MAX_DIGITS:
            value = int(text)
    if not isinstance(value, int) or value < minimum or (maximum is not None and value > maximum):
        raise ValidationError(argument, allowed, value)
    return value


def phone_number(value: Any, argument: str) -> str:
    """A North American number in the 11-digit form the API documents (``1NPANXXXXXX``)."""
    text = (
        None if isinstance(value, bool) or not isinstance(value, (str, int)) else number_text(value)
    )
    # A sign is not punctuation: "-12012421208" must not become 12012421208.
    if not text or text[0] not in "+(0123456789":
        raise ValidationError(argument, PHONE_FORMS, value)
    if not text.isdigit():  # the usual 11 digits need no pattern
        text = re.sub(_PHONE_PUNCTUATION, "", text)
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("1"):
            raise ValidationError(argument, PHONE_FORMS, value)
    if not text.isascii():  # "١٢٠٦..." passes isdigit() but is not a dialable number
        raise ValidationError(argument, PHONE_FORMS, value)
    if len(text) == 10 and text.isdigit():
        text = "1" + text
    if len(text) != 11 or not text.isdigit() or text[0] != "1" or text[1] in "01":
        raise ValidationError(argument, PHONE_FORMS, value)
    return text


def digits(value: Any, argument: str, max_length: int = 11) -> str:
    """A run of 1 to `max_length` decimal digits, given as an int or a string."""
    allowed = f"1 to {max_length} digits"
    text = (
        None if isinstance(value, bool) or not isinstance(value, (str, int)) else number_text(value)
    )
    if not text or not text.isdigit() or not text.isascii() or len(text) > max_length:
        raise ValidationError(argument, allowed, value)
    return text


def decimal(value: Any, argument: str) -> Decimal:
    """A non-negative amount of money below one million (a larger one is a typo)."""
    # Imported here: decimal takes about a millisecond to import, and few calls
    # take an amount (the first v2 call of a program should not pay for it).
    from decimal import Decimal, InvalidOperation

    allowed = "a non-negative amount below 1000000, e.g. 3.25"
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValidationError(argument, allowed, value)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(argument, allowed, value) from None
    if not amount.is_finite() or amount < 0 or amount >= _MONEY_LIMIT:
        raise ValidationError(argument, allowed, value)
    return amount


_STATE = r"[A-Za-z]{2}"


def state(value: Any, argument: str = "state") -> str:
    """A two-letter state or province code, e.g. ``WA``."""
    if not isinstance(value, str) or not re.fullmatch(_STATE, value):
        raise ValidationError(argument, "a two-letter state or province code, e.g. WA", value)
    return value


def choice(value: Any, argument: str, allowed: Collection[str]) -> str:
    """One of a closed set of strings (compared case-sensitively)."""
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(argument, "one of " + ", ".join(sorted(allowed)), value)
    return value


def text(value: Any, argument: str, max_length: Optional[int] = None) -> str:
    """A non-empty string, at most `max_length` characters."""
    allowed = "a non-empty string" + (f" of at most {max_length} characters" if max_length else "")
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(argument, allowed, value)
    if max_length is not None and len(value) > max_length:
        raise ValidationError(argument, allowed, value)
    return str(value)


_DATE = r"\d{4}-\d{2}-\d{2}"
_FRACTION = r"(\.\d+)"


def iso_datetime(text: str) -> datetime.datetime:
    """ISO-8601 / RFC 3339 text as a datetime, alike on every Python; ValueError if not one.

    Before 3.11 ``fromisoformat`` reads neither ``Z`` nor a fraction of other
    than 3 or 6 digits, both of which the API and its users write.
    """
    text = text.replace("Z", "+00:00")
    if sys.version_info < (3, 11):
        text = re.sub(_FRACTION, lambda m: m.group(1)[:7].ljust(7, "0"), text, count=1)
    return datetime.datetime.fromisoformat(text)


def date_text(value: Any, argument: str) -> str:
    """A date or datetime as the API takes it: ``YYYY-MM-DD`` or ISO-8601."""
    allowed = "a date or datetime: datetime.date, datetime.datetime or 'YYYY-MM-DD[THH:MM:SS]'"
    if isinstance(value, datetime.datetime):
        moment: datetime.datetime = value
        if moment.tzinfo is not None:
            try:
                moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
            except OverflowError:  # year 1 east of UTC, or 9999 west of it
                raise ValidationError(argument, allowed, value) from None
        return moment.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and re.match(_DATE, value):
        try:
            iso_datetime(value)
        except ValueError:
            raise ValidationError(argument, allowed, value) from None
        return value
    raise ValidationError(argument, allowed, value)
