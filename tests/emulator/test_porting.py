"""POST /v2/portorders/portability: numbers sorted by the emulator's documented rules."""

from __future__ import annotations

from typing import Any

import pytest

from flowroute.emulator import Emulator

from .conftest import Api


def test_each_rule(api: Api, emulator: Emulator) -> None:
    owned = api.buy()
    offered = api.first_available()
    covered = emulator.state.area_codes()[0]
    assert "555" not in covered
    numbers = [
        f"+1{covered}2081174",  # local, in an area the inventory covers
        "+13072081174",  # local elsewhere (Wyoming has no inventory here)
        "+18002255277",  # toll-free
        "+12125551212",  # exchange 555: fictional
        "+10125550100",  # area code starting with 0
        "+442079460000",  # not North American
        f"+{owned}",  # already on this account
        offered,  # in the service's own inventory, without "+"
    ]
    checked = api.post("/v2/portorders/portability", {"numbers": numbers})
    assert checked.status_code == 200, checked.text
    assert checked.json() == {
        "data": {
            "hypernetwork_enabled": numbers[:1],
            "nonportable": numbers[3:],
            "portable": numbers[:3],
        }
    }


def test_the_v3_sdk_sends_a_form(api: Api) -> None:
    form = api.session.post(
        f"{api.url}/v2/portorders/portability", data={"numbers": ["14254664444", "18827833439"]}
    )
    assert form.status_code == 200, form.text
    assert form.json()["data"]["portable"] == ["14254664444", "18827833439"]
    one = api.session.post(f"{api.url}/v2/portorders/portability", data={"numbers": "13072081174"})
    assert one.json()["data"]["portable"] == ["13072081174"]


@pytest.mark.parametrize(
    "body", [{}, {"numbers": []}, {"numbers": "+13072081174"}, {"numbers": ["call me"]}]
)
def test_bad_requests_are_422(api: Api, body: Any) -> None:
    refused = api.post("/v2/portorders/portability", body)
    assert refused.status_code == 422
    assert "numbers" in refused.json()["errors"][0]["detail"]
