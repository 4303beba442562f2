"""Models of v2 inbound voice routes: a route and its type.

One of the private homes of `flowroute.v2.models`, which re-exports every
name here and imports this module on first use.
"""

import enum
from typing import Any, Optional, Union

import attrs

__all__ = ["Route", "RouteType"]


class RouteType(str, enum.Enum):
    """Kinds of inbound voice route. Values the API adds later stay plain strings."""

    HOST = "host"
    NUMBER = "number"
    URI = "uri"
    SIP_REG = "sip-reg"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Route:
    """An inbound voice route.

    Attributes:
        id: the route id; ``"0"`` is the built-in ``sip-reg`` route.
        route_type: a `RouteType`, or the API's string for a type this
            library does not know yet.
        value: the host, number or URI calls are sent to (None for sip-reg).
        alias: the route's name.
        edge_strategy: the id of the route's edge strategy, when it names one.
        raw: the JSON resource object as received.
    """

    id: str
    route_type: Union[RouteType, str]
    value: Optional[str] = None
    alias: Optional[str] = None
    edge_strategy: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)
