"""The v3 SDK's rows of the mapping table: each runs, warns once naming its replacement,
has the SDK's signature, answers the API's document, and is in the migration guide.

`SAMPLES` holds one call per row; a test checks it covers every v3 row.
"""

from __future__ import annotations

import inspect
import json
import warnings
from pathlib import Path
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
    "E911sController": v3.E911sController,
    "CNAMsController": v3.CNAMsController,
    "CDRsController": v3.CDRsController,
    "PortingController": v3.PortingController,
}
# Rows that are not one request answered by one document: they say what they return.
OWN_RESULTS: dict[str, Callable[[dict[str, str]], Any]] = {
    "CDRsController.download_cdr_export": lambda a: {"filename": f"{a['folder']}/out.csv"},
    "CDRsController.parse_cdr_export": lambda a: [
        dict(zip(CDR_HEADER.split(","), CDR_ROW.split(",")))
    ],
}
ADDRESS = {
    "label": "Office",
    "first_name": "Chris",
    "last_name": "Smith",
    "street_number": "1218",
    "street_name": "3rd Ave",
    "city": "Seattle",
    "state": "WA",
    "country": "US",
    "zip": "98101",
}
FIELDS = ("Office", "Chris", "Smith", "3rd Ave", "1218", "Seattle", "WA", "US", "98101")


def arrange(emulator: Emulator, folder: Path) -> dict[str, str]:
    """One number on the account, one for sale, a host route, one message sent;
    two E911 addresses (one used by the number); an approved CNAM the number shows;
    a completed CDR export, and an export file of one call in `folder`."""
    state = emulator.state
    export = state.cdrs.create(
        {"start_call_start_time": "2019-01-01", "start_call_end_time": "2019-02-01"}
    ).id
    (folder / "cdrs.csv").write_text(f"{CDR_HEADER}\n{CDR_ROW}\n")
    mine, available = (n.number for n in state.search_available(starts_with="1206")[:2])
    state.purchase(mine)
    route = state.create_route("host", "sip.example.com", "hostroute")
    sent = state.send_message(to="12065550199", from_=mine, body="hello")
    free, used = (state.e911s.create(ADDRESS).id for _ in range(2))
    state.e911s.associate(mine, used)
    cnam = state.cnams.create("FR TEST", approved=True).id
    state.cnams.associate(mine, cnam)
    return {
        "mine": mine,
        "available": available,
        "route": route.id,
        "message": sent.id,
        "e911": free,
        "used": used,
        "cnam": cnam,
        "export": export,
        "folder": str(folder),
    }


CDR_HEADER = "direction,start_time,destination,callerid,total_cost"
CDR_ROW = "outbound,2019-01-01 10:00:00+00,12065550199,+12065550100,0.01"
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
    "E911sController.list_e911s": lambda a: (10, None, "WA"),
    "E911sController.get_e911": lambda a: (a["e911"],),
    "E911sController.validate_address": lambda a: FIELDS,
    "E911sController.create_address": lambda a: (*FIELDS, "Suite", "600"),
    "E911sController.update_address": lambda a: (a["e911"], None, None, "Wiley"),
    "E911sController.delete_address": lambda a: (a["e911"],),
    "E911sController.associate": lambda a: (a["e911"], a["mine"]),
    "E911sController.disconnect": lambda a: (a["mine"],),
    "E911sController.list_dids_for_e911": lambda a: (a["used"],),
    "CNAMsController.list_cnams": lambda a: (10, None, True),
    "CNAMsController.get_cnam": lambda a: (a["cnam"],),
    "CNAMsController.create_cnam_record": lambda a: ("FR NEW",),
    "CNAMsController.associate_cnam": lambda a: (a["cnam"], a["mine"]),
    "CNAMsController.unassociate_cnam": lambda a: (a["mine"],),
    "CNAMsController.remove_cnam": lambda a: (a["cnam"],),
    "CDRsController.list_cdrs": lambda a: (10, None, "completed"),
    "CDRsController.get_cdr_export_status": lambda a: (a["export"],),
    "CDRsController.create_cdr_export": lambda a: (
        {"start_call_start_time": "2019-01-01", "start_call_end_time": "2019-01-02"},
    ),
    "CDRsController.download_cdr_export": lambda a: (a["export"], f"{a['folder']}/out.csv"),
    "CDRsController.parse_cdr_export": lambda a: (f"{a['folder']}/cdrs.csv",),
    "PortingController.checkPortability": lambda a: (["14254664444"],),
    "NumbersController.set_did_alias": lambda a: (a["mine"], "Office"),
    "RoutesController.list_edge_strategies": lambda a: (),
    "NumbersController.set_did_callback": lambda a: (a["mine"], "https://a.example/dlr"),
    "MessagesController.set_account_level_sms_callback": lambda a: ("https://a.example/s",),
    "MessagesController.set_account_level_mms_callback": lambda a: ("https://a.example/m",),
    "MessagesController.set_account_level_dlr_callback": lambda a: ("https://a.example/d",),
    "MessagesController.set_did_level_dlr_callback": lambda a: (a["mine"], "http://a.example"),
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
    row: LegacyCall, emulator: Emulator, tmp_path: Path
) -> None:
    arranged = arrange(emulator, tmp_path)
    arguments = SAMPLES[row.name](arranged)
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
    if row.name in OWN_RESULTS:
        assert result == OWN_RESULTS[row.name](arranged)
        return
    sent = emulator.requests[-1]
    method, path = row.v1.split(" ")
    assert sent.method == method and sent.status is not None and sent.status < 300
    assert sent.path.startswith(path.split("{")[0])
    assert result == ("" if sent.response is None else sent.response)
    assert len(emulator.requests) == 1


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_the_guide_documents_every_v3_row(row: LegacyCall) -> None:
    guide = migration_guide()
    assert f"{row.controller}.{row.signature}" in guide
    assert f"Was ``{row.v1}``. Now: ``{row.v2[0]}``" in guide
    assert BY_NAME[row.name] is row
