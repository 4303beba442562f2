"""Every body the emulator posts to an app is read by flowroute.webhooks.parse, field by field."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import flowroute
from flowroute import webhooks
from flowroute.emulator import CallbackReceiver, Emulator

PHONE = "12065550199"


@pytest.fixture
def setup() -> Iterator[tuple[Emulator, flowroute.Client, str, CallbackReceiver]]:
    emu = Emulator(seed=0)
    number = emu.seed_numbers(1)[0]
    with (
        emu.mock(),
        flowroute.Client(emu.access_key, emu.secret_key) as client,
        CallbackReceiver() as app,
    ):
        for kind in ("sms", "mms", "dlr"):
            client.v2.messages.set_callback(kind, f"{app.url}/{kind}")
        yield emu, client, number, app


def test_inbound_sms_and_mms_as_the_emulator_posts_them(
    setup: tuple[Emulator, flowroute.Client, str, CallbackReceiver],
) -> None:
    emu, _, number, app = setup
    sms = emu.receive_message(to=number, from_=PHONE, body="Are you open today?")
    picture = {"url": "https://cdn.example.com/menu.png", "file_size": 48213}
    mms = emu.receive_message(to=number, from_=PHONE, media=[picture])
    received = {r.path: webhooks.parse(r.body) for r in app.wait_for(2)}

    text = received["/sms"]
    assert isinstance(text, webhooks.InboundMessage)
    assert (text.id, text.kind, text.to, text.from_) == (sms.id, "sms", number, PHONE)
    assert text.body == "Are you open today?" and text.direction == "inbound"
    assert text.callback_url == f"{app.url}/sms"
    assert text.timestamp is not None and text.timestamp.tzinfo is not None
    assert text.amount is not None and text.amount * 10**9 == text.amount_nanodollars

    image = received["/mms"]
    assert isinstance(image, webhooks.InboundMessage)
    assert (image.id, image.kind, image.body) == (mms.id, "mms", None)
    assert [(m.url, m.file_name, m.file_size, m.mime_type) for m in image.media] == [
        ("https://cdn.example.com/menu.png", "menu.png", 48213, "image/png")
    ]


def test_delivery_receipts_as_the_emulator_posts_them(
    setup: tuple[Emulator, flowroute.Client, str, CallbackReceiver],
) -> None:
    emu, client, number, app = setup
    emu.fail_messages_to("12065550111")
    ok = client.v2.messages.send_a_message(to=PHONE, from_=number, body="hi")
    failed = client.v2.messages.send_a_message(to="12065550111", from_=number, body="hi")
    emu.wait_for_callbacks(4)
    emu.deliver()  # whatever else is due: every receipt of both messages is in
    receipts = [webhooks.parse(r.body) for r in app.wait_for(len(emu.callbacks))]
    assert all(isinstance(r, webhooks.DeliveryReceipt) for r in receipts)
    by_message = {
        mdr: [r.status for r in receipts if r.message_id == mdr]  # type: ignore[union-attr]
        for mdr in (ok, failed)
    }
    assert by_message[ok][-1] == "delivered"
    assert by_message[failed] and by_message[failed][-1] != "delivered"
    for receipt in receipts:
        assert receipt.timestamp is not None and receipt.timestamp.tzinfo is not None  # type: ignore[union-attr]
        assert receipt.raw == json.loads(json.dumps(receipt.raw))
