"""Searching Flowroute's inventory of numbers for sale: area codes, exchanges, numbers."""

from __future__ import annotations

from typing import Any, Optional, Union

from .._resource import Endpoint
from ..errors import ValidationError
from ..pagination import Page
from . import _arguments as check
from ._base import Listing, V1Controller
from .models import AvailableTelephoneNumber, Npa, NpaNxx

__all__ = ["PurchasablePhoneNumbersController"]

_NPAS = Endpoint("GET", "/v1/available-tns/npas/")
_NPANXXS = Endpoint("GET", "/v1/available-tns/npanxxs/")
_TNS = Endpoint("GET", "/v1/available-tns/tns/")


def _npanxx_fields(key: str) -> dict[str, str]:
    if len(key) != 6 or not key.isdigit():
        raise ValueError(f"expected six digits of NPA and NXX as the key, got {key!r}")
    return {"npanxx": key, "npa": key[:3], "nxx": key[3:]}


_NPA_ITEMS = Listing("npas", Npa, "npa")
_NPANXX_ITEMS = Listing("npanxxs", NpaNxx, _npanxx_fields)
_TN_ITEMS = Listing("tns", AvailableTelephoneNumber, "number")

Code = Union[int, str]


class PurchasablePhoneNumbersController(V1Controller):
    """Numbers available for purchase (``client.v1.purchasable_phone_numbers``)."""

    def list_available_np_as(
        self, limit: Optional[int] = None, page: Optional[int] = None
    ) -> Page[Npa]:
        """List the area codes (NPAs) with numbers for sale, lowest first.

        Args:
            limit: area codes per page, 1 to 200; the API's default is 10.
            page: the page to start from (1 is the first).

        Returns:
            A page of `Npa`; iterating it walks every later page.

        Raises:
            ValidationError: `limit` or `page` out of range (nothing is sent).
        """
        params = {"limit": check.limit(limit), "page": check.page(page)}
        return self._page(_NPAS, _NPA_ITEMS, params)

    def list_area_and_exchange(
        self,
        limit: Optional[int] = None,
        npa: Optional[Code] = None,
        page: Optional[int] = None,
    ) -> Page[NpaNxx]:
        """List the area code and exchange pairs (NPA-NXX) with numbers for sale.

        Args:
            limit: pairs per page, 1 to 200; the API's default is 10.
            npa: only this three-digit area code.
            page: the page to start from (1 is the first).

        Returns:
            A page of `NpaNxx`, empty when nothing matches.

        Raises:
            ValidationError: a bad argument (nothing is sent).
        """
        params = {
            "limit": check.limit(limit),
            "npa": check.code(npa, "npa"),
            "page": check.page(page),
        }
        return self._page(_NPANXXS, _NPANXX_ITEMS, params)

    def search(
        self,
        limit: Optional[int] = None,
        npa: Optional[Code] = None,
        nxx: Optional[Code] = None,
        page: Optional[int] = None,
        ratecenter: Optional[str] = None,
        state: Optional[str] = None,
        tn: Optional[Code] = None,
    ) -> Page[AvailableTelephoneNumber]:
        """Search the numbers for sale.

        Args:
            limit: numbers per page, 1 to 200; the API's default is 10.
            npa: a three-digit area code; required with `nxx`.
            nxx: a three-digit exchange.
            page: the page to start from (1 is the first).
            ratecenter: a rate center name (case-insensitive); requires `state`.
            state: a two-letter state or province code.
            tn: digits the number must contain (partial match).

        Returns:
            A page of `AvailableTelephoneNumber`, empty when nothing matches.

        Raises:
            ValidationError: a bad argument or combination (nothing is sent).
        """
        params: dict[str, Any] = {
            "limit": check.limit(limit),
            "npa": check.code(npa, "npa"),
            "nxx": check.code(nxx, "nxx"),
            "page": check.page(page),
            "ratecenter": check.ratecenter(ratecenter),
            "state": check.state(state),
            "tn": check.partial_number(tn, "tn"),
        }
        if params["nxx"] is not None and params["npa"] is None:
            raise ValidationError("npa", "an area code whenever nxx is given", npa)
        if params["ratecenter"] is not None and params["state"] is None:
            raise ValidationError("state", "a two-letter state whenever ratecenter is given", state)
        return self._page(_TNS, _TN_ITEMS, params)
