"""The documented v2 / v2.1 example response bodies, as data.

Rebuilt from the examples of the v2 SDK documentation: same shapes, keys
and values, assembled by small builders. Tests reply with these bodies and
check what the client makes of them.
"""

from __future__ import annotations

from typing import Any, Optional

API = "https://api.flowroute.com"


def _code(kind: str, ident: str, related: str) -> dict[str, Any]:
    return {"type": kind, "id": ident, "links": {"related": f"{API}{related}"}}


def _listing(data: list[Any], self_query: str, next_query: Optional[str], path: str) -> Any:
    links = {"self": f"{API}{path}?{self_query}"}
    if next_query is not None:
        links["next"] = f"{API}{path}?{next_query}"
    return {"data": data, "links": links}


AREA_CODES = _listing(
    [
        _code("areacode", a, f"/v2/numbers/available/exchanges?areacode={a}")
        for a in ["201", "202", "203"]
    ],
    "max_setup_cost=3&limit=3&offset=0",
    "max_setup_cost=3&limit=3&offset=3",
    "/v2/numbers/available/areacodes",
)

EXCHANGES = _listing(
    [
        _code("exchange", e, f"/v2/numbers/available?starts_with=1{e}")
        for e in ["347215", "347325", "347331"]
    ],
    "areacode=347&limit=3&offset=0",
    "areacode=347&limit=3&offset=3",
    "/v2/numbers/available/exchanges",
)


def _available(value: str, setup_cost: Any) -> dict[str, Any]:
    return {
        "attributes": {
            "rate_center": "nwyrcyzn01",
            "value": value,
            "monthly_cost": 1.25,
            "state": "ny",
            "number_type": "standard",
            "setup_cost": setup_cost,
        },
        "type": "number",
        "id": value,
        "links": {"related": f"{API}/v2/numbers/{value}"},
    }


AVAILABLE = _listing(
    [_available("16463439507", 1), _available("16463439617", 1), _available("16463439667", 3.99)],
    "contains=3&ends_with=7&starts_with=1646&limit=3&offset=0",
    "contains=3&ends_with=7&starts_with=1646&limit=3&offset=3",
    "/v2/numbers/available",
)

SIP_REG = {
    "attributes": {"alias": "sip-reg", "route_type": "sip-reg", "value": None},
    "id": "0",
    "links": {"self": f"{API}/v2/routes/0"},
    "type": "route",
}


def _number_document(value: str) -> dict[str, Any]:
    """A number with sip-reg as primary route, as purchase and details return it."""
    return {
        "data": {
            "attributes": {
                "alias": None,
                "cnam_lookups_enabled": True,
                "number_type": "standard",
                "rate_center": "millbrae",
                "state": "ca",
                "value": value,
            },
            "id": value,
            "links": {"self": f"{API}/v2/numbers/{value}"},
            "relationships": {
                "cnam_preset": {"data": None},
                "e911_address": {"data": None},
                "failover_route": {"data": None},
                "primary_route": {"data": {"id": "0", "type": "route"}},
            },
            "type": "number",
        },
        "included": [SIP_REG],
        "links": {"self": f"{API}/v2/numbers/{value}"},
    }


PURCHASED = _number_document("16502390214")
DETAILS = _number_document("16502390214")


def _account(value: str, rate_center: str) -> dict[str, Any]:
    return {
        "attributes": {
            "rate_center": rate_center,
            "value": value,
            "alias": None,
            "state": "nj",
            "number_type": "standard",
            "cnam_lookups_enabled": True,
        },
        "type": "number",
        "id": value,
        "links": {"self": f"{API}/v2/numbers/{value}"},
    }


ACCOUNT_NUMBERS = _listing(
    [_account("12012673227", "oradell"), _account("12014845220", "jerseycity")],
    "starts_with=1201&limit=3&offset=0",
    None,
    "/v2/numbers",
)

CREATED_ROUTE = {
    "data": {
        "attributes": {
            "alias": "new route",
            "route_type": "host",
            "value": "il775u.sonsofodin.com",
        },
        "id": "98396",
        "links": {"self": f"{API}/routes/98396"},
        "type": "route",
    },
    "links": {"self": f"{API}/routes/98396"},
}

PSTN_ROUTE = {
    "attributes": {"route_type": "number", "alias": "PSTNroute1", "value": "12065551212"},
    "type": "route",
    "id": "83834",
    "links": {"self": f"{API}/v2/routes/83834"},
}

ROUTES = _listing([SIP_REG, PSTN_ROUTE], "limit=2&offset=0", "limit=2&offset=2", "/v2/routes")

MDR_INBOUND = "mdr2-ca82be46e6ba11e79d08862d092cf73d"
MDR_OUTBOUND = "mdr2-39cadeace66e11e7aff806cd7f24ba2d"

MESSAGE_ACCEPTED = {
    "data": {
        "links": {"self": f"{API}/v2.1/messages/{MDR_OUTBOUND}"},
        "type": "message",
        "id": MDR_OUTBOUND,
    }
}


def _message(ident: str, sender: str, receiver: str, **attributes: Any) -> dict[str, Any]:
    base = {
        "body": "Hello are you there? ",
        "status": "delivered",
        "direction": "inbound",
        "amount_nanodollars": 4000000,
        "to": receiver,
        "message_encoding": 0,
        "timestamp": "2017-12-22T01:52:39.39Z",
        "delivery_receipts": [],
        "amount_display": "$0.0040",
        "from": sender,
        "is_mms": False,
        "message_type": "longcode",
    }
    return {"attributes": {**base, **attributes}, "type": "message", "id": ident}


RECEIPTS: list[dict[str, Any]] = [
    {
        "status": "message buffered",
        "status_code": 1003,
        "status_code_description": "Message accepted by Carrier",
        "timestamp": "2017-12-21T16:44:35.00Z",
        "level": 2,
    },
    {
        "status": "smsc submit",
        "status_code": None,
        "status_code_description": "Message has been sent",
        "timestamp": "2017-12-21T16:44:35.00Z",
        "level": 1,
    },
]

MESSAGES: dict[str, Any] = {
    "data": [
        _message(MDR_INBOUND, "12061231234", "12012673227"),
        _message(
            MDR_OUTBOUND,
            "12012673227",
            "12061232634",
            body="test sms on v2",
            status="message buffered",
            direction="outbound",
            timestamp="2017-12-21T16:44:34.93Z",
            delivery_receipts=RECEIPTS,
        ),
    ],
    "links": {
        "next": f"{API}/v2.1/messages?limit=2&start_date=2017-12-01T00%3A00%3A00%2B00%3A00"
        "&end_date=2018-01-08T00%3A00%3A00%2B00%3A00&offset=2"
    },
}

MESSAGE_DETAIL = {"data": _message(MDR_INBOUND, "12061232634", "12012673227")}


def error_body(status: int, detail: str) -> dict[str, Any]:
    """A v2 error document, in the API's ``{"errors": [...]}`` shape."""
    return {"errors": [{"detail": detail, "id": "err-1", "status": status, "title": "Error"}]}
