"""``...models.data``: the SDK's ``Data``."""

from flowroute.compat.v3.models import Data

__all__ = ["Data"]
