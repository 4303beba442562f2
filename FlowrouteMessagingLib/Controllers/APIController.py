"""``FlowrouteMessagingLib.Controllers.APIController``: send SMS, look up records.

``from ... import *`` brings what the legacy module's did: the controller,
``APIHelper``, ``Configuration``, ``APIException`` and the ``requests`` module.
"""

import requests

from flowroute.compat.apihelper import APIHelper
from flowroute.compat.messaging import APIController, APIException
from flowroute.compat.messaging import MessagingConfiguration as Configuration

__all__ = ["APIController", "APIException", "APIHelper", "Configuration", "requests"]
