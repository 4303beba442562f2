"""``...exceptions.error_exception``: the SDK's error carrying the API's ``errors``."""

from flowroute.compat.v3.exceptions import ErrorException

__all__ = ["ErrorException"]
