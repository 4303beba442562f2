"""pytest fixtures for testing code that calls Flowroute, against the emulator.

Installed with flowroute (through the ``pytest11`` entry point), so any
test can ask for them:

- ``flowroute_emulator``: a fresh `Emulator` (seed 0) for the test, served
  over HTTP on loopback while the test runs;
- ``flowroute_emulator_url``: the base URL it is served at;
- ``flowroute_client``: a `flowroute.Client` bound to it, whose retries do
  not really sleep (faults you inject are retried at once);
- ``flowroute_retry_delays``: the seconds that client's retries would have
  slept, in order, to assert on;
- ``flowroute_callback_receiver``: a stand-in app on loopback that records
  what the emulator POSTs to it (inbound messages, delivery receipts)::

      def test_receipt(flowroute_client, flowroute_callback_receiver):
          messages = flowroute_client.v2.messages
          messages.set_callback("dlr", flowroute_callback_receiver.url + "/dlr")
          messages.send_a_message(to="12065550123", from_=number, body="hi")
          receipts = flowroute_callback_receiver.wait_for(3)

The emulator is served on a real socket rather than through `responses`,
so any HTTP client works, the code under test runs exactly as in
production, and `responses` need not be installed (it is never imported
here). ``flowroute_emulator`` alone is not served: use it with
``emu.mock()`` or ``emu.serve()`` yourself, or ask for one of the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from flowroute import Client
    from flowroute.emulator import CallbackReceiver, Emulator

__all__ = [
    "flowroute_callback_receiver",
    "flowroute_client",
    "flowroute_emulator",
    "flowroute_emulator_url",
    "flowroute_retry_delays",
]


@pytest.fixture
def flowroute_emulator() -> Emulator:
    """A fresh emulator (seed 0) for one test: its own state, log and faults."""
    from flowroute.emulator import Emulator

    return Emulator(seed=0)


@pytest.fixture
def flowroute_emulator_url(flowroute_emulator: Emulator) -> Iterator[str]:
    """The base URL of `flowroute_emulator`, served on 127.0.0.1 for the test."""
    with flowroute_emulator.serve() as url:
        yield url


@pytest.fixture
def flowroute_retry_delays() -> list[float]:
    """The seconds `flowroute_client`'s retries would have slept, in order (none slept)."""
    return []


@pytest.fixture
def flowroute_client(
    flowroute_emulator: Emulator, flowroute_emulator_url: str, flowroute_retry_delays: list[float]
) -> Iterator[Client]:
    """A `flowroute.Client` with the emulator's keys and URL, closed after the test.

    Its retries wait no real time: each delay is recorded in
    `flowroute_retry_delays` instead, so injected faults cost a test nothing.
    """
    from flowroute import Client, RetryPolicy

    keys = (flowroute_emulator.access_key, flowroute_emulator.secret_key)
    policy = RetryPolicy(sleep=flowroute_retry_delays.append)
    with Client(*keys, base_url=flowroute_emulator_url, retry_policy=policy) as client:
        yield client


@pytest.fixture
def flowroute_callback_receiver() -> Iterator[CallbackReceiver]:
    """A loopback HTTP server recording each callback POSTed to it (``.received``).

    ``.url`` is where to point callback URLs; ``.wait_for(n)`` waits for n requests.
    """
    from flowroute.emulator import CallbackReceiver

    with CallbackReceiver() as receiver:
        yield receiver
