"""What importing flowroute and a first v2 call load, and what they must not.

Issue 11 holds ``import flowroute`` + a ``Client`` + the first v2 numbers
call to 30 ms of CPU over ``import requests`` (measured by
``benchmarks/bench_calls.py --import-only``). Tests never time anything:
they run a fresh interpreter and check which modules it loaded, so a heavy
import slipping onto that path fails here rather than in a benchmark.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

import flowroute.v2
from flowroute.emulator import Emulator
from flowroute.v2 import models

# Never needed to import flowroute, make a Client and list numbers on v2.
_NOT_ON_THE_FIRST_CALL = (
    "cattrs",
    "orjson",  # imported with the first large body (flowroute._json)
    "decimal",
    "csv",
    "gzip",
    "email",
    "uuid",
    "dataclasses",
    "responses",
    "flowroute.cli",
    "flowroute.compat",
    "flowroute.emulator",
    "flowroute.migrate",
    "flowroute.webhooks",
    "flowroute.v1",
    "flowroute.v2.messages",
    "flowroute.v2.routes",
    "flowroute.v2._inventory_models",
    "flowroute.v2._message_models",
    "flowroute.v2._request_models",
    "flowroute.v2._service_models",
)

# Not even requests or attrs: code that only catches flowroute errors.
_NOT_ON_IMPORT = ("requests", "attrs", "attr", "flowroute._client", "flowroute.v2")


def _loaded_by(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(ran.stdout.splitlines()[-1]))


def _heavy(loaded: set[str], names: tuple[str, ...]) -> list[str]:
    # What the interpreter loads anyway (site, an editable install's finder) is not ours.
    extra = loaded - _loaded_by("import requests")
    return sorted(m for m in extra if any(m == n or m.startswith(n + ".") for n in names))


def test_import_flowroute_loads_neither_requests_nor_attrs() -> None:
    loaded = _loaded_by("import flowroute")
    assert "flowroute" in loaded
    assert [m for m in _NOT_ON_IMPORT if m in loaded] == []


def test_the_first_v2_numbers_call_loads_only_what_it_needs() -> None:
    emulator = Emulator(seed=0)
    emulator.seed_numbers(2)
    with emulator.serve() as url:
        loaded = _loaded_by(
            "import flowroute\n"
            f"client = flowroute.Client({emulator.access_key!r}, {emulator.secret_key!r}, "
            f"base_url={url!r})\n"
            "page = client.v2.numbers.list_account_phone_numbers(limit=1)\n"
            "assert type(page.items[0]).__name__ == 'Number', page.items\n"
        )
    assert "flowroute.v2._number_models" in loaded  # the call did run
    assert _heavy(loaded, _NOT_ON_THE_FIRST_CALL) == []


def test_every_model_name_has_one_home_that_defines_it() -> None:
    homes = {models._HOMES[name] for name in models.__all__}
    exported = set()
    for home in homes:
        module = importlib.import_module(home, "flowroute.v2")
        exported |= set(module.__all__)
    assert sorted(models._HOMES) == sorted(models.__all__) == sorted(exported)


@pytest.mark.parametrize("name", models.__all__)
def test_every_model_is_reached_by_its_public_names(name: str) -> None:
    value = getattr(models, name)
    assert getattr(flowroute.v2, name) is value
    namespace: dict[str, object] = {}
    exec(f"from flowroute.v2.models import {name}", namespace)
    assert namespace[name] is value
    assert name in dir(models)


def test_an_unknown_model_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Numbr"):
        models.Numbr  # noqa: B018 (the access is the test)
    with pytest.raises(ImportError):
        exec("from flowroute.v2.models import Numbr", {})


@pytest.mark.parametrize(
    "name", [n for n in models.__all__ if models._HOMES[n] != "._service_models"]
)
def test_model_annotations_are_evaluated_when_the_class_is_made(name: str) -> None:
    # String annotations (from __future__ import annotations) would be compiled
    # one by one when a model is first read: about 0.1 ms a field.
    annotations = vars(getattr(models, name)).get("__annotations__", {})
    assert [a for a in annotations.values() if isinstance(a, str)] == []
