"""``...models.attributes``: the SDK's ``Attributes``."""

from flowroute.compat.v3.models import Attributes

__all__ = ["Attributes"]
