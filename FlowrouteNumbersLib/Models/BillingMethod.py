"""``FlowrouteNumbersLib.Models.BillingMethod`` (`flowroute.compat.BillingMethod`)."""

from flowroute.compat.models import BillingMethod

__all__ = ["BillingMethod"]
