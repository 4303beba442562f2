"""The account's numbers: purchase, list, details and primary/failover routes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

from .._resource import Endpoint
from ..pagination import Page
from . import _arguments as check
from ._base import Listing, V1Controller
from .models import BillingMethod, Route, TelephoneNumber

__all__ = ["TelephoneNumbersController"]

_PURCHASE = Endpoint(
    "PUT",
    "/v1/tns/{number}",
    buys=True,
    outcome="the number may have been bought; list the account's numbers before retrying",
)
_LIST = Endpoint("GET", "/v1/tns/")
_DETAILS = Endpoint("GET", "/v1/tns/{number}")
_UPDATE = Endpoint("PATCH", "/v1/tns/{number}")

_NUMBER_ITEMS = Listing("tns", TelephoneNumber, "number")

Number = Union[int, str]
RouteRef = Union[Route, Mapping[str, Any], str]


class TelephoneNumbersController(V1Controller):
    """Numbers on the account (``client.v1.telephone_numbers``).

    Numbers may be given as ``"+12065550100"``, ``"12065550100"``,
    ``"(206) 555-0100"`` or an int; they are sent in v1's 11-digit form.
    """

    def purchase(self, billing: Union[BillingMethod, str], number: Number) -> None:
        """Buy an available number.

        Args:
            billing: ``"VPRI"`` or ``"METERED"``, or a `BillingMethod` holding one.
            number: the number to buy, from `PurchasablePhoneNumbersController.search`.

        Raises:
            ValidationError: a bad billing method or number (nothing is sent).
            APIError: the API refused, e.g. the number is no longer available.
        """
        body = {"billing_method": check.billing_method(billing)}
        self._call(_PURCHASE, json=body, number=check.number(number))

    def list_account_telephone_numbers(
        self,
        limit: Optional[int] = None,
        page: Optional[int] = None,
        pattern: Optional[Number] = None,
    ) -> Page[TelephoneNumber]:
        """List the account's numbers.

        Args:
            limit: numbers per page, 1 to 200; the API's default is 10.
            page: the page to start from (1 is the first).
            pattern: digits the number must contain (partial match).

        Returns:
            A page of `TelephoneNumber`, empty when nothing matches.

        Raises:
            ValidationError: a bad argument (nothing is sent).
        """
        params = {
            "limit": check.limit(limit),
            "page": check.page(page),
            "pattern": check.partial_number(pattern, "pattern"),
        }
        return self._page(_LIST, _NUMBER_ITEMS, params)

    def telephone_number_details(self, telephone_number: Number) -> TelephoneNumber:
        """Get one of the account's numbers: its billing method and routes.

        Args:
            telephone_number: a number on the account.

        Raises:
            ValidationError: not a phone number (nothing is sent).
            APIError: the API refused, e.g. the number is not on the account.
        """
        number = check.number(telephone_number, "telephone_number")
        return self._one(_DETAILS, TelephoneNumber, {"number": number})

    def update(self, number: Number, routes: Sequence[RouteRef]) -> None:
        """Set a number's primary and failover routes (v1 requires both).

        Args:
            number: a number on the account.
            routes: the primary route, then the failover route; each a `Route`,
                a ``{"name": ...}`` mapping or a route name (see
                `InboundRoutesController.list`; ``"sip-reg"`` is built in).

        Raises:
            ValidationError: a bad number or routes list (nothing is sent).
            APIError: the API refused, e.g. a route name does not exist.
        """
        body = {"routes": [{"name": name} for name in check.route_names(routes)]}
        self._call(_UPDATE, json=body, number=check.number(number))
