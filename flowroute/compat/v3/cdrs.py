"""The SDK's ``CDRsController`` and ``PortingController``: CDR exports and portability."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._session import BaseController, forward, run, sdk_row

if TYPE_CHECKING:
    from ._session import Session

__all__ = ["CDR_ROWS", "PORTING_ROWS", "CDRsController", "PortingController"]

_C = "CDRsController"


def _list(session: Session, limit: Any, offset: Any, status: Any) -> Any:
    return session.answer(session.v2.cdrs.list_cdr_exports, status, limit, offset)


def _download(session: Session, cdrexport_id: Any, filename: Any) -> Any:
    session.v2.cdrs.download_cdr_export(cdrexport_id, filename)
    return {"filename": filename}


def _parse(session: Session, filename: Any) -> Any:
    return [record.raw for record in session.v2.cdrs.parse(filename)]


CDR_ROWS = (
    sdk_row(
        _C,
        "list_cdrs",
        ("limit=None", "offset=None", "status=None"),
        "GET /v2/cdrs/exports",
        "cdrs.list_cdr_exports",
        _list,
        read=True,
        arguments="Kept; v2 takes ``status`` first: ``list_cdr_exports(status, limit, offset)``.",
        result="The response document; the API wraps each export in its own ``data``.",
    ),
    sdk_row(
        _C,
        "get_cdr_export_status",
        ("cdrexport_id",),
        "GET /v2/cdrs/exports/{cdrexport_id}",
        "cdrs.get_cdr_export_status",
        forward(lambda v2: v2.cdrs.get_cdr_export_status),
        read=True,
    ),
    sdk_row(
        _C,
        "create_cdr_export",
        ("filters", "callback_url=None"),
        "POST /v2/cdrs/exports",
        "cdrs.create_cdr_export",
        forward(lambda v2: v2.cdrs.create_cdr_export),
        read=False,
        arguments="``filters`` is the ``filter_parameters`` dict; ``callback_url`` is kept.",
    ),
    sdk_row(
        _C,
        "download_cdr_export",
        ("cdrexport_id", "filename"),
        "GET /v2/cdrs/exports/{cdrexport_id}, then its download_url",
        "cdrs.download_cdr_export",
        _download,
        read=False,
        arguments="Kept; the file streams to ``filename``, gunzipped on the way.",
        result=(
            "``{'filename': filename}``. The SDK's download failed on Python 3 "
            "(``StringIO.StringIO``); this one works and holds no more than a chunk."
        ),
    ),
    sdk_row(
        _C,
        "parse_cdr_export",
        ("filename",),
        "no request: reads the downloaded file",
        "cdrs.parse",
        _parse,
        read=True,
        result=(
            "A list of dicts, column name to text, one per call, as ``csv.DictReader`` "
            "read them; ``client.v2.cdrs.parse`` yields typed records one at a time."
        ),
    ),
)

PORTING_ROWS = (
    sdk_row(
        "PortingController",
        "checkPortability",
        ("numbers",),
        "POST /v2/portorders/portability",
        "porting.check_portability",
        forward(lambda v2: v2.porting.check_portability),
        read=True,
        arguments="``numbers``, a list, is kept; each is sent in E.164 form.",
    ),
)
_ROW = {row.method: row for row in (*CDR_ROWS, *PORTING_ROWS)}


class CDRsController(BaseController):
    """``client.cdrs``: export call detail records, download and read the file."""

    def list_cdrs(self, limit: Any = None, offset: Any = None, status: Any = None) -> Any:
        """The account's exports: ``{"data": [{"data": {...}}, ...], "links": ...}``."""
        return run(_ROW["list_cdrs"], locals())

    def get_cdr_export_status(self, cdrexport_id: Any) -> Any:
        """One export: its state and, once completed, its ``download_url``."""
        return run(_ROW["get_cdr_export_status"], locals())

    def create_cdr_export(self, filters: Any, callback_url: Any = None) -> Any:
        """Start an export of the calls matching `filters`; the new export's document."""
        return run(_ROW["create_cdr_export"], locals())

    def download_cdr_export(self, cdrexport_id: Any, filename: Any) -> Any:
        """Write a completed export's CSV to `filename`; ``{"filename": filename}``."""
        return run(_ROW["download_cdr_export"], locals())

    def parse_cdr_export(self, filename: Any) -> Any:
        """The rows of a downloaded export: a list of dicts, column name to text."""
        return run(_ROW["parse_cdr_export"], locals())


class PortingController(BaseController):
    """``client.porting``: whether numbers can be ported to Flowroute."""

    def checkPortability(self, numbers: Any) -> Any:
        """The portability of `numbers`: ``{"data": {...}}``, as the API answers it."""
        return run(_ROW["checkPortability"], locals())
