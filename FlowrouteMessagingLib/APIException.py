"""``FlowrouteMessagingLib.APIException``: the legacy messaging error."""

from flowroute.compat.messaging import APIException

__all__ = ["APIException"]
