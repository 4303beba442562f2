"""Fixtures for the emulator tests: every behaviour runs through both front doors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

import pytest
import requests

from flowroute.emulator import Emulator

START = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Api:
    """A `requests.Session` with the emulator's credentials, rooted at one front door."""

    def __init__(self, url: str, session: requests.Session, door: str) -> None:
        self.url = url
        self.session = session
        self.door = door

    def get(self, path: str, params: Optional[dict[str, Any]] = None) -> requests.Response:
        return self.session.get(self.url + path, params=params)

    def post(self, path: str, json: Any = None) -> requests.Response:
        return self.session.post(self.url + path, json=json)

    def patch(self, path: str, json: Any = None) -> requests.Response:
        return self.session.patch(self.url + path, json=json)

    def delete(self, path: str) -> requests.Response:
        return self.session.delete(self.url + path)

    def first_available(self, **filters: Any) -> str:
        found = self.get("/v2/numbers/available", {"limit": 1, **filters})
        assert found.status_code == 200, found.text
        return str(found.json()["data"][0]["id"])

    def buy(self, **filters: Any) -> str:
        number = self.first_available(**filters)
        bought = self.post(f"/v2/numbers/{number}")
        assert bought.status_code == 201, bought.text
        return number

    def create_route(
        self, alias: str, route_type: str = "host", value: str = "sip.example.com"
    ) -> requests.Response:
        body = {
            "data": {
                "type": "route",
                "attributes": {"route_type": route_type, "value": value, "alias": alias},
            }
        }
        return self.post("/v2/routes", body)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def emulator(clock: FakeClock) -> Emulator:
    return Emulator(seed=0, clock=clock)


@pytest.fixture(params=["serve", "mock"])
def api(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[Api]:
    door = emulator.serve() if request.param == "serve" else emulator.mock()
    with door as url, requests.Session() as session:
        session.auth = (emulator.access_key, emulator.secret_key)
        yield Api(url, session, request.param)
