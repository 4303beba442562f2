"""The account's seeded call history, and CDR export files made from it.

Call ``i`` of the history starts at ``start + i * interval``; everything
else about it (direction, line, other party, duration, outcome, costs) is
drawn from a hash of the seed and ``i``. A call is therefore the same in
every export, whatever the filters, and a time window maps to a range of
indexes without looking at the calls before it. Export files are gzip CSV
with the columns of `CDR_EXPORT_COLUMNS`, produced in chunks: memory does
not grow with the history's size.
"""

from __future__ import annotations

import csv
import functools
import io
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple, Optional

import attrs

from .errors import Invalid

__all__ = [
    "CDR_EXPORT_COLUMNS",
    "DEFAULT_CALLS",
    "LINES",
    "CallFilter",
    "CallHistory",
    "Totals",
]

# The columns of a CDR export file, in order, as Flowroute's CDR export
# documentation lists them. The client keeps its own copy of this list
# (client and emulator tables never import each other).
CDR_EXPORT_COLUMNS = (
    "direction",
    "start_time",
    "end_time",
    "destination",
    "number_alias",
    "callerid",
    "total_cost",
    "destination_name",
    "callerid_country",
    "line_information",
    "result",
    "call_fail_sip_code",
    "call_fail_reason",
    "duration",
    "billed_duration",
    "rate",
    "first_increment",
    "subsequent_increment",
    "cost_subtotal",
    "connect_fee",
    "usf_fee",
    "ccrf",
    "cnam_lookup_fee",
    "custom_x_tag",
    "customer_ip",
)

DEFAULT_CALLS = 1000
DEFAULT_START = datetime(2019, 1, 1, tzinfo=timezone.utc)
DEFAULT_INTERVAL = timedelta(minutes=1)
# The account's lines in the history: (number, alias).
LINES = (
    ("12065550100", "Office 221"),
    ("12065550101", "Office 888"),
    ("12065550102", "Front Desk"),
    ("12065550103", "Home Phone"),
)
_AREA_CODES = ("206", "425", "253", "360", "509")
_INCREMENT = 6  # seconds: calls are billed in 6-second steps, 6 at least
# Rates and fees in hundred-millionths of a dollar (the files print 8 decimals).
_RATE = {"Inbound": 150_000, "Outbound": 980_000}  # per minute
_RATE_TEXT = {direction: f"0.{rate // 100:06d}" for direction, rate in _RATE.items()}
_CNAM_LOOKUP = 390_000  # per inbound call
_CCRF_PERCENT = 13
_IP = "192.0.2.10"  # a documentation address (RFC 5737)
_BATCH = 2000  # calls per compressed chunk
_MASK = (1 << 64) - 1


def _mix(value: int) -> int:
    """splitmix64's finaliser: a cheap, well-spread 64-bit hash."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def _dollars(amount: int) -> str:
    return f"{amount // 10**8}.{amount % 10**8:08d}"


@functools.lru_cache(maxsize=64)
def _day(days: int) -> str:
    return f"{datetime(1970, 1, 1) + timedelta(days=days):%Y-%m-%d}"


def _stamp(epoch: int) -> str:
    """``2019-06-25 18:18:54+00``; the date is cached, as calls come in order."""
    days, second = divmod(epoch, 86400)
    return f"{_day(days)} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}+00"


class Call(NamedTuple):
    """One call of the history (a tuple: a large export makes many of them).

    Attributes:
        ordinal: its place in the history, from 0.
        direction: ``"Inbound"`` or ``"Outbound"``.
        start: when it started, in seconds since the epoch (UTC).
        number: the account's line, 11 digits.
        alias: that line's alias.
        remote: the other party, 11 digits.
        duration: seconds talked (0 for a failed call).
        billed: seconds billed (6-second steps).
        failed: whether it failed (busy).
    """

    ordinal: int
    direction: str
    start: int
    number: str
    alias: str
    remote: str
    duration: int
    billed: int
    failed: bool

    @property
    def destination(self) -> str:
        """The number called: the other party when outbound, the line when inbound."""
        return self.remote if self.direction == "Outbound" else self.number

    @property
    def callerid(self) -> str:
        """The caller, with "+": the line when outbound, the other party when inbound."""
        return "+" + (self.number if self.direction == "Outbound" else self.remote)

    def costs(self) -> tuple[int, int, int, int]:
        """(subtotal, CNAM lookup fee, CCRF, total) in hundred-millionths of a dollar."""
        subtotal = self.billed * _RATE[self.direction] // 60
        lookup = _CNAM_LOOKUP if self.direction == "Inbound" else 0
        ccrf = subtotal * _CCRF_PERCENT // 100
        return subtotal, lookup, ccrf, subtotal + lookup + ccrf

    def row(self) -> list[Any]:
        """The call's CSV row, in `CDR_EXPORT_COLUMNS` order."""
        subtotal, lookup, ccrf, total = self.costs()
        inbound = self.direction == "Inbound"
        return [
            self.direction,
            _stamp(self.start),
            _stamp(self.start + self.duration),
            self.destination,
            self.alias,
            self.callerid,
            _dollars(total),
            "UNITED STATES",
            "UNITED STATES" if inbound else "N/A",
            "61" if inbound else "",
            "failed" if self.failed else "completed",
            486 if self.failed else 200,
            "Busy Here" if self.failed else "OK",
            self.duration,
            self.billed,
            _RATE_TEXT[self.direction],
            _INCREMENT,
            _INCREMENT,
            _dollars(subtotal),
            "0.0000",
            "0.00000000",
            _dollars(ccrf),
            _dollars(lookup),
            "",
            _IP if inbound else f"{_IP}:5080",
        ]


