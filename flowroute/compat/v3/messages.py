"""The SDK's ``MessagesController``: send SMS/MMS and look up message records (v2.1)."""

from __future__ import annotations

from typing import Any

from ._session import PAGE, UNUSED, BaseController, forward, run, sdk_row

__all__ = ["ROWS", "MessagesController"]

_C = "MessagesController"
_NO_CONTENT = "``''`` (the empty 204 body)."
_URL = "``url`` is the callback URL, http(s)."


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
        rewrite=PAGE,
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
        rewrite=UNUSED,
    ),
    sdk_row(
        _C,
        "set_account_level_sms_callback",
        ("url",),
        "PUT /v2.1/messages/sms_callback",
        "messages.set_account_level_sms_callback",
        forward(lambda v2: v2.messages.set_account_level_sms_callback),
        read=False,
        arguments=f"{_URL} Inbound SMS are posted there.",
        result=_NO_CONTENT,
    ),
    sdk_row(
        _C,
        "set_account_level_mms_callback",
        ("url",),
        "PUT /v2.1/messages/mms_callback",
        "messages.set_account_level_mms_callback",
        forward(lambda v2: v2.messages.set_account_level_mms_callback),
        read=False,
        arguments=f"{_URL} Inbound MMS are posted there.",
        result=_NO_CONTENT,
    ),
    sdk_row(
        _C,
        "set_account_level_dlr_callback",
        ("url",),
        "PUT /v2.1/messages/dlr_callback",
        "messages.set_account_level_dlr_callback",
        forward(lambda v2: v2.messages.set_account_level_dlr_callback),
        read=False,
        arguments=f"{_URL} Delivery receipts are posted there.",
        result=_NO_CONTENT,
    ),
    sdk_row(
        _C,
        "set_did_level_dlr_callback",
        ("number_id", "dlr_url"),
        "POST /v2/numbers/{number_id}/relationships/dlr_callback",
        "messages.set_did_level_dlr_callback",
        forward(lambda v2: v2.messages.set_did_level_dlr_callback),
        read=False,
        arguments="Kept: the number, then the URL its delivery receipts are posted to.",
        result=_NO_CONTENT,
    ),
)
_ROW = {row.method: row for row in ROWS}


class MessagesController(BaseController):
    """``client.messages``: send messages, look up their records, set callback URLs."""

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

    def set_account_level_sms_callback(self, url: Any) -> Any:
        """Post the account's inbound SMS to `url`; ``''`` (204)."""
        return run(_ROW["set_account_level_sms_callback"], locals())

    def set_account_level_mms_callback(self, url: Any) -> Any:
        """Post the account's inbound MMS to `url`; ``''`` (204)."""
        return run(_ROW["set_account_level_mms_callback"], locals())

    def set_account_level_dlr_callback(self, url: Any) -> Any:
        """Post the delivery receipts of the account's messages to `url`; ``''`` (204)."""
        return run(_ROW["set_account_level_dlr_callback"], locals())

    def set_did_level_dlr_callback(self, number_id: Any, dlr_url: Any) -> Any:
        """Post the delivery receipts of `number_id`'s messages to `dlr_url`; ``''`` (204)."""
        return run(_ROW["set_did_level_dlr_callback"], locals())
