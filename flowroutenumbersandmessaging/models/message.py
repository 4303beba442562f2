"""``...models.message``: the SDK's ``Message``."""

from flowroute.compat.v3.models import Message

__all__ = ["Message"]
