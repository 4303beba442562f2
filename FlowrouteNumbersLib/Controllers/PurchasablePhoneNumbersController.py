"""``FlowrouteNumbersLib.Controllers.PurchasablePhoneNumbersController``.

``from ... import *`` brings the controller, ``Configuration``, ``APIException``
and the models into scope, as the legacy module did.
"""

from flowroute.compat import (
    APIException,
    BillingMethod,
    Configuration,
    PartialUpdateError,
    PurchasablePhoneNumbersController,
    Route,
)

__all__ = [
    "APIException",
    "BillingMethod",
    "Configuration",
    "PartialUpdateError",
    "PurchasablePhoneNumbersController",
    "Route",
]
