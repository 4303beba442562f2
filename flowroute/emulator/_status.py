"""Reason phrases for any status the emulator may answer, standard or not.

Faults may answer any status from 200 to 599, including ones Python's
`HTTPStatus` does not name (520, 599); those get the generic phrase of
their class, so the status line and the error titles are always written.
"""

from __future__ import annotations

from http import HTTPStatus

__all__ = ["reason_phrase"]

_GENERIC = {2: "Success", 3: "Redirection", 4: "Client Error", 5: "Server Error"}


def reason_phrase(status: int) -> str:
    """The standard phrase of `status`, else its class's (``"Server Error"`` for 520)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return _GENERIC.get(status // 100, "Unknown")
