"""A Client bound to an emulator through either front door, for tests that run both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import flowroute
from flowroute.emulator import Emulator

DOORS = ("serve", "mock")


def client_through(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[flowroute.Client]:
    """Yield a non-retrying Client on `emu`, through the door named by ``request.param``."""
    door = emu.serve() if request.param == "serve" else emu.mock()
    keys = (emu.access_key, emu.secret_key)
    with door as url, flowroute.Client(*keys, base_url=url, max_retries=0) as made:
        yield made
