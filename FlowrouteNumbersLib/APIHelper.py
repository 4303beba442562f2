"""``FlowrouteNumbersLib.APIHelper``: the legacy helpers (`flowroute.compat.apihelper`)."""

from flowroute.compat.apihelper import APIHelper

__all__ = ["APIHelper"]
