"""What a name in scanned code stands for: a legacy module, class or instance.

The scanner binds names file-wide (not per scope): a controller assigned
anywhere in a module is recognised everywhere in it, which is how legacy
code uses them (module globals and ``self.`` attributes).
"""

from __future__ import annotations

from typing import Optional, Union

import attrs

from ..compat.mapping import NAMES, TABLE, LegacyCall, LegacyName

__all__ = ["CALLS", "LIBRARIES", "Instance", "Ref", "Symbol", "legacy_name"]

LIBRARIES = tuple(dict.fromkeys(row.library for row in TABLE))
"""The top-level packages of the legacy surfaces."""

CALLS: dict[tuple[str, str, str], LegacyCall] = {
    (row.library, row.controller, row.method): row for row in TABLE
}
"""The mapping table's rows by library, controller and method."""

_NAMES: dict[tuple[str, str], LegacyName] = {(n.library, n.name): n for n in NAMES}
_MODEL_PACKAGES = ("Models", "models")


@attrs.frozen
class Ref:
    """A dotted path into a legacy package: a module or a class."""

    path: str

    @property
    def library(self) -> str:
        """The legacy package the path starts with."""
        return self.path.split(".", 1)[0]


@attrs.frozen
class Instance:
    """An object made from a legacy class (a controller, a client)."""

    name: LegacyName


Symbol = Union[Ref, Instance]


def legacy_name(ref: Ref) -> Optional[LegacyName]:
    """The legacy class a path names, or None for a module or an unknown name.

    The last known class on the path wins, so ``Models.Message.Message`` (the
    legacy messaging library's module and class of one name) is the class.
    """
    parts = ref.path.split(".")
    for part in reversed(parts[1:]):
        known = _NAMES.get((ref.library, part))
        if known is not None:
            return known
    last = parts[-1]
    if any(p in _MODEL_PACKAGES for p in parts) and last[:1].isupper():
        return _NAMES.get((ref.library, "*"))
    return None


def star_names(library: str) -> tuple[LegacyName, ...]:
    """What ``from <legacy module> import *`` brings into scope, as the libraries did."""
    return tuple(n for n in NAMES if n.library == library and n.name != "*")
