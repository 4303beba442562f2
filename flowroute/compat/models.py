"""The legacy request models, ``BillingMethod`` and ``Route``, as legacy code builds them.

The legacy classes took keyword arguments and ignored unknown ones; these
do the same, so ``Route(name="sip-reg")`` and ``BillingMethod(billing_method="METERED")``
work unchanged. ``resolve_names()`` gives the JSON object, as it did.
"""

from __future__ import annotations

from typing import Any, Optional

__all__ = ["BillingMethod", "Route"]


class BillingMethod:
    """How a number is to be billed on purchase (v1 only; v2 has no such field).

    Args:
        billing_method: ``"VPRI"`` or ``"METERED"``.
        **kwargs: other keywords are ignored, as the legacy model ignored them.
    """

    def __init__(self, billing_method: Optional[str] = None, **kwargs: Any) -> None:
        self.billing_method = billing_method

    def resolve_names(self) -> dict[str, Any]:
        """The model as its JSON object: ``{"billing_method": ...}``."""
        return {"billing_method": self.billing_method}

    def __repr__(self) -> str:
        return f"BillingMethod(billing_method={self.billing_method!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BillingMethod):
            return NotImplemented
        return self.billing_method == other.billing_method

    __hash__ = None  # type: ignore[assignment]  # mutable, like the legacy model


class Route:
    """A route by name, as `TelephoneNumbersController.update` takes it.

    Args:
        name: a route's name, or ``"sip-reg"`` for the built-in route.
        **kwargs: other keywords are ignored, as the legacy model ignored them.
    """

    def __init__(self, name: Optional[str] = None, **kwargs: Any) -> None:
        self.name = name

    def resolve_names(self) -> dict[str, Any]:
        """The model as its JSON object: ``{"name": ...}``."""
        return {"name": self.name}

    def __repr__(self) -> str:
        return f"Route(name={self.name!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Route):
            return NotImplemented
        return self.name == other.name

    __hash__ = None  # type: ignore[assignment]  # mutable, like the legacy model
