"""Reading what Flowroute POSTs to an app: inbound SMS and MMS, delivery receipts.

`parse` takes the request body (bytes, text, or the JSON already decoded)
and returns an `InboundMessage` or a `DeliveryReceipt`. It reads every
shape the service has sent:

- Messages v2.1 and later, a JSON:API document (Flowroute's developer
  documentation, "Receive an SMS", "Receive an MMS", "Receive a DLR"):
  ``data`` of type ``message`` with the message's ``attributes`` for an
  inbound SMS or MMS; an MMS lists its files under ``relationships.media``
  and carries them as resources of type ``media`` in ``included``
  (``url``, ``file_name``, ``file_size``, ``mime_type``); ``data`` of type
  ``delivery_receipt`` for a delivery receipt, whose ``id`` is the sent
  message's ``mdr2-`` id.
- The earlier messaging API, flat JSON of the message itself: ``to``,
  ``from``, ``body`` (and, where present, the other message attributes),
  as apps built on it read it (flowroute/sms-proxy's inbound handler).

Values are read by the same rules as API responses:
times become aware datetimes (UTC when the text has no zone), amounts
`Decimal`. A body that is not one of these shapes raises `WebhookError`
naming the JSON path of the bad value; keys the parser does not know stay
in the model's ``raw``, the whole decoded document.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Optional, TypeVar, Union

import attrs

from ._reading import explain
from ._structure import hook_for, structurer
from .errors import WebhookError

__all__ = ["DeliveryReceipt", "InboundMessage", "Media", "Webhook", "WebhookError", "parse"]

T = TypeVar("T")

_NANO = Decimal(10) ** -9
_MONEY = hook_for(Decimal)[0]  # the API's money rule: finite, read through its text


@attrs.frozen(kw_only=True)
class Media:
    """A file attached to an inbound MMS.

    Attributes:
        url: where to download it (a temporary link: copy the file soon).
        file_name: its name, e.g. ``"image000000.png"``.
        file_size: its size in bytes.
        mime_type: its type, e.g. ``"image/png"``.
        id: its resource id in the JSON:API document.
        raw: the JSON it was read from.
    """

    url: str
    file_name: Optional[str] = None
    file_size: Optional[int] = None
    mime_type: Optional[str] = None
    id: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class InboundMessage:
    """An SMS or MMS sent to one of the account's numbers.

    Attributes:
        id: the message's record id (``mdr2-...``); None in the flat JSON
            of the earlier API, which may carry none.
        to: the account's number that received it.
        from_: the number that sent it.
        body: its text; None for an MMS of files only.
        is_mms: whether it is an MMS.
        media: the files of an MMS, in the order the document lists them.
        direction: ``"inbound"``.
        timestamp: when it was received (aware).
        amount: its cost in USD, from ``amount_nanodollars`` (exact), else
            from ``amount_display``.
        amount_nanodollars: its cost in nanodollars, as sent.
        message_type: ``"longcode"`` or ``"toll-free"``.
        message_encoding: 0 (GSM/UTF-8) or 8 (UCS-2).
        status: the status the service gives it (often empty for inbound).
        callback_url: the callback URL the service posted it to, when it says.
        raw: the whole decoded document.
    """

    id: Optional[str] = None
    to: str
    from_: str
    body: Optional[str] = None
    is_mms: bool = False
    media: tuple[Media, ...] = ()
    direction: Optional[str] = None
    timestamp: Optional[datetime.datetime] = None
    amount: Optional[Decimal] = None
    amount_nanodollars: Optional[int] = None
    message_type: Optional[str] = None
    message_encoding: Optional[int] = None
    status: Optional[str] = None
    callback_url: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)

    @property
    def kind(self) -> str:
        """``"mms"`` or ``"sms"``."""
        return "mms" if self.is_mms else "sms"


@attrs.frozen(kw_only=True)
class DeliveryReceipt:
    """A step in the delivery of a message the account sent.

    Attributes:
        message_id: the id of the sent message's record (``mdr2-...``):
            the id `send_a_message` returned.
        status: e.g. ``"smsc submit"``, ``"delivered"``, ``"message buffered"``.
        status_code: the receipt's code, as text (e.g. ``"1003"``); None
            when the step has none.
        status_code_description: what the code means.
        level: 1 for the hand-off to the carrier's gateway, 2 for what follows.
        timestamp: when the step happened (aware).
        body: the sent message's text (empty for an MMS).
        raw: the whole decoded document.
    """

    message_id: str
    status: str
    status_code: Optional[str] = None
    status_code_description: Optional[str] = None
    level: Optional[int] = None
    timestamp: Optional[datetime.datetime] = None
    body: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


Webhook = Union[InboundMessage, DeliveryReceipt]
"""What `parse` returns: an `InboundMessage` or a `DeliveryReceipt`."""

# Attribute keys whose names differ from the model's fields.
_MESSAGE_RENAMES = {"callback_url": "message_callback_url"}
# Keys of a flat body that mark it as a delivery receipt rather than a message.
_RECEIPT_KEYS = frozenset({"status_code", "status_code_description", "level"})


def parse(body: Union[bytes, str, Mapping[str, Any]], headers: Any = None) -> Webhook:
    """Read one webhook body Flowroute POSTed.

    Args:
        body: the request body: bytes, text, or the JSON already decoded
            (e.g. Flask's ``request.get_json()``).
        headers: the request's headers (any mapping), optional: a
            ``charset`` in ``Content-Type`` decodes a bytes body (UTF-8
            otherwise).

    Returns:
        An `InboundMessage` (SMS or MMS) or a `DeliveryReceipt`.

    Raises:
        WebhookError: the body is not JSON, or not a shape the service
            sends; ``.field`` is the JSON path of the bad value.
    """
    document = _decode(body, headers)
    if not isinstance(document, dict):
        raise WebhookError(f"expected a JSON object, got {_kind(document)}", "$")
    if "data" in document:
        return _from_document(document)
    return _from_flat(document)


def _decode(body: Any, headers: Any) -> Any:
    if isinstance(body, Mapping):
        return dict(body)
    if isinstance(body, (bytes, bytearray, memoryview)):
        try:
            body = bytes(body).decode(_charset(headers))
        except (UnicodeDecodeError, LookupError) as exc:
            raise WebhookError(f"the body is not text in its charset: {exc}", "$") from None
    if not isinstance(body, str):
        raise WebhookError(f"expected bytes, text or a dict, got {_kind(body)}", "$")
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
        raise WebhookError(f"the body is not JSON: {exc!s:.80}", "$") from None


def _charset(headers: Any) -> str:
    content_type = ""
    if headers is not None and hasattr(headers, "items"):
        for name, value in headers.items():
            if str(name).lower() == "content-type":
                content_type = str(value)
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return "utf-8"


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise WebhookError(f"expected an object, got {_kind(value)}", path)
    return value


def _from_document(document: dict[str, Any]) -> Webhook:
    data = _object(document["data"], "$.data")
    attributes = _object(data.get("attributes"), "$.data.attributes")
    kind = data.get("type")
    if kind is None:  # not seen from the service; read by what the attributes hold
        kind = "delivery_receipt" if _RECEIPT_KEYS & attributes.keys() else "message"
    if kind == "delivery_receipt":
        flat = {**attributes, "message_id": data.get("id")}
        return _read(DeliveryReceipt, flat, document, _document_path)
    if kind == "message":
        flat = {**attributes, "id": data.get("id")}
        flat["media"] = _included_media(document.get("included", []))
        return _read_message(flat, document, _document_path)
    raise WebhookError(
        f"unknown type {kind!r:.40}: expected 'message' or 'delivery_receipt'", "$.data.type"
    )


def _from_flat(document: dict[str, Any]) -> Webhook:
    if _RECEIPT_KEYS & document.keys():
        flat = dict(document)
        if "message_id" not in flat:  # a flat receipt names its message by "id"
            flat["message_id"] = document.get("id")
            return _read(DeliveryReceipt, flat, document, _flat_receipt_path)
        return _read(DeliveryReceipt, flat, document, _flat_path)
    if "to" not in document and "from" not in document:
        raise WebhookError("not a Flowroute webhook: no 'data', nor 'to' and 'from'", "$")
    flat = dict(document)
    urls = document.get("media_urls", [])
    if not isinstance(urls, list):
        raise WebhookError(f"expected a list, got {_kind(urls)}", "$.media_urls")
    flat["media"] = [
        _read(Media, {"url": url}, url, lambda _, at=f"$.media_urls[{i}]": at)
        for i, url in enumerate(urls)
    ]
    return _read_message(flat, document, _flat_path)


def _included_media(included: Any) -> list[Media]:
    """The ``media`` resources of ``included``, in document order."""
    if not isinstance(included, list):
        raise WebhookError(f"expected a list, got {_kind(included)}", "$.included")
    media = []
    for index, resource in enumerate(included):
        at = f"$.included[{index}]"
        resource = _object(resource, at)
        if resource.get("type") != "media":
            continue  # another kind of resource: kept in raw, not a file
        attributes = _object(resource.get("attributes"), f"{at}.attributes")
        flat = {**attributes, "id": resource.get("id")}
        media.append(_read(Media, flat, resource, functools.partial(_resource_path, at)))
    return media


def _resource_path(at: str, key: str) -> str:
    return f"{at}.id" if key == "id" else f"{at}.attributes.{key}"


def _read_message(flat: dict[str, Any], document: Any, path: Any) -> InboundMessage:
    flat["is_mms"] = _flag(flat.get("is_mms", bool(flat["media"])), path("is_mms"))
    amount = _amount(flat, path)
    flat.pop("amount", None)  # not a key the service sends: kept in raw, never read
    message = _read(InboundMessage, flat, document, path)
    return attrs.evolve(message, amount=amount)


def _flag(value: Any, path: str) -> Any:
    # The service's own examples spell booleans as strings in places.
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if not isinstance(value, bool):
        raise WebhookError(f"expected true or false, got {_kind(value)}", path)
    return value


def _amount(flat: dict[str, Any], path: Any) -> Optional[Decimal]:
    nanodollars = flat.get("amount_nanodollars")
    if type(nanodollars) is int:
        return nanodollars * _NANO
    display = flat.get("amount_display")
    if nanodollars is not None or display is None:
        return None  # a bad amount_nanodollars is named when the model is read
    if isinstance(display, str):
        display = display.strip().lstrip("$")  # "$0.0040", as the service prints it
    try:
        amount: Decimal = _MONEY(display)
    except (TypeError, ValueError) as exc:
        raise WebhookError(str(exc), path("amount_display")) from None
    return amount


def _document_path(key: str) -> str:
    if key == "id" or key == "message_id":
        return "$.data.id"
    if key == "media":
        return "$.included"
    return f"$.data.attributes.{key}"


def _flat_path(key: str) -> str:
    return "$.media_urls" if key == "media" else f"$.{key}"


def _flat_receipt_path(key: str) -> str:
    return "$.id" if key == "message_id" else f"$.{key}"


def _read(cls: type[T], flat: dict[str, Any], document: Any, path: Any) -> T:
    renames = _MESSAGE_RENAMES if cls is InboundMessage else None
    try:
        result: T = structurer(cls, renames)(flat, document)
        return result
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        reasons = explain(cls, flat, "$", renames, lambda key: path(key)[1:])
        reason = reasons[0] if reasons else f"{exc!r:.80} @ $"
        what, _, where = reason.rpartition(" @ ")
        raise WebhookError(what, where) from None
