"""The emulator's v2 / v2.1 responses validate against the published OpenAPI files.

Every operation of every file under tests/data/openapi/ (copies of the
reference files, kept as data) is either exercised here, success and error
responses alike, or listed in NOT_EMULATED. Bodies are checked by a small
validator (type, nullable, required, properties, items, enum, $ref). Where
a file and the API documentation disagree, the documentation wins: each
such place is listed in DOCS_WIN with the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
import requests

from flowroute.emulator import Emulator

SPEC_DIR = Path(__file__).parent / "data" / "openapi"
SPECS = {path.name: json.loads(path.read_text()) for path in sorted(SPEC_DIR.glob("*.json"))}
METHODS = ("get", "put", "post", "patch", "delete")
NOW = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)

# Operations the emulator does not serve (none left).
NOT_EMULATED: set[tuple[str, str]] = set()

# The file's E911 operations sit under /v2/e911 without an id in the path;
# the published API (and the emulator) serves /v2/e911s and /v2/e911s/{id}.
# Where the file's success status differs from the v3 SDK README's, the
# README wins: (method, file path) -> (documented status, reason). The
# file's body schema for its own status is then not checked either.
DOCUMENTED_STATUS = {
    ("POST", "/v2/e911"): ("201", "create_address answers 201 Created with the new address"),
    ("GET", "/v2/e911"): ("200", "list_e911s answers 200 OK, not 201 Created"),
    ("PATCH", "/v2/e911"): ("200", "update_address answers 200 OK with the updated address"),
    ("POST", "/v2/e911/validate"): ("204", "validate_address answers 204 No Content"),
}

# Where the files and the v2 documentation (reference/docs/000_*.txt) disagree,
# the documentation wins: (operations, a regex matching the problem, reason).
NUMBER_OPS = ("GET /v2/numbers", "GET /v2/numbers/{id}", "POST /v2/numbers/{id}")
ROUTE_OPS = ("GET /v2/routes", "GET /v2/numbers/{id}", "POST /v2/numbers/{id}")
MESSAGE_OPS = ("GET /v2.1/messages", "GET /v2.1/messages/{id}")
DOCS_WIN: list[tuple[tuple[str, ...], str, str]] = [
    (
        (*NUMBER_OPS, "GET /v2/numbers/available"),
        r"/data/(\d+/)?attributes/value: expected integer, got str",
        'the docs print numbers as strings: "value": "16502390214"',
    ),
    (
        NUMBER_OPS,
        r"/data/(\d+/)?attributes/alias: null",
        'a number without an alias has "alias": null in the docs',
    ),
    (
        NUMBER_OPS,
        r"/data/(\d+/)?relationships/(cnam_preset|e911_address|failover_route)/data: null",
        'the docs show {"data": null} for a relationship that is not set',
    ),
    (
        ("GET /v2/numbers", "GET /v2/numbers/{id}"),
        r"/data/(\d+/)?relationships/(failover_route|e911_address)/data: expected string, got dict",
        "a set failover route or E911 address is a resource identifier, as for primary_route",
    ),
    (
        ROUTE_OPS,
        r"/(data|included)/\d+/attributes/value: null",
        'the built-in sip-reg route has "value": null in the docs',
    ),
    (
        MESSAGE_OPS,
        r"/data/(\d+/)?attributes/amount_display: expected number, got str",
        'the docs print the amount as text: "amount_display": "$0.0040"',
    ),
    (
        MESSAGE_OPS,
        r"/data/(\d+/)?attributes/delivery_receipts/\d+/status_code: null",
        'the docs show a first-hop receipt with "status_code": null',
    ),
]

# List operations whose file describes each item as a whole document
# ({"data": ..., "included": ...}); the docs list resource objects, so each
# item is checked against the document's "data" schema instead.
ITEM_SCHEMAS = {
    ("GET", "/v2/numbers"): "#/components/schemas/Number",
    ("GET", "/v2.1/messages"): "#/components/schemas/MDR2",
}


# -- a small OpenAPI 3 schema validator ---------------------------------------------

TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow $ref (siblings of a $ref are ignored, as OpenAPI 3.0 says)."""
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


