"""Numbers v2: search the inventory, buy and release numbers, list the account's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from .. import _validate as check
from .._resource import Controller, Endpoint
from ..errors import ValidationError
from . import _arguments as arg
from . import models
from ._converter import read_one
from ._paging import list_page
from .models import Number

if TYPE_CHECKING:
    from decimal import Decimal

    from ..pagination import Page
    from .models import AreaCode, AvailableNumber, Exchange

__all__ = ["NumbersController"]

_AREA_CODES = Endpoint("GET", "/v2/numbers/available/areacodes")
_EXCHANGES = Endpoint("GET", "/v2/numbers/available/exchanges")
_AVAILABLE = Endpoint("GET", "/v2/numbers/available")
_ACCOUNT = Endpoint("GET", "/v2/numbers")
_DETAILS = Endpoint("GET", "/v2/numbers/{id}")
_PURCHASE = Endpoint(
    "POST",
    "/v2/numbers/{id}",
    outcome="the number may have been bought; list the account's numbers before retrying",
)
_RELEASE = Endpoint("DELETE", "/v2/numbers/{id}")
_UPDATE = Endpoint("PATCH", "/v2/numbers/{id}")

_ENDPOINTS = (
    _AREA_CODES,
    _EXCHANGES,
    _AVAILABLE,
    _ACCOUNT,
    _DETAILS,
    _PURCHASE,
    _RELEASE,
    _UPDATE,
)

_MAX_AREA_CODES = 400
_MAX_ITEMS = 200
_MAX_ALIAS = 64  # documented: a friendly name of up to 64 characters

Cost = Union["Decimal", float, int, str, None]
Digits = Union[int, str, None]


def _cost(value: Any) -> Optional[str]:
    # "f": never exponent notation such as 1E+2 on the wire.
    return None if value is None else format(check.decimal(value, "max_setup_cost"), "f")


class NumbersController(Controller):
    """Phone numbers: the purchasable inventory and the account's own numbers.

    Phone numbers are accepted as ``+12065550100``, ``12065550100`` or
    ``(206) 555-0100`` and sent in the API's 11-digit form. Listings return
    a `Page`; iterating it walks every following page.
    """

    def list_available_area_codes(
        self, limit: Optional[int] = None, offset: Optional[int] = None, max_setup_cost: Cost = None
    ) -> Page[AreaCode]:
        """List area codes that have purchasable numbers.

        Args:
            limit: area codes per page, 1 to 400.
            offset: area codes to skip.
            max_setup_cost: only area codes with a number costing at most
                this much (US dollars) to set up.
        """
        params = {
            "limit": arg.limit(limit, _MAX_AREA_CODES),
            "offset": arg.offset(offset),
            "max_setup_cost": _cost(max_setup_cost),
        }
        return list_page(self._send, _AREA_CODES, params, models.AreaCode)

    def list_available_exchange_codes(
        self,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
        max_setup_cost: Cost = None,
        areacode: Digits = None,
    ) -> Page[Exchange]:
        """List exchanges (area code + exchange) that have purchasable numbers.

        Args:
            limit: exchanges per page, 1 to 200.
            offset: exchanges to skip.
            max_setup_cost: only exchanges with a number costing at most
                this much (US dollars) to set up.
            areacode: only exchanges in this three-digit area code.
        """
        params = {
            "limit": arg.limit(limit, _MAX_ITEMS),
            "offset": arg.offset(offset),
            "max_setup_cost": _cost(max_setup_cost),
            "areacode": arg.areacode(areacode),
        }
        return list_page(self._send, _EXCHANGES, params, models.Exchange)

    def search_for_purchasable_phone_numbers(
        self,
        starts_with: Digits = None,
        contains: Digits = None,
        ends_with: Digits = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
        rate_center: Optional[str] = None,
        state: Optional[str] = None,
    ) -> Page[AvailableNumber]:
        """Search the numbers that can be purchased.

        Args:
            starts_with: digits the number starts with (e.g. ``1206``).
            contains: digits the number contains.
            ends_with: digits the number ends with.
            limit: numbers per page, 1 to 200.
            offset: numbers to skip.
            rate_center: abbreviated rate center, e.g. ``"seattle"``.
            state: two-letter state, e.g. ``"WA"``.
        """
        params = {
            "starts_with": arg.optional_digits(starts_with, "starts_with"),
            "contains": arg.optional_digits(contains, "contains"),
            "ends_with": arg.optional_digits(ends_with, "ends_with"),
            "limit": arg.limit(limit, _MAX_ITEMS),
            "offset": arg.offset(offset),
            "rate_center": None if rate_center is None else check.text(rate_center, "rate_center"),
            "state": arg.state(state),
        }
        return list_page(self._send, _AVAILABLE, params, models.AvailableNumber)

    def purchase_a_phone_number(self, id: Union[str, int]) -> Number:
        """Buy a number from the inventory; it is billed from now on.

        Args:
            id: the number to buy, as listed by
                `search_for_purchasable_phone_numbers`.
        """
        number = check.phone_number(id, "id")
        body = self._send(_PURCHASE, id=number)
        return read_one(body, Number)

    def list_account_phone_numbers(
        self,
        starts_with: Digits = None,
        ends_with: Digits = None,
        contains: Digits = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Page[Number]:
        """List the numbers on the account.

        Args:
            starts_with: digits the number starts with.
            ends_with: digits the number ends with.
            contains: digits the number contains.
            limit: numbers per page, 1 to 200.
            offset: numbers to skip.
        """
        params = {
            "starts_with": arg.optional_digits(starts_with, "starts_with"),
            "ends_with": arg.optional_digits(ends_with, "ends_with"),
            "contains": arg.optional_digits(contains, "contains"),
            "limit": arg.limit(limit, _MAX_ITEMS),
            "offset": arg.offset(offset),
        }
        return list_page(self._send, _ACCOUNT, params, Number)

    def list_phone_number_details(self, id: Union[str, int]) -> Number:
        """One number of the account, with its routes.

        Args:
            id: the account's phone number.
        """
        body = self._send(_DETAILS, id=check.phone_number(id, "id"))
        return read_one(body, Number)

    def release_a_phone_number(self, id: Union[str, int]) -> None:
        """Release a number from the account; it is no longer billed.

        Args:
            id: the account's phone number.
        """
        self._call(_RELEASE, id=check.phone_number(id, "id"))

    def update_number(
        self,
        id: Union[str, int],
        *,
        alias: Optional[str] = None,
        cnam_lookups_enabled: Optional[bool] = None,
    ) -> Number:
        """Change attributes of one of the account's numbers; those not given keep their values.

        Args:
            id: the account's phone number.
            alias: a friendly name, up to 64 characters (not unique).
            cnam_lookups_enabled: look up the caller's name on inbound calls.

        Returns:
            The number as updated.
        """
        number = check.phone_number(id, "id")
        body: dict[str, Any] = {"type": "number"}
        if alias is not None:
            body["alias"] = check.text(alias, "alias", _MAX_ALIAS)
        if cnam_lookups_enabled is not None:
            body["cnam_lookups_enabled"] = arg.boolean(cnam_lookups_enabled, "cnam_lookups_enabled")
        if len(body) == 1:
            raise ValidationError("alias", "an attribute to change: alias or cnam_lookups_enabled")
        # The documented body is flat, ``type`` beside the attributes, as the v3 SDK sends it.
        updated = self._send(_UPDATE, json=body, id=number)
        if updated.body is None:
            return self.list_phone_number_details(number)
        return read_one(updated, Number)

    def set_did_alias(self, id: Union[str, int], alias: str) -> Number:
        """Give one of the account's numbers a friendly name (the v3 SDK's name for it).

        Args:
            id: the account's phone number.
            alias: the name, up to 64 characters.

        Returns:
            The number as updated.
        """
        return self.update_number(id, alias=check.text(alias, "alias", _MAX_ALIAS))
