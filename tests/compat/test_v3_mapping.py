"""The v3 SDK's rows of the mapping table: each runs, warns once naming its replacement,
has the SDK's signature, answers the API's document, and is in the migration guide.

`SAMPLES` holds one call per row; a test checks it covers every v3 row.
"""

from __future__ import annotations

import inspect
import json
import warnings
from typing import Any, Callable

import pytest

from flowroute.compat import FlowrouteDeprecationWarning, v3
from flowroute.compat.mapping import BY_NAME, TABLE, LegacyCall, migration_guide
from flowroute.emulator import Emulator

ROWS = [row for row in TABLE if row.library == v3.LIBRARY]
CONTROLLERS: dict[str, type[Any]] = {
    "NumbersController": v3.NumbersController,
    "RoutesController": v3.RoutesController,
    "MessagesController": v3.MessagesController,
}


def arrange(emulator: Emulator) -> dict[str, str]:
    """One number on the account, one for sale, a host route, one message sent."""
    state = emulator.state
    mine, available = (n.number for n in state.search_available(starts_with="1206")[:2])
    state.purchase(mine)
    route = state.create_route("host", "sip.example.com", "hostroute")
    sent = state.send_message(to="12065550199", from_=mine, body="hello")
    return {"mine": mine, "available": available, "route": route.id, "message": sent.id}


_ROUTE = '{"data": {"type": "route", "id": "%s"}}'
_MESSAGE = {"to": "12065550199", "body": "hi"}

Sample = Callable[[dict[str, str]], tuple[Any, ...]]
SAMPLES: dict[str, Sample] = {
    "NumbersController.list_available_exchange_codes": lambda a: (2, None, None, 206),
    "NumbersController.list_available_area_codes": lambda a: (2, None, 3.25),
    "NumbersController.search_for_purchasable_phone_numbers": lambda a: (206, None, None, 2),
    "NumbersController.list_account_phone_numbers": lambda a: (None, None, None, 2),
    "NumbersController.purchase_a_phone_number": lambda a: (a["available"],),
    "NumbersController.list_phone_number_details": lambda a: (a["mine"],),
    "NumbersController.release_a_did": lambda a: (a["mine"],),
    "RoutesController.create_an_inbound_route": lambda a: (
        '{"data": {"type": "route", "attributes": '
        '{"route_type": "uri", "value": "sip:a@example.com", "alias": "u"}}}',
    ),
    "RoutesController.list_inbound_routes": lambda a: (2,),
    "RoutesController.update_primary_voice_route": lambda a: (a["mine"], _ROUTE % a["route"]),
    "RoutesController.update_failover_voice_route": lambda a: (a["mine"], _ROUTE % a["route"]),
    "MessagesController.look_up_a_set_of_messages": lambda a: ("2020-01-01", None, 2),
    "MessagesController.look_up_a_message_detail_record": lambda a: (a["message"],),
    "MessagesController.send_a_message": lambda a: (
        json.dumps({"data": {"type": "message", "attributes": {**_MESSAGE, "from": a["mine"]}}}),
    ),
}


def test_samples_cover_every_v3_row() -> None:
    assert set(SAMPLES) == {row.name for row in ROWS}
    assert len(ROWS) == len(v3.ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_the_sdk_signature_is_the_rows(row: LegacyCall) -> None:
    method = getattr(CONTROLLERS[row.controller], row.method)
    parameters = [p for p in inspect.signature(method).parameters.values() if p.name != "self"]
    written = [p.name if p.default is p.empty else f"{p.name}={p.default!r}" for p in parameters]
    assert tuple(written) == row.parameters


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_every_row_runs_warns_once_and_answers_the_apis_document(
    row: LegacyCall, emulator: Emulator
) -> None:
    arguments = SAMPLES[row.name](arrange(emulator))
    controller = CONTROLLERS[row.controller]()
    v3.Configuration.basic_auth_user_name = emulator.access_key
    v3.Configuration.basic_auth_password = emulator.secret_key
    with emulator.mock(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        result = getattr(controller, row.method)(*arguments)
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning]
    assert (caught[0].filename, caught[0].lineno) == (__file__, line)
    assert str(caught[0].message) == row.deprecation()
    assert all(f"{target}()" in str(caught[0].message) for target in row.v2)
    (sent,) = emulator.requests
    method, path = row.v1.split(" ")
    assert sent.method == method and sent.status is not None and sent.status < 300
    assert sent.path.startswith(path.split("{")[0])
    assert result == ("" if sent.response is None else sent.response)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_the_guide_documents_every_v3_row(row: LegacyCall) -> None:
    guide = migration_guide()
    assert f"{row.controller}.{row.signature}" in guide
    assert f"Was ``{row.v1}``. Now: ``{row.v2[0]}``" in guide
    assert BY_NAME[row.name] is row
