"""flowroute.webhooks.parse: every shape the service has posted, and nothing else.

The documents below follow Flowroute's developer documentation (Messages
v2.1 "Receive an SMS", "Receive an MMS", "Receive a DLR"), an MMS as a
receiving app logged it (media under ``included``), and the flat JSON of
the earlier messaging API that apps such as flowroute/sms-proxy read.
"""

from __future__ import annotations

import copy
import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import flowroute
from flowroute import webhooks
from flowroute.webhooks import DeliveryReceipt, InboundMessage, Media, WebhookError

UTC = datetime.timezone.utc


def sms_document() -> dict[str, Any]:
    return {
        "data": {
            "attributes": {
                "amount_display": "$0.0040",
                "amount_nanodollars": 4000000,
                "body": "Are you open today?",
                "delivery_receipts": [],
                "direction": "inbound",
                "from": "12065550123",
                "is_mms": False,
                "message_callback_url": "https://app.example.com/sms",
                "message_encoding": 0,
                "message_type": "longcode",
                "status": "",
                "timestamp": "2017-12-22T01:52:39.39Z",
                "to": "12065550100",
            },
            "id": "mdr2-ca82be46e6ba11e79d08862d092cf73d",
            "type": "message",
        }
    }


def mms_document() -> dict[str, Any]:
    document = sms_document()
    attributes = document["data"]["attributes"]
    attributes.update(body=None, is_mms=True, amount_nanodollars=19500000)
    attributes["amount_display"] = "$0.0195"
    del attributes["message_callback_url"]
    files = [("m-1", "image000000.png", 14832, "image/png"), ("m-2", "clip.mp4", 900, "video/mp4")]
    document["data"]["relationships"] = {
        "media": {"data": [{"id": i, "type": "media"} for i, *_ in files]}
    }
    document["included"] = [
        {
            "attributes": {
                "file_name": name,
                "file_size": size,
                "mime_type": mime,
                "url": f"https://media.example.com/{i}",
            },
            "id": i,
            "links": {"self": f"https://api.flowroute.com/v2.2/media/{i}"},
            "type": "media",
        }
        for i, name, size, mime in files
    ]
    return document


def dlr_document() -> dict[str, Any]:
    return {
        "data": {
            "attributes": {
                "body": "We are open",
                "level": 2,
                "status": "message buffered",
                "status_code": "1003",
                "status_code_description": "Message accepted by Carrier",
                "timestamp": "2017-12-21T16:44:35.00Z",
            },
            "id": "mdr2-39cadeace66e11e7aff806cd7f24ba2d",
            "links": {
                "related": "https://api.flowroute.com/v2.1/messages/mdr2-39cadeace66e11e7aff806cd7f24ba2d"
            },
            "type": "delivery_receipt",
        }
    }


FLAT_SMS = {"to": "12065550100", "from": "12065550123", "body": "hello from participant a"}


def test_inbound_sms_of_v2_1() -> None:
    message = webhooks.parse(sms_document())
    assert message == InboundMessage(
        id="mdr2-ca82be46e6ba11e79d08862d092cf73d",
        to="12065550100",
        from_="12065550123",
        body="Are you open today?",
        is_mms=False,
        direction="inbound",
        timestamp=datetime.datetime(2017, 12, 22, 1, 52, 39, 390000, tzinfo=UTC),
        amount=Decimal("0.004"),
        amount_nanodollars=4000000,
        message_type="longcode",
        message_encoding=0,
        status="",
        callback_url="https://app.example.com/sms",
    )
    assert message.kind == "sms"
    assert message.raw == sms_document()


def test_inbound_mms_reads_its_files_from_included() -> None:
    message = webhooks.parse(mms_document())
    assert isinstance(message, InboundMessage)
    assert message.kind == "mms" and message.body is None
    assert message.media == (
        Media(
            url="https://media.example.com/m-1",
            file_name="image000000.png",
            file_size=14832,
            mime_type="image/png",
            id="m-1",
        ),
        Media(
            url="https://media.example.com/m-2",
            file_name="clip.mp4",
            file_size=900,
            mime_type="video/mp4",
            id="m-2",
        ),
    )
    assert message.media[0].raw == mms_document()["included"][0]
    assert message.amount == Decimal("0.0195")


