"""The v1 API's data: what the Numbers endpoints return and what they take.

Plain attrs classes with no knowledge of JSON names or HTTP; `_converter`
holds the wire rules. Every model keeps the payload it was built from in
``.raw`` (None when built by hand), so fields the API adds later are kept.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any, Optional, Union

import attrs

__all__ = [
    "BILLING_METHODS",
    "SIP_REG",
    "AvailableTelephoneNumber",
    "BillingMethod",
    "Npa",
    "NpaNxx",
    "Route",
    "RouteType",
    "TelephoneNumber",
]

BILLING_METHODS = frozenset({"VPRI", "METERED"})
"""The billing methods a number can be bought with."""

SIP_REG = "sip-reg"
"""The name of the built-in route: deliver calls to the SIP-registered device."""


class RouteType(str, enum.Enum):
    """The kinds of inbound route `create_new_route` can make.

    Listings may carry other types (the built-in route is ``SIP-REG``); those
    stay plain strings.
    """

    HOST = "HOST"
    """An IP address or host name, with an optional port: ``24.239.23.40:5060``."""
    PSTN = "PSTN"
    """An 11-digit North American phone number: ``12065550100``."""
    URI = "URI"
    """A SIP URI: ``sip:alice@example.com:5060``."""


@attrs.frozen(kw_only=True)
class BillingMethod:
    """How a purchased number is billed.

    Attributes:
        billing_method: ``"VPRI"`` (calls limited by your VPRI channels,
            unmetered) or ``"METERED"`` (unlimited calls, billed per minute).
    """

    billing_method: str
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Route:
    """An inbound route, named; as set on a number or listed for the account.

    `SIP_REG` (``"sip-reg"``) names the built-in route every account has.

    Attributes:
        name: the route's unique name.
        type: a `RouteType`, or the API's text for types without a member
            (``"SIP-REG"``); None when not given.
        value: where the route delivers calls (host, number or URI); None
            when not given.
    """

    name: str
    type: Optional[Union[RouteType, str]] = None
    value: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Npa:
    """An area code with numbers available for purchase.

    Attributes:
        npa: the three-digit area code.
        nxxs_url: relative URL listing this area code's exchanges.
        tns_url: relative URL listing this area code's available numbers.
    """

    npa: str
    nxxs_url: Optional[str] = None
    tns_url: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class NpaNxx:
    """An area code and exchange with numbers available for purchase.

    Attributes:
        npanxx: the six digits of area code and exchange, e.g. ``"206258"``.
        npa: the area code, e.g. ``"206"``.
        nxx: the exchange, e.g. ``"258"``.
        tns_url: relative URL listing this exchange's available numbers.
    """

    npanxx: str
    npa: str
    nxx: str
    tns_url: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class AvailableTelephoneNumber:
    """A number that can be purchased.

    Attributes:
        number: the 11-digit number, e.g. ``"12067439178"``.
        initial_cost: one-time cost in USD.
        monthly_cost: recurring monthly cost in USD.
        state: the state or province of the number's rate center.
        ratecenter: the number's rate center.
        billing_methods: the billing methods it can be bought with.
    """

    number: str
    initial_cost: Decimal
    monthly_cost: Decimal
    state: str
    ratecenter: str
    billing_methods: list[str] = attrs.field(factory=list)
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class TelephoneNumber:
    """A number on the account, with its billing method and routes.

    Attributes:
        number: the 11-digit number.
        billing_method: how the number is billed (``"VPRI"`` or ``"METERED"``).
        routes: the primary route, then the failover route.
        detail_url: relative URL of the number's details (listings only).
    """

    number: str
    billing_method: str
    routes: list[Route] = attrs.field(factory=list)
    detail_url: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)
