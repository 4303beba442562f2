"""The v1 endpoints: parse the request, call state verbs, render v1's keyed JSON.

v1 acts on the same `State` as v2: a v1 route is a state route whose alias
is its name (HOST/PSTN/URI are the state's host/number/uri), the built-in
``sip-reg`` is route ``"0"``, and a number's routes are its primary and
failover route ids. Listings are objects keyed by id, paged by ``page=``,
with relative ``links``, and ``{}`` when nothing matches; purchase, route
creation and route update answer with an empty body. The route table is at
the bottom; signature checking lives in `_v1_auth`, request parsing in
`_v1_parse`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Optional
from urllib.parse import urlencode, urlsplit

from . import _v1_parse as parse
from ._records import Api, Call, Endpoint, Reply
from ._v1_auth import authenticate
from ._v2_parse import only, query
from .errors import Conflict, Forbidden, Invalid, NotFound
from .models import AccountNumber, AvailableNumber, Route
from .state import SIP_REG_ROUTE

__all__ = ["API", "ENDPOINTS"]

Pairs = list[tuple[str, str]]
Rows = Sequence[tuple[str, dict[str, Any]]]

NPAS = "/v1/available-tns/npas/"
NPANXXS = "/v1/available-tns/npanxxs/"
AVAILABLE_TNS = "/v1/available-tns/tns/"
TNS = "/v1/tns/"
ROUTES = "/v1/routes/"

# As the v1 documentation lists them for every number.
BILLING_METHODS = ("VPRI", "METERED")
# Link queries repeat the filters in the documented order, then limit and page.
SEARCH_FILTERS = ("npa", "nxx", "state", "ratecenter", "tn")


# -- rendering ----------------------------------------------------------------


def _path(call: Call, path: str, pairs: Sequence[tuple[str, str]] = ()) -> str:
    """A link as v1 writes them: relative to the host, under the emulator's mount path."""
    mount = urlsplit(call.request.base_url).path
    query_text = urlencode(pairs)
    return f"{mount}{path}?{query_text}" if query_text else f"{mount}{path}"


def _listing(
    call: Call,
    path: str,
    section: str,
    rows: Rows,
    total: int,
    filters: dict[str, str],
    page: parse.Paging,
) -> Reply:
    """One page (`rows`) of a keyed listing of `total` items with prev/next links.

    ``{}`` when the page is empty.
    """
    if not rows:
        return Reply(200, {})

    def link(number: int) -> str:
        return _path(
            call, path, [*filters.items(), ("limit", str(page.limit)), ("page", str(number))]
        )

    links = {}
    if page.page > 1:
        links["prev"] = link(page.page - 1)
    if page.has_next(total):
        links["next"] = link(page.page + 1)
    return Reply(200, {section: dict(rows), "links": links})


def _money(amount: Decimal) -> str:
    """Dollars as v1 writes them: a string with two decimals (``"1.25"``)."""
    return f"{amount:.2f}"


def _route_ref(call: Call, route_id: Optional[str]) -> dict[str, str]:
    # No failover shows as sip-reg, the documented default of a new number.
    route = call.state.route(SIP_REG_ROUTE.id if route_id is None else route_id)
    return {"type": parse.V1_ROUTE_TYPES[route.route_type], "name": route.alias}


def _number_routes(call: Call, number: AccountNumber) -> list[dict[str, str]]:
    return [_route_ref(call, number.primary_route_id), _route_ref(call, number.failover_route_id)]


def _available(number: AvailableNumber) -> dict[str, Any]:
    return {
        "initial_cost": _money(number.setup_cost),
        "monthly_cost": _money(number.monthly_cost),
        "state": number.state.upper(),
        "ratecenter": number.rate_center.upper(),
        "billing_methods": list(BILLING_METHODS),
    }


def _route_entry(route: Route) -> dict[str, str]:
    value = route.alias if route.value is None else route.value  # sip-reg's value is its name
    return {"type": parse.V1_ROUTE_TYPES[route.route_type], "value": value}


# -- handlers -----------------------------------------------------------------


def list_npas(call: Call) -> Reply:
    """GET /v1/available-tns/npas/"""
    page = parse.paging(query(call, ("limit", "page")))
    items = [
        (
            npa,
            {
                "nxxs": _path(call, NPANXXS, [("npa", npa)]),
                "tns": _path(call, AVAILABLE_TNS, [("npa", npa)]),
            },
        )
        for npa in call.state.area_codes()
    ]
    return _listing(call, NPAS, "npas", page.slice(items), len(items), {}, page)


