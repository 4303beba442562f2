"""``...models.error_1``: the SDK's ``Error1``."""

from flowroute.compat.v3.models import Error1

__all__ = ["Error1"]
