"""``...controllers.messages_controller``: the SDK's ``MessagesController``."""

from flowroute.compat.v3.messages import MessagesController

__all__ = ["MessagesController"]
