"""Legacy ``FlowrouteNumbersLib`` / ``FlowrouteMessagingLib`` calls, run on v1, v2 or both.

The ``FlowrouteNumbersLib`` and ``FlowrouteMessagingLib`` packages re-export
this one, so legacy imports keep working::

    from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *

    Configuration.username = "..."; Configuration.password = "..."
    TelephoneNumbersController().update(
        "12066417607", [Route(name="my-host-route"), Route(name="sip-reg")]
    )

`Configuration.backend` (or ``$FLOWROUTE_COMPAT_BACKEND``) picks ``"v2"``
(translated, the default), ``"v1"`` or ``"shadow"``. `mapping.TABLE` says
what each legacy call becomes on v2 and what it loses; every call warns
with a `FlowrouteDeprecationWarning` naming its replacement.
"""

from __future__ import annotations

from .configuration import Configuration, migration_report, reset
from .controllers import (
    InboundRoutesController,
    PurchasablePhoneNumbersController,
    TelephoneNumbersController,
)
from .errors import (
    APIException,
    FlowrouteDeprecationWarning,
    FlowrouteShadowWarning,
    FlowrouteTranslationWarning,
    LossyTranslationError,
    PartialUpdateError,
)
from .models import BillingMethod, Route

__all__ = [
    "APIException",
    "BillingMethod",
    "Configuration",
    "FlowrouteDeprecationWarning",
    "FlowrouteShadowWarning",
    "FlowrouteTranslationWarning",
    "InboundRoutesController",
    "LossyTranslationError",
    "PartialUpdateError",
    "PurchasablePhoneNumbersController",
    "Route",
    "TelephoneNumbersController",
    "migration_report",
    "reset",
]
