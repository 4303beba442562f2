"""``flowroutenumbersandmessaging.configuration``: the SDK's settings, read at call time."""

from flowroute.compat.v3.configuration import Configuration

__all__ = ["Configuration"]
