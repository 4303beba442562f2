"""The v3 SDK's ``Configuration``, read at call time, and the Client built from it.

Code written for the published SDK sets ``Configuration.basic_auth_user_name``
and friends on the class (or passes them to the client, which sets them
there). Each call reads them and runs on a `flowroute.Client` cached per
(credentials, base URI), so a change between calls takes effect and the
connection pool is reused.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar, Optional

from ..._constants import DEFAULT_BASE_URL, ENV_BASE_URL
from ..configuration import LOCK

if TYPE_CHECKING:
    from ._session import Session

__all__ = ["Configuration", "reset", "session"]


class Configuration:
    """The SDK's settings, set on the class itself, as the SDK's demos do.

    Attributes:
        base_uri: where requests go. Left at its default,
            ``$FLOWROUTE_BASE_URL`` is honoured (e.g. an emulator's URL).
        basic_auth_user_name: the API access key; None reads ``$FR_ACCESS_KEY``.
        basic_auth_password: the API secret key; None reads ``$FR_SECRET_KEY``.
        array_serialization: kept for the SDK's `APIHelper` (``"indexed"``).
    """

    array_serialization: ClassVar[str] = "indexed"
    base_uri: ClassVar[str] = DEFAULT_BASE_URL
    basic_auth_user_name: ClassVar[Optional[str]] = None
    basic_auth_password: ClassVar[Optional[str]] = None

    # Sessions (a Client and its recording v2) by what builds them; emptied by `reset`.
    _sessions: ClassVar[dict[tuple[Optional[str], ...], Session]] = {}


def _base_url() -> str:
    uri = Configuration.base_uri
    if uri == DEFAULT_BASE_URL:
        # Read here, not left to the Client: a changed variable must key another session.
        uri = os.environ.get(ENV_BASE_URL) or uri
    return uri.rstrip("/")


def session() -> Session:
    """The session for the current settings, built once per (credentials, base URI)."""
    from ._session import Session

    key = (Configuration.basic_auth_user_name, Configuration.basic_auth_password, _base_url())
    with LOCK:  # two threads' first calls must not build two Clients (two pools)
        found = Configuration._sessions.get(key)
        if found is None:
            found = Session(*key)
            Configuration._sessions[key] = found
        return found


def reset() -> None:
    """Restore the SDK settings' defaults and close the Clients built from them."""
    with LOCK:
        for made in Configuration._sessions.values():
            made.client.close()
        Configuration._sessions.clear()
    Configuration.array_serialization = "indexed"
    Configuration.base_uri = DEFAULT_BASE_URL
    Configuration.basic_auth_user_name = None
    Configuration.basic_auth_password = None
