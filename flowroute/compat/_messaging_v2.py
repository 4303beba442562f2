"""The legacy messaging calls on ``/v2.1/messages``, answered in their documented shapes.

The legacy library spoke the retired ``/v2/messages`` (``mdr1-`` ids);
these functions send and look up through ``client.v2.messages`` and rebuild
the JSON the legacy library returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError

if TYPE_CHECKING:
    from ..v2 import V2
    from ..v2.models import Message

__all__ = ["create_message", "get_message_lookup", "message_fields"]

# v2.1 names the message types without the hyphen the legacy records had.
_LEGACY_TYPES = {"longcode": "long-code"}
_RETIRED_PREFIX = "mdr1-"


_MMS_KEYS = ("is_mms", "media_urls", "dlr_callback")


def message_fields(message: Any) -> dict[str, Any]:
    """The fields of a legacy `Message` (``mfrom`` holds ``from_``) or of a dict."""
    if isinstance(message, dict):
        fields = {
            "to": message.get("to"),
            "from": message.get("from", message.get("from_")),
            "content": message.get("content"),
        }
        return {**fields, **{key: message.get(key) for key in _MMS_KEYS}}
    fields = {
        "to": getattr(message, "to", None),
        "from": getattr(message, "mfrom", None),
        "content": getattr(message, "content", None),
    }
    return {**fields, **{key: getattr(message, key, None) for key in _MMS_KEYS}}


def create_message(v2: V2, message: Any) -> dict[str, Any]:
    """``create_message`` on ``POST /v2.1/messages``: ``content`` becomes ``body``.

    ``is_mms``, ``media_urls`` and ``dlr_callback`` (the later edition's
    fields) are sent when set.
    """
    fields = message_fields(message)
    body = {"to": fields["to"], "from": fields["from"], "body": fields["content"]}
    # Left out when unset, so an SMS goes on the wire exactly as before.
    body.update({key: fields[key] for key in _MMS_KEYS if fields[key] not in (None, False, [])})
    if body["body"] is None and body.get("media_urls"):
        del body["body"]  # an MMS of media only
    record_id = v2.messages.send_a_message(body)
    return {"data": {"id": record_id}}


def _legacy_record(record: Message) -> dict[str, Any]:
    kind = record.message_type
    return {
        "data": {
            "attributes": {
                "body": record.body,
                "direction": record.direction,
                "amount_nanodollars": record.amount_nanodollars,
                "message_encoding": record.message_encoding,
                "timestamp": None if record.timestamp is None else record.timestamp.isoformat(),
                "has_mms": record.is_mms,
                "to": record.to,
                "amount_display": record.amount_display,
                "from": record.from_,
                "callback_url": None,
                "message_type": _LEGACY_TYPES.get(kind, kind) if kind else kind,
            },
            "type": "message",
            "id": record.id,
        }
    }


def get_message_lookup(v2: V2, record_id: Any) -> dict[str, Any]:
    """``get_message_lookup`` on ``GET /v2.1/messages/{id}``.

    Raises:
        NotFoundError: an ``mdr1-`` id, whose record v2.1 does not keep.
    """
    if isinstance(record_id, str) and record_id.startswith(_RETIRED_PREFIX):
        detail = (
            f"{record_id} is a record of the retired /v2/messages; /v2.1 keeps only "
            "mdr2- records (look it up in the Flowroute portal)"
        )
        raise NotFoundError(404, body={"errors": [{"detail": detail, "status": 404}]})
    return _legacy_record(v2.messages.look_up_a_message_detail_record(record_id))
