"""The v2 request bodies: a route to create, a message to send.

One of the private homes of `flowroute.v2.models`, which re-exports every
name here and imports this module on first use. Kept apart from the
resources they create, which a program reads far more often than it
creates them.
"""

from collections.abc import Sequence
from typing import Any, Optional, Union

import attrs

from ._route_models import RouteType

__all__ = ["NewMessage", "NewRoute"]


@attrs.frozen(kw_only=True)
class NewRoute:
    """The body of a route to create.

    Attributes:
        route_type: ``"host"``, ``"number"`` or ``"uri"`` (or a `RouteType`).
        value: the host name, phone number or SIP URI to send calls to.
        alias: a name for the route; the API requires one, so
            ``create_an_inbound_route`` refuses a route without it.
        edge_strategy: the id of an edge strategy (see
            ``list_edge_strategies``), e.g. ``"1"``; None for the default.
    """

    route_type: Union[RouteType, str]
    value: str
    alias: Optional[str] = None
    edge_strategy: Optional[Union[str, int]] = None

    def to_body(self) -> dict[str, Any]:
        """The documented JSON:API request body; unset optional attributes are left out."""
        attributes: dict[str, Any] = {"route_type": str(self.route_type), "value": self.value}
        if self.alias is not None:
            attributes["alias"] = self.alias
        if self.edge_strategy is not None:
            attributes["edge_strategy"] = str(self.edge_strategy)
        return {"data": {"type": "route", "attributes": attributes}}


@attrs.frozen(kw_only=True)
class NewMessage:
    """The body of an SMS or MMS to send.

    Attributes:
        to: the receiving number.
        from_: the sending number, one of the account's (``from`` in the API).
        body: the text; may be None only for an MMS with media.
        is_mms: send as MMS, even with text only (media make it one anyway).
        media_urls: http(s) URLs of the media to attach (an MMS).
        dlr_callback: a URL for this message's delivery reports.
    """

    to: str
    from_: str
    body: Optional[str] = None
    is_mms: bool = False
    media_urls: Sequence[str] = ()
    dlr_callback: Optional[str] = None

    def to_body(self) -> dict[str, Any]:
        """The documented JSON:API request body; unset optional attributes are left out."""
        attributes: dict[str, Any] = {"to": self.to, "from": self.from_}
        if self.body is not None:
            attributes["body"] = self.body
        if self.is_mms:
            attributes["is_mms"] = True
        if self.media_urls:
            attributes["media_urls"] = list(self.media_urls)
        if self.dlr_callback is not None:
            attributes["dlr_callback"] = self.dlr_callback
        return {"data": {"type": "message", "attributes": attributes}}
