"""The legacy ``Configuration``: the compat layer's one global, and the Client built from it.

Legacy code sets ``Configuration.username`` / ``.password`` (and sometimes
``BASE_URI``) on the class; every legacy call reads them at call time and
gets a `flowroute.Client` cached per (credentials, base URL), so settings
changed between calls take effect and a connection pool is reused.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, ClassVar, Optional

from .._constants import ENV_BASE_URL
from ..errors import ConfigurationError

if TYPE_CHECKING:
    from .._client import Client
    from .._retry import RetryPolicy

__all__ = [
    "BACKENDS",
    "ENV_BACKEND",
    "MAX_CLIENTS",
    "Configuration",
    "backend",
    "base_url",
    "client",
    "migration_report",
    "reset",
    "shared_client",
]

ENV_BACKEND = "FLOWROUTE_COMPAT_BACKEND"
"""Environment variable choosing the backend when ``Configuration.backend`` is None."""

BACKENDS = ("v1", "v2", "shadow")
"""``v1``: signed v1 calls; ``v2``: translated onto v2 (default);
``shadow``: answers from v1, reads repeated on v2."""

LEGACY_BASE_URI = "https://api.flowroute.com/v1"

LOCK = threading.Lock()
"""Guards what `Configuration` remembers between calls, which threads share."""

MAX_CLIENTS = 8
"""Clients (connection pools) kept for the most recently used credentials; older ones are closed."""


class Configuration:
    """The legacy library's settings, set on the class itself.

    Attributes:
        username: the API access key (falls back to ``$FR_ACCESS_KEY``).
        password: the API secret key (falls back to ``$FR_SECRET_KEY``).
        BASE_URI: the v1 base URI; a trailing ``/v1`` is ignored, so the
            emulator's URL works with or without it. Left at its default,
            ``$FLOWROUTE_BASE_URL`` is honoured.
        backend: ``"v1"``, ``"v2"`` or ``"shadow"``; None reads
            ``$FLOWROUTE_COMPAT_BACKEND``, then uses ``"v2"``.
        strict: when True, a call whose translation onto v2 would lose
            something raises `LossyTranslationError` instead of warning.
        retry_policy: the `flowroute.RetryPolicy` of the Clients legacy calls
            run on; None uses the default one.
    """

    username: ClassVar[Optional[str]] = None
    password: ClassVar[Optional[str]] = None
    BASE_URI: ClassVar[str] = LEGACY_BASE_URI
    backend: ClassVar[Optional[str]] = None
    strict: ClassVar[bool] = False
    retry_policy: ClassVar[Optional[RetryPolicy]] = None

    # What the compat layer remembers between calls; private, emptied by `reset`:
    # Clients keyed by what builds them, the call sites already warned, the
    # kinds of loss already warned, and every loss recorded for the report.
    _clients: ClassVar[OrderedDict[tuple[Any, ...], Client]] = OrderedDict()
    _warned_sites: ClassVar[set[tuple[str, int, str]]] = set()
    _warned_losses: ClassVar[set[str]] = set()
    _losses: ClassVar[list[dict[str, Any]]] = []


def reset() -> None:
    """Restore every `Configuration` setting to its default and forget what was remembered.

    Closes the cached Clients, forgets which call sites were warned and
    empties the migration report; the messaging library's and the v3
    SDK's settings are reset too. Tests call it between cases. Safe while
    other threads call.
    """
    from .messaging import LEGACY_BASE_URI as MESSAGING_BASE_URI
    from .messaging import MessagingConfiguration  # it imports this module
    from .v3.configuration import reset as reset_v3

    with LOCK:
        made = list(Configuration._clients.values())
        Configuration._clients.clear()
        Configuration._warned_sites.clear()
        Configuration._warned_losses.clear()
        Configuration._losses.clear()
        Configuration.username = None
        Configuration.password = None
        Configuration.BASE_URI = LEGACY_BASE_URI
        Configuration.backend = None
        Configuration.strict = False
        Configuration.retry_policy = None
        MessagingConfiguration.BASE_URI = MESSAGING_BASE_URI
        MessagingConfiguration.retry_policy = None
    for old in made:  # outside the lock: closing a pool may wait on its connections
        old.close()
    reset_v3()


def migration_report() -> list[dict[str, Any]]:
    """Every loss recorded since the last `reset`: what v2 could not keep, call by call.

    Each entry is a dict with ``call`` (``"TelephoneNumbersController.purchase"``),
    ``lost`` (a sentence) and ``arguments`` (the legacy arguments, secrets never included).
    """
    with LOCK:
        return [dict(entry) for entry in Configuration._losses]


def base_url(uri: str, default: str) -> Optional[str]:
    """The Client's base URL for a legacy ``BASE_URI`` (None: let the Client choose).

    Left at its `default`, ``$FLOWROUTE_BASE_URL`` wins; the version suffix
    the legacy libraries carried (``/v1``, ``/v2``) is dropped.
    """
    if uri == default and os.environ.get(ENV_BASE_URL):
        return None  # the Client reads $FLOWROUTE_BASE_URL itself
    uri = uri.rstrip("/")
    suffix = "/" + default.rsplit("/", 1)[1]
    return uri[: -len(suffix)] if uri.endswith(suffix) else uri


def backend() -> str:
    """The backend legacy calls run on now.

    Raises:
        ConfigurationError: an unknown backend name.
    """
    name = Configuration.backend or os.environ.get(ENV_BACKEND) or "v2"
    if name not in BACKENDS:
        raise ConfigurationError(
            f"unknown compat backend {name!r} (Configuration.backend or ${ENV_BACKEND}); "
            f"expected one of {', '.join(BACKENDS)}"
        )
    return name


def client() -> Client:
    """The Client for the current `Configuration` settings (see `shared_client`)."""
    base = base_url(Configuration.BASE_URI, LEGACY_BASE_URI)
    policy = Configuration.retry_policy
    return shared_client(Configuration.username, Configuration.password, base, policy)


def shared_client(
    username: Optional[str],
    password: Optional[str],
    base: Optional[str],
    policy: Optional[RetryPolicy],
) -> Client:
    """The Client for these settings, built once per (credentials, base URL, retry policy).

    Every legacy library shares it (numbers, messaging), so a program that
    builds a controller per call still uses one pool. The `MAX_CLIENTS`
    most recently used are kept (an application that switches between a
    few accounts reuses their pools); the least recently used beyond them
    is closed, so a process that sees many credentials does not keep a
    pool per key forever; `reset` closes them all.
    """
    from .._client import Client

    key = (username, password, base, policy)
    evicted = []
    with LOCK:  # two threads' first calls must not build two Clients (two pools)
        cache = Configuration._clients
        found = cache.get(key)
        if found is None:
            found = Client(username, password, base_url=base, retry_policy=policy)
            cache[key] = found
            while len(cache) > MAX_CLIENTS:
                evicted.append(cache.popitem(last=False)[1])
        else:
            cache.move_to_end(key)
    for old in evicted:
        old.close()
    return found
