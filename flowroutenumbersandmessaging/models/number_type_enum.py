"""``...models.number_type_enum``: the SDK's ``NumberTypeEnum``."""

from flowroute.compat.v3.models import NumberTypeEnum

__all__ = ["NumberTypeEnum"]
