"""Running one legacy call: warn, pick the backend, translate errors, shadow reads.

Every legacy method is one line calling `run` with its row of
`mapping.TABLE`; what differs between calls lives in the row.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from typing import TYPE_CHECKING, Any, Callable

from ..errors import APIError, FlowrouteError, ValidationError
from . import _record, _shadow
from .configuration import LOCK, Configuration
from .errors import (
    APIException,
    FlowrouteDeprecationWarning,
    FlowrouteShadowWarning,
    FlowrouteTranslationWarning,
    LossyTranslationError,
)

if TYPE_CHECKING:
    from .._client import Client
    from .mapping import LegacyCall

__all__ = ["run"]

logger = logging.getLogger("flowroute")

# Frames of these packages are ours: a warning points past them, at the caller.
_OURS = (
    "flowroute.compat",
    "FlowrouteNumbersLib",
    "FlowrouteMessagingLib",
    "flowroutenumbersandmessaging",
)


def _caller() -> tuple[int, tuple[str, int]]:
    """The stacklevel of the first frame outside the compat layer, seen from our caller,
    and that frame's (file, line)."""
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(_OURS):
        frame = frame.f_back
        level += 1
    return level, (frame.f_code.co_filename, frame.f_lineno)


def _warn(message: str, category: type[Warning]) -> None:
    level, _ = _caller()
    warnings.warn(message, category, stacklevel=level)


def _deprecated(row: LegacyCall, arguments: dict[str, Any]) -> None:
    """One FlowrouteDeprecationWarning per call site and legacy call; the call recorded."""
    level, (filename, line) = _caller()
    if os.environ.get(_record.ENV_RECORD):
        lost = row.loses(arguments) if row.loses is not None else None
        _record.record(row, (filename, line), lost)
    site = (filename, line, row.name)
    with LOCK:
        if site in Configuration._warned_sites:
            return
        Configuration._warned_sites.add(site)
    warnings.warn(row.deprecation(), FlowrouteDeprecationWarning, stacklevel=level)


def _plain(value: Any) -> Any:
    """Arguments as JSON-like values for the report (legacy models as their JSON)."""
    if hasattr(value, "resolve_names"):
        return value.resolve_names()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _check_loss(row: LegacyCall, arguments: dict[str, Any]) -> None:
    """Strict: refuse a lossy call. Otherwise record it, warning once per kind of loss."""
    lost = row.loses(arguments) if row.loses is not None else None
    if lost is None:
        return
    if Configuration.strict:
        raise LossyTranslationError(f"{row.name}: {lost} (Configuration.strict is set)")
    report = {"call": row.name, "lost": lost, "arguments": _plain(arguments)}
    with LOCK:  # one record per call and one warning per kind, whatever the threads
        Configuration._losses.append(report)
        first = row.name not in Configuration._warned_losses
        Configuration._warned_losses.add(row.name)
    logger.info("compat: %s: %s", row.name, lost)
    if first:
        _warn(f"{row.name} on v2: {lost}", FlowrouteTranslationWarning)


# What each library's rows turn into its exception: the legacy libraries
# every failure (their callers catch only APIException); the v3 SDK's rows
# the API's and the arguments' (transport failures stay flowroute errors there).
_API_FAILURES: tuple[type[FlowrouteError], ...] = (APIError, ValidationError)
_EVERY_FAILURE: tuple[type[FlowrouteError], ...] = (FlowrouteError,)


def _legacy_errors(
    row: LegacyCall, call: Callable[[], Any], caught: tuple[type[Exception], ...] = _API_FAILURES
) -> Any:
    """Run `call`; a `caught` flowroute failure reaches the caller as the row's exception."""
    try:
        return call()
    except APIException:
        raise  # already legacy-shaped (PartialUpdateError)
    except caught as exc:
        raise row.error(exc) from exc


def _shadow_read(row: LegacyCall, client: Client, arguments: dict[str, Any], answer: Any) -> None:
    """Repeat a read on v2 and report each difference from v1's answer."""
    try:
        translated = row.on_v2(client.v2, **arguments)
    except FlowrouteError as exc:
        found = [f"v2 failed where v1 answered: {exc}"]
    else:
        found = _shadow.differences(answer, translated, row.differences)
    for difference in found:
        logger.warning("compat shadow: %s: %s", row.name, difference)
        _warn(f"shadow {row.name}: {difference}", FlowrouteShadowWarning)


def run(row: LegacyCall, client: Client, arguments: dict[str, Any], backend: str) -> Any:
    """Run one legacy call on `backend` (``"v1"``, ``"v2"`` or ``"shadow"``).

    Raises:
        APIException: the API, or the translation, refused the call (the
            row's legacy exception class, with the legacy body).
        LossyTranslationError: strict mode, and v2 would lose part of the call.
    """
    _deprecated(row, arguments)
    if backend == "v2" or row.on_v1 is None:
        _check_loss(row, arguments)
        return _legacy_errors(row, lambda: row.on_v2(client.v2, **arguments), _EVERY_FAILURE)
    on_v1 = row.on_v1
    answer = _legacy_errors(row, lambda: on_v1(client.v1, **arguments), _EVERY_FAILURE)
    if backend == "shadow" and row.read:
        _shadow_read(row, client, arguments, answer)
    return answer
