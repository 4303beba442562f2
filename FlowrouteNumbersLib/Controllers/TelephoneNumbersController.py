"""``FlowrouteNumbersLib.Controllers.TelephoneNumbersController``.

``from ... import *`` brings what the legacy module's did (the controller,
``APIHelper``, ``Configuration``, ``APIException``, ``CustomAuthUtility``),
and the models and ``PartialUpdateError`` besides.
"""

from flowroute.compat import (
    APIException,
    BillingMethod,
    Configuration,
    PartialUpdateError,
    Route,
    TelephoneNumbersController,
)
from flowroute.compat.apihelper import APIHelper
from flowroute.compat.custom_auth import CustomAuthUtility

__all__ = [
    "APIException",
    "APIHelper",
    "BillingMethod",
    "Configuration",
    "CustomAuthUtility",
    "PartialUpdateError",
    "Route",
    "TelephoneNumbersController",
]
