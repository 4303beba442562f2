"""The legacy ``FlowrouteMessagingLib`` package: a thin re-export of `flowroute.compat.messaging`.

Its calls run on ``/v2.1/messages``; see the migration guide.
"""

from .APIException import APIException
from .Configuration import Configuration

__all__ = ["APIException", "Configuration"]
