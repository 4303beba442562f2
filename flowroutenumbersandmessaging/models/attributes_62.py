"""``...models.attributes_62``: the SDK's ``Attributes62``."""

from flowroute.compat.v3.models import Attributes62

__all__ = ["Attributes62"]
