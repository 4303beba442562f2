"""``FlowrouteNumbersLib.Models.Route`` (`flowroute.compat.Route`)."""

from flowroute.compat.apihelper import APIHelper
from flowroute.compat.models import Route

__all__ = ["APIHelper", "Route"]
