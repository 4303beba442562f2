"""``FlowrouteNumbersLib.Models.Route`` (`flowroute.compat.Route`)."""

from flowroute.compat.models import Route

__all__ = ["Route"]
