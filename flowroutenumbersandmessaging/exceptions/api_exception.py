"""``...exceptions.api_exception``: the SDK's error for an unsuccessful call."""

from flowroute.compat.v3.exceptions import APIException

__all__ = ["APIException"]
