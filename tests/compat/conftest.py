"""Fixtures of the compat tests: a clean legacy Configuration, an emulator, a backend.

`Configuration` is the compat layer's one global; `reset_configuration`
restores it around every test so no setting, cached Client, warned call site
or recorded loss leaks from one test into another.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from flowroute.compat import Configuration, FlowrouteDeprecationWarning, reset
from flowroute.compat.messaging import LEGACY_BASE_URI, MessagingConfiguration
from flowroute.emulator import Emulator
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)

BACKENDS = ("v1", "v2", "shadow")


@pytest.fixture(autouse=True)
def reset_configuration() -> Iterator[None]:
    """Every test starts and ends with the legacy settings at their defaults."""
    reset()
    MessagingConfiguration.BASE_URI = LEGACY_BASE_URI
    yield
    reset()
    MessagingConfiguration.BASE_URI = LEGACY_BASE_URI


@pytest.fixture
def emulator() -> Emulator:
    """A fresh emulator on the real clock: it checks v1 signatures' timestamps against it."""
    return Emulator(seed=0)


@pytest.fixture
def sdk(emulator: Emulator) -> Iterator[FlowroutenumbersandmessagingClient]:
    """The v3 SDK's client signed in to `emulator` (in-process); deprecations not under test."""
    with emulator.mock(), warnings.catch_warnings():
        warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
        yield FlowroutenumbersandmessagingClient(emulator.access_key, emulator.secret_key)


def sign_in(emulator: Emulator, backend: str) -> None:
    """Point the legacy Configuration at `emulator`'s account on `backend`."""
    Configuration.username = emulator.access_key
    Configuration.password = emulator.secret_key
    Configuration.backend = backend


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[str]:
    """Each backend in turn, with the emulator answering in-process."""
    sign_in(emulator, request.param)
    with emulator.mock():
        yield request.param


@contextmanager
def compat_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Record every warning of the block; the test asserts on the list it gets."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def quietly(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Make a legacy call whose deprecation warning is not under test.

    The call may warn only with `FlowrouteDeprecationWarning` (or not at all,
    once its call site has warned); any other warning fails the test.
    """
    with compat_warnings() as caught:
        result = call(*args, **kwargs)
    unexpected = [w for w in caught if w.category is not FlowrouteDeprecationWarning]
    assert not unexpected, [str(w.message) for w in unexpected]
    return result
