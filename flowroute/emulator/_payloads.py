"""The documents the service POSTs to an app's callback URLs, one builder per shape.

Messages v2.1, as Flowroute documents them (developer.flowroute.com,
"Receive an SMS", "Receive an MMS", "Receive a DLR"):

- an inbound SMS: a JSON:API document, ``data`` of type ``message`` with
  the message's attributes (``direction`` ``inbound``, ``is_mms`` false,
  ``message_callback_url``);
- an inbound MMS: the same ``message`` resource, with ``is_mms`` true and a
  ``relationships.media`` list whose files are resources of type ``media``
  under ``included`` (``file_name``, ``file_size``, ``mime_type``, ``url``),
  as received MMS callbacks show;
- a delivery receipt: ``data`` of type ``delivery_receipt`` whose id is the
  sent message's ``mdr2-`` id, with ``level``, ``status``, ``status_code``
  (a string), ``status_code_description``, ``timestamp`` and ``body`` (empty
  for an MMS), and a ``related`` link to the message's record.

`flowroute.webhooks.parse` reads all three; the tests check each builder
against it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from .models import DeliveryReceipt, Message

__all__ = [
    "delivery_receipt_payload",
    "inbound_mms_payload",
    "inbound_sms_payload",
    "message_attributes",
    "timestamp",
]

API_URL = "https://api.flowroute.com"


def timestamp(moment: datetime) -> str:
    """UTC with hundredths of a second, as message records print: ``2017-12-22T01:52:39.39Z``."""
    utc = moment.astimezone(timezone.utc)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 10000:02d}Z"


def message_attributes(message: Message, receipts: list[dict[str, Any]]) -> dict[str, Any]:
    """A message record's attributes, as the API shows them and the callbacks post them."""
    dollars = Decimal(message.amount_nanodollars) / 10**9
    return {
        "amount_display": f"${dollars:.4f}",
        "amount_nanodollars": message.amount_nanodollars,
        "body": message.body,
        "delivery_receipts": receipts,
        "direction": message.direction,
        "from": message.from_,
        "is_mms": message.is_mms,
        "message_encoding": message.message_encoding,
        "message_type": message.message_type,
        "status": message.status,
        "timestamp": timestamp(message.timestamp),
        "to": message.to,
    }


def inbound_sms_payload(message: Message, callback_url: str) -> dict[str, Any]:
    """What the service POSTs to the SMS callback URL for an inbound SMS."""
    # An inbound message carries no delivery receipts.
    attributes = {**message_attributes(message, []), "message_callback_url": callback_url}
    return {"data": {"attributes": attributes, "id": message.id, "type": "message"}}


def inbound_mms_payload(message: Message) -> dict[str, Any]:
    """What the service POSTs to the MMS callback URL: the message, its files under ``included``."""
    attributes = message_attributes(message, [])
    attributes["body"] = message.body or None  # an MMS without text has a null body
    media = [{"id": m.id, "type": "media"} for m in message.media]
    included = [
        {
            "attributes": {
                "file_name": m.file_name,
                "file_size": m.file_size,
                "mime_type": m.mime_type,
                "url": m.url,
            },
            "id": m.id,
            "links": {"self": f"{API_URL}/v2.1/media/{m.id}"},
            "type": "media",
        }
        for m in message.media
    ]
    data = {
        "attributes": attributes,
        "id": message.id,
        "relationships": {"media": {"data": media}},
        "type": "message",
    }
    return {"data": data, "included": included}


def delivery_receipt_payload(message: Message, receipt: DeliveryReceipt) -> dict[str, Any]:
    """What the service POSTs to the DLR callback URL as a sent message moves on."""
    code = receipt.status_code
    attributes = {
        "body": "" if message.is_mms else message.body,
        "level": receipt.level,
        "status": receipt.status,
        "status_code": None if code is None else str(code),
        "status_code_description": receipt.description,
        "timestamp": timestamp(receipt.timestamp),
    }
    return {
        "data": {
            "attributes": attributes,
            "id": message.id,
            "links": {"related": f"{API_URL}/v2.1/messages/{message.id}"},
            "type": "delivery_receipt",
        }
    }
