"""``...controllers.cnams_controller``: the SDK's ``CNAMsController``."""

from flowroute.compat.v3.cnams import CNAMsController

__all__ = ["CNAMsController"]
