"""The v1 API (HMAC-signed, page-based): to be built (issue 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import requests

    from .._transport import Transport

__all__ = ["V1"]


class V1:
    """The v1 API namespace (placeholder until its controllers land)."""

    def __init__(self, transport: Transport, auth: Callable[[], requests.auth.AuthBase]) -> None:
        self._transport = transport
        self._auth = auth
