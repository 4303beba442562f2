"""Fixtures of the reliability suite: valid response documents per call, a retry
policy that never sleeps, and the hypothesis profile.

The fuzz profile: ``FLOWROUTE_FUZZ_EXAMPLES`` examples per test (default
`DEFAULT_EXAMPLES`, so the fuzz tests stay well under a minute), derandomized
for reproducible CI runs unless more examples are asked for (``make fuzz``),
and never writing a `.hypothesis` database into the checkout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, settings

import flowroute
from flowroute.emulator import Emulator

from .calls import NUMBER, V1_CALLS, V2_CALLS

DEFAULT_EXAMPLES = 200
EXAMPLES = int(os.environ.get("FLOWROUTE_FUZZ_EXAMPLES") or DEFAULT_EXAMPLES)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= DEFAULT_EXAMPLES,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)


class Sleeps:
    """An injected `sleep` that records the delays asked for instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def policy(sleeps: Sleeps, max_retries: int = 2) -> flowroute.RetryPolicy:
    """The default retry policy, with sleep, clock and jitter injected (no waiting)."""
    return flowroute.RetryPolicy(
        max_retries=max_retries, sleep=sleeps, clock=lambda: 0.0, random=lambda: 0.5
    )


# v1 bodies as documented (the 2016 README adds `{}` and empty bodies).
V1_SAMPLES: dict[str, list[Any]] = {
    "list_available_np_as": [
        {
            "npas": {
                "201": {
                    "nxxs": "/v1/available-tns/npanxxs/?npa=201",
                    "tns": "/v1/available-tns/tns/?npa=201",
                }
            },
            "links": {"next": "/v1/available-tns/npas/?limit=1&page=2"},
        },
        {},
    ],
    "list_area_and_exchange": [
        {
            "npanxxs": {"206258": {"tns": "/v1/available-tns/tns/?npa=206&nxx=258"}},
            "links": {
                "prev": "/v1/available-tns/npanxxs/?npa=206&limit=1&page=1",
                "next": "/v1/available-tns/npanxxs/?npa=206&limit=1&page=3",
            },
        }
    ],
    "search": [
        {
            "tns": {
                "12067439178": {
                    "initial_cost": "1.00",
                    "monthly_cost": "1.25",
                    "state": "WA",
                    "ratecenter": "SEATTLE",
                    "billing_methods": ["VPRI", "METERED"],
                }
            },
            "links": {"next": "/v1/available-tns/tns/?npa=206&limit=1&page=2"},
        }
    ],
    "purchase": [None, {}],
    "list_account_telephone_numbers": [
        {
            "tns": {
                NUMBER: {
                    "billing_method": "METERED",
                    "detail": f"/v1/tns/{NUMBER}",
                    "routes": [{"type": "SIP-REG", "name": "sip-reg", "value": "sip-reg"}],
                }
            },
            "links": {"next": "/v1/tns/?limit=1&page=2"},
        }
    ],
    "telephone_number_details": [
        {
            "routes": [
                {"type": "HOST", "name": "office", "value": "24.239.23.40:5060"},
                {"type": "SIP-REG", "name": "sip-reg"},
            ],
            "billing_method": "METERED",
        }
    ],
    "update": [None, {}],
    "create_new_route": [None, {}],
    "list": [
        {
            "routes": {
                "office": {"type": "HOST", "value": "24.239.23.40:5060"},
                "sip-reg": {"type": "SIP-REG", "value": "sip-reg"},
            },
            "links": {"next": "/v1/routes/?limit=2&page=2"},
        }
    ],
}


def _v2_samples() -> dict[str, list[Any]]:
    """Each v2 call's response document as the emulator answers it."""
    emu = Emulator(seed=0)
    found: dict[str, list[Any]] = {}
    with (
        emu.mock() as url,
        flowroute.Client(emu.access_key, emu.secret_key, base_url=url) as client,
    ):
        offer = client.v2.numbers.search_for_purchasable_phone_numbers(limit=1).items[0].id
        arguments: dict[str, Callable[[], dict[str, Any]]] = {
            "purchase_a_phone_number": lambda: {"id": offer},
            "list_phone_number_details": lambda: {"id": offer},
            "release_a_phone_number": lambda: {"id": offer},
            "update_primary_voice_route": lambda: {"number_id": offer, "route": "10001"},
            "update_failover_voice_route": lambda: {"number_id": offer, "route": "0"},
            "send_a_message": lambda: {"body": {"to": NUMBER, "from": offer, "body": "hi"}},
            "look_up_a_set_of_messages": lambda: {"start_date": "2000-01-01", "limit": 1},
            "look_up_a_message_detail_record": lambda: {
                "id": found["send_a_message"][0]["data"]["id"]
            },
        }
        # In table order (buy, then route, then message), releasing the number last.
        for call in sorted(V2_CALLS, key=lambda c: c.method == "release_a_phone_number"):
            kwargs = arguments[call.method]() if call.method in arguments else dict(call.kwargs)
            call.bind(client)(**kwargs)
            found[call.method] = [emu.requests[-1].response]
    return found


@pytest.fixture(scope="session")
def samples() -> dict[str, list[Any]]:
    """call name -> valid response documents (None: an empty body)."""
    v2 = _v2_samples()
    table = {c.name: v2[c.method] for c in V2_CALLS}
    table.update({c.name: V1_SAMPLES[c.method] for c in V1_CALLS})
    return table


@pytest.fixture
def sleeps() -> Sleeps:
    """The recorder of retry delays."""
    return Sleeps()


@pytest.fixture
def emulator() -> Emulator:
    """A fresh emulator, seed 0."""
    return Emulator(seed=0)


@pytest.fixture
def served(emulator: Emulator, sleeps: Sleeps) -> Iterator[flowroute.Client]:
    """A Client on the emulator's loopback server, retrying without sleeping."""
    with (
        emulator.serve() as url,
        flowroute.Client(
            emulator.access_key, emulator.secret_key, base_url=url, retry_policy=policy(sleeps)
        ) as client,
    ):
        yield client
