"""Every Python example of README.md runs as written."""

from __future__ import annotations

import contextlib
import io
import pathlib
import re
from typing import Any

import pytest

import flowroute
from flowroute.emulator import Emulator

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("source", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_example_runs(source: str) -> None:
    namespace: dict[str, Any] = {"__name__": "readme"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(source, str(README), "exec"), namespace)
    # An example written as a pytest test runs with the plugin's fixtures.
    tests = [f for name, f in namespace.items() if name.startswith("test_") and callable(f)]
    for test in tests:
        emulator = Emulator(seed=0)
        with emulator.serve() as url, flowroute.Client(*keys(emulator), base_url=url) as client:
            test(flowroute_client=client, flowroute_emulator=emulator)
        assert emulator.requests, f"{test.__name__} sent nothing"


def keys(emulator: Emulator) -> tuple[str, str]:
    return emulator.access_key, emulator.secret_key
