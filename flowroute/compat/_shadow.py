"""Shadow mode's comparison: where a v1 answer and its v2 translation differ.

Paths read like ``$.tns.12065550100.billing_method``; a mapping row's
documented differences are patterns over them (``$.tns.*.billing_method``),
matched with `fnmatch`. Links are compared by path and query parameters,
so the order in which each side writes its query does not count.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["differences"]

_MISSING = object()


def _link(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    parts = urlsplit(value)
    return (parts.path, sorted(parse_qsl(parts.query, keep_blank_values=True)))


def differences(v1: Any, v2: Any, documented: tuple[str, ...] = ()) -> list[str]:
    """One line per place where `v2` differs from `v1`, except `documented` paths.

    Args:
        v1: the answer of the v1 backend (decoded JSON).
        v2: the answer of the v2 backend for the same call.
        documented: path patterns (fnmatch) whose differences are expected.
    """
    found: list[str] = []
    _walk("$", v1, v2, documented, found)
    return found


def _walk(path: str, a: Any, b: Any, documented: tuple[str, ...], found: list[str]) -> None:
    if any(fnmatchcase(path, pattern) for pattern in documented):
        return
    if a is _MISSING or b is _MISSING:
        side, value = ("v2", b) if a is _MISSING else ("v1", a)
        found.append(f"{path}: only {side} has it ({value!r})")
    elif isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            _walk(f"{path}.{key}", a.get(key, _MISSING), b.get(key, _MISSING), documented, found)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (left, right) in enumerate(zip(a, b)):
            _walk(f"{path}[{index}]", left, right, documented, found)
    elif ".links." in path and _link(a) == _link(b):
        return
    elif a != b:
        found.append(f"{path}: v1 {a!r}, v2 {b!r}")
