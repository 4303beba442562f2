"""``...controllers.base_controller``: the base of the SDK's controllers."""

from flowroute.compat.v3._session import BaseController

__all__ = ["BaseController"]
