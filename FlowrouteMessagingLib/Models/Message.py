"""``FlowrouteMessagingLib.Models.Message`` (`flowroute.compat.messaging.Message`)."""

from flowroute.compat.apihelper import APIHelper
from flowroute.compat.messaging import Message

__all__ = ["APIHelper", "Message"]
