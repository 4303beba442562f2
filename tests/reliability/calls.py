"""Every public call of ``client.v2`` and ``client.v1``, as one table the reliability tests share.

A row names the call, the request it must send (method and path template),
what it returns, one set of valid arguments, and for each argument a pool of
valid values the argument fuzzer mixes with arbitrary ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Callable, Optional

import attrs
from hypothesis import strategies as st

from flowroute.pagination import Page
from flowroute.v1 import models as v1m
from flowroute.v2 import models as v2m

NUMBER = "12065550100"
OTHER = "13125550111"
MDR = "mdr2-39cadeace66e11e7aff806cd7f24ba2d"
ROUTE_BODY = {"route_type": "host", "value": "pbx.example.com:5060", "alias": "office"}
MESSAGE_BODY = {"to": OTHER, "from": NUMBER, "body": "hello"}

# Result contracts: a Page of items of a model, a model, a string, or nothing.
PAGE = "page"


@attrs.frozen
class Call:
    """One public call of the client.

    Attributes:
        api: ``"v1"`` or ``"v2"``.
        controller: the controller attribute, e.g. ``"numbers"``.
        method: the method name.
        http: the HTTP method it must send.
        template: the path it must send to, ``{name}`` standing for one segment.
        kwargs: valid arguments.
        returns: the model it returns, `PAGE`, `str`, or None.
        item: the model of a page's items.
        valid: per argument, valid values (the fuzzer mixes in arbitrary ones).
        writes: what a successful call creates: "number", "message", "route" or "".
    """

    api: str
    controller: str
    method: str
    http: str
    template: str
    kwargs: Mapping[str, Any]
    returns: Any = None
    item: Optional[type] = None
    valid: Mapping[str, st.SearchStrategy[Any]] = attrs.field(factory=dict)
    writes: str = ""

    @property
    def name(self) -> str:
        """``v2.numbers.list_account_phone_numbers``."""
        return f"{self.api}.{self.controller}.{self.method}"

    @property
    def idempotent(self) -> bool:
        """Whether the client may send it again after it may have reached the service."""
        return resendable(self.http, self.template)

    def bind(self, client: Any) -> Callable[..., Any]:
        """The bound method of `client`."""
        return getattr(getattr(getattr(client, self.api), self.controller), self.method)

    def path_pattern(self) -> re.Pattern[str]:
        """The path as a regex; each placeholder matches one non-empty segment."""
        escaped = re.escape(self.template)
        return re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", escaped))


def resendable(method: str, path: str) -> bool:
    """Whether a request may be sent again once it may have reached the service.

    Not a POST (it buys, sends or creates), nor v1's PUTs, which buy a number
    or create a route and answer a repeat with 409.
    """
    return method != "POST" and not (method == "PUT" and path.startswith("/v1/"))


def _pick(*values: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


_LIMIT = _pick(None, 1, 2, 200, "3")
_OFFSET = _pick(None, 0, 5, "10")
_PAGE = _pick(None, 1, 2, "3")
_DIGITS = _pick(None, 1206, "206", "555")
_PHONE = _pick(NUMBER, "+12065550100", "(206) 555-0100", 2065550100)
_COST = _pick(None, 3.25, "1.5", 0)
_ROUTE_REF = _pick("0", 10001, "10002", {"data": {"type": "route", "id": "0"}})
_NEW_ROUTE = _pick(
    ROUTE_BODY,
    {"route_type": "uri", "value": "sip:alice@example.com", "alias": "alice"},
    {"route_type": "number", "value": "+12065550199", "alias": "cell"},
    {"data": {"type": "route", "attributes": ROUTE_BODY}},
)
_NEW_MESSAGE = _pick(
    MESSAGE_BODY,
    {"to": OTHER, "from": NUMBER, "body": "hi", "is_mms": True, "media_urls": ["https://x.io/a"]},
    {"data": {"type": "message", "attributes": MESSAGE_BODY}},
)

V2_CALLS = (
    Call(
        "v2", "numbers", "list_available_area_codes", "GET", "/v2/numbers/available/areacodes",
        {"limit": 2}, PAGE, v2m.AreaCode,
        {"limit": _LIMIT, "offset": _OFFSET, "max_setup_cost": _COST},
    ),
    Call(
        "v2", "numbers", "list_available_exchange_codes", "GET", "/v2/numbers/available/exchanges",
        {"limit": 2, "areacode": 206}, PAGE, v2m.Exchange,
        {"limit": _LIMIT, "offset": _OFFSET, "max_setup_cost": _COST, "areacode": _pick(None, 206)},
    ),
    Call(
        "v2", "numbers", "search_for_purchasable_phone_numbers", "GET", "/v2/numbers/available",
        {"starts_with": 1206, "limit": 2}, PAGE, v2m.AvailableNumber,
        {
            "starts_with": _DIGITS, "contains": _DIGITS, "ends_with": _DIGITS, "limit": _LIMIT,
            "offset": _OFFSET, "rate_center": _pick(None, "seattle"), "state": _pick(None, "WA"),
        },
    ),
    Call(
        "v2", "numbers", "purchase_a_phone_number", "POST", "/v2/numbers/{id}",
        {"id": NUMBER}, v2m.Number, None, {"id": _PHONE}, writes="number",
    ),
    Call(
        "v2", "numbers", "list_account_phone_numbers", "GET", "/v2/numbers",
        {"limit": 2}, PAGE, v2m.Number,
        {
            "starts_with": _DIGITS, "ends_with": _DIGITS, "contains": _DIGITS,
            "limit": _LIMIT, "offset": _OFFSET,
        },
    ),
    Call(
        "v2", "numbers", "list_phone_number_details", "GET", "/v2/numbers/{id}",
        {"id": NUMBER}, v2m.Number, None, {"id": _PHONE},
    ),
    Call(
        "v2", "numbers", "release_a_phone_number", "DELETE", "/v2/numbers/{id}",
        {"id": NUMBER}, None, None, {"id": _PHONE},
    ),
    Call(
        "v2", "routes", "create_an_inbound_route", "POST", "/v2/routes",
        {"body": ROUTE_BODY}, v2m.Route, None, {"body": _NEW_ROUTE}, writes="route",
    ),
    Call(
        "v2", "routes", "list_inbound_routes", "GET", "/v2/routes",
        {"limit": 2}, PAGE, v2m.Route, {"limit": _LIMIT, "offset": _OFFSET},
    ),
    Call(
        "v2", "routes", "update_primary_voice_route", "PATCH",
        "/v2/numbers/{id}/relationships/primary_route",
        {"number_id": NUMBER, "route": "0"}, None, None,
        {"number_id": _PHONE, "route": _ROUTE_REF},
    ),
    Call(
        "v2", "routes", "update_failover_voice_route", "PATCH",
        "/v2/numbers/{id}/relationships/failover_route",
        {"number_id": NUMBER, "route": "0"}, None, None,
        {"number_id": _PHONE, "route": _ROUTE_REF},
    ),
    Call(
        "v2", "messages", "send_a_message", "POST", "/v2.1/messages",
        {"body": MESSAGE_BODY}, str, None, {"body": _NEW_MESSAGE}, writes="message",
    ),
    Call(
        "v2", "messages", "look_up_a_set_of_messages", "GET", "/v2.1/messages",
        {"start_date": "2024-01-01", "limit": 2}, PAGE, v2m.Message,
        {
            "start_date": _pick("2024-01-01", "2024-01-01T10:00:00"),
            "end_date": _pick(None, "2030-01-01"), "limit": _LIMIT, "offset": _OFFSET,
        },
    ),
    Call(
        "v2", "messages", "look_up_a_message_detail_record", "GET", "/v2.1/messages/{id}",
        {"id": MDR}, v2m.Message, None, {"id": _pick(MDR)},
    ),
)  # fmt: skip

V1_CALLS = (
    Call(
        "v1", "purchasable_phone_numbers", "list_available_np_as", "GET",
        "/v1/available-tns/npas/", {"limit": 2}, PAGE, v1m.Npa, {"limit": _LIMIT},
    ),
    Call(
        "v1", "purchasable_phone_numbers", "list_area_and_exchange", "GET",
        "/v1/available-tns/npanxxs/", {"limit": 2, "npa": 206}, PAGE, v1m.NpaNxx,
        {"limit": _LIMIT, "npa": _pick(None, 206, "312"), "page": _PAGE},
    ),
    Call(
        "v1", "purchasable_phone_numbers", "search", "GET", "/v1/available-tns/tns/",
        {"limit": 2, "npa": 206}, PAGE, v1m.AvailableTelephoneNumber,
        {
            "limit": _LIMIT, "npa": _pick(None, 206), "nxx": _pick(None, 555), "page": _PAGE,
            "ratecenter": _pick(None, "SEATTLE"), "state": _pick(None, "WA"),
            "tn": _pick(None, 1206, "555"),
        },
    ),
    Call(
        "v1", "telephone_numbers", "purchase", "PUT", "/v1/tns/{number}",
        {"billing": "METERED", "number": NUMBER}, None, None,
        {"billing": _pick("METERED", "VPRI", v1m.BillingMethod(billing_method="VPRI")),
         "number": _PHONE},
        writes="number",
    ),
    Call(
        "v1", "telephone_numbers", "list_account_telephone_numbers", "GET", "/v1/tns/",
        {"limit": 2}, PAGE, v1m.TelephoneNumber,
        {"limit": _LIMIT, "page": _PAGE, "pattern": _pick(None, 206, "555")},
    ),
    Call(
        "v1", "telephone_numbers", "telephone_number_details", "GET", "/v1/tns/{number}",
        {"telephone_number": NUMBER}, v1m.TelephoneNumber, None, {"telephone_number": _PHONE},
    ),
    Call(
        "v1", "telephone_numbers", "update", "PATCH", "/v1/tns/{number}",
        {"number": NUMBER, "routes": ["sip-reg", "sip-reg"]}, None, None,
        {"number": _PHONE,
         "routes": _pick(
             ["sip-reg", "sip-reg"],
             [{"name": "a"}, "b"],
             (v1m.Route(name="sip-reg"), "sip-reg"),
         )},
    ),
    Call(
        "v1", "inbound_routes", "create_new_route", "PUT", "/v1/routes/{route_name}",
        {"route_name": "office", "mtype": "HOST", "value": "24.239.23.40:5060"}, None, None,
        {"route_name": _pick("office", "r2"), "mtype": _pick("HOST", v1m.RouteType.URI),
         "value": _pick("sip:alice@example.com", "pbx.example.com")},
        writes="route",
    ),
    Call(
        "v1", "inbound_routes", "list", "GET", "/v1/routes/",
        {"limit": 2}, PAGE, v1m.Route, {"limit": _LIMIT, "page": _PAGE},
    ),
)  # fmt: skip

CALLS = V2_CALLS + V1_CALLS


def walk(result: Any, max_pages: int = 4, max_items: int = 50) -> list[Any]:
    """Every item of a `Page` result, fetching at most `max_pages` pages in all.

    Pages are walked twice, as a user would: by `next_page` and by iterating.
    Lazy paging can fail on a later page, so both walks must run to the end.
    """
    items: list[Any] = []
    page: Optional[Page[Any]] = result
    for _ in range(max_pages):
        if page is None:
            break
        items.extend(page.items)
        page = page.next_page()
    for count, item in enumerate(result, 1):
        items.append(item)
        if count >= max_items:
            break
    return items
