"""Legacy calls executed on v2, answered in the documented v1 shapes.

Each public function here is the v2 half of one row of `mapping.TABLE`:
it checks the legacy arguments with v1's own rules (so both backends refuse
the same calls), calls ``client.v2`` (never building a URL), and rebuilds
the v1 JSON the legacy library returned, including v1-style ``links`` with
``page=``. The two-request `update` lives in `_update`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlencode

from ..errors import ValidationError
from ..v1 import _arguments as check
from ._on_v1 import EMPTY, billing_method_of

if TYPE_CHECKING:
    from ..v2 import V2
    from ..v2.models import Number, Route

__all__ = [
    "DEFAULT_LIMIT",
    "SIP_REG",
    "SIP_REG_ID",
    "V2_BILLING",
    "all_routes",
    "create_new_route",
    "legacy_route",
    "list_account_telephone_numbers",
    "list_area_and_exchange",
    "list_available_np_as",
    "list_routes",
    "purchase",
    "search",
    "telephone_number_details",
]

DEFAULT_LIMIT = 10  # v1's documented page size when no limit is given
SIP_REG = "sip-reg"
SIP_REG_ID = "0"  # the built-in route's id on v2
V2_BILLING = "METERED"  # v2 bills every number per minute; v1 calls that METERED
_V1_TYPES = {"host": "HOST", "number": "PSTN", "uri": "URI", "sip-reg": "SIP-REG"}
_V2_TYPES = {v1: v2 for v2, v1 in _V1_TYPES.items() if v1 != "SIP-REG"}
_PAGE_SIZE = 200  # the most v2 lists per request; used when walking every route


def _offset(limit: int, page: Optional[int]) -> int:
    return ((page or 1) - 1) * limit


def _links(path: str, query: dict[str, Any], limit: int, page: Optional[int], more: bool) -> Any:
    """v1 ``links``: ``prev`` from page 2 on, ``next`` when v2 has more; filters first."""
    current = page or 1
    kept = {k: v for k, v in query.items() if v is not None}
    links = {}
    if current > 1:
        links["prev"] = f"{path}?{urlencode({**kept, 'limit': limit, 'page': current - 1})}"
    if more:
        links["next"] = f"{path}?{urlencode({**kept, 'limit': limit, 'page': current + 1})}"
    return links


def _keyed(section: str, entries: dict[str, Any], links: dict[str, str]) -> dict[str, Any]:
    # v1 answers {} when nothing matches; otherwise the items and their links
    # (an empty object on a lone page, as the emulator's v1 reads it).
    return {section: entries, "links": links} if entries else {}


def _money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def list_available_np_as(v2: V2, limit: Optional[int], page: Optional[int]) -> dict[str, Any]:
    """``list_available_np_as`` on ``GET /v2/numbers/available/areacodes``."""
    size = check.limit(limit) or DEFAULT_LIMIT
    page = check.page(page)
    found = v2.numbers.list_available_area_codes(limit=size, offset=_offset(size, page))
    entries = {
        a.id: {
            "nxxs": f"/v1/available-tns/npanxxs/?npa={a.id}",
            "tns": f"/v1/available-tns/tns/?npa={a.id}",
        }
        for a in found.items
    }
    return _keyed(
        "npas", entries, _links("/v1/available-tns/npas/", {}, size, page, found.has_next)
    )


def list_area_and_exchange(
    v2: V2, limit: Optional[int], npa: Any, page: Optional[int]
) -> dict[str, Any]:
    """``list_area_and_exchange`` on ``GET /v2/numbers/available/exchanges``."""
    size = check.limit(limit) or DEFAULT_LIMIT
    area, page = check.code(npa, "npa"), check.page(page)
    found = v2.numbers.list_available_exchange_codes(
        limit=size, offset=_offset(size, page), areacode=area
    )
    entries = {
        e.id: {"tns": f"/v1/available-tns/tns/?npa={e.id[:3]}&nxx={e.id[3:]}"} for e in found.items
    }
    links = _links("/v1/available-tns/npanxxs/", {"npa": area}, size, page, found.has_next)
    return _keyed("npanxxs", entries, links)


def search(
    v2: V2,
    limit: Optional[int],
    npa: Any,
    nxx: Any,
    page: Optional[int],
    ratecenter: Optional[str],
    state: Optional[str],
    tn: Any,
) -> dict[str, Any]:
    """``search`` on ``GET /v2/numbers/available``: npa+nxx are ``starts_with``, tn ``contains``."""
    size = check.limit(limit) or DEFAULT_LIMIT
    area, exchange = check.code(npa, "npa"), check.code(nxx, "nxx")
    page, center = check.page(page), check.ratecenter(ratecenter)
    region, digits = check.state(state), check.partial_number(tn, "tn")
    if exchange is not None and area is None:
        raise ValidationError("npa", "an area code whenever nxx is given", npa)
    if center is not None and region is None:
        raise ValidationError("state", "a two-letter state whenever ratecenter is given", state)
    found = v2.numbers.search_for_purchasable_phone_numbers(
        starts_with=None if area is None else f"1{area}{exchange or ''}",
        contains=digits,
        limit=size,
        offset=_offset(size, page),
        rate_center=None if center is None else center.lower(),
        state=region,
    )
    entries = {
        n.value: {
            "initial_cost": _money(n.setup_cost),
            "monthly_cost": _money(n.monthly_cost),
            "state": (n.state or "").upper(),
            "ratecenter": (n.rate_center or "").upper(),
            "billing_methods": [V2_BILLING],
        }
        for n in found.items
    }
    query = {"npa": area, "nxx": exchange, "state": region, "ratecenter": center, "tn": digits}
    links = _links("/v1/available-tns/tns/", query, size, page, found.has_next)
    return _keyed("tns", entries, links)


def purchase(v2: V2, billing: Any, number: Any) -> str:
    """``purchase`` on ``POST /v2/numbers/{id}``; the billing method has no v2 field."""
    check.billing_method(billing_method_of(billing))
    v2.numbers.purchase_a_phone_number(check.number(number))
    return EMPTY


def all_routes(v2: V2) -> list[Route]:
    """Every route of the account, walking v2's pages."""
    return list(v2.routes.list_inbound_routes(limit=_PAGE_SIZE))


