"""``...models.message_type_enum``: the SDK's ``MessageTypeEnum``."""

from flowroute.compat.v3.models import MessageTypeEnum

__all__ = ["MessageTypeEnum"]
