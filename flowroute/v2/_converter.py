"""Reading v2 JSON:API documents into models: the v2 adapter of the shared response layer.

A resource object is flattened into one mapping (its ``id``, its
``attributes``, and from its ``relationships`` the related ids and, when
the document ``included`` them, the related resources) and handed to the
structuring rules every API version shares (`flowroute._structure`); the
model keeps the resource object as its ``raw``. Any model class can be
read: nothing is registered, a class's structure function is made when
it is first asked for.

`read_one` / `read_many` / `read_id` read a whole response; a refusal is a
`DecodeError` with the full URL, the status and the JSON path of the bad
value (``$.data[3].attributes.setup_cost``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Optional, TypeVar, Union

import attrs

from .._reading import SHAPE_ERRORS, decode_error, read
from .._structure import structurer
from .._transport import Response

__all__ = ["read_id", "read_many", "read_one"]

T = TypeVar("T")
Included = Mapping[tuple[Any, Any], Any]
_OUTER = frozenset({"id"})
Answer = Union[Response, Any]
"""A `Response`, or (from older call sites) its decoded body alone."""


class _Relations:
    """Which fields of a model its relationships fill.

    A to-one relationship ``x`` fills the field ``x_id`` with the related id,
    and the field ``x`` with the related resource when the document
    ``included`` it; a to-many relationship fills the field ``x`` with the ids.
    """

    __slots__ = ("ids", "lists", "objects")

    def __init__(
        self, ids: Mapping[str, str], objects: Mapping[str, Any], lists: frozenset[str]
    ) -> None:
        self.ids = ids  # relationship name -> its "<name>_id" field
        self.objects = objects  # relationship name -> the model of its included resource
        self.lists = lists  # relationships read as lists of ids


@functools.cache
def _relations(cls: type) -> _Relations:
    attrs.resolve_types(cls)
    fields = {f.name: f.type for f in attrs.fields(cls)} if attrs.has(cls) else {}
    names = set(fields) - {"id", "raw"}
    objects = {}
    for name in names:
        tp = fields[name]
        candidates = getattr(tp, "__args__", (tp,))
        models = [c for c in candidates if isinstance(c, type) and attrs.has(c)]
        if models:
            objects[name] = models[0]
    return _Relations(
        ids={n[:-3]: n for n in names if n.endswith("_id")},
        objects=objects,
        lists=frozenset(names - set(objects)),
    )


def _flatten(resource: Any, cls: type, included: Optional[Included]) -> dict[str, Any]:
    attributes = resource.get("attributes")
    flat = dict(attributes) if attributes else {}
    flat["id"] = resource["id"]
    relationships = resource.get("relationships")
    if relationships:
        _relate(flat, relationships, _relations(cls), included)
    return flat


def _relate(
    flat: dict[str, Any], relationships: Any, relations: _Relations, included: Optional[Included]
) -> None:
    for name, relation in relationships.items():
        data = relation.get("data") if type(relation) is dict else None
        if type(data) is list:
            if name in relations.lists:
                flat[name] = [item["id"] for item in data]
        elif type(data) is dict:
            if name in relations.ids:
                flat[relations.ids[name]] = data["id"]
            related = included.get((data.get("type"), data["id"])) if included else None
            model = relations.objects.get(name)
            if related is not None and model is not None:
                flat[name] = structurer(model)(_flatten(related, model, included), related)


def _related(resource: Any, cls: type[T], included: Optional[Included]) -> T:
    structure: Any = structurer(cls)
    result: T = structure(_flatten(resource, cls, included), resource)
    return result


def _locate(resource: dict[str, Any]) -> Any:
    relationships = resource.get("relationships")
    related = set(relationships) if type(relationships) is dict else set()

    def locate(key: str) -> str:
        if key == "id":
            return ".id"
        name = key[:-3] if key.endswith("_id") and key[:-3] in related else key
        return f".relationships.{name}" if name in related else f".attributes.{key}"

    return locate


def _read_resource(
    resource: Any, cls: type[T], included: Optional[Included], path: str, response: Any
) -> T:
    """One resource, checked step by step: the slow path that names what is wrong."""
    if type(resource) is not dict:
        reason = f"expected a resource object, got {type(resource).__name__} @ {path}"
        raise decode_error(response, reason, path)
    attributes = resource.get("attributes")
    if attributes is not None and type(attributes) is not dict:
        reason = f"expected an object @ {path}.attributes"
        raise decode_error(response, reason, f"{path}.attributes")
    if "id" not in resource:
        raise decode_error(response, f"required field missing @ {path}.id", f"{path}.id")
    try:
        flat = _flatten(resource, cls, included)
    except SHAPE_ERRORS as exc:
        reason = f"malformed relationships ({exc!r:.60}) @ {path}.relationships"
        raise decode_error(response, reason, f"{path}.relationships") from exc
    return read(cls, flat, resource, response=response, path=path, locate=_locate(resource))


def _unpack(answer: Answer) -> tuple[Optional[Response], Any]:
    if isinstance(answer, Response):
        return answer, answer.body
    return None, answer


def _data(body: Any, kind: type, response: Optional[Response]) -> Any:
    data = body.get("data") if type(body) is dict else None
    if type(data) is not kind:
        shape = "a list" if kind is list else "an object"
        raise decode_error(response, f"expected {shape} @ $.data", "$.data")
    return data


def _index(body: Mapping[str, Any]) -> Optional[dict[tuple[Any, Any], Any]]:
    included = body.get("included")
    if type(included) is not list:
        return None
    # JSON:API ids and types are strings; anything else (a list) could not even be a key.
    return {
        (i["type"], i["id"]): i
        for i in included
        if type(i) is dict and type(i.get("type")) is str and type(i.get("id")) in (str, int)
    }


def read_one(answer: Answer, cls: type[T], endpoint: object = None) -> T:
    """The model held in ``body["data"]`` (a single resource object).

    Args:
        answer: the `Response` (or its decoded body).
        cls: the model to read.
        endpoint: unused; accepted from older call sites.

    Raises:
        DecodeError: the body is not a document holding one `cls` resource.
    """
    response, body = _unpack(answer)
    data = _data(body, dict, response)
    return _read_resource(data, cls, _index(body), "$.data", response)


def read_many(answer: Answer, cls: type[T], endpoint: object = None) -> list[T]:
    """The models held in ``body["data"]`` (a list of resource objects).

    Raises:
        DecodeError: the body is not a document holding a list of `cls` resources.
    """
    response, body = _unpack(answer)
    data = _data(body, list, response)
    included = _index(body)
    # Resources without relationships (most listings) are read where they lie.
    direct = structurer(cls, section="attributes", outer=_OUTER)
    try:
        return [
            _related(item, cls, included) if item.get("relationships") else direct(item, item)
            for item in data
        ]
    except SHAPE_ERRORS:
        pass
    # Only a refused body gets here: read item by item to say where it is wrong.
    for index, item in enumerate(data):
        _read_resource(item, cls, included, f"$.data[{index}]", response)
    raise decode_error(response, "$.data holds an item that cannot be read @ $.data", "$.data")


def read_id(answer: Answer, endpoint: object = None) -> str:
    """The ``id`` of the resource in ``body["data"]`` (e.g. of a message just sent).

    Raises:
        DecodeError: there is no string id at ``$.data.id``.
    """
    response, body = _unpack(answer)
    ident = _data(body, dict, response).get("id")
    if type(ident) is not str or not ident:
        raise decode_error(response, "expected a string @ $.data.id", "$.data.id")
    return ident
