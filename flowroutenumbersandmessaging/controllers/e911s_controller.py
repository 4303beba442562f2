"""``...controllers.e911s_controller``: the SDK's ``E911sController``."""

from flowroute.compat.v3.e911s import E911sController

__all__ = ["E911sController"]
