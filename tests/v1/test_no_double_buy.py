"""v1 buys and creates with PUT, yet a lost response must not make the client send it again."""

from __future__ import annotations

import pytest
import requests
import responses

import flowroute
from flowroute.v1 import BillingMethod

from .expect import ACCESS_KEY, BASE_URL, SECRET_KEY


@pytest.mark.parametrize(
    ("method", "path", "call"),
    [
        (
            "PUT",
            "/v1/tns/12066417607",
            lambda c: c.v1.telephone_numbers.purchase(
                BillingMethod(billing_method="METERED"), "12066417607"
            ),
        ),
        (
            "PUT",
            "/v1/routes/office",
            lambda c: c.v1.inbound_routes.create_new_route("office", "HOST", "example.com"),
        ),
    ],
)
def test_a_read_timeout_is_not_retried(method: str, path: str, call: object) -> None:
    delays: list[float] = []
    policy = flowroute.RetryPolicy(max_retries=3, sleep=delays.append)
    with (
        flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=BASE_URL, retry_policy=policy) as client,
        responses.RequestsMock() as rsps,
    ):
        rsps.add(method, BASE_URL + path, body=requests.ReadTimeout("lost"))
        with pytest.raises(flowroute.errors.OutcomeUnknownError) as info:
            call(client)  # type: ignore[operator]
        assert isinstance(info.value.__cause__, flowroute.errors.ReadTimeout)
        assert len(rsps.calls) == 1
    assert delays == []


def test_reads_are_still_retried() -> None:
    delays: list[float] = []
    policy = flowroute.RetryPolicy(max_retries=1, sleep=delays.append)
    with (
        flowroute.Client(ACCESS_KEY, SECRET_KEY, base_url=BASE_URL, retry_policy=policy) as client,
        responses.RequestsMock() as rsps,
    ):
        url = BASE_URL + "/v1/tns/12066417607"
        rsps.add("GET", url, body=requests.ReadTimeout("lost"))
        rsps.add("GET", url, status=404, json={"error": "not found"})
        with pytest.raises(flowroute.NotFoundError):
            client.v1.telephone_numbers.telephone_number_details("12066417607")
        assert len(rsps.calls) == 2
    assert len(delays) == 1
