"""The edge strategies a route may name: where the service's edge sends calls from.

A fixed table (the service's own list is a handful of regions). Route
creation accepts an ``edge_strategy`` only if it names one of these ids.
The addresses are from the documentation ranges (RFC 5737), not real ones.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs

from .errors import Invalid

__all__ = ["EDGE_STRATEGIES", "EdgeStrategy", "check_edge_strategy"]


@attrs.frozen(kw_only=True)
class EdgeStrategy:
    """One point of presence calls to a route may leave from.

    Attributes:
        id: the integer id a route names.
        name: short region name.
        description: what it does.
        naptr: the DNS name of its NAPTR record.
        firewall_rules: address ranges to allow in a firewall.
    """

    id: int
    name: str
    description: str
    naptr: str
    firewall_rules: str


EDGE_STRATEGIES = (
    EdgeStrategy(
        id=1,
        name="US-West-OR",
        description="Calls leave from the Oregon edge first, other regions if it is down.",
        naptr="us-west-or.sip.emulator.invalid",
        firewall_rules="192.0.2.0/28, 192.0.2.0-192.0.2.15",
    ),
    EdgeStrategy(
        id=2,
        name="US-East-NJ",
        description="Calls leave from the New Jersey edge first, other regions if it is down.",
        naptr="us-east-nj.sip.emulator.invalid",
        firewall_rules="192.0.2.16/28, 192.0.2.16-192.0.2.31",
    ),
    EdgeStrategy(
        id=3,
        name="US-West-CA",
        description="Calls leave from the California edge first, other regions if it is down.",
        naptr="us-west-ca.sip.emulator.invalid",
        firewall_rules="198.51.100.0/28, 198.51.100.0-198.51.100.15",
    ),
    EdgeStrategy(
        id=4,
        name="US-East-VA",
        description="Calls leave from the Virginia edge first, other regions if it is down.",
        naptr="us-east-va.sip.emulator.invalid",
        firewall_rules="203.0.113.0/28, 203.0.113.0-203.0.113.15",
    ),
)


def check_edge_strategy(value: Any) -> Optional[str]:
    """A route's edge strategy id as text (``1`` and ``"1"`` alike), or None when absent.

    Raises:
        Invalid: not the id of one of `EDGE_STRATEGIES`.
    """
    if value is None:
        return None
    ids = [str(strategy.id) for strategy in EDGE_STRATEGIES]
    if isinstance(value, bool) or str(value) not in ids:
        allowed = ", ".join(ids)
        raise Invalid(f"edge_strategy must be one of {allowed}; got {value!r}", "edge_strategy")
    return str(value)
