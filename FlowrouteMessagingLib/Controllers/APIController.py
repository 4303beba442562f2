"""``FlowrouteMessagingLib.Controllers.APIController``: send SMS, look up records."""

from flowroute.compat.messaging import APIController, APIException
from flowroute.compat.messaging import MessagingConfiguration as Configuration

__all__ = ["APIController", "APIException", "Configuration"]
