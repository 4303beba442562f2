"""Reading v1 documents: the v1 adapter of the shared response layer.

v1 lists are JSON objects keyed by the item's identity
(``{"npas": {"201": {...}, "202": {...}}}``); `structure_keyed` turns one
into a list of models in the server's order, putting the key into the
model's identity field. The structuring rules themselves (text, amounts,
open enums, ``raw``) are the ones v2 uses (`flowroute._structure`); the
only v1 rule here is which JSON key fills which field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Optional, TypeVar, Union

from .._reading import SHAPE_ERRORS, decode_error, read
from .._structure import keyed_structurer, structurer
from .._transport import Response
from .models import Npa, NpaNxx, TelephoneNumber

__all__ = ["KeyFields", "structure", "structure_keyed", "structure_object"]

T = TypeVar("T")

KeyFields = Union[str, Callable[[str], Mapping[str, str]]]
"""The model field a v1 item's key fills, or a function from the key to its fields."""

# Model field -> JSON key, where they differ.
_WIRE_NAMES: dict[type, dict[str, str]] = {
    Npa: {"nxxs_url": "nxxs", "tns_url": "tns"},
    NpaNxx: {"tns_url": "tns"},
    TelephoneNumber: {"detail_url": "detail"},
}


def structure(
    value: Any, model: type[T], where: str = "$", response: Optional[Response] = None
) -> T:
    """Structure one JSON object into `model` (keeping it as ``raw``), or raise `DecodeError`."""
    return read(model, value, value, response=response, path=where, renames=_WIRE_NAMES.get(model))


def structure_object(
    body: Any,
    model: type[T],
    fields: Mapping[str, str],
    where: str = "$",
    response: Optional[Response] = None,
) -> T:
    """Structure a JSON object into `model`, adding `fields` the object leaves out.

    ``.raw`` is the object as received, without the added fields.
    """
    if type(body) is not dict:
        reason = f"expected an object, got {type(body).__name__} @ {where}"
        raise decode_error(response, reason, where)
    flat = {**body, **fields}
    return read(model, flat, body, response=response, path=where, renames=_WIRE_NAMES.get(model))


def structure_keyed(
    body: Any,
    section: str,
    model: type[T],
    key_fields: KeyFields,
    response: Optional[Response] = None,
) -> list[T]:
    """The items of a keyed v1 listing, as models in the server's order.

    Args:
        body: the decoded response; None or ``{}`` (nothing matched) give [].
        section: the key holding the items, e.g. ``"npas"``.
        model: the model of one item.
        key_fields: the model field an item's key fills (``"number"``), or
            a function from the key to the fields it stands for, raising
            ValueError for a key of the wrong form.
        response: the answer, for the error's URL and status.

    Raises:
        DecodeError: the body or an item is not what the API documents.
    """
    if body is None:
        return []
    if type(body) is not dict:
        raise decode_error(response, f"expected an object, got {type(body).__name__} @ $", "$")
    entries = body.get(section)
    if entries is None:
        return []
    if type(entries) is not dict:
        where = f"$.{section}"
        raise decode_error(response, f"expected an object keyed by id @ {where}", where)
    renames = _WIRE_NAMES.get(model)
    try:
        if isinstance(key_fields, str):  # the key is one field: no merged copy of the item
            by_key = keyed_structurer(model, renames, key_fields)
            return [by_key(value, value, key) for key, value in entries.items()]
        build = structurer(model, renames)
        return [build({**value, **key_fields(key)}, value) for key, value in entries.items()]
    except SHAPE_ERRORS:
        pass
    # Only a refused body gets here: read item by item to say where it is wrong.
    items = []
    for key, value in entries.items():
        where = f"$.{section}[{key!r}]"
        try:
            fields = {key_fields: key} if isinstance(key_fields, str) else key_fields(key)
        except ValueError as exc:
            raise decode_error(response, f"{exc} @ {where}", where) from None
        items.append(structure_object(value, model, fields, where, response))
    return items
