"""Shared by the v3 SDK tests: exact-answer checks (the ``sdk`` fixture is in conftest)."""

from __future__ import annotations

from typing import Any

from flowroute.emulator import Emulator


def answered(emulator: Emulator, result: Any) -> Any:
    """`result` after checking it is exactly the last document the API answered."""
    expected = emulator.requests[-1].response
    assert result == ("" if expected is None else expected)
    return result


def last_request(emulator: Emulator) -> tuple[str, str, dict[str, list[str]], Any]:
    """Method, path, query and body of the last request the emulator received."""
    sent = emulator.requests[-1]
    return sent.method, sent.path, sent.query, sent.body


def own_numbers(emulator: Emulator, count: int) -> list[str]:
    """Buy `count` Seattle numbers, as an account that has some."""
    found = emulator.state.search_available(starts_with="1206")[:count]
    return [emulator.state.purchase(n.number).number for n in found]
