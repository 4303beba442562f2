"""The v2 and v2.1 endpoints: parse the request, call one state verb, render JSON:API.

The route table at the bottom lists every endpoint. Parsing of bodies and
query strings lives in `_v2_parse`; this module renders the documented
shapes (``data``/``attributes``/``relationships``/``included``/``links``),
with links on the emulator's own base URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Optional

from . import _v2_callbacks, _v2_cdr, _v2_cnam, _v2_e911, _v2_extras
from . import _v2_parse as parse
from ._payloads import message_attributes, timestamp
from ._records import Api, Call, Credentials, Endpoint, Reply, Request, basic_credentials
from ._status import reason_phrase
from ._v2_common import Pairs, filters_then_paging, number_changes, page_links, url
from .errors import Conflict, Forbidden, Invalid, NotFound, Unlocatable
from .models import AccountNumber, AvailableNumber, Message, Route

__all__ = ["API"]

NUMBERS = "/v2/numbers"
AVAILABLE = "/v2/numbers/available"
ROUTES = "/v2/routes"
MESSAGES = "/v2.1/messages"
NUMBER_FILTERS = ("starts_with", "ends_with", "contains")
AVAILABLE_FILTERS = ("starts_with", "contains", "ends_with", "rate_center", "state")


# -- rendering ----------------------------------------------------------------


def _money(amount: Decimal) -> Any:
    """Dollars as the docs print them: 1 for whole amounts, else 3.99."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _route_resource(call: Call, route: Route, path: str = ROUTES) -> dict[str, Any]:
    attributes = {"alias": route.alias, "route_type": route.route_type, "value": route.value}
    if route.edge_strategy is not None:  # shown only when the route names one
        attributes["edge_strategy"] = route.edge_strategy
    return {
        "attributes": attributes,
        "id": route.id,
        "links": {"self": url(call, f"{path}/{route.id}")},
        "type": "route",
    }


def _number_attributes(number: AccountNumber) -> dict[str, Any]:
    return {
        "alias": number.alias,
        "cnam_lookups_enabled": number.cnam_lookups_enabled,
        "number_type": number.number_type,
        "rate_center": number.rate_center,
        "state": number.state,
        "value": number.number,
    }


def _link(kind: str, resource_id: Optional[str]) -> dict[str, Any]:
    return {"data": None if resource_id is None else {"id": resource_id, "type": kind}}


def _number_document(call: Call, number: AccountNumber) -> dict[str, Any]:
    self_link = {"self": url(call, f"{NUMBERS}/{number.number}")}
    route_ids = [number.primary_route_id]
    failover = number.failover_route_id
    if failover is not None and failover != number.primary_route_id:
        route_ids.append(failover)
    return {
        "data": {
            "attributes": _number_attributes(number),
            "id": number.number,
            "links": self_link,
            "relationships": {
                "cnam_preset": _link("cnam", call.state.cnams.preset_of(number.number)),
                "e911_address": _link("e911", call.state.e911s.address_of(number.number)),
                "failover_route": _link("route", number.failover_route_id),
                "primary_route": _link("route", number.primary_route_id),
            },
            "type": "number",
        },
        "included": [_route_resource(call, call.state.route(rid)) for rid in route_ids],
        "links": self_link,
    }


def _available_resource(call: Call, number: AvailableNumber) -> dict[str, Any]:
    return {
        "attributes": {
            "monthly_cost": _money(number.monthly_cost),
            "number_type": number.number_type,
            "rate_center": number.rate_center,
            "setup_cost": _money(number.setup_cost),
            "state": number.state,
            "value": number.number,
        },
        "id": number.number,
        "links": {"related": url(call, f"{NUMBERS}/{number.number}")},
        "type": "number",
    }


def _message_resource(message: Message) -> dict[str, Any]:
    receipts = [
        {
            "level": r.level,
            "status": r.status,
            "status_code": r.status_code,
            "status_code_description": r.description,
            "timestamp": timestamp(r.timestamp),
        }
        for r in message.delivery_receipts
    ]
    return {
        "attributes": message_attributes(message, receipts),
        "id": message.id,
        "type": "message",
    }


def _code_list(
    call: Call,
    path: str,
    kind: str,
    codes: Sequence[str],
    related: Sequence[str],
    filters: dict[str, str],
    page: parse.Paging,
) -> Reply:
    """An area code or exchange listing; `related` holds each code's link."""
    rows = page.slice(list(zip(codes, related)))
    data = [{"id": code, "links": {"related": link}, "type": kind} for code, link in rows]
    links = page_links(call, path, filters_then_paging(filters, page), page, len(codes))
    return Reply(200, {"data": data, "links": links})


