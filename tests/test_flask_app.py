"""Done-when of issue 13: a Flask app receives webhooks from the served emulator and replies.

The app sets its callbacks through the SDK; an inbound SMS and an MMS are
injected; the app answers each through the SDK from inside its webhook
handler; the delivery receipts of those replies reach the app and are
parsed. Flask is a test dependency only.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

import flowroute
from flowroute import webhooks
from flowroute.emulator import Emulator

flask = pytest.importorskip("flask")
serving = pytest.importorskip("werkzeug.serving")

SENDER = "12065550199"


def _parse(body: bytes) -> dict[str, Any]:
    """What the app needs of a webhook, read with flowroute.webhooks as an app would."""
    event = webhooks.parse(body)
    if isinstance(event, webhooks.DeliveryReceipt):
        return {"kind": "dlr", "id": event.message_id, "status": event.status}
    return {
        "kind": event.kind,
        "id": event.id,
        "from": event.from_,
        "to": event.to,
        "body": event.body,
        "media": [m.url for m in event.media],
    }


def make_app(client: flowroute.Client) -> tuple[Any, list[dict[str, Any]], list[str]]:
    """The app under test: it records every webhook and answers each inbound message."""
    app = flask.Flask("webhook-app")
    seen: list[dict[str, Any]] = []
    replies: list[str] = []

    @app.post("/sms")
    @app.post("/mms")
    @app.post("/dlr")
    def webhook() -> tuple[str, int]:
        event = _parse(flask.request.get_data())
        seen.append(event)
        if event["kind"] != "dlr":
            text = f"got {event['body'] or 'your picture'}"
            reply = client.v2.messages.send_a_message(
                to=event["from"], from_=event["to"], body=text
            )
            replies.append(reply)
        return "", 200

    return app, seen, replies


@pytest.fixture
def served_app() -> Iterator[tuple[Emulator, flowroute.Client, str, Any]]:
    emu = Emulator(seed=0)
    number = emu.seed_numbers(1)[0]
    with emu.serve() as url, flowroute.Client(emu.access_key, emu.secret_key, base_url=url) as c:
        app, seen, replies = make_app(c)
        server = serving.make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            yield emu, c, number, (f"http://127.0.0.1:{server.server_port}", seen, replies)
        finally:
            server.shutdown()
            thread.join()
            server.server_close()


def test_a_flask_app_receives_replies_and_gets_its_receipts(
    served_app: tuple[Emulator, flowroute.Client, str, Any],
) -> None:
    emu, client, number, (app_url, seen, replies) = served_app
    for kind in ("sms", "mms", "dlr"):
        client.v2.messages.set_callback(kind, f"{app_url}/{kind}")

    sms = emu.receive_message(to=number, from_=SENDER, body="hello")
    mms = emu.receive_message(to=number, from_=SENDER, media=["https://cdn.example.com/cat.png"])
    attempts = emu.wait_for_callbacks(2 + 2 * 3, timeout=10)

    assert all(a.ok for a in attempts)
    inbound = [e for e in seen if e["kind"] != "dlr"]
    assert inbound == [
        {"kind": "sms", "id": sms.id, "from": SENDER, "to": number, "body": "hello", "media": []},
        {
            "kind": "mms",
            "id": mms.id,
            "from": SENDER,
            "to": number,
            "body": None,
            "media": ["https://cdn.example.com/cat.png"],
        },
    ]
    sent = [emu.state.messages_by_id[r] for r in replies]
    assert [(m.to, m.from_, m.body) for m in sent] == [
        (SENDER, number, "got hello"),
        (SENDER, number, "got your picture"),
    ]
    receipts = [e for e in seen if e["kind"] == "dlr"]
    for reply in replies:
        statuses = [r["status"] for r in receipts if r["id"] == reply]
        assert statuses == ["message buffered", "smsc submit", "delivered"]
    assert {a.url for a in attempts} == {f"{app_url}/{k}" for k in ("sms", "mms", "dlr")}
