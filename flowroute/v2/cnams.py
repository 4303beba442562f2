"""CNAM v2: caller-name records of the account, and which numbers show them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional, Union

from .. import _validate as check
from .._resource import Controller, Endpoint
from ..errors import ValidationError
from . import _arguments as arg
from ._converter import read_one
from ._paging import list_page
from .models import Cnam, CnamAssociation

if TYPE_CHECKING:
    from .._transport import Response
    from ..pagination import Page

__all__ = ["CnamsController"]

_LIST = Endpoint("GET", "/v2/cnams")
_DETAIL = Endpoint("GET", "/v2/cnams/{cnam_id}")
_CREATE = Endpoint(
    "POST",
    "/v2/cnams",
    outcome="the CNAM record may have been created; list the CNAM records before retrying",
)
_REMOVE = Endpoint("DELETE", "/v2/cnams/{cnam_id}")
_ASSOCIATE = Endpoint("PATCH", "/v2/numbers/{number_id}/relationships/cnam/{cnam_id}")
_UNASSOCIATE = Endpoint("DELETE", "/v2/numbers/{number_id}/relationships/cnam")
_ENDPOINTS = (_LIST, _DETAIL, _CREATE, _REMOVE, _ASSOCIATE, _UNASSOCIATE)

# The CNAM storage rules: up to 15 characters, at least one a letter; besides
# letters, digits and spaces only - _ . , @ + & ' / " are allowed.
MAX_LENGTH = 15
_CHARACTERS = re.compile(r"[A-Za-z0-9 \-_.,@+&'/\"]+")
_LETTER = re.compile(r"[A-Za-z]")
_VALUE_RULE = (
    "1 to 15 characters, at least one a letter: letters, digits, spaces and - _ . , @ + & ' / \""
)

Id = Union[str, int]


def cnam_value(value: Any, argument: str = "value") -> str:
    """A caller name that follows the documented CNAM storage rules."""
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= MAX_LENGTH
        or not _CHARACTERS.fullmatch(value)
        or not _LETTER.search(value)
    ):
        raise ValidationError(argument, _VALUE_RULE, value)
    return value


def _association(response: Response, endpoint: Endpoint) -> CnamAssociation:
    # The receipt is documented; an empty 202 still means the request was taken.
    if response.body is None:
        return CnamAssociation()
    return read_one(response, CnamAssociation)


class CnamsController(Controller):
    """CNAM records: the caller name shown on the account's outbound calls.

    New records start unapproved; Flowroute approves them (up to 48 hours)
    before they can be associated with a number.
    """

    def list_cnams(
        self,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
        is_approved: Optional[bool] = None,
        *,
        value: Optional[str] = None,
        starts_with: Optional[str] = None,
        contains: Optional[str] = None,
        ends_with: Optional[str] = None,
    ) -> Page[Cnam]:
        """List the account's CNAM records.

        Text filters compare case-insensitively.

        Args:
            limit: records per page, 1 or more.
            offset: records to skip.
            is_approved: only approved (True) or only unapproved (False) records.
            value: only records whose value includes this text (the documented filter).
            starts_with: only records whose value starts with this text.
            contains: only records whose value contains this text.
            ends_with: only records whose value ends with this text.
        """
        texts = {
            "value": value,
            "starts_with": starts_with,
            "contains": contains,
            "ends_with": ends_with,
        }
        params = {
            "limit": arg.limit(limit, None),
            "offset": arg.offset(offset),
            "is_approved": None if is_approved is None else arg.boolean(is_approved, "is_approved"),
            **{
                name: None if text is None else check.text(text, name)
                for name, text in texts.items()
            },
        }
        return list_page(self._send, _LIST, params, Cnam)

    def get_cnam(self, cnam_id: Id) -> Cnam:
        """One CNAM record, with the numbers it is associated with.

        Args:
            cnam_id: the record id.
        """
        body = self._send(_DETAIL, cnam_id=arg.record_id(cnam_id, "cnam_id"))
        return read_one(body, Cnam)

    def create_cnam_record(self, value: str) -> Cnam:
        """Create a CNAM record; it starts unapproved.

        Args:
            value: the caller name: 1 to 15 characters, at least one a
                letter; letters, digits, spaces and ``- _ . , @ + & ' / "``.
                Names that are phone numbers, offensive or misleading are
                rejected by Flowroute on review.
        """
        body = self._send(_CREATE, json={"value": cnam_value(value)})
        return read_one(body, Cnam)

    def associate_cnam(self, cnam_id: Id, number_id: Union[str, int]) -> CnamAssociation:
        """Show an approved CNAM record on the calls of one of the account's numbers.

        The association takes effect within 5-7 business days.

        Args:
            cnam_id: the record id; the record must be approved.
            number_id: the account's phone number.
        """
        record = arg.record_id(cnam_id, "cnam_id")
        number = check.phone_number(number_id, "number_id")
        body = self._send(_ASSOCIATE, number_id=number, cnam_id=record)
        return _association(body, _ASSOCIATE)

    def unassociate_cnam(self, number_id: Union[str, int]) -> CnamAssociation:
        """Stop showing a CNAM record on one number's calls; the record is kept.

        Args:
            number_id: the account's phone number.
        """
        number = check.phone_number(number_id, "number_id")
        return _association(self._send(_UNASSOCIATE, number_id=number), _UNASSOCIATE)

    def remove_cnam(self, cnam_id: Id) -> None:
        """Delete a CNAM record; numbers that showed it stop showing it.

        Args:
            cnam_id: the record id.
        """
        self._call(_REMOVE, cnam_id=arg.record_id(cnam_id, "cnam_id"))
