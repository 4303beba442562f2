"""``...models.attributes_28``: the SDK's ``Attributes28``."""

from flowroute.compat.v3.models import Attributes28

__all__ = ["Attributes28"]
