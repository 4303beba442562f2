"""The legacy request models: ``BillingMethod`` and ``Route``."""

from .BillingMethod import BillingMethod
from .Route import Route

__all__ = ["BillingMethod", "Route"]
