"""``...models.new_route``: the SDK's ``NewRoute``."""

from flowroute.compat.v3.models import NewRoute

__all__ = ["NewRoute"]