def test_a_resource_in_included_that_is_not_media_is_no_file_but_is_kept() -> None:
    document = mms_document()
    document["included"].append({"type": "sticker", "id": "s-1", "attributes": {}})
    message = webhooks.parse(document)
    assert isinstance(message, InboundMessage)
    assert [m.id for m in message.media] == ["m-1", "m-2"]
    assert message.raw["included"][-1]["type"] == "sticker"


def test_delivery_receipt_of_v2_1() -> None:
    receipt = webhooks.parse(dlr_document())
    assert receipt == DeliveryReceipt(
        message_id="mdr2-39cadeace66e11e7aff806cd7f24ba2d",
        status="message buffered",
        status_code="1003",
        status_code_description="Message accepted by Carrier",
        level=2,
        timestamp=datetime.datetime(2017, 12, 21, 16, 44, 35, tzinfo=UTC),
        body="We are open",
    )


def test_a_receipt_status_code_may_be_a_number_or_null() -> None:
    document = dlr_document()
    document["data"]["attributes"]["status_code"] = 1003
    assert webhooks.parse(document).status_code == "1003"  # type: ignore[union-attr]
    document["data"]["attributes"]["status_code"] = None
    assert webhooks.parse(document).status_code is None  # type: ignore[union-attr]


def test_flat_sms_of_the_earlier_api() -> None:
    message = webhooks.parse(json.dumps(FLAT_SMS).encode())
    assert message == InboundMessage(
        to="12065550100", from_="12065550123", body="hello from participant a"
    )
    assert message.raw == FLAT_SMS


def test_flat_message_with_media_urls_is_an_mms() -> None:
    body = {**FLAT_SMS, "media_urls": ["https://media.example.com/a.gif"]}
    message = webhooks.parse(body)
    assert isinstance(message, InboundMessage)
    assert message.is_mms and message.media == (Media(url="https://media.example.com/a.gif"),)


def test_a_flat_receipt_names_its_message_by_id() -> None:
    attributes = dlr_document()["data"]["attributes"]
    receipt = webhooks.parse({**attributes, "id": "mdr2-1"})
    assert isinstance(receipt, DeliveryReceipt)
    assert (receipt.message_id, receipt.status, receipt.level) == ("mdr2-1", "message buffered", 2)
    with pytest.raises(WebhookError) as caught:
        webhooks.parse(attributes)
    assert caught.value.field == "$.id"


@pytest.mark.parametrize("form", [bytes, str, dict])
def test_bytes_text_and_decoded_json_read_alike(form: Any) -> None:
    text = json.dumps(mms_document())
    body = {"bytes": text.encode(), "str": text, "dict": json.loads(text)}[form.__name__]
    assert webhooks.parse(body) == webhooks.parse(mms_document())


def test_a_charset_in_the_headers_decodes_bytes() -> None:
    body = json.dumps({**FLAT_SMS, "body": "café"}, ensure_ascii=False).encode("latin-1")
    headers = {"Content-Type": "application/json; charset=latin-1"}
    assert webhooks.parse(body, headers).body == "café"  # type: ignore[union-attr]
    with pytest.raises(WebhookError) as caught:
        webhooks.parse(body)  # UTF-8 by default
    assert caught.value.field == "$"


def test_extra_keys_are_kept_in_raw() -> None:
    document = sms_document()
    document["data"]["attributes"]["carrier"] = "Example Wireless"
    document["meta"] = {"attempt": 2}
    message = webhooks.parse(document)
    assert message.raw["data"]["attributes"]["carrier"] == "Example Wireless"
    assert message.raw["meta"] == {"attempt": 2}


