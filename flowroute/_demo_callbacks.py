"""The messaging part of `flowroute demo`: the emulator calls an app back.

A recording receiver stands in for the app: the tour points the account's
SMS, MMS and DLR callbacks at it, has a phone send an SMS and an MMS to
the bought number, answers each through the SDK, and shows the delivery
receipts of the answers arriving. Offline and quick: nothing sleeps; each
wait returns as soon as the callbacks are in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ._client import Client
    from .emulator import Emulator

__all__ = ["PHONE", "tour_callbacks"]

PHONE = "12065550199"  # the phone that texts the demo number

Say = Callable[[str, str], None]
Table = Callable[[list[str], list[tuple[Any, ...]]], str]


def _event(body: bytes) -> dict[str, Any]:
    """The few fields shown of a webhook, read as an app reads it."""
    from . import webhooks

    event = webhooks.parse(body)
    if isinstance(event, webhooks.DeliveryReceipt):
        return {"id": event.message_id, "level": event.level, "status": event.status}
    return {
        "id": event.id,
        "from": event.from_,
        "to": event.to,
        "body": event.body or "",
        "media": " ".join(m.file_name or m.url for m in event.media),
    }


def tour_callbacks(client: Client, emulator: Emulator, number: str, say: Say, table: Table) -> None:
    """Receive an SMS and an MMS on `number`, answer both, show the receipts."""
    from .emulator import CallbackReceiver

    messages = client.v2.messages
    with CallbackReceiver() as app:
        for kind in ("sms", "mms", "dlr"):
            messages.set_callback(kind, f"{app.url}/{kind}")
        emulator.receive_message(to=number, from_=PHONE, body="Are you open today?")
        emulator.receive_message(
            to=number,
            from_=PHONE,
            media=[{"url": "https://example.com/menu.png", "file_size": 48213}],
        )
        inbound = [_event(r.body) for r in app.wait_for(2)]
        say(
            "Webhooks: an SMS and an MMS reach the app",
            table(
                ["from", "to", "text", "media"],
                [(e["from"], e["to"], e["body"], e["media"]) for e in inbound],
            ),
        )
        replies = [
            messages.send_a_message(to=e["from"], from_=e["to"], body="Yes, 9 to 5.")
            for e in inbound
        ]
        received = app.wait_for(2 + 3 * len(replies))
        receipts = [_event(r.body) for r in received if r.path == "/dlr"]
        # The two replies' receipts may interleave on the way; show them reply by reply.
        receipts.sort(key=lambda r: replies.index(r["id"]) if r["id"] in replies else -1)
        say(
            "Webhooks: delivery receipts of the two replies",
            table(
                ["message", "level", "status"],
                [(r["id"], r["level"], r["status"]) for r in receipts if r["id"] in replies],
            ),
        )
