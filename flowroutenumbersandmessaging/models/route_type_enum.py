"""``...models.route_type_enum``: the SDK's ``RouteTypeEnum``."""

from flowroute.compat.v3.models import RouteTypeEnum

__all__ = ["RouteTypeEnum"]
