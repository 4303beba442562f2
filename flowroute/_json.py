"""Decoding response bodies: orjson when installed (``flowroute-sdk[fast]``), else the stdlib.

orjson decodes a 200-item page in half the time `json.loads` takes, which
is most of what separates a typed call from a raw one. It is optional and
changes nothing else: a body orjson refuses (``NaN``, UTF-16 text) is
decoded again by `json.loads`, so what is accepted does not depend on it.
One difference remains, documented: orjson reads an integer past 64 bits
as a float, where the standard library keeps it exact; no field of the
API carries such a number, and the models' integer and text fields refuse
a float, so such a body fails loudly rather than reading wrong. Until the
first body of 16 KB, the standard library decodes (see `_WORTH_IMPORTING`).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

__all__ = ["fast_in_use", "loads"]

# orjson comes in with the first body this large: importing it (it brings
# uuid and dataclasses) costs about 1.5 ms of CPU, more than it saves on the
# small bodies a program often starts with. From then on it decodes every body.
_WORTH_IMPORTING = 16_384
_UNSET: Any = object()
_fast: Any = _UNSET  # orjson.loads once looked up; None without orjson, or turned off


def _fast_decoder() -> Optional[Callable[[bytes], Any]]:
    try:
        import orjson
    except ImportError:
        return None
    decode: Callable[[bytes], Any] = orjson.loads
    return decode


def fast_in_use() -> Optional[Callable[[bytes], Any]]:
    """The decoder bodies go to before the standard library: orjson, or None.

    Looks orjson up now if no large body has done so yet; None when orjson
    is not installed or `_fast` was set to None (a run testing the fallback).
    """
    global _fast  # a lookup done once, like functools.cache, but settable by tests
    if _fast is _UNSET:
        _fast = _fast_decoder()
    decode: Optional[Callable[[bytes], Any]] = _fast
    return decode


def loads(content: bytes) -> Any:
    """Decode one JSON document.

    Raises:
        ValueError: not JSON (`json.JSONDecodeError`).
        RecursionError: nested too deep for the standard library.
    """
    fast = _fast
    if fast is _UNSET:
        if len(content) < _WORTH_IMPORTING:
            return json.loads(content)
        fast = fast_in_use()
    if fast is not None:
        try:
            return fast(content)
        except ValueError:
            pass  # decided by the standard library below, as without orjson
    return json.loads(content)
