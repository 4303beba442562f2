"""RetryPolicy.decide: every retry decision of the Transport, as one table."""

from __future__ import annotations

import copy
import functools
import pickle
from typing import Any

import pytest

from flowroute import RetryPolicy, errors


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


# Every retry decision, as RetryPolicy.decide takes it:
# (idempotent, failure, sent, status, retried).
DECISIONS = [
    (True, None, True, 200, False),
    (True, None, True, 503, True),
    (True, None, True, 429, True),
    (True, None, True, 500, False),
    (False, None, True, 503, False),
    (False, None, True, 502, False),
    (True, errors.ReadTimeout("x"), True, 0, True),
    (True, errors.ResponseTimeout("x"), True, 0, True),
    (True, errors.ReadError("x"), True, 0, True),
    (True, errors.DecodeError("x"), True, 200, True),
    (True, errors.ResponseTooLargeError("x"), True, 200, False),
    (True, errors.ConnectError("TLS"), True, 0, False),
    (True, errors.TransportError("x"), True, 0, False),
    (False, errors.ConnectError("refused"), False, 0, True),
    (False, errors.ConnectTimeout("x"), False, 0, True),
    (False, errors.ReadTimeout("x"), True, 0, False),
    (False, errors.DecodeError("x"), True, 201, False),
]


@pytest.mark.parametrize(("idempotent", "failure", "sent", "status", "retried"), DECISIONS)
def test_every_retry_decision_in_one_function(
    idempotent: bool,
    failure: Any,
    sent: bool,
    status: int,
    retried: bool,
) -> None:
    clock = Clock()
    policy = RetryPolicy(clock=clock, random=lambda: 0.5, max_retries=2, budget=10.0)
    decide = functools.partial(
        policy.decide, idempotent=idempotent, failure=failure, sent=sent, status=status
    )
    assert (decide(1, 0.0) is not None) == retried
    assert decide(3, 0.0) is None  # past max_retries
    clock.now = 9.9
    assert decide(1, 0.0) is None  # the wait would end past the budget


def _half() -> float:
    return 0.5


def test_a_policy_is_a_frozen_value() -> None:
    policy = RetryPolicy(max_retries=3, sleep=print, random=_half)
    assert policy == RetryPolicy(max_retries=3, sleep=print, random=_half)
    assert hash(policy) == hash(RetryPolicy(max_retries=3, sleep=print, random=_half))
    assert policy != RetryPolicy(max_retries=3)
    with pytest.raises(AttributeError, match="frozen"):
        policy.max_retries = 0  # type: ignore[misc]
    assert copy.copy(policy) == policy == pickle.loads(pickle.dumps(policy))
    # The numbers, not the injected callables.
    assert repr(policy) == (
        "RetryPolicy(max_retries=3, initial_backoff=0.5, max_backoff=8.0, "
        "retry_after_cap=30.0, budget=60.0)"
    )


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
        ({"budget": float("nan")}, "budget"),
        ({"initial_backoff": "1"}, "initial_backoff"),
        ({"retry_after_cap": 1e12}, "retry_after_cap"),
    ],
)
def test_bad_settings_are_a_configuration_error(settings: dict[str, Any], named: str) -> None:
    with pytest.raises(errors.ConfigurationError, match=named):
        RetryPolicy(**settings)
