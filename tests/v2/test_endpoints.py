"""Every endpoint row of the v2 controllers is a documented operation.

Rows are checked against the OpenAPI files (tests/data/openapi/); the
operations those files lack are listed below with the documentation that
describes them, and a listed operation no controller uses fails the test too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from flowroute.v2 import cdrs, cnams, e911s, messages, numbers, porting, routes

SPEC_DIR = Path(__file__).parent.parent / "data" / "openapi"
CONTROLLERS = (numbers, routes, messages, e911s, cnams, cdrs, porting)

# Operations documented outside the OpenAPI files (method, path with {} for parameters).
ELSEWHERE = {
    ("PATCH", "/v2/numbers/{}"): "v3 SDK set_did_alias; API docs: enable CNAM lookups",
    ("GET", "/v2/routes/edge_strategies"): "v3 SDK routes controller and its demo",
    ("GET", "/v2/e911s/{}"): "v3 SDK README: get_e911",
    # The older file declares these two on /v2/e911 with an e911_id path
    # parameter that its path lacks.
    ("PATCH", "/v2/e911s/{}"): "API docs: update and validate an E911 address",
    ("DELETE", "/v2/e911s/{}"): "API docs: remove an E911 address",
    ("PATCH", "/v2/numbers/{}/relationships/e911s/{}"): "API docs: assign an E911 address",
    ("DELETE", "/v2/numbers/{}/relationships/e911s"): "v3 SDK README: disconnect",
    ("GET", "/v2/e911s/{}/relationships/numbers"): "API docs: E911-associated numbers",
    ("GET", "/v2/cnams"): "API docs: list account CNAM records",
    ("GET", "/v2/cnams/{}"): "API docs: CNAM record details",
    ("POST", "/v2/cnams"): "API docs: create a new CNAM record",
    ("DELETE", "/v2/cnams/{}"): "v3 SDK README: remove_cnam",
    ("PATCH", "/v2/numbers/{}/relationships/cnam/{}"): "v3 SDK README: associate_cnam",
    ("DELETE", "/v2/numbers/{}/relationships/cnam"): "v3 SDK README: unassociate_cnam",
    ("POST", "/v2/cdrs/exports"): "API docs: query CDRs",
    ("GET", "/v2/cdrs/exports"): "API docs: list CDR export requests",
    ("GET", "/v2/cdrs/exports/{}"): "API docs: CDR export status",
    ("POST", "/v2/portorders/portability"): "API docs: check number portability",
}


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def _documented() -> set[tuple[str, str]]:
    operations = set()
    for spec in SPEC_DIR.glob("*.json"):
        for path, item in json.loads(spec.read_text(encoding="utf-8"))["paths"].items():
            # The older file spells the E911 paths /v2/e911; the service uses /v2/e911s.
            path = re.sub(r"^/v2/e911(?=/|$)", "/v2/e911s", path)
            operations |= {(method.upper(), _shape(path)) for method in item}
    return operations


def _client() -> set[tuple[str, str]]:
    rows = set()
    for module in CONTROLLERS:
        for endpoint in module._ENDPOINTS:
            rows.add((endpoint.method, _shape(endpoint.template)))
    return rows


def test_every_endpoint_row_is_documented() -> None:
    undocumented = _client() - _documented() - set(ELSEWHERE)

    assert undocumented == set()


def test_every_row_documented_elsewhere_is_used_and_still_missing_from_the_files() -> None:
    assert set(ELSEWHERE) <= _client()
    assert set(ELSEWHERE).isdisjoint(_documented())
