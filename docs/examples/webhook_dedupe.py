"""What every receiver below shares: a key per delivery, and a quick hand-off.

Flowroute may post the same callback more than once (it retries when it
sees no 2xx in time), so a receiver answers 2xx at once and does the work
later, once per key.
"""

import json
import queue
import threading

from flowroute import webhooks

inbox: "queue.Queue[webhooks.Webhook]" = queue.Queue()  # a worker (or a task queue) reads it
_seen: set = set()  # in production: a table with a unique key, so it survives restarts
_lock = threading.Lock()


def key(event: webhooks.Webhook) -> tuple:
    """What makes a delivery unique: a message's id; a receipt's message, level and status."""
    if isinstance(event, webhooks.DeliveryReceipt):
        return ("dlr", event.message_id, event.level, event.status, event.status_code)
    return ("message", event.id or json.dumps(event.raw, sort_keys=True))


def accept(event: webhooks.Webhook) -> None:
    """Queue `event` for the worker unless it was queued before."""
    with _lock:
        if key(event) in _seen:
            return
        _seen.add(key(event))
    inbox.put(event)
