"""The legacy ``FlowrouteNumbersLib`` package: a thin re-export of `flowroute.compat`.

Legacy imports keep working unchanged; the calls run on the backend
``Configuration.backend`` names (v2 by default). See the migration guide.

The namespace is the one the legacy package's star imports made: the
classes under their own names (``FlowrouteNumbersLib.APIException`` is the
class; ``FlowrouteNumbersLib.APIException.APIException`` is not), and the
``Models`` and ``Controllers`` packages.
"""

from . import Controllers, Models
from .APIException import APIException
from .APIHelper import APIHelper
from .Configuration import Configuration
from .Controllers import (
    InboundRoutesController,
    PurchasablePhoneNumbersController,
    TelephoneNumbersController,
)
from .CustomAuthUtility import CustomAuthUtility
from .Models import BillingMethod, Route

__all__ = [
    "APIException",
    "APIHelper",
    "BillingMethod",
    "Configuration",
    "Controllers",
    "CustomAuthUtility",
    "InboundRoutesController",
    "Models",
    "PurchasablePhoneNumbersController",
    "Route",
    "TelephoneNumbersController",
]
