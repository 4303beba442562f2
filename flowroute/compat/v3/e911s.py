"""The SDK's ``E911sController``: E911 addresses and the numbers that use them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._row import Rewrite
from ._session import PAGE, UNUSED, BaseController, forward, run, sdk_row

if TYPE_CHECKING:
    from ._session import Session

__all__ = ["ROWS", "E911sController"]

_C = "E911sController"
_FIELDS = ("label", "first_name", "last_name", "street_name", "street_number", "city", "state")
_ADDRESS = (*_FIELDS, "country", "zipcode", "address_type=None", "address_type_number=None")
_NO_CONTENT = "``''`` (the empty 204 body)."
_AS_FIELDS = (
    "Keyword fields; ``zipcode`` becomes ``zip``; ``address_type`` and "
    "``address_type_number`` are sent only when both are given, as the SDK did."
)


def _address(arguments: dict[str, Any]) -> dict[str, Any]:
    """The v2 keyword fields of an address given as the SDK's arguments."""
    fields = {name: arguments[name] for name in (*_FIELDS, "country")}
    fields["zip"] = arguments["zipcode"]
    if arguments["address_type"] and arguments["address_type_number"]:
        fields["address_type"] = arguments["address_type"]
        fields["address_type_number"] = arguments["address_type_number"]
    return fields


def _validate(session: Session, **arguments: Any) -> Any:
    return session.answer(lambda: session.v2.e911s.validate_address(**_address(arguments)))


def _create(session: Session, **arguments: Any) -> Any:
    return session.answer(lambda: session.v2.e911s.create_address(**_address(arguments)))


def _update(session: Session, e911_id: Any, **arguments: Any) -> Any:
    given = {name: value for name, value in arguments.items() if value is not None}
    if "zipcode" in given:
        given["zip"] = given.pop("zipcode")
    # v2 reads the record back when the change answers 204; the SDK returned the change's answer.
    return session.answer(lambda: session.v2.e911s.update_address(e911_id, **given), verb="PATCH")


# v2 names the number `number_id`; `flowroute migrate apply` passes it by that name.
_NUMBER_ID = Rewrite(arguments=(("did", "number_id"),))

ROWS = (
    sdk_row(
        _C,
        "list_e911s",
        ("limit=None", "offset=None", "state=None"),
        "GET /v2/e911s",
        "e911s.list_e911s",
        forward(lambda v2: v2.e911s.list_e911s),
        read=True,
        rewrite=PAGE,
    ),
    sdk_row(
        _C,
        "get_e911",
        ("e911_id",),
        "GET /v2/e911s/{e911_id}",
        "e911s.get_e911",
        forward(lambda v2: v2.e911s.get_e911),
        read=True,
    ),
    sdk_row(
        _C,
        "validate_address",
        _ADDRESS,
        "POST /v2/e911s/validate",
        "e911s.validate_address",
        _validate,
        read=True,
        arguments=_AS_FIELDS,
        result="``''`` (204); an address that cannot be located raises with the API's detail.",
    ),
    sdk_row(
        _C,
        "create_address",
        _ADDRESS,
        "POST /v2/e911s",
        "e911s.create_address",
        _create,
        read=False,
        arguments=_AS_FIELDS,
    ),
    sdk_row(
        _C,
        "update_address",
        (
            "e911_id",
            *(f"{name}=None" for name in (*_FIELDS, "country", "zipcode")),
            "address_type=None",
            "address_type_number=None",
        ),
        "PATCH /v2/e911s/{e911_id}",
        "e911s.update_address",
        _update,
        read=False,
        arguments=(
            "The fields given (not None) are sent, ``zipcode`` as ``zip``; the "
            "others keep their values."
        ),
        result="The answer to the PATCH, as the SDK returned it.",
        lost=(
            "The SDK read the record first and sent it back whole, which cleared "
            "``address_type`` unless given; only the fields given change now."
        ),
    ),
    sdk_row(
        _C,
        "delete_address",
        ("e911_id",),
        "DELETE /v2/e911s/{e911_id}",
        "e911s.delete_address",
        forward(lambda v2: v2.e911s.delete_address),
        read=False,
        result=_NO_CONTENT,
        rewrite=UNUSED,
    ),
    sdk_row(
        _C,
        "associate",
        ("e911_id", "did"),
        "PATCH /v2/numbers/{did}/relationships/e911s/{e911_id}",
        "e911s.associate",
        forward(lambda v2: v2.e911s.associate),
        read=False,
        result=_NO_CONTENT,
        rewrite=_NUMBER_ID,
    ),
    sdk_row(
        _C,
        "disconnect",
        ("did",),
        "DELETE /v2/numbers/{did}/relationships/e911s",
        "e911s.disconnect",
        forward(lambda v2: v2.e911s.disconnect),
        read=False,
        result=_NO_CONTENT,
        rewrite=_NUMBER_ID,
    ),
    sdk_row(
        _C,
        "list_dids_for_e911",
        ("e911_id",),
        "GET /v2/e911s/{e911_id}/relationships/numbers",
        "e911s.list_dids_for_e911",
        forward(lambda v2: v2.e911s.list_dids_for_e911),
        read=True,
        rewrite=PAGE,
    ),
)
_ROW = {row.method: row for row in ROWS}


