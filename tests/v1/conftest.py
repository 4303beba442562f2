"""Fixtures of the v1 tests: a Client, and `responses` mocks that check each request exactly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

import flowroute

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
def rsps() -> Iterator[responses.RequestsMock]:
    """A `responses` mock that fails the test if an expected request never came."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
