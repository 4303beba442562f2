"""Reading v2 JSON:API documents into models: the converter and its hooks.

`build_converter` makes the one `cattrs.Converter` of the v2 API. Its hooks
hold every wire rule: a JSON:API resource object is flattened (``id``, its
``attributes``, the ids of its ``relationships``) and handed to a structure
function cattrs generates per model; ``from`` is renamed ``from_``; money is
`Decimal` made from the JSON text of the number; open enums keep unknown
values as strings. The converter is built on first use, never at import.

`read_one` / `read_many` read a whole response body, resolving ``included``
resources, and turn any mismatch into a `DecodeError` naming the field path.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
import typing
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override

from .._structure import structure_hook
from ..errors import DecodeError
from . import models

if TYPE_CHECKING:
    from .._resource import Endpoint

__all__ = ["build_converter", "read_id", "read_many", "read_one"]

T = TypeVar("T")
Included = Mapping[tuple[Any, Any], Any]

# Resource objects: flattened from JSON:API. Plain objects (nested values):
# structured as they are, with themselves kept as ``raw``.
_RESOURCES = frozenset(
    {
        models.AreaCode,
        models.AvailableNumber,
        models.CdrExport,
        models.Cnam,
        models.CnamAssociation,
        models.E911Address,
        models.EdgeStrategy,
        models.Exchange,
        models.Message,
        models.Number,
        models.Route,
    }
)
_PLAIN = frozenset({models.DeliveryReceipt})
_RENAMES = {"from_": "from"}
_ISO_MOMENT = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(Z|[+-]\d\d:?\d\d)?$"
)


def _decimal(value: Any, _: Any) -> Decimal:
    # Through str(): Decimal(1.1) would carry the float's binary error.
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return amount


def _moment(value: Any, _: Any) -> datetime.datetime:
    """An ISO-8601 date or time; the API's times are UTC, so no zone means UTC.

    Python 3.9's ``fromisoformat`` takes neither ``Z`` nor two fraction digits
    (``"01:52:39.39Z"``), both of which the API sends.
    """
    match = _ISO_MOMENT.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not an ISO-8601 date-time: {value!r}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz = datetime.timezone.utc
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[-2:]))
        tz = datetime.timezone(sign * offset)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    numbers = (hour, minute, second)
    h, m, s = (int(x or 0) for x in numbers)
    return datetime.datetime(int(year), int(month), int(day), h, m, s, micro, tzinfo=tz)


def _strict_str(value: Any, _: Any) -> str:
    # Ids and numbers arrive as strings or (per the OpenAPI file) integers;
    # anything else is a wrong shape, not something to stringify.
    if type(value) is str:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"expected a string, got {type(value).__name__}")


def _strict_bool(value: Any, _: Any) -> bool:
    # cattrs' default bool() would read the string "false" as True.
    if type(value) is bool:
        return value
    raise TypeError(f"expected true or false, got {type(value).__name__}")


def _strict_int(value: Any, _: Any) -> int:
    # cattrs' default int() would truncate 1.9 and read true as 1.
    if type(value) is int:
        return value
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def _is_open_enum(tp: Any) -> bool:
    args = typing.get_args(tp)
    return (
        typing.get_origin(tp) is typing.Union
        and len(args) == 2
        and args[1] is str
        and isinstance(args[0], type)
        and issubclass(args[0], enum.Enum)
    )


def _open_enum_hook(tp: Any) -> Callable[[Any, Any], Any]:
    members = typing.get_args(tp)[0]._value2member_map_

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {type(value).__name__}")
        return members.get(value, value)

    return structure


def _overrides(cls: type) -> dict[str, Any]:
    return {
        f.name: override(rename=_RENAMES[f.name]) for f in attrs.fields(cls) if f.name in _RENAMES
    }


def _plain_hook(cls: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter, **_overrides(cls))

    def structure(obj: Any, _: Any) -> Any:
        return inner({**obj, "raw": obj}, cls)

    return structure


class _ResourceHook:
    """Structures one model from a JSON:API resource object.

    ``id`` and the ``attributes`` are flattened into one mapping; a to-one
    relationship ``x`` fills the field ``x_id`` with the related id, and the
    field ``x`` with the related resource when the document ``included`` it;
    a to-many relationship fills the field ``x`` with the related ids.
    """

    def __init__(self, cls: type, converter: cattrs.Converter) -> None:
        self.cls = cls
        self._inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, converter, **_overrides(cls)
        )
        names = {f.name for f in attrs.fields(cls)} - {"id", "raw"}
        self._id_fields = {n[:-3]: n for n in names if n.endswith("_id")}
        self._object_fields = names

    def __call__(self, resource: Any, _: Any = None) -> Any:
        return self.structure(resource, None)

    def structure(self, resource: Any, included: Optional[Included]) -> Any:
        """Structure `resource`, taking related resources from `included`."""
        flat = dict(resource.get("attributes") or ())
        flat["id"] = resource["id"]
        flat["raw"] = resource
        relationships = resource.get("relationships")
        if relationships:
            self._relate(flat, relationships, included)
        return self._inner(flat, self.cls)

    def _relate(
        self, flat: dict[str, Any], relationships: Any, included: Optional[Included]
    ) -> None:
        for name, relation in relationships.items():
            data = relation.get("data") if isinstance(relation, dict) else None
            if isinstance(data, list):
                if name in self._object_fields:
                    flat[name] = [item["id"] for item in data]
            elif isinstance(data, dict):
                if name in self._id_fields:
                    flat[self._id_fields[name]] = data["id"]
                related = included.get((data.get("type"), data["id"])) if included else None
                if related is not None and name in self._object_fields:
                    flat[name] = related


def _optional(hook: Callable[[Any, Any], Any], kind: type) -> Callable[[Any, Any], Any]:
    def structure(value: Any, tp: Any) -> Any:
        # The common cases answered inline: this runs for most fields of every item.
        if value is None or type(value) is kind:
            return value
        return hook(value, tp)

    return structure


def build_converter(detailed: bool = True) -> cattrs.Converter:
    """The converter of the v2 API: every wire rule of its responses, as hooks.

    Args:
        detailed: collect every field's error with its path (slower); the
            fast converter raises at the first bad field instead.
    """
    converter = cattrs.Converter(forbid_extra_keys=False, detailed_validation=detailed)
    # Direct hooks for the optional scalars: cattrs' generic Optional handler
    # dispatches on every call, a third of the cost of structuring a Number.
    for scalar, hook in ((str, _strict_str), (bool, _strict_bool), (int, _strict_int)):
        converter.register_structure_hook(Optional[scalar], _optional(hook, scalar))
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(Decimal, _decimal)
    converter.register_structure_hook(datetime.datetime, _moment)
    converter.register_structure_hook_factory(_is_open_enum, _open_enum_hook)
    converter.register_structure_hook_factory(
        lambda tp: tp in _RESOURCES, lambda tp: _ResourceHook(tp, converter)
    )
    converter.register_structure_hook_factory(
        lambda tp: tp in _PLAIN, lambda tp: _plain_hook(tp, converter)
    )
    return converter


@functools.cache
def _converter(detailed: bool = False) -> cattrs.Converter:
    return build_converter(detailed)


def _explain(exc: BaseException, structure: Callable[[cattrs.Converter], Any]) -> BaseException:
    """The error the detailed converter gives for what the fast one refused.

    Responses are structured by the fast converter; only a refused one is
    structured again, by the detailed converter, to say where it is wrong.
    """
    try:
        structure(_converter(detailed=True))
    except _SHAPE_ERRORS as detailed:
        return detailed
    return exc


def _decode_error(exc: BaseException, path: str, endpoint: Optional[Endpoint]) -> DecodeError:
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        detail = "; ".join(cattrs.transform_error(exc, path=path))
    elif isinstance(exc, KeyError):
        detail = f"required key {exc} missing @ {path}"
    else:
        detail = f"{type(exc).__name__}: {exc} @ {path}"
    return _shape_error(detail, endpoint)


def _shape_error(detail: str, endpoint: Optional[Endpoint]) -> DecodeError:
    if endpoint is None:
        return DecodeError(f"unexpected response shape: {detail}")
    return DecodeError(
        f"unexpected response shape: {detail}", method=endpoint.method, url=endpoint.template
    )


def _data(body: Any, kind: type, endpoint: Optional[Endpoint]) -> Any:
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, kind):
        shape = "a list" if kind is list else "an object"
        raise _shape_error(f"$.data must be {shape}", endpoint)
    return data


def _index(body: Mapping[str, Any]) -> Optional[dict[tuple[Any, Any], Any]]:
    included = body.get("included")
    if not isinstance(included, list):
        return None
    # JSON:API ids and types are strings; anything else (a list) could not even be a key.
    return {
        (i["type"], i["id"]): i
        for i in included
        if isinstance(i, dict) and type(i.get("type")) is str and type(i.get("id")) in (str, int)
    }


_SHAPE_ERRORS = (cattrs.BaseValidationError, KeyError, TypeError, ValueError, AttributeError)


def _resource_hook(converter: cattrs.Converter, cls: type) -> _ResourceHook:
    hook = structure_hook(converter, cls)
    if not isinstance(hook, _ResourceHook):
        raise TypeError(f"{cls.__name__} is not a v2 resource model")
    return hook


def _read(resource: Any, cls: type[T], included: Optional[Included], path: str, endpoint: Any) -> T:
    hook = _resource_hook(_converter(), cls)
    try:
        result: T = hook.structure(resource, included)
    except _SHAPE_ERRORS as exc:
        error = _explain(exc, lambda c: _resource_hook(c, cls).structure(resource, included))
        raise _decode_error(error, path, endpoint) from exc
    return result


def read_one(body: Any, cls: type[T], endpoint: Optional[Endpoint] = None) -> T:
    """The model held in ``body["data"]`` (a single resource object).

    Args:
        body: the decoded response body.
        cls: the resource model to read.
        endpoint: the operation that answered, for error messages.

    Raises:
        DecodeError: the body is not a document holding one `cls` resource.
    """
    return _read(_data(body, dict, endpoint), cls, _index(body), "$.data", endpoint)


def read_many(body: Any, cls: type[T], endpoint: Optional[Endpoint] = None) -> list[T]:
    """The models held in ``body["data"]`` (a list of resource objects).

    Raises:
        DecodeError: the body is not a document holding a list of `cls` resources.
    """
    data = _data(body, list, endpoint)
    included = _index(body)
    hook = _resource_hook(_converter(), cls)
    try:
        return [hook.structure(item, included) for item in data]
    except _SHAPE_ERRORS:
        pass
    # Only a refused body gets here: find the first bad item and say what is wrong.
    for index, item in enumerate(data):
        _read(item, cls, included, f"$.data[{index}]", endpoint)
    raise _shape_error("$.data holds an item that cannot be read", endpoint)


def read_id(body: Any, endpoint: Optional[Endpoint] = None) -> str:
    """The ``id`` of the resource in ``body["data"]`` (e.g. of a message just sent).

    Raises:
        DecodeError: there is no string id at ``$.data.id``.
    """
    ident = _data(body, dict, endpoint).get("id")
    if not isinstance(ident, str) or not ident:
        raise _shape_error("$.data.id must be a string", endpoint)
    return ident
