"""``...models.number_26``: the SDK's ``Number26``."""

from flowroute.compat.v3.models import Number26

__all__ = ["Number26"]