# -- handlers -----------------------------------------------------------------


def list_area_codes(call: Call) -> Reply:
    """GET /v2/numbers/available/areacodes"""
    query = parse.query(call, ("limit", "offset", "max_setup_cost"))
    page = parse.paging(query, maximum=400)
    filters = parse.only(query, ("max_setup_cost",))
    codes = call.state.area_codes(parse.cost(query.get("max_setup_cost")))
    related = [url(call, f"{AVAILABLE}/exchanges", [("areacode", code)]) for code in codes]
    return _code_list(call, f"{AVAILABLE}/areacodes", "areacode", codes, related, filters, page)


def list_exchanges(call: Call) -> Reply:
    """GET /v2/numbers/available/exchanges"""
    query = parse.query(call, ("limit", "offset", "max_setup_cost", "areacode"))
    page = parse.paging(query, maximum=200)
    filters = parse.only(query, ("areacode", "max_setup_cost"))
    codes = call.state.exchanges(query.get("areacode"), parse.cost(query.get("max_setup_cost")))
    related = [url(call, AVAILABLE, [("starts_with", f"1{code}")]) for code in codes]
    return _code_list(call, f"{AVAILABLE}/exchanges", "exchange", codes, related, filters, page)


def search_available(call: Call) -> Reply:
    """GET /v2/numbers/available"""
    query = parse.query(call, ("limit", "offset", *AVAILABLE_FILTERS))
    page = parse.paging(query, maximum=200)
    filters = parse.nanp_prefix(parse.only(query, AVAILABLE_FILTERS))
    found = call.state.search_available(**filters)
    data = [_available_resource(call, n) for n in page.slice(found)]
    links = page_links(call, AVAILABLE, filters_then_paging(filters, page), page, len(found))
    return Reply(200, {"data": data, "links": links})


def purchase_number(call: Call) -> Reply:
    """POST /v2/numbers/{id}"""
    parse.query(call, ())
    return Reply(201, _number_document(call, call.state.purchase(call.params["id"])))


def list_account_numbers(call: Call) -> Reply:
    """GET /v2/numbers"""
    query = parse.query(call, ("limit", "offset", *NUMBER_FILTERS))
    page = parse.paging(query, maximum=200)
    filters = parse.nanp_prefix(parse.only(query, NUMBER_FILTERS))
    # Only this page is read and rendered, whatever the account's size.
    numbers, total = call.state.account_page(page.offset, page.limit, **filters)
    data = [
        {
            "attributes": _number_attributes(n),
            "id": n.number,
            "links": {"self": url(call, f"{NUMBERS}/{n.number}")},
            "type": "number",
        }
        for n in numbers
    ]
    links = page_links(call, NUMBERS, filters_then_paging(filters, page), page, total)
    return Reply(200, {"data": data, "links": links})


def number_details(call: Call) -> Reply:
    """GET /v2/numbers/{id}"""
    parse.query(call, ())
    return Reply(200, _number_document(call, call.state.number(call.params["id"])))


def update_number(call: Call) -> Reply:
    """PATCH /v2/numbers/{id}: alias and cnam_lookups_enabled"""
    parse.query(call, ())
    number = call.state.update_number(call.params["id"], number_changes(call))
    return Reply(200, _number_document(call, number))


def release_number(call: Call) -> Reply:
    """DELETE /v2/numbers/{id}"""
    parse.query(call, ())
    call.state.release(call.params["id"])
    return Reply(204)


def create_route(call: Call) -> Reply:
    """POST /v2/routes"""
    parse.query(call, ())
    attributes = parse.route_attributes(call)
    route = call.state.create_route(
        attributes.get("route_type"),
        attributes.get("value"),
        attributes.get("alias"),
        attributes.get("edge_strategy"),
    )
    # The documented response links to /routes/{id}, without the version prefix.
    resource = _route_resource(call, route, path="/routes")
    return Reply(201, {"data": resource, "links": resource["links"]})


def list_routes(call: Call) -> Reply:
    """GET /v2/routes"""
    query = parse.query(call, ("limit", "offset", "route_type"))
    page = parse.paging(query, maximum=200)
    filters = parse.only(query, ("route_type",))
    found = call.state.routes(filters.get("route_type"))
    data = [_route_resource(call, r) for r in page.slice(found)]
    links = page_links(call, ROUTES, filters_then_paging(filters, page), page, len(found))
    return Reply(200, {"data": data, "links": links})


