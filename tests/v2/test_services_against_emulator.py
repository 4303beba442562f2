"""E911, CNAM, number attributes and edge strategies end to end against the emulator."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

import flowroute
from flowroute.emulator import Emulator
from flowroute.errors import APIError, ConflictError, NotFoundError, ValidationError
from flowroute.v2 import CdrExportStatus, Cnam, E911Address

ADDRESS = {
    "label": "HQ",
    "first_name": "Chris",
    "last_name": "Smith",
    "street_number": "1218",
    "street_name": "3rd Ave",
    "city": "Seattle",
    "state": "WA",
    "country": "US",
    "zip": "98101",
}


@pytest.fixture(params=["serve", "mock"])
def emulated(request: pytest.FixtureRequest) -> Iterator[tuple[Emulator, flowroute.Client]]:
    """A fresh seeded emulator and a Client reaching it through one front door."""
    emu = Emulator(seed=0)
    door = emu.serve() if request.param == "serve" else emu.mock()
    with door as url:
        base = url if request.param == "serve" else None
        with flowroute.Client(emu.access_key, emu.secret_key, base_url=base) as client:
            yield emu, client


def _own_number(client: flowroute.Client) -> str:
    numbers = client.v2.numbers
    found = numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=1)
    return numbers.purchase_a_phone_number(found.items[0].id).id


def test_e911_tour(emulated: tuple[Emulator, flowroute.Client]) -> None:
    _, client = emulated
    e911s = client.v2.e911s
    number = _own_number(client)

    e911s.validate_address(**ADDRESS)
    with pytest.raises(APIError, match="geocode") as refused:
        e911s.validate_address(**{**ADDRESS, "street_name": "Nowhere St"})
    assert refused.value.status in (400, 422)

    created = e911s.create_address(**ADDRESS, address_type="suite", address_type_number=600)
    assert isinstance(created, E911Address)
    assert (created.label, created.address_type, created.address_type_number) == (
        "HQ",
        "Suite",
        "600",
    )
    assert e911s.get_e911(created.id) == created
    assert [a.id for a in e911s.list_e911s(state="wa", label="h", city="seat")] == [created.id]

    updated = e911s.update_address(created.id, last_name="Wiley")
    assert (updated.last_name, updated.first_name) == ("Wiley", "Chris")

    e911s.associate(created.id, number)
    assert [n.value for n in e911s.list_dids_for_e911(created.id)] == [number]
    assert client.v2.numbers.list_phone_number_details(number).e911_address_id == created.id
    with pytest.raises(ConflictError):
        e911s.delete_address(created.id)

    e911s.disconnect(number)
    assert list(e911s.list_dids_for_e911(created.id)) == []
    e911s.delete_address(created.id)
    assert list(e911s.list_e911s()) == []


def test_cnam_tour(emulated: tuple[Emulator, flowroute.Client]) -> None:
    emu, client = emulated
    cnams = client.v2.cnams
    number = _own_number(client)

    created = cnams.create_cnam_record("FR H5K8")
    assert isinstance(created, Cnam)
    assert created.is_approved is False
    assert [c.id for c in cnams.list_cnams(is_approved=False, value="h5")] == [created.id]
    assert [c.id for c in cnams.list_cnams(starts_with="fr", ends_with="K8")] == [created.id]
    with pytest.raises(APIError):
        cnams.associate_cnam(created.id, number)

    emu.approve_cnam(created.id)
    assert cnams.get_cnam(created.id).is_approved is True
    receipt = cnams.associate_cnam(created.id, number)
    assert receipt.id == created.id
    assert client.v2.numbers.list_phone_number_details(number).cnam_preset_id == created.id

    cnams.unassociate_cnam(number)
    assert client.v2.numbers.list_phone_number_details(number).cnam_preset_id is None
    cnams.remove_cnam(created.id)
    assert list(cnams.list_cnams()) == []


def test_number_attributes_and_edge_strategies(emulated: tuple[Emulator, flowroute.Client]) -> None:
    _, client = emulated
    number = _own_number(client)

    renamed = client.v2.numbers.set_did_alias(number, "New Test")
    assert renamed.alias == "New Test"
    quiet = client.v2.numbers.update_number(number, cnam_lookups_enabled=False)
    assert (quiet.alias, quiet.cnam_lookups_enabled) == ("New Test", False)

    strategies = client.v2.routes.list_edge_strategies()
    assert strategies and all(s.id.isdigit() and s.name for s in strategies)
    route = client.v2.routes.create_an_inbound_route(
        {
            "route_type": "host",
            "value": "edge.example.com",
            "alias": "edge",
            "edge_strategy": strategies[0].id,
        }
    )
    assert route.edge_strategy == strategies[0].id


def test_callbacks(emulated: tuple[Emulator, flowroute.Client]) -> None:
    _, client = emulated
    messages = client.v2.messages
    number = _own_number(client)

    messages.set_account_level_sms_callback("https://example.com/sms")
    messages.set_did_level_dlr_callback(number, "https://example.com/dlr")

    assert messages.get_callback("sms") == "https://example.com/sms"
    assert messages.get_callback("dlr", number) == "https://example.com/dlr"
    messages.remove_callback("sms")
    with pytest.raises(NotFoundError):
        messages.get_callback("sms")


def test_cdr_export_tour(emulated: tuple[Emulator, flowroute.Client], tmp_path: Path) -> None:
    emu, client = emulated
    cdrs = client.v2.cdrs
    emu.set_call_history(500)

    export = cdrs.create_cdr_export(
        start_call_start_time="2019-01-01 00:00:00",
        start_call_end_time="2019-02-01 00:00:00",
        callback_url="https://example.com/cdrs",
    )
    done = cdrs.get_cdr_export_status(export.id)
    assert done.status is CdrExportStatus.COMPLETED
    assert [e.id for e in cdrs.list_cdr_exports("completed")] == [export.id]

    target = tmp_path / "calls.csv"
    cdrs.download_cdr_export(export.id, target)
    records = list(cdrs.parse(target))
    assert len(records) == done.num_calls == 500
    assert sum(r.total_cost or 0 for r in records) == done.total_cost
    assert all(r.start_time is not None and r.start_time.tzinfo for r in records)

    portability = client.v2.porting.check_portability(["+12065550100", "18005550199"])
    assert set(portability.portable) | set(portability.nonportable) == {
        "+12065550100",
        "+18005550199",
    }


def test_an_unfinished_export_is_not_downloaded(
    emulated: tuple[Emulator, flowroute.Client],
) -> None:
    emu, client = emulated
    emu.set_cdr_delay(timedelta(hours=1))
    export = client.v2.cdrs.create_cdr_export(
        start_call_start_time=date(2019, 1, 1), start_call_end_time=date(2019, 2, 1)
    )

    with pytest.raises(ValidationError, match="processing"):
        client.v2.cdrs.download_cdr_export(export.id, io.BytesIO())
