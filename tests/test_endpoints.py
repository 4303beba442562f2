"""Every endpoint that is not idempotent says what a lost answer may mean.

`OutcomeUnknownError` quotes `Endpoint.outcome`; a purchase, send or create
without one would tell the caller nothing useful. A POST that changes
nothing is marked `safe` instead, and retried like a GET.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
import requests
import responses

import flowroute
import flowroute.v1
import flowroute.v2
from flowroute._resource import Endpoint


def _endpoints() -> Iterator[tuple[str, Endpoint]]:
    for package in (flowroute.v1, flowroute.v2):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, Endpoint):
                    yield f"{module.__name__}.{name}", value


ENDPOINTS = sorted(_endpoints(), key=lambda pair: pair[0])


def test_the_table_is_found() -> None:
    assert any(e.buys for _, e in ENDPOINTS) and any(e.method == "POST" for _, e in ENDPOINTS)


@pytest.mark.parametrize(("name", "endpoint"), ENDPOINTS, ids=[n for n, _ in ENDPOINTS])
def test_a_call_that_is_not_idempotent_names_its_possible_outcome(
    name: str, endpoint: Endpoint
) -> None:
    if endpoint.idempotent:
        assert endpoint.outcome is None, f"{name}: an idempotent call never has an unknown outcome"
    else:
        assert endpoint.outcome and "may have been" in endpoint.outcome, name
        assert "before retrying" in endpoint.outcome, name


def test_a_safe_post_is_retried_after_a_lost_answer() -> None:
    delays: list[float] = []
    policy = flowroute.RetryPolicy(sleep=delays.append)
    client = flowroute.Client("access-key-1234", "secret-key-5678", retry_policy=policy)
    url = "https://api.flowroute.com/v2/portorders/portability"
    with responses.RequestsMock() as rsps:
        rsps.post(url, body=requests.ReadTimeout("lost"))
        rsps.post(url, json={"data": {"portable": ["+12065550100"], "nonportable": []}})
        assert client.v2.porting.check_portability(["12065550100"]).portable == ("+12065550100",)
        assert len(rsps.calls) == 2
    assert len(delays) == 1
