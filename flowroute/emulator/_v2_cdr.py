"""The v2 CDR export endpoints, and the download link's own small API.

Export documents follow the published examples, including the listing's
quirk of wrapping each export in its own ``{"data": ...}``. A completed
export's ``download_url`` points at the emulator itself
(``/cdr-downloads/{id}.csv.gz``), signed and expiring like the service's
presigned storage links: it needs no API credentials, so a plain
``urlopen`` (as the v3 SDK uses) fetches it, and a tampered or expired
link is refused with 403.
"""

from __future__ import annotations

import functools
from typing import Any

from . import _v2_parse as parse
from ._cdr import CdrExport
from ._cdr_document import DOWNLOADS, EXPORTS, export_resource
from ._records import Api, Call, Credentials, Endpoint, Reply, Request, Stream
from ._v2_common import list_document, resource
from .errors import Forbidden, Invalid, NotFound

__all__ = ["DOWNLOADS", "DOWNLOAD_API", "ENDPOINTS"]

_CREATE_ATTRIBUTES = frozenset({"filter_parameters", "callback_url"})


def _resource(call: Call, export: CdrExport) -> dict[str, Any]:
    return export_resource(call.state.cdrs, export, call.request.base_url)


def create_export(call: Call) -> Reply:
    """POST /v2/cdrs/exports"""
    parse.query(call, ())
    _, attributes = resource(call, "cdrexport")
    unknown = sorted(set(attributes) - _CREATE_ATTRIBUTES)
    if unknown:
        raise Invalid(f"unknown attributes: {', '.join(unknown)}", unknown[0])
    if "filter_parameters" not in attributes:
        raise Invalid("filter_parameters is required", "filter_parameters")
    filters, callback_url = attributes["filter_parameters"], attributes.get("callback_url")
    export = call.state.cdrs.create(filters, callback_url, call.request.base_url)
    return Reply(201, {"data": _resource(call, export)})


def _wrapped(call: Call, export: CdrExport) -> dict[str, Any]:
    return {"data": _resource(call, export)}


def list_exports(call: Call) -> Reply:
    """GET /v2/cdrs/exports: each export wrapped in its own data, as documented"""
    query = parse.query(call, ("limit", "offset", "status"))
    page = parse.paging(query, maximum=200)
    filters = parse.only(query, ("status",))
    found = call.state.cdrs.find(filters.get("status"))
    render = functools.partial(_wrapped, call)
    return Reply(200, list_document(call, EXPORTS, filters, page, found, render))


def get_export(call: Call) -> Reply:
    """GET /v2/cdrs/exports/{id}"""
    parse.query(call, ())
    return Reply(200, {"data": _resource(call, call.state.cdrs.get(call.params["id"]))})


ENDPOINTS = (
    Endpoint("GET", EXPORTS, list_exports),
    Endpoint("POST", EXPORTS, create_export),
    Endpoint("GET", f"{EXPORTS}/{{id}}", get_export),
)


# -- the download link ----------------------------------------------------------


def download(call: Call) -> Reply:
    """GET /cdr-downloads/{id}.csv.gz?expires=...&signature=..."""
    query = parse.query(call, ("expires", "signature"))
    export_id = call.params["file"].removesuffix(".csv.gz")
    expires, signature = query.get("expires", ""), query.get("signature", "")
    if not expires.isdigit() or not call.state.cdrs.signature_matches(
        export_id, int(expires), signature
    ):
        raise Forbidden("the download link is not valid; fetch the export again for a fresh one")
    if call.state.clock().timestamp() > int(expires):
        raise Forbidden("the download link has expired")
    history, chosen = call.state.cdrs.downloadable(export_id)
    disposition = f'attachment; filename="cdr-export-{export_id}.csv.gz"'
    body = Stream(
        content_type="application/gzip",
        chunks=functools.partial(history.gzip_csv, chosen),
        headers={"Content-Disposition": disposition},
    )
    return Reply(200, body)


def _public(request: Request, credentials: Credentials) -> bool:
    """The link's signature is its credential; the handler checks it."""
    return True


def _error(status: int, detail: str, error_id: str) -> dict[str, Any]:
    return {"errors": [{"detail": detail, "id": error_id, "status": status}]}


DOWNLOAD_API = Api(
    prefixes=(DOWNLOADS,),
    authenticate=_public,
    endpoints=(Endpoint("GET", f"{DOWNLOADS}/{{file}}", download),),
    render_error=_error,
    statuses={NotFound: 404, Forbidden: 403, Invalid: 422},
)
