"""What the v1 controllers share: keyed listings read into Pages that move on by ``page``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from .._reading import PAGE_NUMBER, list_page
from .._resource import Controller, Endpoint
from ._converter import KeyFields, structure_keyed, structure_object

if TYPE_CHECKING:
    from .._transport import Response
    from ..pagination import Page

__all__ = ["Listing", "V1Controller"]

T = TypeVar("T")


@attrs.frozen
class Listing(Generic[T]):
    """How one v1 listing reads: the key holding its items and what an item's key means.

    Attributes:
        section: the response key whose object holds the items (``"npas"``).
        model: the model of one item.
        key_fields: the model field an item's key fills (``"number"``), or a
            function from the key to the fields it stands for.
    """

    section: str
    model: type[T]
    key_fields: KeyFields

    def items(self, response: Response) -> list[T]:
        """The models of one page of this listing."""
        return structure_keyed(response.body, self.section, self.model, self.key_fields, response)


class V1Controller(Controller):
    """Base of the v1 controllers: lists become Pages, bodies become models."""

    def _page(self, endpoint: Endpoint, listing: Listing[T], params: dict[str, Any]) -> Page[T]:
        return list_page(self._send, endpoint, params, listing.items, PAGE_NUMBER)

    def _one(self, endpoint: Endpoint, model: type[T], fields: Mapping[str, str]) -> T:
        # `fields` fill the path and the model both: v1 leaves the id out of the body.
        response = self._send(endpoint, params=None, json=None, **fields)
        return structure_object(response.body, model, fields, response=response)
