"""The legacy controllers, one module each, as the legacy library laid them out.

As the legacy package's star imports left it, each controller's name here
is its class (the module stays importable by its dotted path), beside the
names the controller modules brought.
"""

from .InboundRoutesController import (
    APIException,
    APIHelper,
    Configuration,
    CustomAuthUtility,
    InboundRoutesController,
)
from .PurchasablePhoneNumbersController import PurchasablePhoneNumbersController
from .TelephoneNumbersController import TelephoneNumbersController

__all__ = [
    "APIException",
    "APIHelper",
    "Configuration",
    "CustomAuthUtility",
    "InboundRoutesController",
    "PurchasablePhoneNumbersController",
    "TelephoneNumbersController",
]
