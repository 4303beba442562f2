"""Argument checks the state's verbs share: what numbers, hosts and URLs look like.

Each check raises `Invalid` naming the field and what it must be, so every
API version renders the refusal the same way.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .errors import Invalid

__all__ = [
    "ACCOUNT_NUMBER",
    "DIGITS",
    "E164_DIGITS",
    "HOST",
    "HTTP_URL",
    "SIP_URI",
    "THREE_DIGITS",
    "check",
    "digits",
]

ACCOUNT_NUMBER = re.compile(r"1\d{10}")  # NANP, 11 digits, no "+"
E164_DIGITS = re.compile(r"[1-9]\d{9,14}")  # any E.164 number, without "+"
DIGITS = re.compile(r"\d{1,11}")
THREE_DIGITS = re.compile(r"\d{3}")
HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?")
SIP_URI = re.compile(r"sips?:\S+")
HTTP_URL = re.compile(r"https?://\S+")


def check(pattern: re.Pattern[str], value: Any, field: str, expected: str) -> str:
    """`value` when it is text that `pattern` matches whole; else Invalid naming `expected`."""
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise Invalid(f"{field} must be {expected}, got {value!r}", field)
    return value


def digits(value: Optional[str], field: str) -> Optional[str]:
    """A digit filter (1 to 11 digits), or None when not given."""
    return None if value is None else check(DIGITS, value, field, "1 to 11 digits")
