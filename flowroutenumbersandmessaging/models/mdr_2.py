"""``...models.mdr_2``: the SDK's ``MDR2``."""

from flowroute.compat.v3.models import MDR2

__all__ = ["MDR2"]
