"""FlowrouteMessagingLib code runs unchanged on /v2.1/messages, in its documented shapes."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from flowroute import Client
from flowroute.compat import Configuration as CompatConfiguration
from flowroute.compat import FlowrouteDeprecationWarning, reset
from flowroute.emulator import Emulator

from .conftest import compat_warnings, quietly

SCRIPT = """\
from FlowrouteMessagingLib.Models.Message import Message
from FlowrouteMessagingLib.Controllers.APIController import APIController

controller = APIController(username=ACCESS_KEY, password=SECRET_KEY)
msg = Message(to="15305557784", from_=FROM, content="Gee, nice marmot!")
response = controller.create_message(msg)
record = controller.get_message_lookup(response["data"]["id"])
"""


@pytest.fixture
def sender(emulator: Emulator) -> str:
    state = emulator.state
    return state.purchase(state.search_available(starts_with="1206")[0].number).number


def _run(emulator: Emulator, sender: str) -> dict[str, Any]:
    namespace = {"ACCESS_KEY": emulator.access_key, "SECRET_KEY": emulator.secret_key}
    namespace["FROM"] = sender
    exec(compile(SCRIPT, "<legacy messaging>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("door", ["mock", "serve"])
def test_the_documented_script_runs_unchanged(emulator: Emulator, sender: str, door: str) -> None:
    from FlowrouteMessagingLib.Configuration import Configuration

    with (
        emulator.mock() if door == "mock" else emulator.serve() as url,
        compat_warnings() as caught,
    ):
        Configuration.BASE_URI = url + "/v2"
        namespace = _run(emulator, sender)
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning] * 2
    assert "client.v2.messages.send_a_message()" in str(caught[0].message)
    record_id = namespace["response"]["data"]["id"]
    assert namespace["response"] == {"data": {"id": record_id}}
    assert record_id.startswith("mdr2-")
    sent = emulator.state.message(record_id)
    assert (sent.to, sent.from_, sent.body) == ("15305557784", sender, "Gee, nice marmot!")
    record = namespace["record"]
    assert record == {
        "data": {
            "attributes": {
                "body": "Gee, nice marmot!",
                "direction": "outbound",
                "amount_nanodollars": 4000000,
                "message_encoding": 0,
                "timestamp": record["data"]["attributes"]["timestamp"],
                "has_mms": False,
                "to": "15305557784",
                "amount_display": "$0.0040",
                "from": sender,
                "callback_url": None,
                "message_type": "long-code",
            },
            "type": "message",
            "id": record_id,
        }
    }
    assert record["data"]["attributes"]["timestamp"].endswith("+00:00")
    posted = [r for r in emulator.requests if r.method == "POST"]
    assert [(r.path, r.body) for r in posted] == [
        (
            "/v2.1/messages",
            {
                "data": {
                    "type": "message",
                    "attributes": {
                        "to": "15305557784",
                        "from": sender,
                        "body": "Gee, nice marmot!",
                    },
                }
            },
        )
    ]


def _controller(emulator: Emulator, password: str = "") -> Any:
    from FlowrouteMessagingLib.Controllers.APIController import APIController

    return APIController(username=emulator.access_key, password=password or emulator.secret_key)


def test_a_number_not_on_the_account_is_forbidden(emulator: Emulator) -> None:
    from FlowrouteMessagingLib.APIException import APIException
    from FlowrouteMessagingLib.Models.Message import Message

    message = Message(to="15305557784", from_="12065550100", content="hi")
    with emulator.mock(), pytest.raises(APIException) as raised:
        quietly(_controller(emulator).create_message, message)
    error = raised.value
    assert (error.reason, error.response_code) == ("FORBIDDEN", 403)
    assert "not on this account" in error.response_body["errors"][0]["detail"]


def test_wrong_credentials_are_unauthorized(emulator: Emulator) -> None:
    from FlowrouteMessagingLib.APIException import APIException

    with emulator.mock(), pytest.raises(APIException) as raised:
        quietly(_controller(emulator, "not-the-secret").get_message_lookup, "mdr2-0")
    assert (raised.value.reason, raised.value.response_code) == ("UNAUTHORIZED", 401)
    assert raised.value.response_body["errors"]


def test_a_retired_mdr1_record_is_not_found_without_a_request(emulator: Emulator) -> None:
    from FlowrouteMessagingLib.APIException import APIException

    with emulator.mock(), pytest.raises(APIException) as raised:
        quietly(_controller(emulator).get_message_lookup, "mdr1-fab29a740129404a8ca794efc1359e12")
    assert (raised.value.reason, raised.value.response_code) == ("HTTP Response Not OK", 404)
    assert "retired /v2/messages" in raised.value.response_body["errors"][0]["detail"]
    assert emulator.requests == []


def test_a_bad_message_is_refused_before_sending(emulator: Emulator, sender: str) -> None:
    from FlowrouteMessagingLib.APIException import APIException
    from FlowrouteMessagingLib.Models.Message import Message

    with emulator.mock(), pytest.raises(APIException) as raised:
        quietly(_controller(emulator).create_message, Message(to="not a number", from_=sender))
    assert raised.value.response_code == 400
    assert raised.value.response_body["errors"][0]["status"] == 400
    assert emulator.requests == []


def test_an_mms_as_the_later_edition_built_it(emulator: Emulator, sender: str) -> None:
    from FlowrouteMessagingLib.Models.Message import Message

    image = "https://media.example/logo.png"
    message = Message(
        to="15305557784", from_=sender, content="A logo", media_urls=[image], is_mms=True
    )
    assert message.resolve_names() == {
        "to": "15305557784",
        "from": sender,
        "content": "A logo",
        "is_mms": True,
        "media_urls": [image],
    }
    with emulator.mock():
        response = quietly(_controller(emulator).create_message, message)
    posted = [r.body for r in emulator.requests if r.method == "POST"]
    attributes = {"to": "15305557784", "from": sender, "body": "A logo"}
    attributes.update(is_mms=True, media_urls=[image])
    assert posted == [{"data": {"type": "message", "attributes": attributes}}]
    assert emulator.state.message(response["data"]["id"]).is_mms


def test_base_uri_is_read_at_each_call(
    emulator: Emulator, sender: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from FlowrouteMessagingLib.Configuration import Configuration
    from FlowrouteMessagingLib.Models.Message import Message

    other = Emulator(seed=0, access_key=emulator.access_key, secret_key=emulator.secret_key)
    other_sender = other.state.purchase(sender).number
    controller = _controller(emulator)
    with emulator.serve() as first, other.serve() as second:
        monkeypatch.setattr(Configuration, "BASE_URI", first + "/v2")
        quietly(controller.create_message, Message(to="15305557784", from_=sender, content="1"))
        # The later edition's BASE_URI ends in /v2.1; set after the first call.
        monkeypatch.setattr(Configuration, "BASE_URI", second + "/v2.1")
        quietly(controller.create_message, Message(to="15305557784", from_=sender, content="2"))
    assert [r.body["data"]["attributes"]["body"] for r in emulator.requests] == ["1"]
    assert [(r.path, r.body["data"]["attributes"]["body"]) for r in other.requests] == [
        ("/v2.1/messages", "2")
    ]
    assert other_sender == sender


def test_controllers_share_one_client_that_reset_closes(
    emulator: Emulator, sender: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Legacy code builds a controller per message; each used to build its own
    # Client (a pool of its own) that nothing ever closed.
    from FlowrouteMessagingLib.Configuration import Configuration
    from FlowrouteMessagingLib.Models.Message import Message

    closed: list[Client] = []
    close = Client.close

    def recorded_close(self: Client) -> None:
        closed.append(self)
        close(self)

    monkeypatch.setattr(Client, "close", recorded_close)
    with emulator.serve() as url:
        Configuration.BASE_URI = url
        for n in range(3):
            message = Message(to="15305557784", from_=sender, content=str(n))
            quietly(_controller(emulator).create_message, message)
            gc.collect()  # a controller's socket left open would warn here (warnings are errors)
        shared = list(CompatConfiguration._clients.values())
        assert len(shared) == 1 and closed == []
        reset()
    assert closed == shared
    assert [(r.method, r.status) for r in emulator.requests] == [("POST", 202)] * 3
