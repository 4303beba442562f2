"""Wire rules of the v1 API: one cattrs Converter, and keyed objects turned into lists.

v1 lists are JSON objects keyed by the item's identity
(``{"npas": {"201": {...}, "202": {...}}}``); `structure_keyed` turns one
into a list of models in the server's order, putting the key into the
model's identity field. Structuring failures become `DecodeError` naming
the field path.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Optional, TypeVar, Union

import cattrs
from cattrs.gen import make_dict_structure_fn, override

from .._structure import structure_hook
from ..errors import DecodeError
from .models import (
    AvailableTelephoneNumber,
    BillingMethod,
    Npa,
    NpaNxx,
    Route,
    RouteType,
    TelephoneNumber,
)

__all__ = ["converter", "make_converter", "structure", "structure_keyed", "structure_object"]

T = TypeVar("T")

# Model field -> JSON key, where they differ.
# Route first: the list hooks need it, and the models holding lists need them.
_WIRE_NAMES: dict[type, dict[str, str]] = {
    Route: {},
    AvailableTelephoneNumber: {},
    BillingMethod: {},
    Npa: {"nxxs_url": "nxxs", "tns_url": "tns"},
    NpaNxx: {"tns_url": "tns"},
    TelephoneNumber: {"detail_url": "detail"},
}


def _structure_str(value: Any, _: type) -> str:
    # cattrs' default would str() anything, turning an object into its repr.
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _structure_optional_str(value: Any, _: type) -> Optional[str]:
    return None if value is None else _structure_str(value, str)


def _structure_decimal(value: Any, _: type) -> Decimal:
    # Amounts arrive as strings ("1.25"); a float would already have lost digits.
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"expected an amount as a string, got {type(value).__name__}")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return amount


def _structure_route_type(value: Any, _: type) -> Optional[Union[RouteType, str]]:
    # An open enum: known types become members, others (SIP-REG) stay text.
    if value is None:
        return None
    text = _structure_str(value, str)
    try:
        return RouteType(text)
    except ValueError:
        return text


def _strict_list(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def structure_list(value: Any, cl: Any) -> Any:
        # Without this a string would be taken as a list of its characters.
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return hook(value, cl)

    return structure_list


def _keeping_raw(hook: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    def structure_model(value: Any, cl: Any) -> T:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {type(value).__name__}")
        # `raw` is set after structuring: a server field named "raw" stays an
        # ordinary extra, and no made-up key reaches cattrs' generated code.
        return _with_raw(hook(value, cl), value)

    return structure_model


def _with_raw(model: T, raw: Any) -> T:
    object.__setattr__(model, "raw", raw)  # frozen: this is its construction
    return model


def make_converter() -> cattrs.Converter:
    """Build the Converter that turns v1 JSON into `flowroute.v1.models`."""
    conv = cattrs.Converter()
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(Optional[str], _structure_optional_str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(Optional[Union[RouteType, str]], _structure_route_type)
    for model, names in _WIRE_NAMES.items():
        renames: dict[str, Any] = {field: override(rename=key) for field, key in names.items()}
        hook: Callable[[Any, Any], Any] = make_dict_structure_fn(
            model, conv, raw=override(omit=True), **renames
        )
        conv.register_structure_hook(model, _keeping_raw(hook))
        if model is Route:
            # Lists after Route, before the models holding lists: newer cattrs
            # binds item hooks when it makes a hook. A predicate, not the type:
            # cattrs 23.2 on Python 3.9 cannot register list[str] directly.
            for listed in (list[str], list[Route]):
                strict = _strict_list(structure_hook(conv, listed))
                conv.register_structure_hook_func(functools.partial(operator.eq, listed), strict)
    return conv


@functools.lru_cache(maxsize=1)
def converter() -> cattrs.Converter:
    """The v1 Converter, built on first use (``import flowroute.v1`` builds nothing)."""
    return make_converter()


def _decode_error(exc: Exception, where: str) -> DecodeError:
    if isinstance(exc, cattrs.BaseValidationError):
        reasons = "; ".join(cattrs.transform_error(exc, path=where))
    else:
        reasons = f"{exc} @ {where}"
    return DecodeError(f"unexpected v1 response: {reasons}")


def structure(value: Any, model: type[T], where: str = "$") -> T:
    """Structure one JSON value into `model`, or raise `DecodeError` naming the field."""
    conv = converter()
    try:
        return conv.structure(value, model)
    except (cattrs.BaseValidationError, TypeError, ValueError) as exc:
        raise _decode_error(exc, where) from exc


def structure_object(body: Any, model: type[T], fields: Mapping[str, str], where: str = "$") -> T:
    """Structure a JSON object into `model`, adding `fields` the object leaves out.

    ``.raw`` is the object as received, without the added fields.
    """
    if not isinstance(body, dict):
        raise DecodeError(f"unexpected v1 response: expected an object @ {where}, got {body!r:.80}")
    return _with_raw(structure({**body, **fields}, model, where), body)


def structure_keyed(
    body: Any,
    section: str,
    model: type[T],
    key_fields: Callable[[str], Mapping[str, str]],
) -> list[T]:
    """The items of a keyed v1 listing, as models in the server's order.

    Args:
        body: the decoded response; None or ``{}`` (nothing matched) give [].
        section: the key holding the items, e.g. ``"npas"``.
        model: the model of one item.
        key_fields: the model fields that an item's key stands for; raises
            ValueError for a key of the wrong form.

    Raises:
        DecodeError: the body or an item is not what the API documents.
    """
    if body is None:
        return []
    if not isinstance(body, dict):
        raise DecodeError(f"unexpected v1 response: expected an object @ $, got {body!r:.80}")
    entries = body.get(section)
    if entries is None:
        return []
    if not isinstance(entries, dict):
        raise DecodeError(f"unexpected v1 response: expected an object keyed by id @ $.{section}")
    items = []
    for key, value in entries.items():
        where = f"$.{section}[{key!r}]"
        try:
            fields = key_fields(key)
        except ValueError as exc:
            raise DecodeError(f"unexpected v1 response: {exc} @ {where}") from None
        items.append(structure_object(value, model, fields, where))
    return items
