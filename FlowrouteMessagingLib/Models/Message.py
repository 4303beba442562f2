"""``FlowrouteMessagingLib.Models.Message`` (`flowroute.compat.messaging.Message`)."""

from flowroute.compat.messaging import Message

__all__ = ["Message"]
