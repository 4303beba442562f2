"""CDR exports v2: ask for a file of call detail records, follow the job, download and read it."""

from __future__ import annotations

import contextlib
import datetime
import io
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Optional, Union
from urllib.parse import urlsplit

from .. import _validate as check
from .._resource import Controller, Endpoint
from ..errors import ValidationError
from . import _arguments as arg
from ._cdr_file import GunzipWriter, Source, read_records
from ._converter import read_one
from ._paging import list_page
from .models import CallDetailRecord, CdrExport, CdrExportStatus

if TYPE_CHECKING:
    from ..pagination import Page

__all__ = ["CdrsController"]

_CREATE = Endpoint(
    "POST",
    "/v2/cdrs/exports",
    outcome="an export job may have been started; list the CDR exports before retrying",
)
_LIST = Endpoint("GET", "/v2/cdrs/exports")
_DETAIL = Endpoint("GET", "/v2/cdrs/exports/{cdrexport_id}")
_ENDPOINTS = (_CREATE, _LIST, _DETAIL)

_MAX_ITEMS = 200
_STATUSES = frozenset(status.value for status in CdrExportStatus)
# Filters documented as lists of text, and as single values; others pass through as given.
_LIST_FILTERS = (
    "number_aliases",
    "number_aliases_contains",
    "destination_numbers",
    "callerid_numbers",
    "custom_x_tags",
)
_TIME_FILTERS = ("start_call_start_time", "start_call_end_time")

Moment = Union[datetime.date, datetime.datetime, str]
Texts = Optional[Sequence[str]]
Into = Union[str, "os.PathLike[str]", IO[bytes]]


def _texts(value: Any, argument: str) -> list[str]:
    allowed = "a list of non-empty strings"
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise ValidationError(argument, allowed, value)
    return [check.text(item, argument) for item in value]


def _filters(filters: Optional[Mapping[str, Any]], given: Mapping[str, Any]) -> dict[str, Any]:
    """The checked ``filter_parameters``: the mapping and the keyword filters merged."""
    if filters is not None and not isinstance(filters, Mapping):
        raise ValidationError("filters", "a dict of CDR export filters", filters)
    merged = {**(filters or {}), **{k: v for k, v in given.items() if v is not None}}
    for name in _TIME_FILTERS:
        if merged.get(name) is None:
            raise ValidationError(name, "the start of calls to include, as a date or datetime")
        merged[name] = check.date_text(merged[name], name)
    for name in _LIST_FILTERS:
        if name in merged:
            merged[name] = _texts(merged[name], name)
    if "caller_ip" in merged:
        merged["caller_ip"] = check.text(merged["caller_ip"], "caller_ip")
    if "duration_greater_than" in merged:
        merged["duration_greater_than"] = check.integer(
            merged["duration_greater_than"], "duration_greater_than", 0
        )
    return merged


def _unwrapped(body: Any) -> Any:
    # The listing wraps each export in its own {"data": ...}, as the API's
    # documented example (and the v3 SDK's demo reading it) shows.
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        return body
    items = [i["data"] if isinstance(i, dict) and set(i) == {"data"} else i for i in data]
    return {**body, "data": items}


def _same_origin(url: str, base_url: str) -> bool:
    """Whether `url` is on the API's own host (then, and only then, it gets our credentials)."""
    one, two = urlsplit(url), urlsplit(base_url)
    return (one.scheme, one.netloc) == (two.scheme, two.netloc)


