"""``FlowrouteNumbersLib.APIException``: the legacy error (`flowroute.compat.APIException`)."""

from flowroute.compat.errors import APIException

__all__ = ["APIException"]
