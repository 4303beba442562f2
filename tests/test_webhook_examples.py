"""The receivers of docs/webhooks.rst run as printed: parse, queue once, answer at once."""

from __future__ import annotations

import importlib
import io
import json
import pathlib
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from flowroute import webhooks

from .test_webhooks import dlr_document, mms_document, sms_document

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "docs" / "examples"


@pytest.fixture
def examples(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, ModuleType]]:
    """The example modules, imported afresh (their seen-set starts empty)."""
    monkeypatch.syspath_prepend(str(EXAMPLES))
    names = ("webhook_dedupe", "webhook_wsgi", "webhook_flask")
    for name in names:
        sys.modules.pop(name, None)
    yield {name: importlib.import_module(name) for name in names if _importable(name)}
    for name in names:
        sys.modules.pop(name, None)


def _importable(name: str) -> bool:
    return name != "webhook_flask" or importlib.util.find_spec("flask") is not None


def _queued(dedupe: ModuleType) -> list[Any]:
    items = []
    while not dedupe.inbox.empty():
        items.append(dedupe.inbox.get_nowait())
    return items


def _wsgi_post(app: Any, body: bytes, method: str = "POST") -> str:
    statuses = []
    environ = {
        "REQUEST_METHOD": method,
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/vnd.api+json",
        "wsgi.input": io.BytesIO(body),
    }
    response = app(environ, lambda status, headers: statuses.append(status))
    assert b"".join(response) == b""
    return statuses[0]


def test_the_wsgi_receiver_queues_each_delivery_once(examples: dict[str, ModuleType]) -> None:
    app = examples["webhook_wsgi"].application
    sms, dlr = (json.dumps(d()).encode() for d in (sms_document, dlr_document))
    assert [_wsgi_post(app, b) for b in (sms, dlr, sms, dlr)] == ["204 No Content"] * 4
    queued = _queued(examples["webhook_dedupe"])
    assert [type(e) for e in queued] == [webhooks.InboundMessage, webhooks.DeliveryReceipt]
    assert queued[0].body == "Are you open today?"
    assert _wsgi_post(app, b'{"data": []}') == "400 Bad Request"
    assert _wsgi_post(app, b"", "GET") == "405 Method Not Allowed"
    assert _queued(examples["webhook_dedupe"]) == []


def test_a_later_receipt_of_the_same_message_is_not_a_repeat(
    examples: dict[str, ModuleType],
) -> None:
    app = examples["webhook_wsgi"].application
    delivered = dlr_document()
    delivered["data"]["attributes"].update(status="delivered", status_code="1000")
    for document in (dlr_document(), delivered, delivered):
        assert _wsgi_post(app, json.dumps(document).encode()) == "204 No Content"
    statuses = [e.status for e in _queued(examples["webhook_dedupe"])]
    assert statuses == ["message buffered", "delivered"]


def test_the_flask_receiver_queues_each_delivery_once(examples: dict[str, ModuleType]) -> None:
    pytest.importorskip("flask")
    client = examples["webhook_flask"].app.test_client()
    for document in (mms_document(), mms_document(), dlr_document()):
        response = client.post("/flowroute", json=document)
        assert (response.status_code, response.data) == (204, b"")
    assert client.post("/flowroute", data=b"not json").status_code == 400
    queued = _queued(examples["webhook_dedupe"])
    assert [type(e) for e in queued] == [webhooks.InboundMessage, webhooks.DeliveryReceipt]
    assert [m.file_name for m in queued[0].media] == ["image000000.png", "clip.mp4"]
