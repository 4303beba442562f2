"""Domain errors of the emulated service.

The state raises these; each API version's routes decide how they look on
the wire (status code and error body), so nothing here knows about HTTP.
"""

from __future__ import annotations

from typing import Optional

__all__ = ["Conflict", "EmulatorError", "Forbidden", "Invalid", "NotFound", "Unlocatable"]


class EmulatorError(Exception):
    """Base class of every domain error the emulator's state raises.

    Attributes:
        detail: a one-line human explanation, sent to the client.
    """

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


class NotFound(EmulatorError):
    """The thing named does not exist (or is not on this account)."""


class Invalid(EmulatorError):
    """A value was rejected.

    Attributes:
        field: the name of the offending parameter or attribute.
    """

    def __init__(self, detail: str, field: Optional[str] = None) -> None:
        self.field = field
        super().__init__(detail)


class Conflict(EmulatorError):
    """The request clashes with the current state (already owned, duplicate alias)."""


class Forbidden(EmulatorError):
    """The account may not do this (send from a number it does not own)."""


class Unlocatable(EmulatorError):
    """Well-formed, but the service cannot locate it (an E911 address it cannot geocode)."""
