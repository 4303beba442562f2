"""The v3 SDK's model classes, with its names, constructors and ``from_dictionary``.

The SDK's calls return plain JSON documents; these classes are what code
written for it builds or reads on its own (``Error1`` in
``ErrorException.errors``, ``Number26.from_dictionary(result)``, ...).
Each class is a table of fields: attribute name, JSON key, default, and
the model class of a nested object. `APIHelper.to_dictionary` and
`SdkModel.to_dictionary` write them back as JSON.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple, Optional

from ..._validate import iso_datetime

__all__ = [
    "MDR2",
    "AccountRoutes",
    "Attributes",
    "Attributes28",
    "Attributes62",
    "Data",
    "Data27",
    "Data61",
    "DeliveryReceipt",
    "Error1",
    "Error84",
    "Field",
    "Links",
    "Message",
    "MessageTypeEnum",
    "NewRoute",
    "Number26",
    "NumberTypeEnum",
    "RouteTypeEnum",
    "SdkModel",
]


class Field(NamedTuple):
    """One field of a model.

    Attributes:
        name: the attribute (``mfrom`` for the JSON ``from``).
        key: the JSON key ("" means the same as `name`).
        default: the constructor's default, also used when the key is missing.
        model: the model class of a nested object (or of each list item).
        moment: an RFC 3339 time, read into a `datetime.datetime`.
    """

    name: str
    key: str = ""
    default: Any = None
    model: Optional[type[SdkModel]] = None
    moment: bool = False


def _moment(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return iso_datetime(value)
    except ValueError:
        return value  # an unexpected form stays as it came


def _read(field: Field, value: Any) -> Any:
    """A field's value from JSON, by the SDK's rules: a list of nested objects
    is read item by item; an empty nested object, time or defaulted field
    reads as the default; anything else is kept as it came."""
    if field.model is not None and isinstance(value, list):
        return [field.model.from_dictionary(item) for item in value]
    if not value and (field.model or field.moment or field.default is not None):
        return field.default
    if field.model is not None:
        return field.model.from_dictionary(value)
    return _moment(value) if field.moment else value


def _write(value: Any) -> Any:
    if isinstance(value, SdkModel):
        return value.to_dictionary()
    if isinstance(value, list):
        return [_write(item) for item in value]
    if isinstance(value, dict):
        return {key: _write(item) for key, item in value.items()}
    return value


class SdkModel:
    """Base of the SDK's models: positional or keyword construction in field order.

    Attributes:
        _names: attribute name -> JSON key, as the SDK's models declared them.
    """

    _fields: ClassVar[tuple[Field, ...]] = ()
    _names: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls) -> None:
        cls._names = {f.name: f.key or f.name for f in cls._fields}

    def __init__(self, /, *values: Any, **named: Any) -> None:
        if len(values) > len(self._fields):
            raise TypeError(f"{type(self).__name__} takes at most {len(self._fields)} values")
        unknown = set(named) - set(self._names)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        for index, field in enumerate(self._fields):
            value = values[index] if index < len(values) else named.get(field.name, field.default)
            setattr(self, field.name, value)

    @classmethod
    def from_dictionary(cls, dictionary: Any) -> Any:
        """An instance from a decoded JSON object (None for None), as the SDK read it."""
        if dictionary is None:
            return None
        return cls(*(_read(f, dictionary.get(f.key or f.name)) for f in cls._fields))

    def to_dictionary(self) -> dict[str, Any]:
        """The model as a JSON object, with the API's key names."""
        return {key: _write(getattr(self, name)) for name, key in self._names.items()}

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dictionary() == other.to_dictionary()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the SDK's

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self._fields)
        return f"{type(self).__name__}({shown})"


class Links(SdkModel):
    """``{"self": url}`` of a resource."""

    _fields = (Field("self"),)


class Error1(SdkModel):
    """One API error: ``id``, ``status``, ``detail``, ``title``."""

    _fields = (Field("id"), Field("status"), Field("detail"), Field("title"))


class Error84(SdkModel):
    """An error document: ``errors``, a list of `Error1`."""

    _fields = (Field("errors", model=Error1),)


class DeliveryReceipt(SdkModel):
    """One delivery receipt of a message record."""

    _fields = (
        Field("level"),
        Field("status"),
        Field("status_code"),
        Field("status_code_description"),
        Field("timestamp", moment=True),
    )


class Attributes(SdkModel):
    """The attributes of a message record (``mfrom`` is the JSON ``from``)."""

    _fields = (
        Field("amount_display"),
        Field("amount_nanodollars"),
        Field("body"),
        Field("delivery_receipts", model=DeliveryReceipt),
        Field("direction"),
        Field("mfrom", "from"),
        Field("is_mms"),
        Field("message_encoding"),
        Field("message_type"),
        Field("status"),
        Field("timestamp", moment=True),
        Field("to"),
    )


class Data(SdkModel):
    """A message record resource (``mtype`` is the JSON ``type``)."""

    _fields = (
        Field("attributes", model=Attributes),
        Field("id"),
        Field("mtype", "type", "message"),
    )


class MDR2(SdkModel):
    """A message detail record document: ``data``, a `Data`."""

    _fields = (Field("data", model=Data),)


class Message(SdkModel):
    """A message to send (``mfrom`` is the JSON ``from``)."""

    _fields = (
        Field("mfrom", "from"),
        Field("to"),
        Field("body"),
        Field("media_urls"),
        Field("is_mms"),
    )


class Attributes28(SdkModel):
    """The attributes of a number resource."""

    _fields = (
        Field("alias"),
        Field("cnam_lookups_enabled"),
        Field("number_type"),
        Field("rate_center"),
        Field("state"),
        Field("value"),
    )


class Data27(SdkModel):
    """A number resource."""

    _fields = (
        Field("attributes", model=Attributes28),
        Field("id"),
        Field("links", model=Links),
        Field("relationships"),
        Field("mtype", "type", "number"),
    )


class Number26(SdkModel):
    """A number document: ``data`` (a `Data27`) and the ``included`` routes."""

    _fields = (Field("data", model=Data27), Field("included"))


class Attributes62(SdkModel):
    """The attributes of a new route."""

    _fields = (Field("alias"), Field("route_type", default="sip-reg"), Field("value"))


class Data61(SdkModel):
    """A new route resource."""

    _fields = (Field("mtype", "type", "route"), Field("attributes", model=Attributes62))


class NewRoute(SdkModel):
    """A route to create: ``data``, a `Data61`."""

    _fields = (Field("data", model=Data61),)


class AccountRoutes(SdkModel):
    """A route listing: ``data`` and ``links``, as the API sent them."""

    _fields = (Field("data"), Field("links"))


class MessageTypeEnum:
    """The message types a record reports."""

    LONGCODE = "longcode"
    TOLLFREE = "toll-free"


class NumberTypeEnum:
    """The number types a number reports."""

    STANDARD = "standard"
    TOLLFREE = "tollfree"
    INUM = "inum"


class RouteTypeEnum:
    """The route types a route reports."""

    SIPREG = "sip-reg"
    HOST = "host"
    URI = "uri"
    NUMBER = "number"
