"""The number-services part of `flowroute demo`: E911, CNAM, CDR exports, portability.

With writes allowed, the tour gives the bought number an E911 address and a
caller name, exports call detail records and reads the first few, and
checks the portability of two numbers. Against a real account without
``--allow-purchases`` it only lists what the account has (and checks
portability, a POST that changes nothing). A new CNAM record waits for
Flowroute's approval; only the emulator can approve it on the spot.
"""

from __future__ import annotations

import datetime
import itertools
import tempfile
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Optional

from .v2.models import NewE911Address

if TYPE_CHECKING:
    from ._client import Client
    from .emulator import Emulator

__all__ = ["tour_services", "tour_services_read_only"]

Say = Callable[[str, str], None]
Table = Callable[[list[str], list[tuple[Any, ...]]], str]

# A plausible street address; the emulator refuses only a documented few as ungeocodable.
ADDRESS = NewE911Address(
    label="Demo HQ",
    first_name="Ada",
    last_name="Lovelace",
    street_number="645",
    street_name="Elliott Ave W",
    address_type="Suite",
    address_type_number="200",
    city="Seattle",
    state="WA",
    country="US",
    zip="98119",
)
CALLER_NAME = "Demo Co"
# One number that could move to Flowroute, and one fictional (555) one.
PORT_CANDIDATES = ("+13127300100", "+13125550100")
_SHOWN_CALLS = 3
# The emulator's call history starts on this day (one call a minute).
_EMULATED_DAY = datetime.date(2019, 1, 1)


def _money(amount: Optional[Decimal]) -> Optional[str]:
    # The API's eight decimals (and Decimal's 0E-8) read badly; a tenth of a cent is plenty.
    return None if amount is None else f"${amount:.4f}"


def _address_row(record: Any) -> tuple[Any, ...]:
    street = f"{record.street_number} {record.street_name}"
    return (record.id, record.label, street, record.city, record.state, record.zip)


_ADDRESS_HEADERS = ["id", "label", "street", "city", "state", "zip"]
_CNAM_HEADERS = ["id", "value", "approved"]


def _cnam_row(record: Any) -> tuple[Any, ...]:
    return (record.id, record.value, "yes" if record.is_approved else "no")


def tour_e911(client: Client, number: str, say: Say, table: Table) -> None:
    """Validate and save an E911 address, and give it to `number`."""
    e911s = client.v2.e911s
    e911s.validate_address(ADDRESS)
    record = e911s.create_address(ADDRESS)
    e911s.associate(record.id, number)
    say(
        "E911: address validated, saved and given to the number",
        table(_ADDRESS_HEADERS, [_address_row(record)]),
    )


def tour_cnam(
    client: Client, emulator: Optional[Emulator], number: str, say: Say, table: Table
) -> None:
    """Create a caller name; once approved, show it on `number`'s calls."""
    cnams = client.v2.cnams
    record = cnams.create_cnam_record(CALLER_NAME)
    say("CNAM: new record, waiting for approval", table(_CNAM_HEADERS, [_cnam_row(record)]))
    if emulator is None:
        say("CNAM: Flowroute approves new records within 48 hours; associate it then", "")
        return
    emulator.approve_cnam(record.id)  # what Flowroute's review does, a day or two later
    cnams.associate_cnam(record.id, number)
    approved = cnams.get_cnam(record.id)
    say(
        "CNAM: approved (by the emulator) and associated",
        table(_CNAM_HEADERS, [_cnam_row(approved)]),
    )


def show_number(client: Client, number: str, say: Say, table: Table) -> None:
    """The number's details name its E911 address and CNAM preset."""
    detail = client.v2.numbers.list_phone_number_details(number)
    say(
        "Number details with E911 and CNAM",
        table(
            ["number", "e911 address", "cnam preset"],
            [(detail.id, detail.e911_address_id, detail.cnam_preset_id)],
        ),
    )


def tour_cdrs(client: Client, emulated: bool, say: Say, table: Table) -> None:
    """Export a day of call detail records, follow the job, read the first few calls."""
    cdrs = client.v2.cdrs
    day = _EMULATED_DAY if emulated else datetime.date.today() - datetime.timedelta(days=1)
    export = cdrs.create_cdr_export(
        start_call_start_time=day, start_call_end_time=day + datetime.timedelta(days=1)
    )
    export = cdrs.get_cdr_export_status(export.id)
    say(
        "CDR export of one day of calls",
        table(
            ["id", "status", "calls", "billed minutes", "total cost"],
            [
                (
                    export.id,
                    export.status,
                    export.num_calls,
                    export.billed_minutes,
                    _money(export.total_cost),
                )
            ],
        ),
    )
    if str(export.status) != "completed":
        say("CDR export still processing: download it later (cdrs.download_cdr_export)", "")
        return
    # A temporary file, not memory: a real export can hold millions of calls.
    with tempfile.TemporaryFile() as file:
        cdrs.download_cdr_export(export.id, file)
        file.seek(0)
        calls = list(itertools.islice(cdrs.parse(file), _SHOWN_CALLS))
    say(
        f"CDR export downloaded and parsed: {len(calls)} of {export.num_calls} calls",
        table(
            ["start", "direction", "from", "to", "seconds", "cost"],
            [
                (
                    c.start_time,
                    c.direction,
                    c.callerid,
                    c.destination,
                    c.duration,
                    _money(c.total_cost),
                )
                for c in calls
            ],
        ),
    )


def tour_portability(client: Client, say: Say, table: Table) -> None:
    """Which of two numbers could be ported to Flowroute (a check that changes nothing)."""
    answer = client.v2.porting.check_portability(list(PORT_CANDIDATES))
    rows = [
        (
            number,
            "yes" if number in answer.portable else "no",
            "yes" if number in answer.hypernetwork_enabled else "no",
        )
        for number in PORT_CANDIDATES
    ]
    say("Portability check", table(["number", "portable", "hypernetwork"], rows))


def tour_services(
    client: Client, emulator: Optional[Emulator], number: str, say: Say, table: Table
) -> None:
    """E911 and CNAM for the bought `number`, a CDR export, a portability check."""
    tour_e911(client, number, say, table)
    tour_cnam(client, emulator, number, say, table)
    show_number(client, number, say, table)
    tour_cdrs(client, emulator is not None, say, table)
    tour_portability(client, say, table)


def tour_services_read_only(client: Client, say: Say, table: Table) -> None:
    """What the account has: E911 addresses, CNAM records, CDR exports; a portability check."""
    v2 = client.v2
    addresses = v2.e911s.list_e911s(limit=3).items
    say("E911 addresses (first 3)", table(_ADDRESS_HEADERS, [_address_row(a) for a in addresses]))
    names = v2.cnams.list_cnams(limit=3).items
    say("CNAM records (first 3)", table(_CNAM_HEADERS, [_cnam_row(n) for n in names]))
    exports = v2.cdrs.list_cdr_exports(limit=3).items
    say(
        "CDR exports (first 3)",
        table(["id", "status", "calls"], [(e.id, e.status, e.num_calls) for e in exports]),
    )
    tour_portability(client, say, table)
