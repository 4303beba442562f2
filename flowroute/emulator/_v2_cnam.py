"""The v2 CNAM endpoints: records, and which number presents which.

A record is created from ``{"value": ...}`` as JSON, as a JSON:API
document, or as the HTML form the published v3 SDK sends. Associating
and unassociating answer 202 with the documented ``date_created`` stamp.
"""

from __future__ import annotations

import functools
from datetime import timezone
from email.utils import format_datetime
from typing import Any, Optional

from . import _v2_parse as parse
from ._cnam import CnamRecord
from ._records import Call, Endpoint, Reply
from ._v2_common import fields, flag, list_document, url, utc_text
from .errors import Invalid

__all__ = ["ENDPOINTS"]

CNAMS = "/v2/cnams"
NUMBERS = "/v2/numbers"
TEXT_FILTERS = ("starts_with", "contains", "ends_with", "value")


def _resource(call: Call, record: CnamRecord) -> dict[str, Any]:
    approved = record.approved_at
    return {
        "attributes": {
            "approval_datetime": None if approved is None else utc_text(approved),
            "creation_datetime": utc_text(record.created_at),
            "is_approved": record.is_approved,
            "rejection_reason": record.rejection_reason,
            "value": record.value,
        },
        "id": record.id,
        "links": {"self": url(call, f"{CNAMS}/{record.id}")},
        "type": "cnam",
    }


def _stamp(call: Call, cnam_id: Optional[str]) -> dict[str, Any]:
    """The answer of (un)associating: when, and the record's id (an integer, as documented)."""
    now = call.state.clock().astimezone(timezone.utc)
    return {
        "data": {
            "attributes": {"date_created": format_datetime(now, usegmt=True)},
            "id": None if cnam_id is None else int(cnam_id),
            "type": "cnam",
        }
    }


def _value(call: Call) -> Any:
    body = fields(call)
    if "data" in body:  # a JSON:API document
        data = body["data"]
        attributes = data.get("attributes") if isinstance(data, dict) else None
        if not isinstance(attributes, dict) or data.get("type") != "cnam":
            raise Invalid('a JSON:API body needs data.type "cnam" and attributes', "data")
        body = attributes
    unknown = sorted(set(body) - {"value"})
    if unknown:
        raise Invalid(f"unknown attributes: {', '.join(unknown)}", unknown[0])
    if "value" not in body:
        raise Invalid("value is required", "value")
    return body["value"]


def list_cnams(call: Call) -> Reply:
    """GET /v2/cnams"""
    query = parse.query(call, ("limit", "offset", "is_approved", *TEXT_FILTERS))
    page = parse.paging(query, maximum=200)
    filters = parse.only(query, ("is_approved", *TEXT_FILTERS))
    approved = query.get("is_approved")
    found = call.state.cnams.find(
        is_approved=None if approved is None else flag(approved, "is_approved"),
        **parse.only(query, TEXT_FILTERS),
    )
    render = functools.partial(_resource, call)
    return Reply(200, list_document(call, CNAMS, filters, page, found, render))


def get_cnam(call: Call) -> Reply:
    """GET /v2/cnams/{id}"""
    parse.query(call, ())
    return Reply(200, {"data": _resource(call, call.state.cnams.get(call.params["id"]))})


def create_cnam(call: Call) -> Reply:
    """POST /v2/cnams"""
    parse.query(call, ())
    record = call.state.cnams.create(_value(call))
    return Reply(201, {"data": _resource(call, record)})


def remove_cnam(call: Call) -> Reply:
    """DELETE /v2/cnams/{id}"""
    parse.query(call, ())
    call.state.cnams.remove(call.params["id"])
    return Reply(204)


def associate(call: Call) -> Reply:
    """PATCH /v2/numbers/{id}/relationships/cnam/{cnam_id}"""
    parse.query(call, ())
    record = call.state.cnams.associate(call.params["id"], call.params["cnam_id"])
    return Reply(202, _stamp(call, record.id))


def unassociate(call: Call) -> Reply:
    """DELETE /v2/numbers/{id}/relationships/cnam"""
    parse.query(call, ())
    call.state.cnams.unassociate(call.params["id"])
    return Reply(202, _stamp(call, None))


ENDPOINTS = (
    Endpoint("GET", CNAMS, list_cnams),
    Endpoint("POST", CNAMS, create_cnam),
    Endpoint("GET", f"{CNAMS}/{{id}}", get_cnam),
    Endpoint("DELETE", f"{CNAMS}/{{id}}", remove_cnam),
    Endpoint("PATCH", f"{NUMBERS}/{{id}}/relationships/cnam/{{cnam_id}}", associate),
    Endpoint("DELETE", f"{NUMBERS}/{{id}}/relationships/cnam", unassociate),
)
