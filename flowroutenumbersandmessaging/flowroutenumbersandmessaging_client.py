"""``flowroutenumbersandmessaging.flowroutenumbersandmessaging_client``: the SDK's client."""

from flowroute.compat.v3.client import FlowroutenumbersandmessagingClient

__all__ = ["FlowroutenumbersandmessagingClient"]
