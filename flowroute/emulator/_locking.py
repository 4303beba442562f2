"""The one lock decorator of the emulator's domain stores.

Each store (E911 addresses, CNAM records, CDR exports) shares the lock of
the `State` it belongs to, so a verb on any of them is atomic with respect
to every other verb and to the dispatcher.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar, cast

__all__ = ["locked"]

F = TypeVar("F", bound=Callable[..., Any])


def locked(method: F) -> F:
    """Run the method holding ``self.lock``."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return method(self, *args, **kwargs)

    return cast(F, wrapper)
