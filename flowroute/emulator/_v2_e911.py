"""The v2 E911 endpoints: addresses, validation, and which numbers use them.

Paths as the published v3 SDK calls them (``/v2/e911s``,
``/v2/numbers/{id}/relationships/e911s/{e911_id}``), plus the singular
``relationships/e911`` spelling of the OpenAPI file, whose association
names the address in a JSON:API body instead of the path.
"""

from __future__ import annotations

import functools
from typing import Any

from . import _v2_parse as parse
from ._e911 import E911Address
from ._records import Call, Endpoint, Reply
from ._v2_common import list_document, resource, url
from .errors import Conflict, Invalid
from .models import AccountNumber

__all__ = ["ENDPOINTS"]

E911S = "/v2/e911s"
NUMBERS = "/v2/numbers"
_EXTRA = ("id", "links")  # members of data an update may echo back from a get


def _resource(call: Call, address: E911Address) -> dict[str, Any]:
    # Unset optional fields are left out, as in the documented documents.
    attributes = {k: v for k, v in address.fields().items() if v is not None}
    return {
        "attributes": attributes,
        "id": address.id,
        "links": {"self": url(call, f"{E911S}/{address.id}")},
        "type": "e911",
    }


def _number_resource(call: Call, number: AccountNumber) -> dict[str, Any]:
    return {
        "attributes": {"alias": number.alias, "value": number.number},
        "id": number.number,
        "links": {"self": url(call, f"{NUMBERS}/{number.number}")},
        "type": "number",
    }


def _address_body(call: Call) -> dict[str, Any]:
    _, attributes = resource(call, "e911")
    return attributes


def list_e911s(call: Call) -> Reply:
    """GET /v2/e911s"""
    query = parse.query(call, ("limit", "offset", "label", "state", "street_name", "city"))
    page = parse.paging(query, maximum=2000)  # the documented maximum page of E911 records
    filters = parse.only(query, ("label", "state", "street_name", "city"))
    found = call.state.e911s.find(**filters)
    render = functools.partial(_resource, call)
    return Reply(200, list_document(call, E911S, filters, page, found, render))


def get_e911(call: Call) -> Reply:
    """GET /v2/e911s/{id}"""
    parse.query(call, ())
    return Reply(200, {"data": _resource(call, call.state.e911s.get(call.params["id"]))})


def validate_e911(call: Call) -> Reply:
    """POST /v2/e911s/validate"""
    parse.query(call, ())
    call.state.e911s.validate(_address_body(call))
    return Reply(204)


def create_e911(call: Call) -> Reply:
    """POST /v2/e911s"""
    parse.query(call, ())
    address = call.state.e911s.create(_address_body(call))
    return Reply(201, {"data": _resource(call, address)})


def update_e911(call: Call) -> Reply:
    """PATCH /v2/e911s/{id}: the attributes given replace the stored ones."""
    parse.query(call, ())
    e911_id = call.params["id"]
    given_id, changes = resource(call, "e911", _EXTRA)
    if given_id is not None and str(given_id) != e911_id:
        raise Conflict(f"data.id {given_id!r} is not the address in the path ({e911_id})")
    # The v3 SDK sends the zip twice, also as zip_code; one spelling is kept.
    if "zip_code" in changes:
        zip_code = changes.pop("zip_code")
        changes.setdefault("zip", zip_code)
    address = call.state.e911s.update(e911_id, changes)
    return Reply(200, {"data": _resource(call, address)})


def delete_e911(call: Call) -> Reply:
    """DELETE /v2/e911s/{id}"""
    parse.query(call, ())
    call.state.e911s.delete(call.params["id"])
    return Reply(204)


def associate(call: Call) -> Reply:
    """PATCH /v2/numbers/{id}/relationships/e911s/{e911_id}"""
    parse.query(call, ())
    call.state.e911s.associate(call.params["id"], call.params["e911_id"])
    return Reply(204)


def associate_by_body(call: Call) -> Reply:
    """PATCH /v2/numbers/{id}/relationships/e911 with ``{"data": {"type": "e911", "id": ...}}``"""
    parse.query(call, ())
    document = parse.json_body(call)
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict) or data.get("type") != "e911":
        raise Invalid('the body must be {"data": {"type": "e911", "id": ...}}', "data")
    e911_id = data.get("id")
    if isinstance(e911_id, bool) or not isinstance(e911_id, (str, int)):
        raise Invalid(f"data.id must be an E911 address id, got {e911_id!r}", "id")
    call.state.e911s.associate(call.params["id"], str(e911_id))
    return Reply(204)


def disconnect(call: Call) -> Reply:
    """DELETE /v2/numbers/{id}/relationships/e911s"""
    parse.query(call, ())
    call.state.e911s.disconnect(call.params["id"])
    return Reply(204)


def list_numbers(call: Call) -> Reply:
    """GET /v2/e911s/{id}/relationships/numbers"""
    query = parse.query(call, ("limit", "offset"))
    page = parse.paging(query, maximum=200)
    e911_id = call.params["id"]
    found = call.state.e911s.numbers_of(e911_id)
    path = f"{E911S}/{e911_id}/relationships/numbers"
    render = functools.partial(_number_resource, call)
    return Reply(200, list_document(call, path, {}, page, found, render))


ENDPOINTS = (
    Endpoint("GET", E911S, list_e911s),
    Endpoint("POST", E911S, create_e911),
    Endpoint("POST", f"{E911S}/validate", validate_e911),
    Endpoint("GET", f"{E911S}/{{id}}", get_e911),
    Endpoint("PATCH", f"{E911S}/{{id}}", update_e911),
    Endpoint("DELETE", f"{E911S}/{{id}}", delete_e911),
    Endpoint("GET", f"{E911S}/{{id}}/relationships/numbers", list_numbers),
    Endpoint("GET", f"{E911S}/{{id}}/relationships/dids", list_numbers),
    Endpoint("PATCH", f"{NUMBERS}/{{id}}/relationships/e911s/{{e911_id}}", associate),
    Endpoint("PATCH", f"{NUMBERS}/{{id}}/relationships/e911", associate_by_body),
    Endpoint("DELETE", f"{NUMBERS}/{{id}}/relationships/e911s", disconnect),
    Endpoint("DELETE", f"{NUMBERS}/{{id}}/relationships/e911", disconnect),
)
