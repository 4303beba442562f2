"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from flowroute import _json

# Property tests check what is sent or refused, never how fast: hypothesis'
# default 200 ms deadline and its too-slow health check are timing assertions,
# and failed a CI-like run whose first example paid the lazy imports (272 ms
# on a loaded machine, 0.8 ms when replayed).
settings.register_profile("flowroute", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("flowroute")

# `make test-min` installs orjson at its floor but sets this: there every body is
# read by the standard library's decoder, the fallback of users without the `fast`
# extra, while tests/test_json.py runs both decoders on both stacks.
if os.environ.get("FLOWROUTE_TEST_JSON") == "stdlib":
    _json._fast = None


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's real credentials or base URL."""
    for name in list(os.environ):
        if name.startswith(("FR_", "FLOWROUTE_")):
            monkeypatch.delenv(name)
