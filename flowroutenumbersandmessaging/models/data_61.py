"""``...models.data_61``: the SDK's ``Data61``."""

from flowroute.compat.v3.models import Data61

__all__ = ["Data61"]