def validate(
    spec: dict[str, Any], schema: dict[str, Any], value: Any, where: str = ""
) -> list[str]:
    """Every mismatch between `value` and `schema`, as 'location: problem' lines."""
    schema = resolve(spec, schema)
    if value is None:
        return [] if schema.get("nullable") else [f"{where or '/'}: null where not nullable"]
    kind = schema.get("type")
    if kind is not None and not TYPES[kind](value):
        return [f"{where or '/'}: expected {kind}, got {type(value).__name__} {value!r:.60}"]
    problems: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where or '/'}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                problems.append(f"{where}/{name}: required but missing")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                problems += validate(spec, sub, value[name], f"{where}/{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += validate(spec, schema["items"], item, f"{where}/{index}")
    return problems


def test_the_validator_catches_mismatches() -> None:
    spec = {"components": {"schemas": {"N": {"type": "integer", "enum": [1, 2]}}}}
    schema = {
        "type": "object",
        "required": ["a"],
        "properties": {
            "n": {"$ref": "#/components/schemas/N"},
            "xs": {"type": "array", "items": {"type": "string"}},
            "maybe": {"type": "string", "nullable": True},
        },
    }
    assert validate(spec, schema, {"a": 1, "n": 2, "xs": ["x"], "maybe": None}) == []
    assert validate(spec, schema, {"n": 3, "xs": ["x", 5], "maybe": True}) == [
        "/a: required but missing",
        "/n: 3 not in [1, 2]",
        "/xs/1: expected string, got int 5",
        "/maybe: expected string, got bool True",
    ]
    assert validate(spec, schema, None) == ["/: null where not nullable"]
    assert validate(spec, {"type": "number"}, True) == ["/: expected number, got bool True"]


# -- the operations, and how to exercise them --------------------------------------


def operations() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for name, spec in SPECS.items():
        for path, item in spec["paths"].items():
            for method in METHODS:
                if method in item:
                    yield name, method.upper(), path, item[method]


class World:
    """An emulator with two numbers (one with a failover route), a route and a message."""

    def __init__(self, emulator: Emulator, url: str, session: requests.Session) -> None:
        self.emulator = emulator
        self.url = url
        self.session = session
        available = self.get("/v2/numbers/available", {"limit": 3}).json()["data"]
        self.number, self.spare, self.unbought = (item["id"] for item in available)
        for number in (self.number, self.spare):
            assert self.session.post(f"{url}/v2/numbers/{number}").status_code == 201
        route = {"type": "route", "attributes": {"route_type": "uri", "value": "sip:a@b.example"}}
        route["attributes"]["alias"] = "conformance"
        created = self.session.post(f"{url}/v2/routes", json={"data": route})
        self.route_id = created.json()["data"]["id"]
        failover = f"{url}/v2/numbers/{self.number}/relationships/failover_route"
        assert self.session.patch(failover, json=route_link(self.route_id)).status_code == 204
        self.message_id = self.send_message(self.number).json()["data"]["id"]
        book = emulator.state.e911s
        self.e911_id = book.create(E911_ADDRESS).id
        self.spare_e911_id = book.create({**E911_ADDRESS, "label": "spare"}).id
        book.associate(self.number, self.e911_id)
        emulator.state.callbacks.set("sms_callback", "https://example.com/sms")
        emulator.state.callbacks.set("dlr_callback", "https://example.com/dlr", self.number)

    def get(self, path: str, params: Optional[dict[str, Any]] = None) -> requests.Response:
        return self.session.get(self.url + path, params=params)

    def send_message(self, sender: str, body: str = "conformance") -> requests.Response:
        message = {"to": "12065550123", "from": sender, "body": body}
        return self.session.post(f"{self.url}/v2.1/messages", json=message)


E911_ADDRESS = {
    "label": "Office",
    "first_name": "Chris",
    "last_name": "Smith",
    "street_name": "3rd Ave",
    "street_number": "1218",
    "city": "Seattle",
    "state": "WA",
    "country": "US",
    "zip": "98101",
}

Request = tuple[str, Optional[dict[str, Any]], Any]  # path, query, JSON body
Build = Callable[[World], Request]


def route_link(route_id: str) -> dict[str, Any]:
    return {"data": {"type": "route", "id": route_id}}


def e911_document(**changes: str) -> dict[str, Any]:
    return {"data": {"type": "e911", "attributes": {**E911_ADDRESS, **changes}}}


# (method, OpenAPI path) -> the request that succeeds.
SUCCESS: dict[tuple[str, str], Build] = {
    ("GET", "/v2/numbers/available/areacodes"): lambda w: (
        "/v2/numbers/available/areacodes",
        {"limit": 2, "offset": 1},
        None,
    ),
    ("GET", "/v2/numbers/available/exchanges"): lambda w: (
        "/v2/numbers/available/exchanges",
        {"limit": 2, "offset": 1},
        None,
    ),
    ("GET", "/v2/numbers/available"): lambda w: (
        "/v2/numbers/available",
        {"starts_with": 1, "limit": 2, "offset": 1},
        None,
    ),
    ("GET", "/v2/numbers"): lambda w: ("/v2/numbers", {"limit": 1}, None),
    ("GET", "/v2/numbers/{id}"): lambda w: (f"/v2/numbers/{w.number}", None, None),
    ("POST", "/v2/numbers/{id}"): lambda w: (f"/v2/numbers/{w.unbought}", None, None),
    ("DELETE", "/v2/numbers/{id}"): lambda w: (f"/v2/numbers/{w.spare}", None, None),
    ("PATCH", "/v2/numbers/{number_id}/relationships/primary_route"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/primary_route",
        None,
        route_link(w.route_id),
    ),
    ("PATCH", "/v2/numbers/{number_id}/relationships/failover_route"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/failover_route",
        None,
        route_link(w.route_id),
    ),
    ("POST", "/v2/routes"): lambda w: (
        "/v2/routes",
        None,
        {
            "data": {
                "type": "route",
                "attributes": {"route_type": "host", "value": "pbx.example.com", "alias": "new"},
            }
        },
    ),
    ("GET", "/v2/routes"): lambda w: ("/v2/routes", {"limit": 2}, None),
    ("POST", "/v2.1/messages"): lambda w: (
        "/v2.1/messages",
        None,
        {"to": "12065550199", "from": w.number, "body": "hello"},
    ),
    ("GET", "/v2.1/messages"): lambda w: (
        "/v2.1/messages",
        {"start_date": "2024-03-01", "end_date": "2024-03-02", "limit": 1},
        None,
    ),
    ("GET", "/v2.1/messages/{id}"): lambda w: (f"/v2.1/messages/{w.message_id}", None, None),
    ("PATCH", "/v2/numbers/{id}/relationships/e911"): lambda w: (
        f"/v2/numbers/{w.spare}/relationships/e911",
        None,
        {"data": {"type": "e911", "id": w.e911_id}},
    ),
    ("DELETE", "/v2/numbers/{id}/relationships/e911"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/e911",
        None,
        None,
    ),
    ("POST", "/v2/e911"): lambda w: ("/v2/e911s", None, e911_document(label="new")),
    ("GET", "/v2/e911"): lambda w: ("/v2/e911s", {"state": "wa", "limit": 1}, None),
    ("PATCH", "/v2/e911"): lambda w: (
        f"/v2/e911s/{w.e911_id}",
        None,
        {"data": {"type": "e911", "attributes": {"last_name": "Wiley"}}},
    ),
    ("DELETE", "/v2/e911"): lambda w: (f"/v2/e911s/{w.spare_e911_id}", None, None),
    ("POST", "/v2/e911/validate"): lambda w: ("/v2/e911s/validate", None, e911_document()),
    ("PUT", "/v2.1/messages/{callback_type}"): lambda w: (
        "/v2.1/messages/mms_callback",
        None,
        {"data": {"attributes": {"callback_url": "https://example.com/mms"}}},
    ),
    ("GET", "/v2.1/messages/{callback_type}"): lambda w: (
        "/v2.1/messages/sms_callback",
        None,
        None,
    ),
    ("DELETE", "/v2.1/messages/{callback_type}"): lambda w: (
        "/v2.1/messages/sms_callback",
        None,
        None,
    ),
    ("POST", "/v2/numbers/{id}/relationships/{callback_type}"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/sms_callback",
        None,
        {"data": {"attributes": {"callback_url": "https://example.com/in"}}},
    ),
    ("GET", "/v2/numbers/{id}/relationships/{callback_type}"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/dlr_callback",
        None,
        None,
    ),
    ("DELETE", "/v2/numbers/{id}/relationships/{callback_type}"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/dlr_callback",
        None,
        None,
    ),
}

MISSING_NUMBER = "19999999999"

# (method, OpenAPI path, status) -> a request that fails with that status.
FAILURES: dict[tuple[str, str, str], Build] = {
    ("GET", "/v2/numbers/{id}", "404"): lambda w: (f"/v2/numbers/{MISSING_NUMBER}", None, None),
    ("POST", "/v2/numbers/{id}", "404"): lambda w: (f"/v2/numbers/{MISSING_NUMBER}", None, None),
    ("DELETE", "/v2/numbers/{id}", "404"): lambda w: (f"/v2/numbers/{MISSING_NUMBER}", None, None),
    ("PATCH", "/v2/numbers/{number_id}/relationships/primary_route", "404"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/primary_route",
        None,
        route_link("424242"),
    ),
    ("PATCH", "/v2/numbers/{number_id}/relationships/failover_route", "404"): lambda w: (
        f"/v2/numbers/{MISSING_NUMBER}/relationships/failover_route",
        None,
        route_link(w.route_id),
    ),
    ("GET", "/v2.1/messages/{id}", "404"): lambda w: ("/v2.1/messages/mdr2-missing", None, None),
    ("POST", "/v2.1/messages", "403"): lambda w: (
        "/v2.1/messages",
        None,
        {"to": "12065550199", "from": w.unbought, "body": "not ours"},
    ),
    ("POST", "/v2.1/messages", "422"): lambda w: (
        "/v2.1/messages",
        None,
        {"to": "12065550199", "from": w.number, "body": ""},
    ),
    ("PATCH", "/v2/numbers/{id}/relationships/e911", "404"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/e911",
        None,
        {"data": {"type": "e911", "id": "424242"}},
    ),
    ("PATCH", "/v2/numbers/{id}/relationships/e911", "422"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/e911",
        None,
        {"data": {"type": "e911"}},
    ),
    ("DELETE", "/v2/numbers/{id}/relationships/e911", "404"): lambda w: (
        f"/v2/numbers/{MISSING_NUMBER}/relationships/e911",
        None,
        None,
    ),
    ("PATCH", "/v2/e911", "404"): lambda w: ("/v2/e911s/424242", None, e911_document()),
    ("PUT", "/v2.1/messages/{callback_type}", "422"): lambda w: (
        "/v2.1/messages/sms_callback",
        None,
        {"data": {"attributes": {"callback_url": "not a URL"}}},
    ),
    ("GET", "/v2.1/messages/{callback_type}", "404"): lambda w: (
        "/v2.1/messages/mms_callback",
        None,
        None,
    ),
    ("POST", "/v2/numbers/{id}/relationships/{callback_type}", "404"): lambda w: (
        f"/v2/numbers/{MISSING_NUMBER}/relationships/sms_callback",
        None,
        {"data": {"attributes": {"callback_url": "https://example.com/in"}}},
    ),
    ("POST", "/v2/numbers/{id}/relationships/{callback_type}", "422"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/sms_callback",
        None,
        {"data": {"attributes": {"callback_url": 42}}},
    ),
    ("GET", "/v2/numbers/{id}/relationships/{callback_type}", "404"): lambda w: (
        f"/v2/numbers/{w.number}/relationships/mms_callback",
        None,
        None,
    ),
    ("DELETE", "/v2/e911", "404"): lambda w: ("/v2/e911s/424242", None, None),
}


def exercised(method: str, path: str) -> bool:
    return (method, path) in SUCCESS


def test_every_operation_is_exercised_or_listed() -> None:
    seen = {(method, path) for _, method, path, _ in operations()}
    assert seen == set(SUCCESS) | NOT_EMULATED
    assert not set(SUCCESS) & NOT_EMULATED
    failure_ops = {(method, path) for method, path, _ in FAILURES}
    assert failure_ops <= set(SUCCESS)


# -- the checks ------------------------------------------------------------------------


@pytest.fixture
def world() -> Iterator[World]:
    emulator = Emulator(seed=0, clock=lambda: NOW)
    with emulator.mock() as url, requests.Session() as session:
        session.auth = (emulator.access_key, emulator.secret_key)
        yield World(emulator, url, session)


def send(world: World, method: str, request: Request, auth: bool = True) -> requests.Response:
    path, query, body = request
    return world.session.request(
        method, world.url + path, params=query, json=body, auth=None if auth else ("x", "y")
    )


def body_schema(spec: dict[str, Any], response: dict[str, Any]) -> Optional[dict[str, Any]]:
    content = resolve(spec, response).get("content", {})
    for media in content.values():
        if "schema" in media:
            return media["schema"]  # type: ignore[no-any-return]
    return None


def raw_problems(
    name: str, method: str, path: str, status: str, response: requests.Response
) -> list[str]:
    """What the file's schema says is wrong with the response, before DOCS_WIN."""
    spec = SPECS[name]
    declared = spec["paths"][path][method.lower()]["responses"][status]
    schema = body_schema(spec, declared)
    if schema is None or not response.content:
        return []
    document = response.json()
    found = validate(spec, schema, document)
    if (method, path) in ITEM_SCHEMAS and status.startswith("2"):
        item = resolve(spec, {"$ref": ITEM_SCHEMAS[method, path]})["properties"]["data"]
        assert document["data"], "an empty list would check nothing"
        for index, value in enumerate(document["data"]):
            found += validate(spec, item, value, f"/data/{index}")
    return found


def docs_win(method: str, path: str, problem: str) -> bool:
    operation = f"{method} {path}"
    return any(operation in ops and re.match(where, problem) for ops, where, _ in DOCS_WIN)


def problems_of(
    name: str, method: str, path: str, status: str, response: requests.Response
) -> list[str]:
    found = raw_problems(name, method, path, status, response)
    return [problem for problem in found if not docs_win(method, path, problem)]


def cases(kind: str) -> list[Any]:
    found = []
    for name, method, path, operation in operations():
        if not exercised(method, path):
            continue
        for status in operation["responses"]:
            if kind == "success" and status.startswith("2"):
                found.append(pytest.param(name, method, path, status, id=f"{name}-{method}-{path}"))
            if kind == "failure" and (method, path, status) in FAILURES:
                case_id = f"{name}-{method}-{path}-{status}"
                found.append(pytest.param(name, method, path, status, id=case_id))
    return found


@pytest.mark.parametrize(("name", "method", "path", "status"), cases("success"))
def test_success_responses_match_the_schema(
    world: World, name: str, method: str, path: str, status: str
) -> None:
    response = send(world, method, SUCCESS[method, path](world))
    if (method, path) in DOCUMENTED_STATUS:
        documented, _ = DOCUMENTED_STATUS[method, path]
        assert str(response.status_code) == documented, response.text
        return
    assert str(response.status_code) == status, response.text
    assert problems_of(name, method, path, status, response) == []


@pytest.mark.parametrize(("name", "method", "path", "status"), cases("failure"))
def test_error_responses_match_the_schema(
    world: World, name: str, method: str, path: str, status: str
) -> None:
    response = send(world, method, FAILURES[method, path, status](world))
    assert str(response.status_code) == status, response.text
    assert problems_of(name, method, path, status, response) == []


@pytest.mark.parametrize(
    ("name", "method", "path"),
    [
        pytest.param(name, method, path, id=f"{name}-{method}-{path}")
        for name, method, path, operation in operations()
        if exercised(method, path) and "401" in operation["responses"]
    ],
)
def test_unauthorized_responses_match_the_schema(
    world: World, name: str, method: str, path: str
) -> None:
    response = send(world, method, SUCCESS[method, path](world), auth=False)
    assert response.status_code == 401
    assert problems_of(name, method, path, "401", response) == []
    assert response.json()["errors"][0]["status"] == 401


def test_every_docs_win_exception_is_still_needed() -> None:
    used: set[str] = set()
    for name, method, path, operation in operations():
        if not exercised(method, path):
            continue
        emulator = Emulator(seed=0, clock=lambda: NOW)
        with emulator.mock() as url, requests.Session() as session:
            session.auth = (emulator.access_key, emulator.secret_key)
            world = World(emulator, url, session)
            for status in operation["responses"]:
                if not status.startswith("2"):
                    continue
                response = send(world, method, SUCCESS[method, path](world))
                for problem in raw_problems(name, method, path, status, response):
                    used |= {
                        where
                        for ops, where, _ in DOCS_WIN
                        if f"{method} {path}" in ops and re.match(where, problem)
                    }
    assert used == {where for _, where, _ in DOCS_WIN}
