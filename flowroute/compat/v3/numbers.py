"""The SDK's ``NumbersController``: the inventory and the account's numbers."""

from __future__ import annotations

from typing import Any

from ._session import PAGE, UNUSED, BaseController, forward, run, sdk_row

__all__ = ["ROWS", "NumbersController"]

_C = "NumbersController"
_NUMBER = "``id`` is the number, 11 digits (E.164 without ``+``)."

ROWS = (
    sdk_row(
        _C,
        "list_available_exchange_codes",
        ("limit=None", "offset=None", "max_setup_cost=None", "areacode=None"),
        "GET /v2/numbers/available/exchanges",
        "numbers.list_available_exchange_codes",
        forward(lambda v2: v2.numbers.list_available_exchange_codes),
        read=True,
        rewrite=PAGE,
    ),
    sdk_row(
        _C,
        "list_available_area_codes",
        ("limit=None", "offset=None", "max_setup_cost=None"),
        "GET /v2/numbers/available/areacodes",
        "numbers.list_available_area_codes",
        forward(lambda v2: v2.numbers.list_available_area_codes),
        read=True,
        rewrite=PAGE,
    ),
    sdk_row(
        _C,
        "search_for_purchasable_phone_numbers",
        (
            "starts_with=None",
            "contains=None",
            "ends_with=None",
            "limit=None",
            "offset=None",
            "rate_center=None",
            "state=None",
        ),
        "GET /v2/numbers/available",
        "numbers.search_for_purchasable_phone_numbers",
        forward(lambda v2: v2.numbers.search_for_purchasable_phone_numbers),
        read=True,
        rewrite=PAGE,
    ),
    sdk_row(
        _C,
        "list_account_phone_numbers",
        ("starts_with=None", "ends_with=None", "contains=None", "limit=None", "offset=None"),
        "GET /v2/numbers",
        "numbers.list_account_phone_numbers",
        forward(lambda v2: v2.numbers.list_account_phone_numbers),
        read=True,
        rewrite=PAGE,
    ),
    sdk_row(
        _C,
        "purchase_a_phone_number",
        ("id",),
        "POST /v2/numbers/{id}",
        "numbers.purchase_a_phone_number",
        forward(lambda v2: v2.numbers.purchase_a_phone_number),
        read=False,
        arguments=_NUMBER,
        rewrite=UNUSED,
    ),
    sdk_row(
        _C,
        "list_phone_number_details",
        ("id",),
        "GET /v2/numbers/{id}",
        "numbers.list_phone_number_details",
        forward(lambda v2: v2.numbers.list_phone_number_details),
        read=True,
        arguments=_NUMBER,
    ),
    sdk_row(
        _C,
        "release_a_did",
        ("id",),
        "DELETE /v2/numbers/{id}",
        "numbers.release_a_phone_number",
        forward(lambda v2: v2.numbers.release_a_phone_number),
        read=False,
        arguments=_NUMBER,
        result="``''`` (the empty 204 body).",
        rewrite=UNUSED,
    ),
    sdk_row(
        _C,
        "set_did_alias",
        ("id", "alias"),
        "PATCH /v2/numbers/{id}",
        "numbers.set_did_alias",
        # v2 reads the number back when the change answers 204; the SDK returned the change's.
        forward(lambda v2: v2.numbers.set_did_alias, verb="PATCH"),
        read=False,
        arguments=f"{_NUMBER} ``alias`` is the name, up to 64 characters.",
        result="The answer to the PATCH, as the SDK returned it.",
    ),
    sdk_row(
        _C,
        "set_did_callback",
        ("id", "url"),
        "POST /v2/numbers/{id}/relationships/dlr_callback",
        "messages.set_did_level_dlr_callback",
        forward(lambda v2: v2.messages.set_did_level_dlr_callback),
        read=False,
        arguments=f"{_NUMBER} ``url`` receives the number's delivery receipts.",
        result="``''`` (the empty 204 body).",
    ),
)
_ROW = {row.method: row for row in ROWS}


class NumbersController(BaseController):
    """``client.numbers``: search and buy numbers, list and release the account's."""

    def list_available_exchange_codes(
        self,
        limit: Any = None,
        offset: Any = None,
        max_setup_cost: Any = None,
        areacode: Any = None,
    ) -> Any:
        """Exchanges (NPA-NXX) with numbers for sale: ``{"data": [...], "links": ...}``."""
        return run(_ROW["list_available_exchange_codes"], locals())

    def list_available_area_codes(
        self, limit: Any = None, offset: Any = None, max_setup_cost: Any = None
    ) -> Any:
        """Area codes with numbers for sale: ``{"data": [...], "links": ...}``."""
        return run(_ROW["list_available_area_codes"], locals())

    def search_for_purchasable_phone_numbers(
        self,
        starts_with: Any = None,
        contains: Any = None,
        ends_with: Any = None,
        limit: Any = None,
        offset: Any = None,
        rate_center: Any = None,
        state: Any = None,
    ) -> Any:
        """Numbers for sale matching the filters: ``{"data": [...], "links": ...}``."""
        return run(_ROW["search_for_purchasable_phone_numbers"], locals())

    def list_account_phone_numbers(
        self,
        starts_with: Any = None,
        ends_with: Any = None,
        contains: Any = None,
        limit: Any = None,
        offset: Any = None,
    ) -> Any:
        """The account's numbers: ``{"data": [...], "links": ...}``."""
        return run(_ROW["list_account_phone_numbers"], locals())

    def purchase_a_phone_number(self, id: Any) -> Any:
        """Buy number `id`; the bought number's document (201)."""
        return run(_ROW["purchase_a_phone_number"], locals())

    def list_phone_number_details(self, id: Any) -> Any:
        """Number `id`'s document, its routes ``included``."""
        return run(_ROW["list_phone_number_details"], locals())

    def release_a_did(self, id: Any) -> Any:
        """Release number `id` from the account; ``''`` (204)."""
        return run(_ROW["release_a_did"], locals())

    def set_did_alias(self, id: Any, alias: Any) -> Any:
        """Give number `id` the friendly name `alias`; the answer to the change."""
        return run(_ROW["set_did_alias"], locals())

    def set_did_callback(self, id: Any, url: Any) -> Any:
        """Post the delivery receipts of number `id`'s messages to `url`; ``''`` (204)."""
        return run(_ROW["set_did_callback"], locals())

    # Earlier releases of this drop-in spelled it as the v2 method; both work.
    release_a_phone_number = release_a_did
