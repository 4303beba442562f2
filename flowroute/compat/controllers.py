"""The legacy numbers controllers, with their names, argument orders and defaults.

Each method is a static method (so it works on the class and on an
instance, as the legacy ones did) whose body hands its arguments to the row
of `mapping.TABLE` with the same name. Credentials, base URL and backend
come from `Configuration` at call time.
"""

from __future__ import annotations

from typing import Any, Optional

from . import configuration
from ._run import run
from .mapping import BY_NAME

__all__ = [
    "InboundRoutesController",
    "PurchasablePhoneNumbersController",
    "TelephoneNumbersController",
]


def _call(name: str, **arguments: Any) -> Any:
    return run(BY_NAME[name], configuration.client(), arguments, configuration.backend())


class PurchasablePhoneNumbersController:
    """Search the numbers for sale (legacy; see `flowroute.v2.numbers` for v2)."""

    @staticmethod
    def list_available_np_as(limit: Optional[int] = 200, page: Optional[int] = None) -> Any:
        """Area codes with numbers for sale: ``{"npas": {...}, "links": {...}}``."""
        return _call(
            "PurchasablePhoneNumbersController.list_available_np_as", limit=limit, page=page
        )

    @staticmethod
    def list_area_and_exchange(
        limit: Optional[int] = None, npa: Any = None, page: Optional[int] = None
    ) -> Any:
        """Area code + exchange pairs with numbers for sale: ``{"npanxxs": {...}, ...}``."""
        return _call(
            "PurchasablePhoneNumbersController.list_area_and_exchange",
            limit=limit,
            npa=npa,
            page=page,
        )

    @staticmethod
    def search(
        limit: Optional[int] = None,
        npa: Any = None,
        nxx: Any = None,
        page: Optional[int] = None,
        ratecenter: Optional[str] = None,
        state: Optional[str] = None,
        tn: Any = None,
    ) -> Any:
        """Numbers for sale: ``{"tns": {number: {...}}, "links": {...}}``, or ``{}``."""
        return _call(
            "PurchasablePhoneNumbersController.search",
            limit=limit,
            npa=npa,
            nxx=nxx,
            page=page,
            ratecenter=ratecenter,
            state=state,
            tn=tn,
        )


class TelephoneNumbersController:
    """The account's numbers (legacy; see `flowroute.v2.numbers` and `.routes` for v2)."""

    @staticmethod
    def purchase(billing: Any, number: Any) -> Any:
        """Buy `number` with a `BillingMethod`; returns ``''``."""
        return _call("TelephoneNumbersController.purchase", billing=billing, number=number)

    @staticmethod
    def list_account_telephone_numbers(
        limit: Optional[int] = None, page: Optional[int] = None, pattern: Any = None
    ) -> Any:
        """The account's numbers with their routes: ``{"tns": {...}, "links": {...}}``."""
        return _call(
            "TelephoneNumbersController.list_account_telephone_numbers",
            limit=limit,
            page=page,
            pattern=pattern,
        )

    @staticmethod
    def telephone_number_details(telephone_number: Any) -> Any:
        """One number's routes and billing method: ``{"routes": [...], "billing_method": ...}``."""
        return _call(
            "TelephoneNumbersController.telephone_number_details",
            telephone_number=telephone_number,
        )

    @staticmethod
    def update(number: Any, routes: Any) -> Any:
        """Set the primary, then failover route: ``[Route(name=...), ...]``; returns ``''``."""
        return _call("TelephoneNumbersController.update", number=number, routes=routes)


class InboundRoutesController:
    """Inbound routes (legacy; see `flowroute.v2.routes` for v2)."""

    @staticmethod
    def list(limit: Optional[int] = None, page: Optional[int] = None) -> Any:
        """The account's routes by name: ``{"routes": {name: {"type", "value"}}}``."""
        return _call("InboundRoutesController.list", limit=limit, page=page)

    @staticmethod
    def create_new_route(route_name: Any, mtype: Any, value: Any) -> Any:
        """Create route `route_name` of type HOST, PSTN or URI; returns ``''``."""
        return _call(
            "InboundRoutesController.create_new_route",
            route_name=route_name,
            mtype=mtype,
            value=value,
        )
