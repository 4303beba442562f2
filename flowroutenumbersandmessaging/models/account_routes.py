"""``...models.account_routes``: the SDK's ``AccountRoutes``."""

from flowroute.compat.v3.models import AccountRoutes

__all__ = ["AccountRoutes"]
