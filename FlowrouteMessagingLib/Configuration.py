"""``FlowrouteMessagingLib.Configuration``: the legacy messaging settings (``BASE_URI``)."""

from flowroute.compat.messaging import MessagingConfiguration as Configuration

__all__ = ["Configuration"]