def _with(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


_DELETE = object()
BAD = [
    (b"\xff", "$", "not text"),
    ("{", "$", "not JSON"),
    ("[1]", "$", "JSON object"),
    ({"anything": 1}, "$", "not a Flowroute webhook"),
    (_with(sms_document(), ("data",), []), "$.data", "object"),
    (_with(sms_document(), ("data", "type"), "call"), "$.data.type", "unknown type"),
    (_with(sms_document(), ("data", "attributes", "to"), _DELETE), "$.data.attributes.to", ""),
    (_with(sms_document(), ("data", "attributes", "from"), 1.5), "$.data.attributes.from", ""),
    (
        _with(sms_document(), ("data", "attributes", "is_mms"), "yes"),
        "$.data.attributes.is_mms",
        "",
    ),
    (
        _with(sms_document(), ("data", "attributes", "timestamp"), "yesterday"),
        "$.data.attributes.timestamp",
        "ISO-8601",
    ),
    (
        _with(sms_document(), ("data", "attributes", "amount_nanodollars"), "4e6"),
        "$.data.attributes.amount_nanodollars",
        "",
    ),
    (
        _with(
            _with(sms_document(), ("data", "attributes", "amount_nanodollars"), _DELETE),
            ("data", "attributes", "amount_display"),
            "$NaN",
        ),
        "$.data.attributes.amount_display",
        "amount",
    ),
    (_with(mms_document(), ("included",), {}), "$.included", "list"),
    (
        _with(mms_document(), ("included", 0, "attributes", "url"), None),
        "$.included[0].attributes.url",
        "",
    ),
    (_with(dlr_document(), ("data", "id"), _DELETE), "$.data.id", ""),
    (_with(dlr_document(), ("data", "attributes", "level"), "2"), "$.data.attributes.level", ""),
    ({**FLAT_SMS, "media_urls": "https://x"}, "$.media_urls", "list"),
    ({**FLAT_SMS, "media_urls": ["https://x", 7.5]}, "$.media_urls[1]", "string"),
    (
        _with(mms_document(), ("included", 1, "attributes", "file_size"), "9kB"),
        "$.included[1].attributes.file_size",
        "integer",
    ),
    (
        _with(mms_document(), ("included", 1, "attributes"), None),
        "$.included[1].attributes",
        "object",
    ),
]


@pytest.mark.parametrize(("body", "field", "reason"), BAD)
def test_a_bad_body_raises_naming_the_field(body: Any, field: str, reason: str) -> None:
    with pytest.raises(WebhookError) as caught:
        webhooks.parse(body)
    assert caught.value.field == field
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"invalid webhook body at {field}: ")


def test_webhook_error_is_a_flowroute_error_and_exported() -> None:
    assert issubclass(WebhookError, flowroute.FlowrouteError)
    assert flowroute.WebhookError is WebhookError is flowroute.errors.WebhookError


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
VALID = [sms_document(), mms_document(), dlr_document(), FLAT_SMS]


def _replace_somewhere(document: Any, choices: list[int], value: Any) -> Any:
    """`document` with the value at a path chosen by `choices` replaced by `value`."""
    if not choices or not isinstance(document, (dict, list)) or not document:
        return value
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = keys[choices[0] % len(keys)]
    changed = copy.copy(document)
    changed[key] = _replace_somewhere(document[key], choices[1:], value)
    return changed


def _parses_or_refuses(body: Any) -> None:
    try:
        result = webhooks.parse(body)
    except WebhookError as exc:
        assert exc.field.startswith("$")
    else:
        assert isinstance(result, (InboundMessage, DeliveryReceipt))


@given(JSON)
def test_any_json_value_parses_or_raises_webhook_error(value: Any) -> None:
    _parses_or_refuses(json.dumps(value))


@given(st.binary(max_size=64))
def test_any_bytes_parse_or_raise_webhook_error(body: bytes) -> None:
    _parses_or_refuses(body)


@given(
    st.sampled_from(VALID),
    st.lists(st.integers(min_value=0, max_value=20), max_size=5),
    JSON,
)
def test_any_change_to_a_valid_body_parses_or_raises_webhook_error(
    document: Any, choices: list[int], value: Any
) -> None:
    _parses_or_refuses(_replace_somewhere(document, choices, value))
