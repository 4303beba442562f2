"""Control routes under ``/_emulator``: drive the emulator from any process.

The service has no such paths; a reserved prefix keeps them apart from
the API. They take the account's keys (basic auth, as v2), so
``flowroute emulator`` can be driven by tests in any language:

- ``POST /_emulator/inbound_messages`` ``{"to", "from", "body", "media"}``:
  an inbound message, as `Emulator.receive_message` (201, its id);
- ``GET /_emulator/callbacks``: every callback POST attempted;
- ``POST /_emulator/failing_numbers`` ``{"number"}``: messages to it fail.
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from . import _v2, _v2_parse
from ._records import Api, Call, Endpoint, Reply
from .errors import Conflict, Forbidden, Invalid, NotFound, Unlocatable

__all__ = ["API", "PREFIX"]

PREFIX = "/_emulator"


def _object(call: Call) -> dict[str, Any]:
    document = _v2_parse.json_body(call)
    if not isinstance(document, dict):
        raise Invalid("the body must be a JSON object", "body")
    return document


def inbound_message(call: Call) -> Reply:
    """POST /_emulator/inbound_messages"""
    fields = _object(call)
    message = call.state.messaging.receive(
        fields.get("to"), fields.get("from"), fields.get("body", ""), fields.get("media", [])
    )
    return Reply(201, {"data": {"id": message.id, "type": "message"}})


def callbacks(call: Call) -> Reply:
    """GET /_emulator/callbacks"""
    data = [
        {
            "at": attempt.at.astimezone(timezone.utc).isoformat(),
            "attempt": attempt.attempt,
            "error": attempt.error,
            "kind": attempt.kind,
            "payload": attempt.payload,
            "status": attempt.status,
            "url": attempt.url,
        }
        for attempt in call.state.outbox.attempts
    ]
    return Reply(200, {"data": data})


def failing_number(call: Call) -> Reply:
    """POST /_emulator/failing_numbers"""
    number = _object(call).get("number")
    if not isinstance(number, str) or not number.isdigit():
        raise Invalid(f"number must be digits, got {number!r}", "number")
    call.state.messaging.failing.add(number)
    return Reply(204)


API = Api(
    prefixes=(PREFIX,),
    authenticate=_v2.authenticate,
    endpoints=(
        Endpoint("POST", f"{PREFIX}/inbound_messages", inbound_message),
        Endpoint("GET", f"{PREFIX}/callbacks", callbacks),
        Endpoint("POST", f"{PREFIX}/failing_numbers", failing_number),
    ),
    render_error=_v2.render_error,
    statuses={NotFound: 404, Invalid: 422, Conflict: 409, Forbidden: 403, Unlocatable: 400},
)
"""The control routes, one more row of the dispatcher's table."""
