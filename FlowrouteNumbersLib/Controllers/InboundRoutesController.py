"""``FlowrouteNumbersLib.Controllers.InboundRoutesController``.

``from ... import *`` brings the controller, ``Configuration``, ``APIException``
and the models into scope, as the legacy module did.
"""

from flowroute.compat import (
    APIException,
    BillingMethod,
    Configuration,
    InboundRoutesController,
    PartialUpdateError,
    Route,
)

__all__ = [
    "APIException",
    "BillingMethod",
    "Configuration",
    "InboundRoutesController",
    "PartialUpdateError",
    "Route",
]
