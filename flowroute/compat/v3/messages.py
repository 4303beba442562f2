"""The SDK's ``MessagesController``: send SMS/MMS and look up message records (v2.1)."""

from __future__ import annotations

from typing import Any

from ._session import BaseController, forward, run, sdk_row

__all__ = ["ROWS", "MessagesController"]

_C = "MessagesController"

ROWS = (
    sdk_row(
        _C,
        "look_up_a_set_of_messages",
        ("start_date", "end_date=None", "limit=None", "offset=None"),
        "GET /v2.1/messages",
        "messages.look_up_a_set_of_messages",
        forward(lambda v2: v2.messages.look_up_a_set_of_messages),
        read=True,
        arguments=(
            "Kept; dates as ``YYYY-MM-DD`` (or with a time) text, a date or a "
            "datetime (the SDK sent them as RFC 3339 times)."
        ),
    ),
    sdk_row(
        _C,
        "look_up_a_message_detail_record",
        ("id",),
        "GET /v2.1/messages/{id}",
        "messages.look_up_a_message_detail_record",
        forward(lambda v2: v2.messages.look_up_a_message_detail_record),
        read=True,
        arguments="``id`` is the record id, ``mdr2-...``.",
    ),
    sdk_row(
        _C,
        "send_a_message",
        ("body",),
        "POST /v2.1/messages",
        "messages.send_a_message",
        forward(lambda v2: v2.messages.send_a_message),
        read=False,
        arguments="``body`` is the JSON text of the message document (a dict works too).",
        result='The 202 document, ``{"data": {"id": "mdr2-...", "type", "links"}}``.',
    ),
)
_ROW = {row.method: row for row in ROWS}


class MessagesController(BaseController):
    """``client.messages``: send messages and look up their records."""

    def look_up_a_set_of_messages(
        self, start_date: Any, end_date: Any = None, limit: Any = None, offset: Any = None
    ) -> Any:
        """The message records of a period: ``{"data": [...], "links": ...}``."""
        return run(_ROW["look_up_a_set_of_messages"], locals())

    def look_up_a_message_detail_record(self, id: Any) -> Any:
        """One message record: ``{"data": {...}}``."""
        return run(_ROW["look_up_a_message_detail_record"], locals())

    def send_a_message(self, body: Any) -> Any:
        """Send the SMS or MMS in `body` (JSON text); the 202 document with its id and links."""
        return run(_ROW["send_a_message"], locals())
