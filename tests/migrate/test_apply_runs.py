"""The rewritten corpus behaves as the original: same results, same state on the emulator.

Each corpus module runs once as written (its legacy calls on the compat
layer) and once as `flowroute migrate apply` rewrote it
(tests/migrate/expected/apply/), each against a fresh emulator of the same
seed. What the module returned, and what the account holds afterwards
(numbers and their routes, routes, messages sent), must be equal.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import pytest

import flowroute
from flowroute._constants import DEFAULT_BASE_URL
from flowroute.compat import FlowrouteDeprecationWarning, FlowrouteTranslationWarning, reset
from flowroute.emulator import Emulator

from .conftest import CORPUS

REWRITTEN = Path(__file__).parent / "expected" / "apply"
TO = "12065550123"


def _owned_number(client: flowroute.Client) -> str:
    """Buy a number before the module runs, as the app's account would have one."""
    found = client.v2.numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=1)
    return client.v2.numbers.purchase_a_phone_number(found.items[0].id).id


def _provisioning(module: ModuleType, client: flowroute.Client, keys: tuple[str, str]) -> Any:
    number = _owned_number(client)
    provisioner = module.Provisioner(*keys)
    return provisioner.owned(), provisioner.point_at_pbx(number, "pbx.example.com:5060")


def _sms_proxy(module: ModuleType, client: flowroute.Client, keys: tuple[str, str]) -> Any:
    number = _owned_number(client)
    module.configure(*keys)
    return module.relay(number, TO, "hello")


def _v3_inventory(module: ModuleType, client: flowroute.Client, keys: tuple[str, str]) -> Any:
    number = _owned_number(client)
    return module.inventory(*keys), module.notify(*keys, number, TO)


def _numbers_batch(module: ModuleType, client: flowroute.Client, keys: tuple[str, str]) -> Any:
    found = client.v2.numbers.search_for_purchasable_phone_numbers(starts_with=1312, limit=2)
    return module.main([n.id for n in found.items], [TO, "12065550124"])


def _local_smoke(module: ModuleType, client: flowroute.Client, keys: tuple[str, str]) -> Any:
    found = client.v2.numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=1)
    return module.smoke(found.items[0].id, TO)


SCENARIOS: dict[str, Callable[[ModuleType, flowroute.Client, tuple[str, str]], Any]] = {
    "numbers_tour.py": lambda module, client, keys: module.main(),
    "provisioning.py": _provisioning,
    "sms_proxy.py": _sms_proxy,
    "v3_inventory.py": _v3_inventory,
    "v3_demo.py": lambda module, client, keys: module.main(),
    "numbers_batch.py": _numbers_batch,
    "local_smoke.py": _local_smoke,
}

SERVERS = {"local_smoke.py": "http://localhost:8080"}
"""Where a module points the legacy libraries (``BASE_URI``), when not at production.

The emulator answers there and only there: a request the module sent anywhere
else (production) would fail, since the mock refuses every other URL."""


def _observe(client: flowroute.Client) -> dict[str, Any]:
    """The account's state, read through v2: what any code could see afterwards."""
    numbers = []
    for number in client.v2.numbers.list_account_phone_numbers(limit=50):
        detail = client.v2.numbers.list_phone_number_details(number.id)
        numbers.append((detail.id, detail.primary_route_id, detail.failover_route_id))
    listed = client.v2.routes.list_inbound_routes()
    routes = [(r.id, r.alias, r.route_type, r.value) for r in listed]
    messages = client.v2.messages.look_up_a_set_of_messages(start_date="2000-01-01", limit=50)
    sent = sorted((m.to, m.from_, m.body) for m in messages)
    return {"numbers": numbers, "routes": routes, "messages": sent}


def _run(path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, dict[str, Any]]:
    reset()
    emulator = Emulator(seed=0)
    keys = (emulator.access_key, emulator.secret_key)
    monkeypatch.setenv("FR_ACCESS_KEY", keys[0])
    monkeypatch.setenv("FR_SECRET_KEY", keys[1])
    monkeypatch.delenv("FLOWROUTE_BASE_URL", raising=False)  # only the module says where
    server = SERVERS.get(path.name, DEFAULT_BASE_URL)
    try:
        with emulator.mock(server), flowroute.Client(*keys, base_url=server) as client:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
                warnings.simplefilter("ignore", FlowrouteTranslationWarning)
                module = _load(path, name)
                arranged = len(emulator.requests)
                try:
                    result = SCENARIOS[path.name](module, client, keys)
                finally:
                    for made in vars(module).values():  # the client the rewrite added
                        if isinstance(made, flowroute.Client):
                            made.close()
            sent = [(r.method, r.path) for r in emulator.requests[arranged:]]
            return result, {**_observe(client), "sent": sent}
    finally:
        reset()


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_rewritten_module_behaves_as_the_original(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _run(CORPUS / name, "corpus_before", monkeypatch)
    after = _run(REWRITTEN / name, "corpus_after", monkeypatch)
    assert after == before
    assert before[0]  # the module answered something to compare


def test_every_corpus_module_that_uses_a_legacy_library_runs() -> None:
    legacy = {p.name for p in CORPUS.glob("*.py")} - {"clean.py"}
    assert legacy == set(SCENARIOS)
