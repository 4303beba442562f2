"""``...controllers.cdrs_controller``: the SDK's ``CDRsController``."""

from flowroute.compat.v3.cdrs import CDRsController

__all__ = ["CDRsController"]
