"""The SDK's ``CNAMsController``: caller-name (CNAM) records and their numbers."""

from __future__ import annotations

from typing import Any

from ._session import PAGE, UNUSED, BaseController, forward, run, sdk_row

__all__ = ["ROWS", "CNAMsController"]

_C = "CNAMsController"
_BY_NUMBER = (
    "``phone_number`` must be the whole number: the SDK looked it up with "
    "``contains`` among the account's numbers and took the first match."
)

ROWS = (
    sdk_row(
        _C,
        "list_cnams",
        ("limit=None", "offset=None", "is_approved=None"),
        "GET /v2/cnams",
        "cnams.list_cnams",
        forward(lambda v2: v2.cnams.list_cnams),
        read=True,
        rewrite=PAGE,
    ),
    sdk_row(
        _C,
        "get_cnam",
        ("cnam_id",),
        "GET /v2/cnams/{cnam_id}",
        "cnams.get_cnam",
        forward(lambda v2: v2.cnams.get_cnam),
        read=True,
    ),
    sdk_row(
        _C,
        "create_cnam_record",
        ("value",),
        "POST /v2/cnams",
        "cnams.create_cnam_record",
        forward(lambda v2: v2.cnams.create_cnam_record),
        read=False,
        arguments=(
            "``value`` is checked before sending (1 to 15 characters, one a letter); "
            'it is sent as JSON ``{"value": ...}`` (the SDK sent a form).'
        ),
    ),
    sdk_row(
        _C,
        "associate_cnam",
        ("cnam_id", "phone_number"),
        "PATCH /v2/numbers/{phone_number}/relationships/cnam/{cnam_id}",
        "cnams.associate_cnam",
        forward(lambda v2: v2.cnams.associate_cnam),
        read=False,
        lost=_BY_NUMBER,
    ),
    sdk_row(
        _C,
        "unassociate_cnam",
        ("phone_number",),
        "DELETE /v2/numbers/{phone_number}/relationships/cnam",
        "cnams.unassociate_cnam",
        forward(lambda v2: v2.cnams.unassociate_cnam),
        read=False,
        lost=_BY_NUMBER,
    ),
    sdk_row(
        _C,
        "remove_cnam",
        ("cnam_id",),
        "DELETE /v2/cnams/{cnam_id}",
        "cnams.remove_cnam",
        forward(lambda v2: v2.cnams.remove_cnam),
        read=False,
        result="``''`` (the empty 204 body).",
        rewrite=UNUSED,
    ),
)
_ROW = {row.method: row for row in ROWS}


class CNAMsController(BaseController):
    """``client.cnams``: create CNAM records and show them on the account's numbers."""

    def list_cnams(self, limit: Any = None, offset: Any = None, is_approved: Any = None) -> Any:
        """The account's CNAM records: ``{"data": [...], "links": ...}``."""
        return run(_ROW["list_cnams"], locals())

    def get_cnam(self, cnam_id: Any) -> Any:
        """One CNAM record: ``{"data": {...}}``."""
        return run(_ROW["get_cnam"], locals())

    def create_cnam_record(self, value: Any) -> Any:
        """Create a record (it starts unapproved); its document."""
        return run(_ROW["create_cnam_record"], locals())

    def associate_cnam(self, cnam_id: Any, phone_number: Any) -> Any:
        """Show an approved record on `phone_number`'s calls; the API's answer."""
        return run(_ROW["associate_cnam"], locals())

    def unassociate_cnam(self, phone_number: Any) -> Any:
        """Stop showing a record on `phone_number`'s calls; the API's answer."""
        return run(_ROW["unassociate_cnam"], locals())

    def remove_cnam(self, cnam_id: Any) -> Any:
        """Delete a record; ``''`` (204)."""
        return run(_ROW["remove_cnam"], locals())