@attrs.frozen(kw_only=True)
class CallFilter:
    """Which calls an export holds: a start-time window and optional field matches."""

    start: datetime
    end: datetime
    number_aliases: Optional[frozenset[str]] = None
    number_aliases_contains: Optional[tuple[str, ...]] = None
    destination_numbers: Optional[frozenset[str]] = None
    callerid_numbers: Optional[frozenset[str]] = None
    duration_greater_than: Optional[float] = None

    def admits(self, call: Call) -> bool:
        """Whether the call passes every field filter (the window is applied apart)."""
        return (
            (self.number_aliases is None or call.alias in self.number_aliases)
            and (
                self.number_aliases_contains is None
                or any(part in call.alias for part in self.number_aliases_contains)
            )
            and (self.destination_numbers is None or call.destination in self.destination_numbers)
            and (self.callerid_numbers is None or call.callerid[1:] in self.callerid_numbers)
            and (self.duration_greater_than is None or call.duration > self.duration_greater_than)
        )


@attrs.frozen(kw_only=True)
class Totals:
    """The sums an export document reports, money in hundred-millionths of a dollar."""

    num_calls: int = 0
    billed_seconds: int = 0
    call_subtotal: int = 0
    cnamlookup_fees: int = 0
    ccrf: int = 0
    total_cost: int = 0


