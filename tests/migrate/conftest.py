"""Fixtures of the migrate tests: corpus modules loaded from their files, run on an emulator."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest

from flowroute.compat import FlowrouteDeprecationWarning, FlowrouteTranslationWarning, reset
from flowroute.emulator import Emulator

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """An in-process emulator whose keys are in $FR_ACCESS_KEY / $FR_SECRET_KEY."""
    reset()
    emulator = Emulator(seed=0)
    monkeypatch.setenv("FR_ACCESS_KEY", emulator.access_key)
    monkeypatch.setenv("FR_SECRET_KEY", emulator.secret_key)
    with emulator.mock(), warnings.catch_warnings():
        # The legacy calls' warnings are the compat tests' subject, not these.
        warnings.simplefilter("ignore", FlowrouteDeprecationWarning)
        warnings.simplefilter("ignore", FlowrouteTranslationWarning)
        yield emulator
    reset()


@pytest.fixture
def load() -> Callable[[Path], ModuleType]:
    """Import a module from a file under a name of its own (corpus files are no package)."""

    def load(path: Path) -> ModuleType:
        spec = importlib.util.spec_from_file_location(f"corpus_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
