"""Faults written as data: the entries of the ``flowroute emulator --faults`` file.

Each entry is an object naming the fault kind (``"fault"``), its own
arguments and optionally the rule's; `parse_specs` turns the list into
what `Emulator.inject` takes, naming a malformed entry by its index.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable

from ._faults import Fault, check_rule

__all__ = ["parse_specs"]

# kind -> (factory, the factory's argument names, those required)
_FACTORIES: Mapping[str, tuple[Callable[..., Fault], tuple[str, ...], tuple[str, ...]]] = {
    "status": (Fault.status, ("status", "body", "retry_after"), ("status",)),
    "html": (Fault.html, ("status",), ()),
    "latency": (Fault.latency, ("seconds",), ("seconds",)),
    "refuse": (Fault.refuse, (), ()),
    "drop": (Fault.drop, (), ()),
    "timeout": (Fault.timeout, (), ()),
    "truncated": (Fault.truncated, (), ()),
    "malformed_json": (Fault.malformed_json, (), ()),
}
_RULE_ARGS = ("method", "path", "times", "probability", "seed")


def _spec(index: int, entry: Any) -> tuple[Fault, dict[str, Any]]:
    where = f"entry {index}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected an object, got {type(entry).__name__}")
    kind = entry.get("fault")
    if not isinstance(kind, str) or kind not in _FACTORIES:
        kinds = ", ".join(sorted(_FACTORIES))
        raise ValueError(f"{where}: 'fault' must be one of {kinds}; got {kind!r}")
    make, names, required = _FACTORIES[kind]
    unknown = sorted(set(entry) - {"fault", *names, *_RULE_ARGS})
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r} for a {kind} fault")
    missing = [name for name in required if name not in entry]
    if missing:
        raise ValueError(f"{where}: a {kind} fault needs {missing[0]!r}")
    rule_args = {name: entry[name] for name in _RULE_ARGS if name in entry}
    try:
        fault = make(**{name: entry[name] for name in names if name in entry})
        check_rule(**rule_args)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return fault, rule_args


def parse_specs(data: Any) -> list[tuple[Fault, dict[str, Any]]]:
    """Read faults written as data: a list of objects like ``{"fault": "status", "status": 503}``.

    Each object names the fault (``"fault"``), its own arguments (``status``,
    ``body``, ``retry_after``, ``seconds``) and optionally the rule's
    (``method``, ``path``, ``times``, ``probability``, ``seed``).

    Returns:
        (fault, keyword arguments for `Emulator.inject`) pairs, in order.

    Raises:
        ValueError: a malformed entry, named by its index (0-based).
    """
    if not isinstance(data, list):
        raise ValueError(f"expected a list of fault objects, got {type(data).__name__}")
    return [_spec(index, entry) for index, entry in enumerate(data)]
