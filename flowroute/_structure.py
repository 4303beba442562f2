"""What both API versions' converters share (the one response layer grows here)."""

from __future__ import annotations

from typing import Any, Callable

import cattrs

__all__ = ["structure_hook"]


def structure_hook(converter: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    """The hook `converter` structures `tp` with; cattrs 23.2 has no public getter."""
    get = getattr(converter, "get_structure_hook", None)
    dispatch: Any = get if get is not None else converter._structure_func.dispatch
    hook: Callable[[Any, Any], Any] = dispatch(tp)
    return hook
