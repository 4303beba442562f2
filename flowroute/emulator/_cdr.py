"""CDR exports: jobs that turn the seeded call history into a downloadable file.

An export is ``processing`` from its request until ``delay`` has passed on
the emulator's clock (no time at all by default), then ``completed``, with
its totals and a download link that stays valid for `DOWNLOAD_LIFETIME`;
or ``failed``, when a test says so (`CdrBook.fail`). When the job is done
(completed or failed) and the export names a ``callback_url``, the export
document is queued in the outbox for the courier to POST there, as the
service posts to it "when this asynchronous job is done running" (the v3
SDK's documentation); the document is the one ``GET`` answers
(`_cdr_document`). Nothing here knows about HTTP.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Optional

import attrs

from ._cdr_document import export_resource
from ._cdr_history import CallFilter, CallHistory, Totals, call_filter
from ._locking import locked
from .errors import Invalid, NotFound

if TYPE_CHECKING:
    from .state import State

__all__ = [
    "API_URL",
    "DOWNLOAD_LIFETIME",
    "EXPORT_STATUSES",
    "FIRST_EXPORT_ID",
    "CdrBook",
    "CdrExport",
]

API_URL = "https://api.flowroute.com"

FIRST_EXPORT_ID = 40001
DOWNLOAD_LIFETIME = timedelta(days=3)
EXPORT_STATUSES = ("processing", "completed", "failed")
_CALLBACK = re.compile(r"https?://\S+")


@attrs.frozen(kw_only=True)
class CdrExport:
    """One export request.

    Attributes:
        id: numeric string, e.g. ``"40001"``.
        filter_parameters: the filters as requested, echoed in documents.
        chosen: the same filters, read.
        callback_url: where the export document is POSTed when the job is
            done, or None.
        requested_at: when it was requested.
        ready_at: when it completes.
        base_url: the base URL it was requested on; the links of the
            document POSTed to `callback_url` use it.
    """

    id: str
    filter_parameters: dict[str, Any]
    chosen: CallFilter
    callback_url: Optional[str]
    requested_at: datetime
    ready_at: datetime
    base_url: str = API_URL

    @property
    def expires_at(self) -> datetime:
        """When its download link stops working."""
        return self.ready_at + DOWNLOAD_LIFETIME


class CdrBook:
    """The account's CDR exports and the call history they are made from.

    Args:
        state: the emulated service; its seed, lock and clock are used.

    Attributes:
        exports: the exports, keyed by id.
        history: the call history exports select from.
        delay: how long an export stays ``processing`` (default: none).
    """

    exports: dict[str, CdrExport]

    def __init__(self, state: State) -> None:
        self._state = state
        self.lock = state.lock
        self.exports = {}
        self.history = CallHistory(seed=state.seed)
        self.delay = timedelta(0)
        self._totals: dict[str, Totals] = {}
        # Each export keeps the history as it was when requested.
        self._histories: dict[str, CallHistory] = {}
        self._failed: set[str] = set()
        # Exports whose callback is still to be queued, by when they complete.
        self._unannounced: list[tuple[datetime, int, str]] = []
        self._next_id = FIRST_EXPORT_ID
        # Signs download links; derived from the seed, so links are reproducible.
        self._link_key = hashlib.sha256(f"cdr-downloads-{state.seed}".encode()).digest()

    @locked
    def set_history(
        self,
        calls: int,
        start: Optional[datetime] = None,
        interval: Optional[timedelta] = None,
    ) -> CallHistory:
        """Give the account `calls` calls, one every `interval` from `start`.

        Later exports select from it; the defaults are those of `CallHistory`.
        """
        changes: dict[str, Any] = {"calls": calls}
        if start is not None:
            changes["start"] = start
        if interval is not None:
            changes["interval"] = interval
        self.history = attrs.evolve(self.history, **changes)
        return self.history

    @locked
    def create(
        self, filter_parameters: Any, callback_url: Any = None, base_url: str = API_URL
    ) -> CdrExport:
        """Request an export; raises Invalid for bad filters or callback URL.

        `base_url` is the API's base URL the request came to (the links of
        the document POSTed to `callback_url` use it).
        """
        chosen = call_filter(filter_parameters)
        if callback_url is not None and (
            not isinstance(callback_url, str) or not _CALLBACK.fullmatch(callback_url)
        ):
            raise Invalid(
                f"callback_url must be an http(s) URL, got {callback_url!r}", "callback_url"
            )
        now = self._state.clock()
        export = CdrExport(
            id=str(self._next_id),
            filter_parameters=dict(filter_parameters),
            chosen=chosen,
            callback_url=callback_url,
            requested_at=now,
            ready_at=now + self.delay,
            base_url=base_url,
        )
        self._next_id += 1
        self.exports[export.id] = export
        self._histories[export.id] = self.history
        if callback_url is not None:
            heapq.heappush(self._unannounced, (export.ready_at, int(export.id), export.id))
        return export

    @locked
    def get(self, export_id: str) -> CdrExport:
        """One export by id; raises NotFound."""
        found = self.exports.get(export_id)
        if found is None:
            raise NotFound(f"CDR export {export_id} not found")
        return found

    @locked
    def status(self, export: CdrExport) -> str:
        """``processing`` until its ready time on the emulator's clock, then ``completed``.

        ``failed`` instead once `fail` was called for it.
        """
        if export.id in self._failed:
            return "failed"
        return "completed" if self._state.clock() >= export.ready_at else "processing"

    @locked
    def fail(self, export_id: str) -> None:
        """Make an export ``failed`` (as when the service cannot build it): no totals, no file.

        Its callback, when it has one not yet queued, is queued now.
        """
        export = self.get(export_id)
        self._failed.add(export_id)
        self._totals.pop(export_id, None)
        waiting = [entry for entry in self._unannounced if entry[2] == export_id]
        if waiting:
            self._unannounced.remove(waiting[0])
            heapq.heapify(self._unannounced)
            self._announce(export, self._state.clock())

    @locked
    def advance(self) -> None:
        """Queue the callback of every export completed on the clock by now."""
        now = self._state.clock()
        while self._unannounced and self._unannounced[0][0] <= now:
            ready_at, _, export_id = heapq.heappop(self._unannounced)
            self._announce(self.exports[export_id], ready_at)

    def _announce(self, export: CdrExport, at: datetime) -> None:
        if export.callback_url is not None:  # always: only exports with one wait
            document = {"data": export_resource(self, export, export.base_url)}
            self._state.outbox.add(export.callback_url, "cdr", document, at)

    @locked
    def find(self, status: Optional[str] = None) -> list[CdrExport]:
        """Exports newest first, optionally only those with this status."""
        if status is not None and status not in EXPORT_STATUSES:
            raise Invalid(f"status must be one of {', '.join(EXPORT_STATUSES)}", "status")
        newest = sorted(self.exports.values(), key=lambda e: int(e.id), reverse=True)
        return [e for e in newest if status in (None, self.status(e))]

    @locked
    def totals(self, export: CdrExport) -> Optional[Totals]:
        """Its counts and sums once completed (computed once), else None."""
        if self.status(export) != "completed":
            return None
        if export.id not in self._totals:
            self._totals[export.id] = self.history_of(export).totals(export.chosen)
        return self._totals[export.id]

    @locked
    def history_of(self, export: CdrExport) -> CallHistory:
        """The call history the export selects from."""
        return self._histories[export.id]

    def link_signature(self, export_id: str, expires: int) -> str:
        """The signature of the download link of `export_id` valid until `expires` (epoch)."""
        message = f"{export_id}:{expires}".encode()
        return hmac.new(self._link_key, message, hashlib.sha256).hexdigest()

    def signature_matches(self, export_id: str, expires: int, signature: str) -> bool:
        """Whether a download link's signature is this emulator's, in constant time."""
        return hmac.compare_digest(self.link_signature(export_id, expires), signature)

    @locked
    def downloadable(self, export_id: str) -> tuple[CallHistory, CallFilter]:
        """What its file is made from; NotFound until it is completed."""
        export = self.get(export_id)
        status = self.status(export)
        if status != "completed":
            raise NotFound(f"CDR export {export_id} is {status}; it has no file")
        return self.history_of(export), export.chosen
