"""``...models.data_27``: the SDK's ``Data27``."""

from flowroute.compat.v3.models import Data27

__all__ = ["Data27"]