def list_npanxxs(call: Call) -> Reply:
    """GET /v1/available-tns/npanxxs/"""
    found = query(call, ("limit", "npa", "page"))
    page = parse.paging(found)
    npa = parse.code(found, "npa")
    items = [
        (code, {"tns": _path(call, AVAILABLE_TNS, [("npa", code[:3]), ("nxx", code[3:])])})
        for code in call.state.exchanges(npa)
    ]
    filters = only(found, ("npa",))
    return _listing(call, NPANXXS, "npanxxs", page.slice(items), len(items), filters, page)


def search(call: Call) -> Reply:
    """GET /v1/available-tns/tns/"""
    found = query(call, ("limit", "page", *SEARCH_FILTERS))
    page = parse.paging(found)
    npa, nxx = parse.code(found, "npa"), parse.code(found, "nxx")
    if nxx is not None and npa is None:
        raise Invalid("npa is required whenever nxx is given", "npa")
    state = parse.state_code(found)
    if "ratecenter" in found and state is None:
        raise Invalid("state is required whenever ratecenter is given", "state")
    numbers = call.state.search_available(
        contains=parse.digits(found, "tn"),
        rate_center=found.get("ratecenter"),
        state=state,
        npa=npa,
        nxx=nxx,
    )
    rows = [(n.number, _available(n)) for n in page.slice(numbers)]
    filters = only(found, SEARCH_FILTERS)
    return _listing(call, AVAILABLE_TNS, "tns", rows, len(numbers), filters, page)


def purchase(call: Call) -> Reply:
    """PUT /v1/tns/{number}"""
    query(call, ())
    call.state.purchase(call.params["number"], parse.billing_method(call))
    return Reply(201)


def list_account_numbers(call: Call) -> Reply:
    """GET /v1/tns/"""
    found = query(call, ("limit", "page", "pattern"))
    page = parse.paging(found)
    # Only this page is read and rendered, whatever the account's size.
    offset = (page.page - 1) * page.limit
    pattern = parse.digits(found, "pattern")
    numbers, total = call.state.account_page(offset, page.limit, contains=pattern)
    rows = [
        (
            n.number,
            {
                "routes": _number_routes(call, n),
                "billing_method": n.billing_method,
                "detail": _path(call, f"{TNS}{n.number}"),
            },
        )
        for n in numbers
    ]
    return _listing(call, TNS, "tns", rows, total, only(found, ("pattern",)), page)


def number_details(call: Call) -> Reply:
    """GET /v1/tns/{number}"""
    query(call, ())
    number = call.state.number(call.params["number"])
    return Reply(
        200, {"routes": _number_routes(call, number), "billing_method": number.billing_method}
    )


def _route_named(call: Call, name: str) -> Route:
    try:
        return call.state.route_by_alias(name)
    except NotFound:
        raise NotFound(f"no route named {name!r}") from None


def update(call: Call) -> Reply:
    """PATCH /v1/tns/{number}"""
    query(call, ())
    number = call.state.number(call.params["number"]).number
    primary_name, failover_name = parse.route_names(call)
    # Both names are resolved before either is set, so a bad one changes nothing.
    primary = _route_named(call, primary_name)
    failover = _route_named(call, failover_name)
    call.state.set_primary_route(number, primary.id)
    call.state.set_failover_route(number, failover.id)
    return Reply(204)


def list_routes(call: Call) -> Reply:
    """GET /v1/routes/"""
    page = parse.paging(query(call, ("limit", "page")))
    routes = sorted(call.state.routes(), key=lambda route: route.alias)
    items = [(route.alias, _route_entry(route)) for route in routes]
    return _listing(call, ROUTES, "routes", page.slice(items), len(items), {}, page)


def create_route(call: Call) -> Reply:
    """PUT /v1/routes/{route_name}"""
    query(call, ())
    name = parse.route_name(call.params["route_name"])
    route_type, value = parse.route_spec(call)
    call.state.create_route(route_type, value, name)
    return Reply(201)


# -- the API row --------------------------------------------------------------


def render_error(status: int, detail: str, error_id: str) -> dict[str, str]:
    """v1's error body: one message under ``error``."""
    return {"error": detail}


ENDPOINTS = (
    Endpoint("GET", NPAS, list_npas),
    Endpoint("GET", NPANXXS, list_npanxxs),
    Endpoint("GET", AVAILABLE_TNS, search),
    Endpoint("GET", TNS, list_account_numbers),
    Endpoint("PUT", f"{TNS}{{number}}", purchase),
    Endpoint("GET", f"{TNS}{{number}}", number_details),
    Endpoint("PATCH", f"{TNS}{{number}}", update),
    Endpoint("GET", ROUTES, list_routes),
    Endpoint("PUT", f"{ROUTES}{{route_name}}", create_route),
)

API = Api(
    prefixes=("/v1",),
    authenticate=authenticate,
    endpoints=ENDPOINTS,
    render_error=render_error,
    statuses={NotFound: 404, Invalid: 400, Conflict: 409, Forbidden: 403},
)
