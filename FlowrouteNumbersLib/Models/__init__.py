"""The legacy request models: ``BillingMethod`` and ``Route``.

As the legacy package's star imports left it, ``Models.BillingMethod`` and
``Models.Route`` are the classes (the modules stay importable by their
dotted paths); ``from FlowrouteNumbersLib.Models import *`` brings both.
"""

from .BillingMethod import APIHelper, BillingMethod
from .Route import Route

__all__ = ["APIHelper", "BillingMethod", "Route"]
