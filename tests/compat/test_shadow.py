"""Shadow mode answers from v1, repeats reads on v2 and reports every undocumented difference."""

from __future__ import annotations

import logging

import pytest

from flowroute.compat import (
    FlowrouteDeprecationWarning,
    FlowrouteShadowWarning,
    PurchasablePhoneNumbersController,
)
from flowroute.compat._shadow import differences
from flowroute.emulator import Emulator, Fault

from .conftest import compat_warnings, sign_in

AREACODES = "/v2/numbers/available/areacodes"


def _shadow_warnings(caught: list) -> list[str]:
    assert {w.category for w in caught} <= {FlowrouteDeprecationWarning, FlowrouteShadowWarning}
    return [str(w.message) for w in caught if w.category is FlowrouteShadowWarning]


def test_an_injected_difference_is_warned_and_logged_and_v1_answers(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    sign_in(emulator, "shadow")
    other = {
        "data": [
            {"type": "areacode", "id": "201", "links": {}},
            {"type": "areacode", "id": "999", "links": {}},
        ],
        "links": {},
    }
    emulator.inject(Fault.status(200, body=other), method="GET", path=AREACODES, times=1)
    with emulator.mock(), compat_warnings() as caught, caplog.at_level(logging.WARNING):
        answer = PurchasablePhoneNumbersController.list_available_np_as(2)
    assert list(answer["npas"]) == ["201", "206"]  # v1's answer
    reported = _shadow_warnings(caught)
    assert reported == [
        "shadow PurchasablePhoneNumbersController.list_available_np_as: "
        "$.links.next: only v1 has it ('/v1/available-tns/npas/?limit=2&page=2')",
        "shadow PurchasablePhoneNumbersController.list_available_np_as: "
        "$.npas.206: only v1 has it ({'nxxs': '/v1/available-tns/npanxxs/?npa=206', "
        "'tns': '/v1/available-tns/tns/?npa=206'})",
        "shadow PurchasablePhoneNumbersController.list_available_np_as: "
        "$.npas.999: only v2 has it ({'nxxs': '/v1/available-tns/npanxxs/?npa=999', "
        "'tns': '/v1/available-tns/tns/?npa=999'})",
    ]
    records = [r for r in caplog.records if r.name == "flowroute" and "shadow" in r.getMessage()]
    assert len(records) == 3 and all(r.levelno == logging.WARNING for r in records)
    assert [r.path for r in emulator.requests] == ["/v1/available-tns/npas/", AREACODES]


def test_a_failing_v2_read_is_reported_not_raised(emulator: Emulator) -> None:
    sign_in(emulator, "shadow")
    emulator.inject(Fault.status(500), method="GET", path=AREACODES, times=1)
    with emulator.mock(), compat_warnings() as caught:
        answer = PurchasablePhoneNumbersController.list_available_np_as(2)
    assert list(answer["npas"]) == ["201", "206"]
    (reported,) = _shadow_warnings(caught)
    assert "v2 failed where v1 answered: 500" in reported


def test_agreeing_answers_report_nothing(emulator: Emulator) -> None:
    sign_in(emulator, "shadow")
    with emulator.mock(), compat_warnings() as caught:
        PurchasablePhoneNumbersController.search(3, 206)
    assert _shadow_warnings(caught) == []  # billing_methods differ, as documented


@pytest.mark.parametrize(
    ("v1", "v2", "documented", "expected"),
    [
        ({"a": 1}, {"a": 1}, (), []),
        ({"a": 1}, {"a": 2}, (), ["$.a: v1 1, v2 2"]),
        ({"a": [1, 2]}, {"a": [1, 3]}, (), ["$.a[1]: v1 2, v2 3"]),
        ({"a": [1, 2]}, {"a": [1]}, (), ["$.a: v1 [1, 2], v2 [1]"]),
        ({"t": {"1": {"b": "X"}}}, {"t": {"1": {"b": "Y"}}}, ("$.t.*.b",), []),
        ({"links": {"next": "/p?b=2&a=1"}}, {"links": {"next": "/p?a=1&b=2"}}, (), []),
        (
            {"links": {"next": "/p?a=1"}},
            {"links": {"next": "/p?a=2"}},
            (),
            ["$.links.next: v1 '/p?a=1', v2 '/p?a=2'"],
        ),
        ({}, {"x": None}, (), ["$.x: only v2 has it (None)"]),
    ],
)
def test_differences(
    v1: object, v2: object, documented: tuple[str, ...], expected: list[str]
) -> None:
    assert differences(v1, v2, documented) == expected
