"""Legacy calls executed on v1, answered with v1's own JSON.

Each function is the v1 half of one row of `mapping.TABLE`: it calls
``client.v1`` (which signs, validates and pages) and hands back the body v1
answered, as the legacy library did: listings and details as decoded JSON,
writes as the empty string the legacy library returned for an empty body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .models import BillingMethod
from .models import Route as LegacyRoute

if TYPE_CHECKING:
    from ..v1 import V1

__all__ = [
    "create_new_route",
    "list_account_telephone_numbers",
    "list_area_and_exchange",
    "list_available_np_as",
    "list_routes",
    "purchase",
    "route_refs",
    "search",
    "telephone_number_details",
    "update",
]

EMPTY = ""  # what the legacy library returned for v1's empty success bodies


def _body(raw: Any) -> Any:
    # v1 answers {} (or nothing) when a listing matches nothing.
    return {} if raw is None else raw


def list_available_np_as(v1: V1, limit: Optional[int], page: Optional[int]) -> Any:
    """``GET /v1/available-tns/npas/``."""
    return _body(v1.purchasable_phone_numbers.list_available_np_as(limit, page).raw)


def list_area_and_exchange(v1: V1, limit: Optional[int], npa: Any, page: Optional[int]) -> Any:
    """``GET /v1/available-tns/npanxxs/``."""
    return _body(v1.purchasable_phone_numbers.list_area_and_exchange(limit, npa, page).raw)


def search(
    v1: V1,
    limit: Optional[int],
    npa: Any,
    nxx: Any,
    page: Optional[int],
    ratecenter: Optional[str],
    state: Optional[str],
    tn: Any,
) -> Any:
    """``GET /v1/available-tns/tns/``."""
    found = v1.purchasable_phone_numbers.search(limit, npa, nxx, page, ratecenter, state, tn)
    return _body(found.raw)


def billing_method_of(billing: Any) -> Any:
    """The billing method of a legacy `BillingMethod`, a ``{"billing_method"}`` dict or text."""
    if isinstance(billing, BillingMethod):
        return billing.billing_method
    if isinstance(billing, dict):
        return billing.get("billing_method")
    return billing


def purchase(v1: V1, billing: Any, number: Any) -> str:
    """``PUT /v1/tns/{number}`` with the billing method."""
    v1.telephone_numbers.purchase(billing_method_of(billing), number)
    return EMPTY


def list_account_telephone_numbers(
    v1: V1, limit: Optional[int], page: Optional[int], pattern: Any
) -> Any:
    """``GET /v1/tns/``."""
    return _body(v1.telephone_numbers.list_account_telephone_numbers(limit, page, pattern).raw)


def telephone_number_details(v1: V1, telephone_number: Any) -> Any:
    """``GET /v1/tns/{number}``."""
    return v1.telephone_numbers.telephone_number_details(telephone_number).raw


def route_refs(routes: Any) -> Any:
    """Legacy `Route` items as their names; anything else as given.

    The v1 client takes names, ``{"name"}`` dicts or its own Route; legacy
    code passes ours. Its own checks then refuse what is not a list.
    """
    if isinstance(routes, (list, tuple)):
        return [item.name if isinstance(item, LegacyRoute) else item for item in routes]
    return routes


def update(v1: V1, number: Any, routes: Any) -> str:
    """``PATCH /v1/tns/{number}`` with the primary and failover route names."""
    v1.telephone_numbers.update(number, route_refs(routes))
    return EMPTY


def list_routes(v1: V1, limit: Optional[int], page: Optional[int]) -> Any:
    """``GET /v1/routes/``."""
    return _body(v1.inbound_routes.list(limit, page).raw)


def create_new_route(v1: V1, route_name: Any, mtype: Any, value: Any) -> str:
    """``PUT /v1/routes/{route_name}``."""
    v1.inbound_routes.create_new_route(route_name, mtype, value)
    return EMPTY
