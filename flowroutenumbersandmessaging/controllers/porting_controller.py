"""``...controllers.porting_controller``: the SDK's ``PortingController``."""

from flowroute.compat.v3.cdrs import PortingController

__all__ = ["PortingController"]
