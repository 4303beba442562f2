"""``...models.error_84``: the SDK's ``Error84``."""

from flowroute.compat.v3.models import Error84

__all__ = ["Error84"]
