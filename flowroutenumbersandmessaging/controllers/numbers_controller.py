"""``...controllers.numbers_controller``: the SDK's ``NumbersController``."""

from flowroute.compat.v3.numbers import NumbersController

__all__ = ["NumbersController"]
