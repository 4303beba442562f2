"""Fuzzing every public call: any response yields a valid result or a flowroute error;
any argument yields a request or a `ValidationError` with nothing sent.

Examples per test: ``FLOWROUTE_FUZZ_EXAMPLES`` (see conftest). Every run of the suite
fuzzes briefly; ``make fuzz`` selects the tests marked ``fuzz`` and runs 10,000 each.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import responses
from hypothesis import given
from hypothesis import strategies as st

import flowroute
from flowroute import errors
from flowroute.emulator import Emulator
from flowroute.pagination import Page

from .calls import CALLS, PAGE, Call
from .conftest import FUZZ, Sleeps, policy
from .contracts import check_result, conforms, model_errors
from .strategies import Reply, arbitrary, reply_sequences

BASE_URL = "https://api.flowroute.com"
ACCESS_KEY = "fuzz-access-key"
SECRET_KEY = "fuzz-secret-key-0123456789"
ANY_URL = re.compile(re.escape(BASE_URL) + r"/.*")


def _check_error(call: Call, exc: errors.FlowrouteError, served: list[Reply]) -> None:
    """A failure must be the flowroute error that the last reply explains."""
    assert served, f"{call.name} raised {exc!r} without sending anything"
    last = served[-1]
    if isinstance(exc, errors.OutcomeUnknownError):
        # Only a call that is not idempotent, whose answer was a gateway's or
        # could not be read; the error behind it must explain the reply too.
        assert not call.idempotent, exc
        assert isinstance(exc.__cause__, errors.FlowrouteError), exc.__cause__
        assert not isinstance(exc.__cause__, errors.APIError) or last.status in (502, 504)
        _check_error(call, exc.__cause__, served)
    elif isinstance(exc, errors.APIError):
        assert exc.status == last.status >= 300, (exc, last.status)
        assert isinstance(exc.errors, list)
    elif isinstance(exc, errors.DecodeError):
        assert 200 <= last.status < 300, (exc, last.status)
    else:
        # Only a body that cannot be read may fail this way: a bad Content-Encoding,
        # or a body on a status that forbids one (urllib3 refuses it).
        assert isinstance(exc, errors.ReadError), exc
        assert "Content-Encoding" in last.headers or last.status in (204, 304), exc
    assert str(exc) and repr(exc)


def _deleted_earlier(call: Call, served: list[Reply]) -> bool:
    """A DELETE answered 404 after an attempt that may have run counts as done.

    An earlier attempt may have run when it got a success, a gateway's 502 or
    504, or an answer whose body could not be read (its status unknown to us).
    """
    may_have_run = any(
        r.status in (502, 504) or 200 <= r.status < 300 or "Content-Encoding" in r.headers
        for r in served[:-1]
    )
    return call.http == "DELETE" and served[-1].status == 404 and may_have_run


def _check_retries(call: Call, served: list[Reply], sleeps: Sleeps) -> None:
    assert all(math.isfinite(d) and 0 <= d <= 30.0 for d in sleeps.delays), sleeps.delays
    if not call.idempotent:
        # A POST that got any answer is never sent again.
        assert len(served) == 1, [r.status for r in served]


@pytest.mark.fuzz
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.name)
def test_fuzz_responses(call: Call, samples: dict[str, list[Any]]) -> None:
    sleeps = Sleeps()
    client = flowroute.Client(
        ACCESS_KEY, SECRET_KEY, base_url=BASE_URL, retry_policy=policy(sleeps)
    )
    method = call.bind(client)

    @FUZZ
    @given(replies=reply_sequences(samples[call.name]))
    def run(replies: list[Reply]) -> None:
        served: list[Reply] = []

        def answer(request: Any) -> tuple[int, dict[str, str], bytes]:
            reply = replies[min(len(served), len(replies) - 1)]
            served.append(reply)
            return reply.status, reply.headers, reply.body

        sleeps.delays.clear()
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            rsps.add_callback(call.http, ANY_URL, callback=answer)
            try:
                check_result(call, method(**call.kwargs))
            except errors.FlowrouteError as exc:
                _check_error(call, exc, served)
            else:
                assert 200 <= served[-1].status < 300 or _deleted_earlier(call, served), [
                    r.status for r in served
                ]
        _check_retries(call, served, sleeps)

    with client:
        run()


@st.composite
def _arguments(draw: st.DrawFn, call: Call) -> dict[str, Any]:
    """Valid values, except that each argument gets an arbitrary one a third of the time."""
    return {
        name: draw(arbitrary if draw(st.integers(0, 2)) == 0 else valid)
        for name, valid in call.valid.items()
    }


@pytest.mark.fuzz
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.name)
def test_fuzz_arguments(call: Call) -> None:
    emulator = Emulator(seed=0)
    pattern = call.path_pattern()
    with (
        emulator.mock() as url,
        flowroute.Client(
            emulator.access_key,
            emulator.secret_key,
            base_url=url,
            retry_policy=policy(Sleeps(), max_retries=0),
        ) as client,
    ):
        method = call.bind(client)

        @FUZZ
        @given(kwargs=_arguments(call))
        def run(kwargs: dict[str, Any]) -> None:
            before = len(emulator.requests)
            try:
                result = method(**kwargs)
            except errors.ValidationError as exc:
                assert len(emulator.requests) == before, f"{exc} but a request was sent"
                assert exc.argument and str(exc)
                return
            except errors.FlowrouteError as exc:
                assert isinstance(exc, errors.APIError), exc
            else:
                if call.returns is PAGE:
                    assert isinstance(result, Page)
                    assert all(conforms(i, call.item) for i in result.items), model_errors
                else:
                    check_result(call, result)
            sent = emulator.requests[before:]
            assert len(sent) == 1, sent
            assert sent[0].method == call.http, sent[0]
            assert pattern.fullmatch(sent[0].path), sent[0].path
            assert sent[0].status != 500, sent[0].response

        run()


# Regressions found by the fuzzers above, pinned as plain examples.


@pytest.mark.parametrize("status", [200, 500])
def test_json_nested_too_deep_is_a_flowroute_error(status: int) -> None:
    # json.loads raises RecursionError (not ValueError) on deep nesting.
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=policy(Sleeps(), 0))
    with responses.RequestsMock() as rsps, client:
        rsps.add("GET", f"{BASE_URL}/v2/numbers", body=b"[" * 100_000, status=status)
        expected = errors.DecodeError if status == 200 else errors.ServerError
        with pytest.raises(expected):
            client.v2.numbers.list_account_phone_numbers()


def test_included_resource_with_a_list_id_is_ignored() -> None:
    # An unhashable id in `included` made indexing it raise TypeError.
    document = {
        "data": {"type": "number", "id": "12065550100", "attributes": {"value": "12065550100"}},
        "included": [{"type": "route", "id": ["0"]}, {"type": ["route"], "id": "0"}],
    }
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=policy(Sleeps(), 0))
    with responses.RequestsMock() as rsps, client:
        rsps.add("GET", f"{BASE_URL}/v2/numbers/12065550100", json=document)
        number = client.v2.numbers.list_phone_number_details("12065550100")
    assert number.id == "12065550100" and number.primary_route is None


@pytest.mark.parametrize(
    "attributes",
    [{"is_mms": "false"}, {"message_encoding": 1.9}, {"amount_nanodollars": True}],
    ids=["bool-from-text", "int-from-float", "int-from-bool"],
)
def test_v2_scalars_of_the_wrong_json_type_are_refused(attributes: dict[str, Any]) -> None:
    document = {
        "data": {
            "type": "message",
            "id": "mdr2-1",
            "attributes": {"to": "12065550100", "from": "13125550111", **attributes},
        }
    }
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=policy(Sleeps(), 0))
    with responses.RequestsMock() as rsps, client:
        rsps.add("GET", f"{BASE_URL}/v2.1/messages/mdr2-1", json=document)
        with pytest.raises(errors.DecodeError):
            client.v2.messages.look_up_a_message_detail_record("mdr2-1")


@pytest.mark.parametrize("call", ["v2-limit", "v1-page"])
def test_unicode_digits_are_a_validation_error(call: str) -> None:
    client = flowroute.Client(ACCESS_KEY, SECRET_KEY, retry_policy=policy(Sleeps(), 0))
    with responses.RequestsMock() as rsps, client:
        with pytest.raises(errors.ValidationError):
            if call == "v2-limit":
                client.v2.numbers.list_account_phone_numbers(limit="²")
            else:
                client.v1.inbound_routes.list(page="²")
        assert len(rsps.calls) == 0
