"""The compat layer's shared state is safe from threads, and its Client cache is bounded."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator

import pytest

from flowroute import Client
from flowroute.compat import (
    BillingMethod,
    Configuration,
    TelephoneNumbersController,
    configuration,
    migration_report,
    reset,
)
from flowroute.emulator import Emulator

from .conftest import sign_in


@pytest.fixture
def closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Client]]:
    """The Clients closed during the test, in order."""
    found: list[Client] = []
    original = Client.close

    def close(self: Client) -> None:
        found.append(self)
        original(self)

    monkeypatch.setattr(Client, "close", close)
    yield found


def _client_for(username: str) -> Client:
    Configuration.username, Configuration.password = username, "secret"
    return configuration.client()


def test_the_client_cache_keeps_the_most_recent_and_closes_the_rest(closed: list[Client]) -> None:
    limit = configuration.MAX_CLIENTS
    made = [_client_for(f"key-{i}") for i in range(limit)]
    assert _client_for("key-0") is made[0]  # used again: now the most recent
    newer = _client_for("key-new")
    assert closed == [made[1]]  # the least recently used went, closed
    assert len(Configuration._clients) == limit
    assert _client_for("key-0") is made[0] and _client_for("key-new") is newer
    assert _client_for("key-1") is not made[1]  # built again when needed


def test_reset_while_other_threads_build_clients_never_fails(closed: list[Client]) -> None:
    failures: list[BaseException] = []
    stop = threading.Event()

    def build(worker: int) -> None:
        try:
            for i in range(300):
                _client_for(f"key-{worker}-{i % 20}")
        except BaseException as exc:  # the test reports any failure
            failures.append(exc)
        finally:
            stop.set()

    workers = [threading.Thread(target=build, args=(n,)) for n in range(3)]
    for thread in workers:
        thread.start()
    resets = 0
    while not stop.is_set() or resets < 50:
        reset()
        resets += 1
    for thread in workers:
        thread.join()
    reset()
    assert failures == []
    assert Configuration._clients == {}
    assert len(Configuration._clients) <= configuration.MAX_CLIENTS


def test_every_loss_is_recorded_once_from_many_threads(emulator: Emulator) -> None:
    sign_in(emulator, "v2")
    state = emulator.state
    offers = [n.number for n in state.search_available(starts_with="1206")[:8]]
    failures: list[BaseException] = []

    def buy(number: str) -> None:
        try:
            TelephoneNumbersController.purchase(BillingMethod(billing_method="VPRI"), number)
        except BaseException as exc:  # the test reports any failure
            failures.append(exc)

    # Filters set once, here: catch_warnings in each thread would race on them.
    with emulator.mock(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        threads = [threading.Thread(target=buy, args=(number,)) for number in offers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    report = migration_report()
    assert sorted(entry["arguments"]["number"] for entry in report) == sorted(offers)
    assert Configuration._warned_losses == {"TelephoneNumbersController.purchase"}