def legacy_route(route_id: Optional[str], route: Optional[Route]) -> dict[str, str]:
    """A v2 route as the v1 ``{"type", "name"}`` entry; unset reads as sip-reg, as on v1."""
    if route_id in (None, SIP_REG_ID) or route is None:
        return {"type": "SIP-REG", "name": SIP_REG}
    kind = str(route.route_type)
    return {"type": _V1_TYPES.get(kind, kind.upper()), "name": route.alias or route.id}


class _Routes:
    """Routes by id: those a number's details included, else the account's list, fetched once."""

    def __init__(self, v2: V2) -> None:
        self._v2 = v2
        self._by_id: Optional[dict[str, Route]] = None

    def get(self, route_id: Optional[str], included: Optional[Route]) -> Optional[Route]:
        if included is not None or route_id in (None, SIP_REG_ID):
            return included
        if self._by_id is None:
            self._by_id = {r.id: r for r in all_routes(self._v2)}
        return self._by_id.get(str(route_id))


def _number_entry(number: Number, routes: _Routes) -> dict[str, Any]:
    primary = routes.get(number.primary_route_id, number.primary_route)
    failover = routes.get(number.failover_route_id, number.failover_route)
    return {
        "routes": [
            legacy_route(number.primary_route_id, primary),
            legacy_route(number.failover_route_id, failover),
        ],
        "billing_method": V2_BILLING,
    }


def list_account_telephone_numbers(
    v2: V2, limit: Optional[int], page: Optional[int], pattern: Any
) -> dict[str, Any]:
    """``list_account_telephone_numbers`` on ``GET /v2/numbers`` plus each number's details."""
    size = check.limit(limit) or DEFAULT_LIMIT
    page, digits = check.page(page), check.partial_number(pattern, "pattern")
    found = v2.numbers.list_account_phone_numbers(
        contains=digits, limit=size, offset=_offset(size, page)
    )
    routes = _Routes(v2)
    entries = {}
    for listed in found.items:
        # v2 listings leave the route relationships out; the details carry them.
        number = v2.numbers.list_phone_number_details(listed.id)
        entries[number.value] = {
            **_number_entry(number, routes),
            "detail": f"/v1/tns/{number.value}",
        }
    links = _links("/v1/tns/", {"pattern": digits}, size, page, found.has_next)
    return _keyed("tns", entries, links)


def telephone_number_details(v2: V2, telephone_number: Any) -> dict[str, Any]:
    """``telephone_number_details`` on ``GET /v2/numbers/{id}``."""
    wanted = check.number(telephone_number, "telephone_number")
    number = v2.numbers.list_phone_number_details(wanted)
    return _number_entry(number, _Routes(v2))


def list_routes(v2: V2, limit: Optional[int], page: Optional[int]) -> dict[str, Any]:
    """``InboundRoutesController.list`` on ``GET /v2/routes``, keyed by alias.

    v1 pages routes in name order, v2 in creation order: every route is
    read, sorted by name, and the requested page cut from them.
    """
    size = check.limit(limit) or DEFAULT_LIMIT
    page = check.page(page)
    named = []
    for route in all_routes(v2):
        entry = legacy_route(route.id, route)
        value = SIP_REG if route.id == SIP_REG_ID else route.value
        named.append((entry["name"], {"type": entry["type"], "value": value}))
    named.sort(key=lambda item: item[0])
    start = _offset(size, page)
    entries = dict(named[start : start + size])
    more = start + size < len(named)
    return _keyed("routes", entries, _links("/v1/routes/", {}, size, page, more))


def create_new_route(v2: V2, route_name: Any, mtype: Any, value: Any) -> str:
    """``create_new_route`` on ``POST /v2/routes``: the name becomes the alias."""
    kind = check.route_type(mtype)
    body = {
        "route_type": _V2_TYPES[kind],
        "value": check.route_value(kind, value),
        "alias": check.route_name(route_name),
    }
    v2.routes.create_an_inbound_route(body)
    return EMPTY
