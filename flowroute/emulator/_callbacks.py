"""Messaging callback URLs: the account's (SMS, MMS, DLR) and each number's.

The service POSTs inbound messages and delivery receipts to these URLs; the
emulator keeps them so an app can set, read and remove them as it would on
the service (``PUT /v2.1/messages/{callback_type}``, ``POST
/v2/numbers/{id}/relationships/{callback_type}``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from ._locking import locked
from .errors import Invalid, NotFound

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .state import State

__all__ = ["CALLBACK_TYPES", "CallbackBook"]

CALLBACK_TYPES = ("sms_callback", "mms_callback", "dlr_callback")
"""The callback types, as the path names them."""

_URL = re.compile(r"https?://[^\s/]+\S*")


class CallbackBook:
    """The account's callback URLs and each number's.

    Args:
        state: the emulated service; numbers are looked up there, and its
            lock is held by every verb.

    Attributes:
        urls: callback URL by (callback type, number); the account's own
            have the number None.
    """

    urls: dict[tuple[str, Optional[str]], str]

    def __init__(self, state: State) -> None:
        self._state = state
        self.lock = state.lock
        self.urls = {}

    def _key(self, kind: str, number: Optional[str]) -> tuple[str, Optional[str]]:
        if kind not in CALLBACK_TYPES:
            raise NotFound(f"no callback type {kind!r}; use one of {', '.join(CALLBACK_TYPES)}")
        if number is not None:
            self._state.number(number)  # NotFound unless the account has it
        return kind, number

    @locked
    def set(self, kind: str, url: Any, number: Optional[str] = None) -> None:
        """Set the `kind` callback URL of the account, or of one of its numbers."""
        key = self._key(kind, number)
        if not isinstance(url, str) or not _URL.fullmatch(url):
            raise Invalid(f"callback_url must be an http(s) URL, got {url!r}", "callback_url")
        self.urls[key] = url

    @locked
    def get(self, kind: str, number: Optional[str] = None) -> str:
        """The `kind` callback URL set; NotFound when none is."""
        key = self._key(kind, number)
        if key not in self.urls:
            owner = f"number {number}" if number else "the account"
            raise NotFound(f"{owner} has no {kind}")
        return self.urls[key]

    @locked
    def remove(self, kind: str, number: Optional[str] = None) -> None:
        """Remove the `kind` callback URL; removing one not set changes nothing."""
        self.urls.pop(self._key(kind, number), None)

    @locked
    def forget(self, numbers: Iterable[str]) -> None:
        """Drop the callbacks of numbers leaving the account."""
        gone = set(numbers)
        self.urls = {key: url for key, url in self.urls.items() if key[1] not in gone}
