"""The model of a v2 phone number on the account.

One of the private homes of `flowroute.v2.models`, which re-exports every
name here and imports this module on first use. Listing the account's
numbers needs this module and `flowroute.v2._route_models` only.
"""

from typing import Any, Optional

import attrs

from ._route_models import Route

__all__ = ["Number"]


@attrs.frozen(kw_only=True)
class Number:
    """A phone number on the account.

    Attributes:
        id: the number's id (its 11-digit form).
        value: the number in 11-digit form.
        alias: the name given to the number, if any.
        rate_center: the abbreviated rate center.
        state: the two-letter state.
        number_type: ``"standard"``, ``"tollfree"`` or ``"inum"``.
        cnam_lookups_enabled: whether inbound caller-name lookups are on.
        primary_route_id: id of the primary voice route, if set.
        failover_route_id: id of the failover voice route, if set.
        primary_route: the primary `Route`, when the response included it.
        failover_route: the failover `Route`, when the response included it.
        e911_address_id: id of the E911 address, if one is associated.
        cnam_preset_id: id of the CNAM preset, if one is associated.
        raw: the JSON resource object as received.
    """

    id: str
    value: str
    alias: Optional[str] = None
    rate_center: Optional[str] = None
    state: Optional[str] = None
    number_type: Optional[str] = None
    cnam_lookups_enabled: Optional[bool] = None
    primary_route_id: Optional[str] = None
    failover_route_id: Optional[str] = None
    primary_route: Optional[Route] = None
    failover_route: Optional[Route] = None
    e911_address_id: Optional[str] = None
    cnam_preset_id: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)
