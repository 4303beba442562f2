"""Models of the v2 purchasable inventory: area codes, exchanges, available numbers.

One of the private homes of `flowroute.v2.models`, which re-exports every
name here and imports this module on first use.
"""

from decimal import Decimal
from typing import Any, Optional

import attrs

__all__ = ["AreaCode", "AvailableNumber", "Exchange"]


@attrs.frozen(kw_only=True)
class AreaCode:
    """An area code (NPA) with purchasable numbers.

    Attributes:
        id: the three-digit area code, e.g. ``"201"``.
        raw: the JSON resource object as received.
    """

    id: str
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Exchange:
    """An exchange (NPA-NXX) with purchasable numbers.

    Attributes:
        id: the six digits of area code and exchange, e.g. ``"347215"``.
        raw: the JSON resource object as received.
    """

    id: str
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class AvailableNumber:
    """A phone number that can be purchased.

    Attributes:
        id: the number's id (its 11-digit form), used to purchase it.
        value: the number in 11-digit form, e.g. ``"16463439507"``.
        rate_center: the abbreviated rate center, e.g. ``"nwyrcyzn01"``.
        state: the two-letter state, as the API spells it (often lower case).
        number_type: ``"standard"`` or ``"tollfree"``.
        setup_cost: one-time cost in US dollars.
        monthly_cost: monthly cost in US dollars.
        raw: the JSON resource object as received.
    """

    id: str
    value: str
    setup_cost: Decimal
    monthly_cost: Decimal
    rate_center: Optional[str] = None
    state: Optional[str] = None
    number_type: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)
