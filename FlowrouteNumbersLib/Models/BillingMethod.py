"""``FlowrouteNumbersLib.Models.BillingMethod`` (`flowroute.compat.BillingMethod`)."""

from flowroute.compat.apihelper import APIHelper
from flowroute.compat.models import BillingMethod

__all__ = ["APIHelper", "BillingMethod"]
