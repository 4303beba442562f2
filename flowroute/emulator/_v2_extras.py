"""Smaller v2 endpoints: edge strategies (and, next to them, number portability)."""

from __future__ import annotations

from . import _v2_parse as parse
from ._dispatch import Call, Endpoint, Reply
from ._edge import EDGE_STRATEGIES

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


ENDPOINTS = (Endpoint("GET", "/v2/routes/edge_strategies", list_edge_strategies),)
