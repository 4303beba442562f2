"""The CDR export document: what the API answers for an export, and what its callback POSTs.

One builder for both, so the document an app is called back with is the
one it would fetch (`GET /v2/cdrs/exports/{id}`): a ``cdrexport`` resource
with its status, sums (money as text with 8 decimals) and, once completed,
a signed ``download_url``. Links are on the base URL given: the one the
client addressed, or for a callback the one the export was requested on,
so the app can download the file from the link it is given.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlencode

from ._cdr_history import Totals

if TYPE_CHECKING:
    from ._cdr import CdrBook, CdrExport

__all__ = ["DOWNLOADS", "EXPORTS", "export_resource"]

EXPORTS = "/v2/cdrs/exports"
DOWNLOADS = "/cdr-downloads"


def _time(moment: datetime) -> str:
    """``2019-03-18T23:20:30+00:00``, as export documents print times."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def _dollars(amount: int) -> str:
    return f"{amount // 10**8}.{amount % 10**8:08d}"


def _sums(totals: Optional[Totals]) -> dict[str, Any]:
    if totals is None:  # still processing: nothing counted yet
        names = ("billed_minutes", "call_subtotal", "ccrf", "cnamlookup_fees", "connect_fees")
        return dict.fromkeys((*names, "num_calls", "total_cost", "usf_fees"))
    return {
        "billed_minutes": -(-totals.billed_seconds // 60),
        "call_subtotal": _dollars(totals.call_subtotal),
        "ccrf": _dollars(totals.ccrf),
        "cnamlookup_fees": _dollars(totals.cnamlookup_fees),
        "connect_fees": _dollars(0),
        "num_calls": totals.num_calls,
        "total_cost": _dollars(totals.total_cost),
        "usf_fees": _dollars(0),
    }


def _download_url(cdrs: CdrBook, export: CdrExport, base_url: str) -> str:
    expires = int(export.expires_at.timestamp())
    signature = cdrs.link_signature(export.id, expires)
    query = urlencode([("expires", str(expires)), ("signature", signature)])
    return f"{base_url}{DOWNLOADS}/{export.id}.csv.gz?{query}"


def export_resource(cdrs: CdrBook, export: CdrExport, base_url: str) -> dict[str, Any]:
    """The export as a JSON:API ``cdrexport`` resource, its links on `base_url`."""
    totals = cdrs.totals(export)
    done = totals is not None
    attributes = {
        "callback_url": export.callback_url,
        "created_at": _time(export.requested_at),
        "download_url": _download_url(cdrs, export, base_url) if done else None,
        "expires_at": _time(export.expires_at) if done else None,
        "filter_parameters": export.filter_parameters,
        "requested_at": _time(export.requested_at),
        "status": cdrs.status(export),
        **_sums(totals),
    }
    return {
        "attributes": dict(sorted(attributes.items())),
        "id": export.id,
        "links": {"self": f"{base_url}{EXPORTS}/{export.id}"},
        "type": "cdrexport",
    }
