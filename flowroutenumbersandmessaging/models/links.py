"""``...models.links``: the SDK's ``Links``."""

from flowroute.compat.v3.models import Links

__all__ = ["Links"]
