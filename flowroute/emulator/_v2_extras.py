"""Smaller v2 endpoints: edge strategies and number portability."""

from __future__ import annotations

from . import _v2_parse as parse
from ._edge import EDGE_STRATEGIES
from ._porting import check_portability
from ._records import Call, Endpoint, Reply
from ._v2_common import fields

__all__ = ["ENDPOINTS"]


def list_edge_strategies(call: Call) -> Reply:
    """GET /v2/routes/edge_strategies"""
    parse.query(call, ())
    data = [
        {
            "attributes": {
                "description": strategy.description,
                "firewall_rules": strategy.firewall_rules,
                "name": strategy.name,
                "naptr": strategy.naptr,
            },
            "id": strategy.id,
            "type": "edge_strategy",
        }
        for strategy in EDGE_STRATEGIES
    ]
    return Reply(200, {"data": data})


def check_numbers(call: Call) -> Reply:
    """POST /v2/portorders/portability: ``{"numbers": [...]}``, as JSON or a form"""
    parse.query(call, ())
    answer = check_portability(call.state, fields(call, lists=("numbers",)).get("numbers"))
    groups = {
        "hypernetwork_enabled": answer.hypernetwork_enabled,
        "nonportable": answer.nonportable,
        "portable": answer.portable,
    }
    return Reply(200, {"data": groups})


ENDPOINTS = (
    Endpoint("GET", "/v2/routes/edge_strategies", list_edge_strategies),
    Endpoint("POST", "/v2/portorders/portability", check_numbers),
)