class CdrsController(Controller):
    """CDR exports: files of the account's call detail records.

    An export is a job: `create_cdr_export` starts it, `get_cdr_export_status`
    follows it until it is ``completed``, `download_cdr_export` streams its
    file to disk (or any binary file), and `parse` reads the file one
    `CallDetailRecord` at a time. Memory does not grow with the export's size.
    """

    def create_cdr_export(
        self,
        filters: Optional[Mapping[str, Any]] = None,
        callback_url: Optional[str] = None,
        *,
        start_call_start_time: Optional[Moment] = None,
        start_call_end_time: Optional[Moment] = None,
        number_aliases: Texts = None,
        number_aliases_contains: Texts = None,
        destination_numbers: Texts = None,
        callerid_numbers: Texts = None,
        custom_x_tags: Texts = None,
        caller_ip: Optional[str] = None,
        duration_greater_than: Optional[int] = None,
    ) -> CdrExport:
        """Start an export of the calls that match the filters.

        Filters are given as a dict (as the API documents them), as keyword
        arguments, or both (keywords win). The two start-time bounds are required.

        Args:
            filters: ``filter_parameters`` as documented; names this library
                does not know are sent as given.
            callback_url: a URL Flowroute notifies when the job changes state.
            start_call_start_time: include calls that started at or after this (UTC).
            start_call_end_time: include calls that started before this (UTC).
            number_aliases: only calls of numbers with one of these aliases.
            number_aliases_contains: only calls of numbers whose alias contains one of these.
            destination_numbers: only calls to one of these numbers.
            callerid_numbers: only calls from one of these caller ids.
            custom_x_tags: only calls carrying one of these X-Tag SIP headers.
            caller_ip: only calls from this IP address.
            duration_greater_than: only calls longer than this many seconds.

        Returns:
            The export, usually still ``processing``.
        """
        given = {name: value for name, value in locals().items() if name not in ("self", "filters")}
        callback = given.pop("callback_url")
        attributes: dict[str, Any] = {"filter_parameters": _filters(filters, given)}
        if callback is not None:
            attributes["callback_url"] = arg.url(callback, "callback_url")
        body = {"data": {"type": "cdrexport", "attributes": attributes}}
        return read_one(self._send(_CREATE, json=body), CdrExport)

    def get_cdr_export_status(self, cdrexport_id: Union[str, int]) -> CdrExport:
        """One export: its state and, once completed, its download URL and totals.

        Args:
            cdrexport_id: the export id.
        """
        body = self._send(_DETAIL, cdrexport_id=arg.record_id(cdrexport_id, "cdrexport_id"))
        return read_one(body, CdrExport)

    def list_cdr_exports(
        self,
        status: Union[CdrExportStatus, str, None] = None,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Page[CdrExport]:
        """List the account's CDR exports.

        Args:
            status: only exports in this state: ``processing``, ``completed``
                or ``failed``.
            limit: exports per page, 1 to 200.
            offset: exports to skip.
        """
        state = status.value if isinstance(status, CdrExportStatus) else status
        params = {
            "status": None if state is None else check.choice(state, "status", _STATUSES),
            "limit": arg.limit(limit, _MAX_ITEMS),
            "offset": arg.offset(offset),
        }
        return list_page(self._send, _LIST, params, CdrExport, unwrap=_unwrapped)

    def download_cdr_export(self, cdrexport_id: Union[str, int], into: Into) -> CdrExport:
        """Download a completed export's file, uncompressed, into a path or a binary file.

        The file streams to its destination a chunk at a time; a gzip file
        is inflated on the way. Credentials are sent only when the download
        URL is on the API's own host, never to a storage URL that carries its
        own signature.

        Args:
            cdrexport_id: the export id; the export must be ``completed``.
            into: a path to write (replaced if it exists; removed again if
                the download fails), or a binary file-like object to write to.

        Returns:
            The export, as read just before downloading.

        Raises:
            ValidationError: the export is not completed (nothing is downloaded).
        """
        if not isinstance(into, (str, os.PathLike)) and not hasattr(into, "write"):
            raise ValidationError("into", "a path, or a file opened for binary writing", into)
        export = self.get_cdr_export_status(cdrexport_id)
        if export.status != CdrExportStatus.COMPLETED or not export.download_url:
            raise ValidationError(
                "cdrexport_id", f"a completed export (this one is {export.status})", cdrexport_id
            )
        if isinstance(into, (str, os.PathLike)):
            self._download_to_path(export.download_url, into)
        else:
            self._download(export.download_url, into)
        return export

    def parse(self, source: Source) -> Iterator[CallDetailRecord]:
        """Read a CDR export file, one typed record per call, never the whole file at once.

        Args:
            source: a path of the file (CSV, or gzip of it) or an open file,
                binary (gzip or not) or text.

        Raises:
            DecodeError: while iterating, when the content is not a CDR export.
        """
        if not isinstance(source, (str, os.PathLike, io.IOBase)) and not hasattr(source, "read"):
            raise ValidationError("source", "a path, or a file opened for reading", source)
        return read_records(source)

    def _download(self, url: str, into: Any) -> None:
        same = _same_origin(url, self._transport.base_url)
        writer = GunzipWriter(into)
        self._transport.download(url, auth=self._auth() if same else None, into=writer)
        writer.close()

    def _download_to_path(self, url: str, path: Union[str, os.PathLike[str]]) -> None:
        try:
            with open(path, "wb") as file:
                self._download(url, file)
        except BaseException:
            # A partial file must not pass for a whole export.
            with contextlib.suppress(OSError):
                os.remove(path)
            raise