@attrs.frozen(kw_only=True)
class CallHistory:
    """The seeded call history: `calls` calls, one every `interval` from `start`."""

    seed: int
    calls: int = DEFAULT_CALLS
    start: datetime = DEFAULT_START
    interval: timedelta = DEFAULT_INTERVAL
    _epoch: int = attrs.field(init=False, repr=False, eq=False)
    _step: int = attrs.field(init=False, repr=False, eq=False)

    @_epoch.default
    def _start_seconds(self) -> int:
        return int(self.start.timestamp()) if self.start.tzinfo else 0

    @_step.default
    def _interval_seconds(self) -> int:
        return int(self.interval.total_seconds())

    def __attrs_post_init__(self) -> None:
        if self.calls < 0:
            raise ValueError(f"calls must be 0 or more, got {self.calls}")
        if self.interval <= timedelta(0):
            raise ValueError(f"interval must be positive, got {self.interval}")
        if self.start.tzinfo is None:
            raise ValueError("start must be an aware datetime")
        if self.interval % timedelta(seconds=1):
            raise ValueError(f"interval must be whole seconds, got {self.interval}")

    def call(self, index: int) -> Call:
        """Call number `index` (0-based)."""
        bits = _mix(_mix(self.seed) ^ index)
        number, alias = LINES[bits & 3]
        direction = "Inbound" if bits >> 2 & 1 else "Outbound"
        area = _AREA_CODES[(bits >> 3) % len(_AREA_CODES)]
        remote = f"1{area}{2 + (bits >> 6) % 8}{(bits >> 9) % 10**6:06d}"
        failed = (bits >> 29) & 15 == 0
        duration = 0 if failed else 1 + (bits >> 33) % 900
        billed = -(-duration // _INCREMENT) * _INCREMENT
        start = self._epoch + index * self._step
        return Call(index, direction, start, number, alias, remote, duration, billed, failed)

    def _index_at(self, moment: datetime) -> int:
        """The first call starting at or after `moment`, clamped to the history."""
        steps = -(-(moment - self.start) // self.interval)  # ceiling division of timedeltas
        return max(0, min(self.calls, steps))

    def select(self, chosen: CallFilter) -> Iterator[Call]:
        """The calls an export with this filter holds, oldest first."""
        first, stop = self._index_at(chosen.start), self._index_at(chosen.end)
        for index in range(first, stop):
            call = self.call(index)
            if chosen.admits(call):
                yield call

    def totals(self, chosen: CallFilter) -> Totals:
        """Counts and sums over the selected calls."""
        count = seconds = subtotal = lookups = ccrf = total = 0
        for call in self.select(chosen):
            costs = call.costs()
            count += 1
            seconds += call.billed
            subtotal, lookups = subtotal + costs[0], lookups + costs[1]
            ccrf, total = ccrf + costs[2], total + costs[3]
        return Totals(
            num_calls=count,
            billed_seconds=seconds,
            call_subtotal=subtotal,
            cnamlookup_fees=lookups,
            ccrf=ccrf,
            total_cost=total,
        )

    def gzip_csv(self, chosen: CallFilter) -> Iterator[bytes]:
        """The export file, gzip-compressed CSV with a header row, in chunks."""
        packer = zlib.compressobj(1, zlib.DEFLATED, 31)  # 31: a gzip container; 1: fast
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(CDR_EXPORT_COLUMNS)
        calls = self.select(chosen)
        while True:
            batch = [call.row() for _, call in zip(range(_BATCH), calls)]
            writer.writerows(batch)
            chunk = packer.compress(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()
            if chunk:
                yield chunk
            if len(batch) < _BATCH:
                break
        yield packer.flush()


def _moment(value: Any, field: str) -> datetime:
    """A filter's time: ``2019-01-01 00:00:00`` or ISO 8601, UTC when no zone is given."""
    if not isinstance(value, str):
        raise Invalid(f"{field} must be a date and time, got {value!r}", field)
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{field} must be YYYY-MM-DD HH:MM:SS, got {value!r}", field) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _texts(value: Any, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"{field} must be a list of strings", field)
    return tuple(value)


FILTERS = (
    "start_call_start_time",
    "start_call_end_time",
    "number_aliases",
    "number_aliases_contains",
    "destination_numbers",
    "callerid_numbers",
    "duration_greater_than",
)


def call_filter(given: Any) -> CallFilter:
    """Read an export's ``filter_parameters``; raises Invalid naming the bad one."""
    if not isinstance(given, dict):
        raise Invalid("filter_parameters must be an object", "filter_parameters")
    unknown = sorted(set(given) - set(FILTERS))
    if unknown:
        raise Invalid(
            f"unknown filters {', '.join(unknown)}; known: {', '.join(FILTERS)}", unknown[0]
        )
    for required in FILTERS[:2]:
        if required not in given:
            raise Invalid(f"{required} is required", required)
    start = _moment(given["start_call_start_time"], "start_call_start_time")
    end = _moment(given["start_call_end_time"], "start_call_end_time")
    if end < start:
        raise Invalid(
            "start_call_end_time must not be before start_call_start_time", "start_call_end_time"
        )
    lists: dict[str, Any] = {}
    for name in FILTERS[2:6]:
        if name in given:
            values = _texts(given[name], name)
            if name == "number_aliases_contains":
                lists[name] = values
            elif name == "number_aliases":
                lists[name] = frozenset(values)
            else:  # numbers match with or without "+"
                lists[name] = frozenset(v.lstrip("+") for v in values)
    longer = given.get("duration_greater_than")
    if longer is not None and (isinstance(longer, bool) or not isinstance(longer, (int, float))):
        raise Invalid("duration_greater_than must be a number of seconds", "duration_greater_than")
    return CallFilter(start=start, end=end, duration_greater_than=longer, **lists)