def update_primary_route(call: Call) -> Reply:
    """PATCH /v2/numbers/{id}/relationships/primary_route"""
    parse.query(call, ())
    route_id = parse.route_identifier(call)
    if route_id is None:
        raise Invalid("a number always has a primary route; data must not be null", "data")
    call.state.set_primary_route(call.params["id"], route_id)
    return Reply(204)


def update_failover_route(call: Call) -> Reply:
    """PATCH /v2/numbers/{id}/relationships/failover_route"""
    parse.query(call, ())
    call.state.set_failover_route(call.params["id"], parse.route_identifier(call))
    return Reply(204)


def send_message(call: Call) -> Reply:
    """POST /v2.1/messages"""
    parse.query(call, ())
    message = call.state.send_message(**parse.message_fields(call))
    links = {"self": url(call, f"{MESSAGES}/{message.id}")}
    return Reply(202, {"data": {"id": message.id, "links": links, "type": "message"}})


def list_messages(call: Call) -> Reply:
    """GET /v2.1/messages"""
    query = parse.query(call, ("start_date", "end_date", "limit", "offset"))
    page = parse.paging(query, maximum=None)
    start, end = parse.date_range(query, now=call.state.clock())
    found, total = call.state.messages_page(start, end, page.offset, page.limit)

    def query_for(offset: int) -> Pairs:
        # The documented next link: limit, start_date, end_date, then offset.
        return [
            ("limit", str(page.limit)),
            ("start_date", start.isoformat()),
            ("end_date", end.isoformat()),
            ("offset", str(offset)),
        ]

    data = [_message_resource(m) for m in found]
    links = page_links(call, MESSAGES, query_for, page, total, with_self=False)
    return Reply(200, {"data": data, "links": links})


def message_details(call: Call) -> Reply:
    """GET /v2.1/messages/{id}"""
    parse.query(call, ())
    return Reply(200, {"data": _message_resource(call.state.message(call.params["id"]))})


# -- the API row --------------------------------------------------------------


def authenticate(request: Request, credentials: Credentials) -> bool:
    """HTTP basic auth: user is the access key, password the secret key."""
    given = basic_credentials(request.headers)
    if given is None:
        return False
    expected = (credentials.access_key, credentials.secret_key)
    return parse.same_secret(given, expected)


def render_error(status: int, detail: str, error_id: str) -> dict[str, Any]:
    """The JSON:API error document; `status` is an integer, as the OpenAPI files say."""
    title = reason_phrase(status)
    return {"errors": [{"detail": detail, "id": error_id, "status": status, "title": title}]}


ENDPOINTS = (
    # Literal callback paths first: GET /v2.1/messages/{id} would take "sms_callback" as an id.
    *_v2_callbacks.ENDPOINTS,
    Endpoint("GET", f"{AVAILABLE}/areacodes", list_area_codes),
    Endpoint("GET", f"{AVAILABLE}/exchanges", list_exchanges),
    Endpoint("GET", AVAILABLE, search_available),
    Endpoint("GET", NUMBERS, list_account_numbers),
    Endpoint("POST", f"{NUMBERS}/{{id}}", purchase_number),
    Endpoint("GET", f"{NUMBERS}/{{id}}", number_details),
    Endpoint("PATCH", f"{NUMBERS}/{{id}}", update_number),
    Endpoint("DELETE", f"{NUMBERS}/{{id}}", release_number),
    Endpoint("PATCH", f"{NUMBERS}/{{id}}/relationships/primary_route", update_primary_route),
    Endpoint("PATCH", f"{NUMBERS}/{{id}}/relationships/failover_route", update_failover_route),
    Endpoint("POST", ROUTES, create_route),
    Endpoint("GET", ROUTES, list_routes),
    Endpoint("POST", MESSAGES, send_message),
    Endpoint("GET", MESSAGES, list_messages),
    Endpoint("GET", f"{MESSAGES}/{{id}}", message_details),
    *_v2_e911.ENDPOINTS,
    *_v2_cnam.ENDPOINTS,
    *_v2_cdr.ENDPOINTS,
    *_v2_extras.ENDPOINTS,
)

API = Api(
    prefixes=("/v2", "/v2.1"),
    authenticate=authenticate,
    endpoints=ENDPOINTS,
    render_error=render_error,
    statuses={NotFound: 404, Invalid: 422, Conflict: 409, Forbidden: 403, Unlocatable: 400},
    content_type="application/vnd.api+json",
)
