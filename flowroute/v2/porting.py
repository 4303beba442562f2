"""Porting v2: whether numbers can be ported to Flowroute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from .. import _validate as check
from .._reading import decode_error
from .._resource import Controller, Endpoint
from ..errors import ValidationError
from .models import Portability

if TYPE_CHECKING:
    from .._transport import Response

__all__ = ["PortingController"]

_PORTABILITY = Endpoint(
    "POST",
    "/v2/portorders/portability",
    safe=True,  # it changes nothing: retried like a GET
)
_ENDPOINTS = (_PORTABILITY,)
_GROUPS = ("portable", "nonportable", "hypernetwork_enabled")


def _e164(numbers: Any) -> list[str]:
    """The numbers in the E.164 form the API requires (``+12065550100``)."""
    if isinstance(numbers, (str, bytes, Mapping)) or not isinstance(numbers, (list, tuple)):
        raise ValidationError("numbers", "a non-empty list of phone numbers", numbers)
    if not numbers:
        raise ValidationError("numbers", "a non-empty list of phone numbers", numbers)
    return ["+" + check.phone_number(number, "numbers") for number in numbers]


def _portability(response: Response) -> Portability:
    body = response.body
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise decode_error(response, "expected an object @ $.data", "$.data")
    groups: dict[str, tuple[str, ...]] = {}
    for name in _GROUPS:
        found = data.get(name) or []
        if not isinstance(found, list) or not all(isinstance(n, str) for n in found):
            where = f"$.data.{name}"
            raise decode_error(response, f"expected a list of strings @ {where}", where)
        groups[name] = tuple(found)
    return Portability(**groups, raw=data)


class PortingController(Controller):
    """Porting numbers in from another carrier."""

    def check_portability(self, numbers: Sequence[Union[str, int]]) -> Portability:
        """Check which numbers can be ported to Flowroute.

        Args:
            numbers: North American numbers in any accepted form
                (``+12065550100``, ``12065550100``, ``(206) 555-0100``);
                they are sent in E.164 form, as the API requires.

        Returns:
            The numbers grouped as portable, not portable, and already on
            Flowroute's HyperNetwork.
        """
        return _portability(self._send(_PORTABILITY, json={"numbers": _e164(numbers)}))
