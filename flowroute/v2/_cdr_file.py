"""CDR export files: gunzipping a download as it streams, and reading its rows as records.

A CDR export is a CSV file, usually gzip-compressed, whose first line names
the columns. The columns read here are those of Flowroute's CDR results
documentation (developer.flowroute.com/api/cdrexports/v2.0/cdr-results),
as shown by the sample in the v3 SDK's README. Columns this library does not
know are kept in each record's ``raw``; a known column that is missing
leaves its field None.

Everything here works on one chunk or one row at a time: memory does not
grow with the size of the export.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import os
import zlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, Callable, Optional, Union, cast

import attrs

from ..errors import DecodeError, ValidationError
from .models import CallDetailRecord

if TYPE_CHECKING:
    from .._transport import Writable

__all__ = ["GunzipWriter", "Source", "read_records"]

Source = Union[str, "os.PathLike[str]", IO[bytes], IO[str]]

_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflate stream
_MAX_INFLATED = 1024 * 1024  # bytes inflated per step: a small bomb cannot fill memory
_UTC = datetime.timezone.utc


class GunzipWriter:
    """Passes chunks on to `into`, inflated first when the stream starts as gzip.

    Whether it is gzip is decided by the first two bytes (the gzip magic
    number), so a file served compressed or not is written the same way.
    Several gzip members one after the other are inflated one after the other.
    """

    def __init__(self, into: Writable) -> None:
        self._into = into
        self._head = b""
        self._gzip: Optional[bool] = None
        self._inflate = zlib.decompressobj(_GZIP_WBITS)

    def write(self, data: bytes) -> int:
        """Take the next chunk of the download."""
        if self._gzip is None:
            self._head += data
            if len(self._head) < len(_GZIP_MAGIC):
                return len(data)
            self._gzip = self._head.startswith(_GZIP_MAGIC)
            data, self._head = self._head, b""
        if self._gzip:
            self._inflate_all(data)
        else:
            self._into.write(data)
        return len(data)

    def _inflate_all(self, data: bytes) -> None:
        try:
            while data or self._inflate.eof is False:
                if self._inflate.eof:  # the member ended; what follows is another one
                    self._inflate = zlib.decompressobj(_GZIP_WBITS)
                inflate = self._inflate
                out = inflate.decompress(data, _MAX_INFLATED)
                self._into.write(out)
                data = inflate.unused_data if inflate.eof else inflate.unconsumed_tail
                # A full step may leave inflated bytes pending even with no input left.
                if not data and (inflate.eof or len(out) < _MAX_INFLATED):
                    break
        except zlib.error as exc:
            raise DecodeError(f"the CDR export is not valid gzip: {exc}") from None

    def close(self) -> None:
        """Flush what is held back; a gzip stream cut short is an error."""
        if self._gzip is None and self._head:
            self._into.write(self._head)
        elif self._gzip and not self._inflate.eof:
            raise DecodeError("the CDR export ends in the middle of its gzip stream")


def _text(value: str) -> Optional[str]:
    return value or None


def _integer(value: str) -> Optional[int]:
    return int(value) if value else None


def _money(value: str) -> Optional[Decimal]:
    if not value:
        return None
    amount = Decimal(value)
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return amount


def _moment(value: str) -> Optional[datetime.datetime]:
    """``2019-06-25 18:18:54+00`` as the export writes it; other ISO-8601 forms too."""
    if not value:
        return None
    if value.endswith("+00"):  # the export's own form, the fast path: a whole-hour zone
        return datetime.datetime.fromisoformat(value + ":00")
    text = value.replace("Z", "+00:00")
    if text[-3:-2] in ("+", "-") and text[-2:].isdigit():
        text += ":00"  # Python 3.9 wants +HH:MM
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=_UTC)


_COLUMNS: dict[str, Callable[[str], Any]] = {
    "direction": _text,
    "start_time": _moment,
    "end_time": _moment,
    "destination": _text,
    "number_alias": _text,
    "callerid": _text,
    "total_cost": _money,
    "destination_name": _text,
    "callerid_country": _text,
    "line_information": _text,
    "result": _text,
    "call_fail_sip_code": _integer,
    "call_fail_reason": _text,
    "duration": _integer,
    "billed_duration": _integer,
    "rate": _money,
    "first_increment": _integer,
    "subsequent_increment": _integer,
    "cost_subtotal": _money,
    "connect_fee": _money,
    "usf_fee": _money,
    "ccrf": _money,
    "cnam_lookup_fee": _money,
    "custom_x_tag": _text,
    "customer_ip": _text,
}
_PARSE_ERRORS = (ValueError, ArithmeticError)


def _bad_cell(
    line: int, row: list[str], columns: list[tuple[int, str, Callable[[str], Any]]]
) -> DecodeError:
    for index, name, read in columns:
        try:
            read(row[index])
        except _PARSE_ERRORS:
            return DecodeError(f"CDR export line {line}, column {name}: cannot read {row[index]!r}")
    return DecodeError(f"CDR export line {line}: cannot read the row")  # pragma: no cover


Setter = Callable[[Any, Any], None]


class _RowReader:
    """Builds a record from a row of one file's columns.

    The hot loop of reading an export: a record's slots are filled through
    their descriptors rather than through attrs' keyword ``__init__``
    (about half the cost per row), as `flowroute._structure` does for API
    responses. Text cells need no conversion call: an empty one is None.
    """

    def __init__(self, header: list[str]) -> None:
        self.header = header
        where = {name: index for index, name in enumerate(header)}
        slots = {f.name: _slot_setter(f.name) for f in attrs.fields(CallDetailRecord)}
        self.columns = [
            (i, name, _COLUMNS[name]) for i, name in enumerate(header) if name in _COLUMNS
        ]
        self.texts = [(slots[n], i) for i, n, read in self.columns if read is _text]
        self.converted = [(slots[n], read, i) for i, n, read in self.columns if read is not _text]
        self.absent = [slots[name] for name in _COLUMNS if name not in where]
        self.raw = slots["raw"]

    def __call__(self, row: list[str]) -> CallDetailRecord:
        record = _new(CallDetailRecord)
        for put, index in self.texts:
            put(record, row[index] or None)
        for put, read, index in self.converted:
            put(record, read(row[index]))
        for put in self.absent:
            put(record, None)
        self.raw(record, dict(zip(self.header, row)))
        return record


_new = object.__new__


def _slot_setter(name: str) -> Setter:
    setter: Setter = CallDetailRecord.__dict__[name].__set__
    return setter


def records(lines: Iterable[str]) -> Iterator[CallDetailRecord]:
    """The records of a CDR CSV given as text lines, one at a time."""
    reader = csv.reader(lines)
    header = [name.strip() for name in next(reader, [])]
    if not header:
        return
    read = _RowReader(header)
    if not read.columns:
        raise DecodeError(f"not a CDR export: no known column in the header {header[:5]!r}")
    width = len(header)
    for row in reader:
        if not row:
            continue
        if len(row) != width:
            raise DecodeError(f"CDR export line {reader.line_num}: {len(row)} cells, not {width}")
        try:
            record = read(row)
        except _PARSE_ERRORS:
            raise _bad_cell(reader.line_num, row, read.columns) from None
        yield record


class _Prefixed(io.RawIOBase):
    """A binary stream with bytes already read from it put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _text_lines(binary: IO[bytes]) -> IO[str]:
    """Decoded text of a binary stream, inflated first when it is gzip."""
    head = binary.read(len(_GZIP_MAGIC))
    stream: IO[bytes] = cast(IO[bytes], io.BufferedReader(_Prefixed(head, binary)))
    if head == _GZIP_MAGIC:
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
    # newline="": the csv module handles line ends itself (quoted fields may hold them).
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")


def read_records(source: Source) -> Iterator[CallDetailRecord]:
    """The records of a CDR export from a path or an open file, one at a time.

    Args:
        source: a path (``str`` or `os.PathLike`) of a ``.csv`` or gzip file,
            a binary stream (gzip or not, told by its first bytes) or a
            text stream.

    Raises:
        DecodeError: the content is not a CDR export, or a cell cannot be read.
        OSError: the path cannot be opened.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as binary:
            yield from _decoded(binary)
    elif isinstance(source, io.TextIOBase):
        yield from records(cast(IO[str], source))
    elif hasattr(source, "read"):
        yield from _decoded(cast(IO[bytes], source))
    else:
        raise ValidationError("source", "a path, or a file opened in binary or text mode", source)


def _decoded(binary: IO[bytes]) -> Iterator[CallDetailRecord]:
    try:
        yield from records(_text_lines(binary))
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as exc:
        # gzip says "Not a gzipped file" or "Compressed file ended" through these.
        raise DecodeError(f"the CDR export cannot be read: {exc}") from None
