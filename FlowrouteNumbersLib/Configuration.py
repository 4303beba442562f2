"""``FlowrouteNumbersLib.Configuration``: the legacy settings (`flowroute.compat.Configuration`)."""

from flowroute.compat.configuration import Configuration

__all__ = ["Configuration"]
