"""The mapping table drives everything: each row runs, warns, documents itself, and agrees.

`SAMPLES` holds one legacy call per row of the legacy libraries; a test
checks it covers them, so a new row without a test here fails. The v3 SDK's
rows are walked by ``test_v3_mapping.py``.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, Callable

import pytest

from flowroute.compat import (
    BillingMethod,
    Configuration,
    FlowrouteDeprecationWarning,
    InboundRoutesController,
    PurchasablePhoneNumbersController,
    Route,
    TelephoneNumbersController,
    reset,
)
from flowroute.compat._shadow import differences
from flowroute.compat.mapping import TABLE, LegacyCall, migration_guide
from flowroute.compat.messaging import APIController, Message
from flowroute.compat.v3 import LIBRARY as V3_LIBRARY
from flowroute.emulator import Emulator

from .conftest import compat_warnings, sign_in

GUIDE = Path(__file__).parents[2] / "docs" / "migration.rst"
LEGACY = tuple(row for row in TABLE if row.library != V3_LIBRARY)
BY_NAME = {row.name: row for row in LEGACY}
CONTROLLERS: dict[str, Any] = {
    "PurchasablePhoneNumbersController": PurchasablePhoneNumbersController,
    "TelephoneNumbersController": TelephoneNumbersController,
    "InboundRoutesController": InboundRoutesController,
    "APIController": APIController,
}


def arrange(emulator: Emulator) -> dict[str, str]:
    """Two numbers (one bought VPRI through v1's notion), two routes, one message."""
    state = emulator.state
    first, second = (n.number for n in state.search_available(starts_with="1206")[:2])
    state.purchase(first, "VPRI")
    state.purchase(second)
    host = state.create_route("host", "sip.example.com:5060", "hostroute")
    pstn = state.create_route("number", "12065550100", "pstnroute")
    state.set_primary_route(first, host.id)
    state.set_failover_route(first, pstn.id)
    sent = state.send_message(to="12065550199", from_=first, body="hello")
    available = state.search_available(starts_with="1212")[0].number
    return {"first": first, "second": second, "message": sent.id, "available": available}


# One call per row: (controller, arguments) built from the arranged account.
Sample = Callable[[dict[str, str], Emulator], tuple[Callable[..., Any], tuple[Any, ...]]]
SAMPLES: dict[str, Sample] = {
    "PurchasablePhoneNumbersController.list_available_np_as": lambda a, e: (
        PurchasablePhoneNumbersController.list_available_np_as,
        (3,),
    ),
    "PurchasablePhoneNumbersController.list_area_and_exchange": lambda a, e: (
        PurchasablePhoneNumbersController().list_area_and_exchange,
        (2, 206, 2),
    ),
    "PurchasablePhoneNumbersController.search": lambda a, e: (
        PurchasablePhoneNumbersController.search,
        (2, 206, None, 2, "Seattle", "WA", "6"),
    ),
    "TelephoneNumbersController.purchase": lambda a, e: (
        TelephoneNumbersController.purchase,
        (BillingMethod(billing_method="METERED"), a["available"]),
    ),
    "TelephoneNumbersController.list_account_telephone_numbers": lambda a, e: (
        TelephoneNumbersController().list_account_telephone_numbers,
        (1, 1, 1206),
    ),
    "TelephoneNumbersController.telephone_number_details": lambda a, e: (
        TelephoneNumbersController.telephone_number_details,
        (int(a["first"]),),
    ),
    "TelephoneNumbersController.update": lambda a, e: (
        TelephoneNumbersController.update,
        (a["second"], [Route(name="pstnroute"), Route(name="hostroute")]),
    ),
    "InboundRoutesController.list": lambda a, e: (InboundRoutesController.list, (2, 2)),
    "InboundRoutesController.create_new_route": lambda a, e: (
        InboundRoutesController().create_new_route,
        ("newroute", "URI", "sip:alice@example.com"),
    ),
    "APIController.create_message": lambda a, e: (
        APIController(username=e.access_key, password=e.secret_key).create_message,
        (Message(to="15305557784", from_=a["first"], content="Gee, nice marmot!"),),
    ),
    "APIController.get_message_lookup": lambda a, e: (
        APIController(username=e.access_key, password=e.secret_key).get_message_lookup,
        (a["message"],),
    ),
}

CASES = [
    pytest.param(row, backend, id=f"{row.name}-{backend}")
    for row in LEGACY
    for backend in (("v1", "v2", "shadow") if row.on_v1 is not None else ("v2",))
]


def test_samples_cover_every_row() -> None:
    assert set(SAMPLES) == set(BY_NAME)
    assert len(BY_NAME) == len(LEGACY)


@pytest.mark.parametrize("row", LEGACY, ids=lambda row: row.name)
def test_the_legacy_signature_is_the_rows(row: LegacyCall) -> None:
    method = getattr(CONTROLLERS[row.controller], row.method)
    parameters = [p for p in inspect.signature(method).parameters.values() if p.name != "self"]
    written = [p.name if p.default is p.empty else f"{p.name}={p.default!r}" for p in parameters]
    assert tuple(written) == row.parameters


def _run(row: LegacyCall, emulator: Emulator, backend: str) -> tuple[Any, list[Any]]:
    arranged = arrange(emulator)
    sign_in(emulator, backend)
    call, arguments = SAMPLES[row.name](arranged, emulator)
    with emulator.mock(), compat_warnings() as caught:
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        result = call(*arguments)
    return (result, line), caught


@pytest.mark.parametrize(("row", "backend"), CASES)
def test_every_row_runs_and_warns_once_naming_its_replacement(
    row: LegacyCall, backend: str, emulator: Emulator
) -> None:
    (result, line), caught = _run(row, emulator, backend)
    assert [w.category for w in caught] == [FlowrouteDeprecationWarning]
    warning = caught[0]
    assert (warning.filename, warning.lineno) == (__file__, line)
    message = str(warning.message)
    assert row.name in message
    for target in row.v2:
        assert target in message
    if row.read:
        assert isinstance(result, dict) and result
    elif row.library == "FlowrouteNumbersLib":
        assert result == ""
    prefixes = {r.path.split("/")[1] for r in emulator.requests}
    expected = {"v1": {"v1"}, "v2": {"v2", "v2.1"}, "shadow": {"v1", "v2", "v2.1"}}[backend]
    assert prefixes <= expected
    if backend == "shadow" and not row.read:
        assert prefixes == {"v1"}  # a write is never repeated on v2


def _answer(row: LegacyCall, backend: str) -> Any:
    reset()
    emulator = Emulator(seed=0)
    arranged = arrange(emulator)
    sign_in(emulator, backend)
    call, arguments = SAMPLES[row.name](arranged, emulator)
    with emulator.mock(), warnings.catch_warnings():
        warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
        return call(*arguments)


READS = [row for row in LEGACY if row.read and row.on_v1 is not None]


@pytest.mark.parametrize("row", READS, ids=lambda row: row.name)
def test_v1_and_v2_read_alike_but_for_what_the_row_documents(row: LegacyCall) -> None:
    on_v1, on_v2 = _answer(row, "v1"), _answer(row, "v2")
    assert on_v1 and differences(on_v1, on_v2, row.differences) == []
    if row.differences:
        # Each documented difference is real, not a pattern that matches nothing.
        assert differences(on_v1, on_v2) != []


def test_samples_exercise_paging_links_and_route_names() -> None:
    details = _answer(BY_NAME["TelephoneNumbersController.telephone_number_details"], "v2")
    assert details["routes"] == [
        {"type": "HOST", "name": "hostroute"},
        {"type": "PSTN", "name": "pstnroute"},
    ]
    listing = _answer(BY_NAME["TelephoneNumbersController.list_account_telephone_numbers"], "v2")
    assert listing["links"] == {"next": "/v1/tns/?pattern=1206&limit=1&page=2"}
    routes = _answer(BY_NAME["InboundRoutesController.list"], "v2")
    # Page 2 of the routes in name order: hostroute, pstnroute | sip-reg.
    assert routes == {
        "routes": {"sip-reg": {"type": "SIP-REG", "value": "sip-reg"}},
        "links": {"prev": "/v1/routes/?limit=2&page=1"},
    }


def test_the_committed_migration_guide_is_the_generated_one() -> None:
    assert GUIDE.read_text(encoding="utf-8") == migration_guide()


def test_the_guide_regenerates_from_the_command_line() -> None:
    made = subprocess.run(
        [sys.executable, "-W", "error", "-m", "flowroute.compat"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert made.stdout == migration_guide()


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.name)
def test_the_guide_documents_every_row(row: LegacyCall) -> None:
    guide = migration_guide()
    assert f"{row.controller}.{row.signature}" in guide
    for target in row.v2:
        assert f"``{target}``" in guide
    assert (row.lost or "Nothing.") in guide


def test_configuration_starts_clean() -> None:
    assert (Configuration.username, Configuration.backend, Configuration.strict) == (
        None,
        None,
        False,
    )
