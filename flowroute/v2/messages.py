"""Messages v2.1: send an SMS or MMS, look up message detail records (MDRs)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Callable, Literal, Optional, Union

from .. import _validate as check
from .._resource import Controller, Endpoint
from ..errors import NotFoundError, ValidationError
from . import _arguments as arg
from ._converter import read_id, read_one
from ._paging import list_page
from .models import Message, NewMessage

if TYPE_CHECKING:
    from ..pagination import Page

__all__ = ["MessagesController"]

_SEND = Endpoint(
    "POST",
    "/v2.1/messages",
    outcome="the message may have been sent; list the recent messages before retrying",
)
_LIST = Endpoint("GET", "/v2.1/messages")
_DETAIL = Endpoint("GET", "/v2.1/messages/{id}")
# Callback URLs: the account's (v2.1) and each number's own (v2), one path per kind.
_ACCOUNT_CALLBACK = {
    method: Endpoint(method, "/v2.1/messages/{kind}") for method in ("PUT", "GET", "DELETE")
}
_NUMBER_CALLBACK = {
    method: Endpoint(
        method,
        "/v2/numbers/{number_id}/relationships/{kind}",
        outcome="setting a callback URL again leaves it set once; sending again is safe",
    )
    for method in ("POST", "GET", "DELETE")
}
_ENDPOINTS = (_SEND, _LIST, _DETAIL, *_ACCOUNT_CALLBACK.values(), *_NUMBER_CALLBACK.values())
_CALLBACK_KINDS = ("sms", "mms", "dlr")
# action -> (method for the account's URL, method for a number's URL)
_CALLBACK_METHODS = {"set": ("PUT", "POST"), "get": ("GET", "GET"), "remove": ("DELETE", "DELETE")}

CallbackKind = Literal["sms", "mms", "dlr"]

_MESSAGE_KEYS = frozenset({"to", "from", "body", "is_mms", "media_urls", "dlr_callback"})

MessageBody = Union[NewMessage, Mapping[str, Any], str]
DateArg = Union[datetime.date, datetime.datetime, str]


def _from_attributes(body: Any) -> NewMessage:
    attributes = arg.body_attributes(body, "body", "message")
    arg.known_keys(attributes, "body", _MESSAGE_KEYS)
    for required in ("to", "from"):
        if required not in attributes:
            raise ValidationError(required, "a phone number", None)
    explicit = attributes.get("is_mms", True)
    if attributes.get("media_urls") and str(explicit).lower() == "false":
        raise ValidationError("is_mms", "true (or left out) when media_urls are given", False)
    return NewMessage(
        to=attributes["to"],
        from_=attributes["from"],
        body=attributes.get("body"),
        is_mms=arg.boolean(attributes.get("is_mms", False), "is_mms"),
        media_urls=attributes.get("media_urls") or (),
        dlr_callback=attributes.get("dlr_callback"),
    )


def _from_keywords(
    text: Any, to: Any, from_: Any, is_mms: bool, media_urls: Sequence[str], callback: Any
) -> NewMessage:
    """The message of ``send_a_message(to=..., from_=..., body=...)``."""
    if text is not None and not isinstance(text, str):
        raise ValidationError("body", "the message text when to/from_ are given", text)
    for name, number in (("to", to), ("from_", from_)):
        if number is None:
            raise ValidationError(name, "a phone number", None)
    return NewMessage(
        to=str(to),
        from_=str(from_),
        body=text,
        is_mms=is_mms,
        media_urls=media_urls,
        dlr_callback=callback,
    )


def _seconds(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _new_message(body: Any) -> NewMessage:
    """The message to send, from any accepted body form, checked and normalised."""
    message = body if isinstance(body, NewMessage) else _from_attributes(body)
    media_urls = arg.urls(message.media_urls, "media_urls")
    # Media make a message an MMS, as the API documents; is_mms alone sends text as MMS.
    is_mms = arg.boolean(message.is_mms, "is_mms") or bool(media_urls)
    text = message.body
    if text is not None or not media_urls:
        text = check.text(text, "body")
    callback = message.dlr_callback
    if callback is not None:
        callback = arg.url(callback, "dlr_callback")
    return NewMessage(
        to=check.phone_number(message.to, "to"),
        from_=check.phone_number(message.from_, "from"),
        body=text,
        is_mms=is_mms,
        media_urls=media_urls,
        dlr_callback=callback,
    )


class MessagesController(Controller):
    """SMS and MMS: send messages and look up their detail records."""

    def send_a_message(
        self,
        body: Union[MessageBody, None] = None,
        *,
        to: Union[str, int, None] = None,
        from_: Union[str, int, None] = None,
        is_mms: bool = False,
        media_urls: Sequence[str] = (),
        dlr_callback: Optional[str] = None,
    ) -> str:
        """Send an SMS, or an MMS when ``is_mms`` is true.

        Either the whole message in `body`, or keywords::

            send_a_message(to="12065550123", from_="12065550100", body="hello")

        Args:
            body: with ``to``/``from_`` given, the text of the message (None
                only for an MMS with ``media_urls``). Otherwise the whole
                message: a `NewMessage`; or a dict of its attributes (``to``,
                ``from``, ``body``, ``is_mms``, ``media_urls``,
                ``dlr_callback``); or the documented JSON:API document; or
                the JSON text of either dict.
            to: the receiving number.
            from_: the sending number, one of the account's.
            is_mms: send as MMS, even with text only.
            media_urls: absolute http(s) URLs of media to attach; media
                make the message an MMS. The service limits an MMS to
                750 kB in all, text included.
            dlr_callback: a URL for this message's delivery reports.

        Returns:
            The id of the message's record, ``"mdr2-..."``.
        """
        if to is not None or from_ is not None:
            body = _from_keywords(body, to, from_, is_mms, media_urls, dlr_callback)
        elif is_mms or media_urls or dlr_callback is not None:
            raise ValidationError("to", "to and from_ with the keyword form of a message", None)
        message = _new_message(body)
        accepted = self._send(_SEND, json=message.to_body())
        return read_id(accepted)

    def look_up_a_set_of_messages(
        self,
        start_date: DateArg,
        end_date: Optional[DateArg] = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Page[Message]:
        """List the message records of a period.

        Args:
            start_date: start of the period (UTC): a date, a datetime (an
                aware one is converted to UTC) or ``"YYYY-MM-DD[THH:MM:SS]"``.
            end_date: end of the period, in the same forms.
            limit: records per page, 1 or more.
            offset: records to skip.
        """
        params = {
            "start_date": check.date_text(start_date, "start_date"),
            "end_date": None if end_date is None else check.date_text(end_date, "end_date"),
            "limit": arg.limit(limit, None),
            "offset": arg.offset(offset),
        }
        return list_page(self._send, _LIST, params, Message)

    def look_up_a_message_detail_record(self, id: str) -> Message:
        """One message record.

        Args:
            id: the record id, with its ``mdr2-`` prefix.
        """
        body = self._send(_DETAIL, id=arg.mdr_id(id))
        return read_one(body, Message)

    def wait_for_message(
        self,
        id: str,
        timeout: float = 10.0,
        interval: float = 0.5,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> Message:
        """A message record, waiting up to `timeout` seconds for it to appear.

        The service may not find a message for a moment after accepting
        it; this looks it up again every `interval` seconds while the
        answer is 404, instead of a fixed ``sleep(3)`` before the lookup.

        Args:
            id: the record id, with its ``mdr2-`` prefix.
            timeout: seconds to keep trying, 0 or more.
            interval: seconds between lookups, more than 0.
            sleep: waits between lookups (tests pass a fake).
            clock: monotonic seconds, read to keep to `timeout`.

        Raises:
            flowroute.errors.NotFoundError: still not found after `timeout`.
        """
        record_id = arg.mdr_id(id)
        if not _seconds(timeout) or timeout < 0:
            raise ValidationError("timeout", "a number of seconds, 0 or more", timeout)
        if not _seconds(interval) or interval <= 0:
            raise ValidationError("interval", "a number of seconds above 0", interval)
        deadline = clock() + timeout
        while True:
            try:
                return self.look_up_a_message_detail_record(record_id)
            except NotFoundError:
                remaining = deadline - clock()
                if remaining <= 0:
                    raise
                sleep(min(interval, remaining))

    def set_callback(
        self, kind: CallbackKind, url: str, number_id: Union[str, int, None] = None
    ) -> None:
        """Set the URL Flowroute posts inbound messages or delivery receipts to.

        Args:
            kind: ``"sms"``, ``"mms"`` or ``"dlr"``.
            url: the http(s) URL to post to.
            number_id: one of the account's numbers, for that number's own
                URL; None for the account's.
        """
        body = {"data": {"attributes": {"callback_url": arg.url(url, "url")}}}
        self._callback("set", kind, number_id, body)

    def get_callback(
        self, kind: CallbackKind, number_id: Union[str, int, None] = None
    ) -> Optional[str]:
        """The callback URL set for `kind`, of the account or of one number.

        Args:
            kind: ``"sms"``, ``"mms"`` or ``"dlr"``.
            number_id: one of the account's numbers, or None for the account.

        Returns:
            The URL; None when the answer holds no URL.

        Raises:
            flowroute.errors.NotFoundError: no URL is set (as the service answers).
        """
        body = self._callback("get", kind, number_id, None)
        data = body.get("data") if isinstance(body, dict) else None
        attributes = data.get("attributes") if isinstance(data, dict) else None
        url = attributes.get("callback_url") if isinstance(attributes, dict) else None
        return url if isinstance(url, str) and url else None

    def remove_callback(self, kind: CallbackKind, number_id: Union[str, int, None] = None) -> None:
        """Remove the callback URL set for `kind`, of the account or of one number.

        Args:
            kind: ``"sms"``, ``"mms"`` or ``"dlr"``.
            number_id: one of the account's numbers, or None for the account.
        """
        self._callback("remove", kind, number_id, None)

    def set_account_level_sms_callback(self, url: str) -> None:
        """The v3 SDK's name for ``set_callback("sms", url)``."""
        self.set_callback("sms", url)

    def set_account_level_mms_callback(self, url: str) -> None:
        """The v3 SDK's name for ``set_callback("mms", url)``."""
        self.set_callback("mms", url)

    def set_account_level_dlr_callback(self, url: str) -> None:
        """The v3 SDK's name for ``set_callback("dlr", url)``."""
        self.set_callback("dlr", url)

    def set_did_level_dlr_callback(self, number_id: Union[str, int], dlr_url: str) -> None:
        """The v3 SDK's name for ``set_callback("dlr", dlr_url, number_id)``."""
        self.set_callback("dlr", dlr_url, number_id)

    def _callback(self, action: str, kind: Any, number_id: Any, body: Any) -> Any:
        path = f"{check.choice(kind, 'kind', _CALLBACK_KINDS)}_callback"
        account_method, number_method = _CALLBACK_METHODS[action]
        if number_id is None:
            return self._call(_ACCOUNT_CALLBACK[account_method], json=body, kind=path)
        number = check.phone_number(number_id, "number_id")
        endpoint = _NUMBER_CALLBACK[number_method]
        return self._call(endpoint, json=body, kind=path, number_id=number)
