"""Models of the v2 number services: E911 addresses, CNAM records, CDR exports, porting.

Kept apart from `flowroute.v2.models` (which re-exports every name here) so
that neither module grows past a readable size. Like the other models they
hold no wire rules: `flowroute.v2._converter` reads the JSON:API documents.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Optional, Union

import attrs

__all__ = [
    "E911_ADDRESS_TYPES",
    "CallDetailRecord",
    "CdrExport",
    "CdrExportStatus",
    "Cnam",
    "CnamAssociation",
    "E911Address",
    "EdgeStrategy",
    "NewE911Address",
    "Portability",
]

# The address types the E911 service documents; it compares them case-insensitively.
E911_ADDRESS_TYPES = (
    "Apartment",
    "Basement",
    "Building",
    "Department",
    "Floor",
    "Front",
    "Key",
    "Lobby",
    "Lot",
    "Lower",
    "Office",
    "Penthouse",
    "Pier",
    "Rear",
    "Room",
    "Side",
    "Slip",
    "Space",
    "Stop",
    "Suite",
    "Trailer",
    "Unit",
    "Upper",
)


@attrs.frozen(kw_only=True)
class E911Address:
    """An E911 address record of the account.

    Attributes:
        id: the record id, e.g. ``"20930"``.
        label: the record's friendly name.
        first_name: first name of the person at the address.
        last_name: last name of the person at the address.
        street_number: the street number, as text (``"7742"``).
        street_name: the street name, e.g. ``"20th Ave SW"``.
        address_type: e.g. ``"Suite"`` or ``"Apartment"``, if any.
        address_type_number: the suite or apartment number, if any.
        city: the city.
        state: the two-letter state or province.
        country: the country, ``"US"`` or ``"CA"`` (older records say ``"USA"``).
        zip: the ZIP or postal code.
        raw: the JSON resource object as received.
    """

    id: str
    label: Optional[str] = None
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    street_number: Optional[str] = None
    street_name: Optional[str] = None
    address_type: Optional[str] = None
    address_type_number: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    country: Optional[str] = None
    zip: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class NewE911Address:
    """An E911 address to validate, create, or write over an existing record.

    Attributes:
        label: a friendly name for the record.
        first_name: first name of the person at the address.
        last_name: last name of the person at the address.
        street_number: the street number (digits; an int is accepted).
        street_name: the street name.
        city: the city.
        state: two-letter state or province, e.g. ``"WA"``.
        country: ``"US"`` or ``"CA"``.
        zip: the ZIP or postal code (``"98101"``, ``"M4C 5K7"``).
        address_type: one of `E911_ADDRESS_TYPES` (any case), or None.
        address_type_number: the number that goes with ``address_type``;
            required when it is given.
    """

    label: str
    first_name: str
    last_name: str
    street_number: Union[str, int]
    street_name: str
    city: str
    state: str
    country: str
    zip: Union[str, int]
    address_type: Optional[str] = None
    address_type_number: Optional[Union[str, int]] = None

    def to_body(self) -> dict[str, Any]:
        """The documented JSON:API request body; unset optional attributes are left out."""
        attributes = {k: v for k, v in attrs.asdict(self).items() if v is not None}
        return {"data": {"type": "e911", "attributes": attributes}}


@attrs.frozen(kw_only=True)
class Cnam:
    """A CNAM record: the caller name shown for the account's outbound calls.

    Attributes:
        id: the record id.
        value: the caller name, at most 15 characters.
        is_approved: whether Flowroute approved it; new records start unapproved.
        rejection_reason: why it was rejected, if it was.
        creation_datetime: when it was created (UTC).
        approval_datetime: when it was approved (UTC).
        numbers: ids of the numbers the record is associated with, when listed.
        raw: the JSON resource object as received.
    """

    id: str
    value: str
    is_approved: Optional[bool] = None
    rejection_reason: Optional[str] = None
    creation_datetime: Optional[datetime.datetime] = None
    approval_datetime: Optional[datetime.datetime] = None
    numbers: tuple[str, ...] = ()
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class CnamAssociation:
    """The API's receipt for associating a CNAM record with a number, or removing it.

    Attributes:
        id: the CNAM record id (None in the receipt of a removal).
        date_created: when the request was taken, as the API writes it
            (an HTTP date such as ``"Fri, 01 Jun 2018 00:17:52 GMT"``).
        raw: the JSON resource object as received.
    """

    id: Optional[str] = None
    date_created: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)

    @property
    def created(self) -> Optional[datetime.datetime]:
        """``date_created`` as an aware datetime, or None when absent or unreadable."""
        if not self.date_created:
            return None
        import email.utils  # only here: it pulls in socket, which `import flowroute` avoids

        try:
            return email.utils.parsedate_to_datetime(self.date_created)
        except (TypeError, ValueError):
            return None


class CdrExportStatus(str, enum.Enum):
    """States of a CDR export job. Values the API adds later stay plain strings."""

    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class CdrExport:
    """A CDR export job: the filters asked for, its state and, once done, its file.

    Money is in US dollars.

    Attributes:
        id: the export id.
        status: a `CdrExportStatus`, or the API's string for a new state.
        download_url: where the file is, once completed (expires at ``expires_at``).
        callback_url: the URL told when the job changes state, if one was given.
        requested_at: when the export was asked for (UTC).
        created_at: when processing started (UTC).
        expires_at: when ``download_url`` stops working (UTC).
        num_calls: calls in the export.
        billed_minutes: minutes billed for those calls.
        total_cost: cost of the calls with every fee.
        call_subtotal: cost of the calls without fees.
        connect_fees: connect fees (inbound toll-free).
        cnamlookup_fees: CNAM lookup fees.
        usf_fees: Universal Service Fund fees.
        ccrf: carrier cost recovery fees.
        filter_parameters: the filters of the export, as the API echoes them.
        raw: the JSON resource object as received.
    """

    id: str
    status: Union[CdrExportStatus, str]
    download_url: Optional[str] = None
    callback_url: Optional[str] = None
    requested_at: Optional[datetime.datetime] = None
    created_at: Optional[datetime.datetime] = None
    expires_at: Optional[datetime.datetime] = None
    num_calls: Optional[int] = None
    billed_minutes: Optional[int] = None
    total_cost: Optional[Decimal] = None
    call_subtotal: Optional[Decimal] = None
    connect_fees: Optional[Decimal] = None
    cnamlookup_fees: Optional[Decimal] = None
    usf_fees: Optional[Decimal] = None
    ccrf: Optional[Decimal] = None
    filter_parameters: Optional[Mapping[str, Any]] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class CallDetailRecord:
    """One call of a CDR export file (one CSV row). Money is in US dollars.

    Attributes:
        direction: ``"Inbound"`` or ``"Outbound"``.
        start_time: when the call started (UTC).
        end_time: when it ended (UTC).
        destination: the number called.
        number_alias: the alias of the account's number involved.
        callerid: the caller's number, e.g. ``"+12063389999"``.
        total_cost: the call's cost with every fee.
        destination_name: where the destination is, e.g. ``"UNITED STATES"``.
        callerid_country: where the caller is, or ``"N/A"``.
        line_information: the line type code the carrier reported, if any.
        result: how the call ended, e.g. ``"completed"``.
        call_fail_sip_code: the final SIP status, e.g. 200.
        call_fail_reason: the final SIP reason, e.g. ``"OK"``.
        duration: connected seconds.
        billed_duration: billed seconds.
        rate: price per minute.
        first_increment: seconds of the first billing increment.
        subsequent_increment: seconds of each later billing increment.
        cost_subtotal: the call's cost without fees.
        connect_fee: the connect fee.
        usf_fee: the Universal Service Fund fee.
        ccrf: the carrier cost recovery fee.
        cnam_lookup_fee: the CNAM lookup fee.
        custom_x_tag: the X-Tag SIP header of the call, if any.
        customer_ip: the customer's IP address (and port).
        raw: the row as read: column name to text.
    """

    direction: Optional[str] = None
    start_time: Optional[datetime.datetime] = None
    end_time: Optional[datetime.datetime] = None
    destination: Optional[str] = None
    number_alias: Optional[str] = None
    callerid: Optional[str] = None
    total_cost: Optional[Decimal] = None
    destination_name: Optional[str] = None
    callerid_country: Optional[str] = None
    line_information: Optional[str] = None
    result: Optional[str] = None
    call_fail_sip_code: Optional[int] = None
    call_fail_reason: Optional[str] = None
    duration: Optional[int] = None
    billed_duration: Optional[int] = None
    rate: Optional[Decimal] = None
    first_increment: Optional[int] = None
    subsequent_increment: Optional[int] = None
    cost_subtotal: Optional[Decimal] = None
    connect_fee: Optional[Decimal] = None
    usf_fee: Optional[Decimal] = None
    ccrf: Optional[Decimal] = None
    cnam_lookup_fee: Optional[Decimal] = None
    custom_x_tag: Optional[str] = None
    customer_ip: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class Portability:
    """The answer of a portability check, numbers in E.164 form (``"+14252081174"``).

    Attributes:
        portable: numbers that can be ported to Flowroute.
        nonportable: numbers that cannot.
        hypernetwork_enabled: numbers already on Flowroute's HyperNetwork.
        raw: the JSON object as received.
    """

    portable: tuple[str, ...] = ()
    nonportable: tuple[str, ...] = ()
    hypernetwork_enabled: tuple[str, ...] = ()
    raw: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class EdgeStrategy:
    """An edge strategy: which Flowroute edge servers an inbound route's calls use.

    Attributes:
        id: the strategy id, given as ``edge_strategy`` when creating a route.
        name: the strategy's name, when the API gives one.
        description: what it does, when the API says.
        naptr: the DNS name of its NAPTR record, when given.
        firewall_rules: the address ranges a firewall should let in, when given.
        raw: the JSON resource object as received.
    """

    id: str
    name: Optional[str] = None
    description: Optional[str] = None
    naptr: Optional[str] = None
    firewall_rules: Optional[str] = None
    raw: Any = attrs.field(default=None, repr=False, eq=False)
