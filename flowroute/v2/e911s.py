"""E911 v2: the account's emergency addresses, and which numbers use them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, Union

from .. import _validate as check
from .._resource import Controller, Endpoint
from . import _address as address_fields
from . import _arguments as arg
from ._converter import read_one
from ._paging import list_page
from .models import E911Address, NewE911Address, Number

if TYPE_CHECKING:
    from ..pagination import Page

__all__ = ["E911sController"]

_LIST = Endpoint("GET", "/v2/e911s")
_DETAIL = Endpoint("GET", "/v2/e911s/{e911_id}")
_VALIDATE = Endpoint(
    "POST",
    "/v2/e911s/validate",
    safe=True,  # it changes nothing: retried like a GET
)
_CREATE = Endpoint(
    "POST",
    "/v2/e911s",
    outcome="the address may have been saved; list the E911 addresses before retrying",
)
_UPDATE = Endpoint("PATCH", "/v2/e911s/{e911_id}")
_DELETE = Endpoint("DELETE", "/v2/e911s/{e911_id}")
_ASSOCIATE = Endpoint("PATCH", "/v2/numbers/{number_id}/relationships/e911s/{e911_id}")
_DISCONNECT = Endpoint("DELETE", "/v2/numbers/{number_id}/relationships/e911s")
_NUMBERS = Endpoint("GET", "/v2/e911s/{e911_id}/relationships/numbers")
_ENDPOINTS = (
    _LIST,
    _DETAIL,
    _VALIDATE,
    _CREATE,
    _UPDATE,
    _DELETE,
    _ASSOCIATE,
    _DISCONNECT,
    _NUMBERS,
)

_MAX_ITEMS = 2000  # documented maximum page of E911 records
_MAX_NUMBERS = 200

AddressArg = Union[NewE911Address, E911Address, Mapping[str, Any], None]
Text = Optional[str]
TextOrNumber = Union[str, int, None]
Id = Union[str, int]


def _search(value: Any, argument: str) -> Optional[str]:
    return None if value is None else check.text(value, argument)


class E911sController(Controller):
    """E911 addresses: validate, create, update and delete them; assign them to numbers.

    An address is given either as one object (a `NewE911Address`, an
    `E911Address` read earlier, or a dict of their fields, or the
    documented JSON:API document) or as keyword fields: ``label``,
    ``first_name``, ``last_name``, ``street_number``, ``street_name``,
    ``city``, ``state``, ``country`` (``US`` or ``CA``), ``zip``, and
    optionally ``address_type`` (e.g. ``"Suite"``) with
    ``address_type_number``. Fields are checked before anything is sent; an
    address the service cannot locate raises `flowroute.errors.BadRequestError`
    (or another `APIError`) carrying the service's own ``detail``.
    """

    def list_e911s(
        self,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
        state: Text = None,
        *,
        label: Text = None,
        street_name: Text = None,
        city: Text = None,
    ) -> Page[E911Address]:
        """List the account's E911 addresses.

        Args:
            limit: addresses per page, 1 to 2000.
            offset: addresses to skip.
            state: only addresses in this two-letter state or province.
            label: only addresses whose label contains this text (any case).
            street_name: only addresses whose street name contains this text.
            city: only addresses whose city contains this text.
        """
        params = {
            "limit": arg.limit(limit, _MAX_ITEMS),
            "offset": arg.offset(offset),
            "label": _search(label, "label"),
            "street_name": _search(street_name, "street_name"),
            "city": _search(city, "city"),
            "state": arg.state(state),
        }
        return list_page(self._send, _LIST, params, E911Address)

    def get_e911(self, e911_id: Id) -> E911Address:
        """One E911 address of the account.

        Args:
            e911_id: the record id.
        """
        body = self._send(_DETAIL, e911_id=arg.record_id(e911_id, "e911_id"))
        return read_one(body, E911Address)

    def validate_address(
        self,
        address: AddressArg = None,
        *,
        label: Text = None,
        first_name: Text = None,
        last_name: Text = None,
        street_number: TextOrNumber = None,
        street_name: Text = None,
        city: Text = None,
        state: Text = None,
        country: Text = None,
        zip: TextOrNumber = None,
        address_type: Text = None,
        address_type_number: TextOrNumber = None,
    ) -> None:
        """Ask the service whether it can locate an address, without saving it.

        Args:
            address: the address as one object, or None to give keyword fields.
            label: ...and the other keyword fields, as described on the class.

        Raises:
            flowroute.errors.APIError: the service refused the address; its
                ``detail`` says why (e.g. it could not geocode it).
        """
        checked = address_fields.attributes(address, locals(), partial=False)
        self._call(_VALIDATE, json=address_fields.body(checked))

    def create_address(
        self,
        address: AddressArg = None,
        *,
        label: Text = None,
        first_name: Text = None,
        last_name: Text = None,
        street_number: TextOrNumber = None,
        street_name: Text = None,
        city: Text = None,
        state: Text = None,
        country: Text = None,
        zip: TextOrNumber = None,
        address_type: Text = None,
        address_type_number: TextOrNumber = None,
    ) -> E911Address:
        """Validate an address and save it as a record of the account.

        Args:
            address: the address as one object, or None to give keyword fields.
            label: ...and the other keyword fields, as described on the class.

        Returns:
            The new record, with its id.
        """
        checked = address_fields.attributes(address, locals(), partial=False)
        body = self._send(_CREATE, json=address_fields.body(checked))
        return read_one(body, E911Address)

    def update_address(
        self,
        e911_id: Id,
        address: AddressArg = None,
        *,
        label: Text = None,
        first_name: Text = None,
        last_name: Text = None,
        street_number: TextOrNumber = None,
        street_name: Text = None,
        city: Text = None,
        state: Text = None,
        country: Text = None,
        zip: TextOrNumber = None,
        address_type: Text = None,
        address_type_number: TextOrNumber = None,
    ) -> E911Address:
        """Change fields of a saved address; the service validates the result.

        Only the fields given are sent; the others keep their values.

        Args:
            e911_id: the record id.
            address: the fields as one object, or None to give keyword fields.
            label: ...and the other keyword fields, as described on the class.

        Returns:
            The record as updated.
        """
        record = arg.record_id(e911_id, "e911_id")
        checked = address_fields.attributes(address, locals(), partial=True)
        body = self._send(_UPDATE, json=address_fields.body(checked), e911_id=record)
        if body.body is None:
            # The published schema answers 204 with no body; the record is read back then.
            return self.get_e911(record)
        return read_one(body, E911Address)

    def associate(self, e911_id: Id, number_id: Union[str, int]) -> None:
        """Make an address the E911 address of one of the account's numbers.

        Associating the same pair again is accepted and not charged again.

        Args:
            e911_id: the record id.
            number_id: the account's phone number.
        """
        record = arg.record_id(e911_id, "e911_id")
        number = check.phone_number(number_id, "number_id")
        self._call(_ASSOCIATE, number_id=number, e911_id=record)

    def list_dids_for_e911(
        self, e911_id: Id, limit: Optional[int] = None, offset: Optional[int] = None
    ) -> Page[Number]:
        """List the account's numbers that use an address.

        Args:
            e911_id: the record id.
            limit: numbers per page, 1 to 200.
            offset: numbers to skip.
        """
        record = arg.record_id(e911_id, "e911_id")
        params = {"limit": arg.limit(limit, _MAX_NUMBERS), "offset": arg.offset(offset)}
        return list_page(
            lambda endpoint, params: self._send(endpoint, params=params, e911_id=record),
            _NUMBERS,
            params,
            Number,
        )

    def disconnect(self, number_id: Union[str, int]) -> None:
        """Remove the E911 address of one of the account's numbers.

        Args:
            number_id: the account's phone number.
        """
        self._call(_DISCONNECT, number_id=check.phone_number(number_id, "number_id"))

    def delete_address(self, e911_id: Id) -> None:
        """Delete an address; no number may be using it.

        Args:
            e911_id: the record id.
        """
        self._call(_DELETE, e911_id=arg.record_id(e911_id, "e911_id"))