class E911sController(BaseController):
    """``client.e911s``: validate, create, change and delete E911 addresses; assign them."""

    def list_e911s(self, limit: Any = None, offset: Any = None, state: Any = None) -> Any:
        """The account's addresses: ``{"data": [...], "links": ...}``."""
        return run(_ROW["list_e911s"], locals())

    def get_e911(self, e911_id: Any) -> Any:
        """One address: ``{"data": {...}}``."""
        return run(_ROW["get_e911"], locals())

    def validate_address(
        self,
        label: Any,
        first_name: Any,
        last_name: Any,
        street_name: Any,
        street_number: Any,
        city: Any,
        state: Any,
        country: Any,
        zipcode: Any,
        address_type: Any = None,
        address_type_number: Any = None,
    ) -> Any:
        """Check that the service can locate an address, without saving it."""
        return run(_ROW["validate_address"], locals())

    def create_address(
        self,
        label: Any,
        first_name: Any,
        last_name: Any,
        street_name: Any,
        street_number: Any,
        city: Any,
        state: Any,
        country: Any,
        zipcode: Any,
        address_type: Any = None,
        address_type_number: Any = None,
    ) -> Any:
        """Validate and save an address; the new record's document."""
        return run(_ROW["create_address"], locals())

    def update_address(
        self,
        e911_id: Any,
        label: Any = None,
        first_name: Any = None,
        last_name: Any = None,
        street_name: Any = None,
        street_number: Any = None,
        city: Any = None,
        state: Any = None,
        country: Any = None,
        zipcode: Any = None,
        address_type: Any = None,
        address_type_number: Any = None,
    ) -> Any:
        """Change the fields given of a saved address; the answer to the change."""
        return run(_ROW["update_address"], locals())

    def delete_address(self, e911_id: Any) -> Any:
        """Delete an address no number uses; ``''`` (204)."""
        return run(_ROW["delete_address"], locals())

    def associate(self, e911_id: Any, did: Any) -> Any:
        """Make the address the E911 address of number `did`; ``''`` (204)."""
        return run(_ROW["associate"], locals())

    def disconnect(self, did: Any) -> Any:
        """Remove the E911 address of number `did`; ``''`` (204)."""
        return run(_ROW["disconnect"], locals())

    def list_dids_for_e911(self, e911_id: Any) -> Any:
        """The account's numbers that use the address: ``{"data": [...], "links": ...}``."""
        return run(_ROW["list_dids_for_e911"], locals())
