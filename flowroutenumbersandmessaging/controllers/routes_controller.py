"""``...controllers.routes_controller``: the SDK's ``RoutesController``."""

from flowroute.compat.v3.routes import RoutesController

__all__ = ["RoutesController"]
