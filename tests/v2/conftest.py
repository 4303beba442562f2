"""Fixtures of the v2 tests: a Client, and a `responses` mock that checks each request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

import flowroute
from flowroute.v2 import V2

from .expect import ACCESS_KEY, BASE_URL, SECRET_KEY


@pytest.fixture
def client() -> Iterator[flowroute.Client]:
    """A Client with test credentials that never retries."""
    with flowroute.Client(
        ACCESS_KEY,
        SECRET_KEY,
        base_url=BASE_URL,
        retry_policy=flowroute.RetryPolicy(max_retries=0),
    ) as made:
        yield made


@pytest.fixture
def v2(client: flowroute.Client) -> V2:
    """The v2 namespace of `client`."""
    return client.v2


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    """A `responses` mock that fails the test if an expected request never came."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture
def quiet() -> Iterator[responses.RequestsMock]:
    """A `responses` mock with nothing registered: any request sent is recorded and fails."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock
