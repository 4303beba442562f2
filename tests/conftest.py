"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's real credentials or base URL."""
    for name in list(os.environ):
        if name.startswith(("FR_", "FLOWROUTE_")):
            monkeypatch.delenv(name)
