"""Messaging callbacks: ``/v2.1/messages/{callback_type}`` and a number's own.

Setting one answers 204; reading one answers ``{"data": {"type":
"callback", "id": ..., "attributes": {"callback_url": ...}}}``. Paths are
written out per callback type, so they never shadow a message id or
another relationship of a number.
"""

from __future__ import annotations

from typing import Any, Optional

from . import _v2_parse as parse
from ._callbacks import CALLBACK_TYPES
from ._records import Call, Endpoint, Reply
from .errors import Invalid

__all__ = ["ENDPOINTS"]

_MESSAGES = "/v2.1/messages"
_NUMBER = "/v2/numbers/{id}/relationships"


def _url_of(call: Call) -> Any:
    """``data.attributes.callback_url`` of the body (``data.type`` may be left out)."""
    document = parse.json_body(call)
    data = document.get("data") if isinstance(document, dict) else None
    attributes = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(attributes, dict) or "callback_url" not in attributes:
        raise Invalid("the body must be {data: {attributes: {callback_url}}}", "callback_url")
    return attributes["callback_url"]


def _handlers(kind: str, per_number: bool) -> tuple[Any, Any, Any]:
    def number(call: Call) -> Optional[str]:
        return call.params["id"] if per_number else None

    def put(call: Call) -> Reply:
        parse.query(call, ())
        call.state.callbacks.set(kind, _url_of(call), number(call))
        return Reply(204)

    def get(call: Call) -> Reply:
        parse.query(call, ())
        url = call.state.callbacks.get(kind, number(call))
        data = {"type": "callback", "id": kind, "attributes": {"callback_url": url}}
        return Reply(200, {"data": data})

    def delete(call: Call) -> Reply:
        parse.query(call, ())
        call.state.callbacks.remove(kind, number(call))
        return Reply(204)

    return put, get, delete


def _endpoints() -> tuple[Endpoint, ...]:
    rows: list[Endpoint] = []
    for kind in CALLBACK_TYPES:
        put, get, delete = _handlers(kind, per_number=False)
        rows += [
            Endpoint("PUT", f"{_MESSAGES}/{kind}", put),
            Endpoint("GET", f"{_MESSAGES}/{kind}", get),
            Endpoint("DELETE", f"{_MESSAGES}/{kind}", delete),
        ]
        post, get, delete = _handlers(kind, per_number=True)
        rows += [
            Endpoint("POST", f"{_NUMBER}/{kind}", post),
            Endpoint("GET", f"{_NUMBER}/{kind}", get),
            Endpoint("DELETE", f"{_NUMBER}/{kind}", delete),
        ]
    return tuple(rows)


ENDPOINTS = _endpoints()
"""Set, read and remove each callback type, of the account and of a number."""
