"""The pytest plugin: registered by entry point, fresh emulator per test, a bound client."""

from __future__ import annotations

import importlib.metadata

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
import requests

from flowroute.emulator import Emulator, Fault


def test_buy_with_the_client(flowroute_client, flowroute_emulator):
    assert isinstance(flowroute_emulator, Emulator)
    numbers = flowroute_client.v2.numbers
    offer = numbers.search_for_purchasable_phone_numbers(limit=1).items[0]
    numbers.purchase_a_phone_number(offer.id)
    assert list(flowroute_emulator.state.account) == [offer.id]
    assert [(r.method, r.status) for r in flowroute_emulator.requests] == [
        ("GET", 200),
        ("POST", 201),
    ]


def test_state_is_fresh_for_every_test(flowroute_client, flowroute_emulator):
    assert flowroute_emulator.state.account == {}
    assert flowroute_emulator.requests == []
    assert list(flowroute_client.v2.numbers.list_account_phone_numbers()) == []


def test_any_http_client_reaches_the_url(flowroute_emulator, flowroute_emulator_url):
    keys = (flowroute_emulator.access_key, flowroute_emulator.secret_key)
    flowroute_emulator.inject(Fault.status(503), times=1)
    first = requests.get(flowroute_emulator_url + "/v2/routes", auth=keys)
    second = requests.get(flowroute_emulator_url + "/v2/routes", auth=keys)
    assert (first.status_code, second.status_code) == (503, 200)
    assert flowroute_emulator_url.startswith("http://127.0.0.1:")


def test_the_client_is_bound(flowroute_client, flowroute_emulator_url):
    assert flowroute_client.base_url == flowroute_emulator_url


def test_retries_of_injected_faults_do_not_sleep(
    flowroute_client, flowroute_emulator, flowroute_retry_delays
):
    # The client's sleep is the list's append: the delays are recorded, not slept.
    flowroute_emulator.inject(Fault.status(503), times=2)
    assert list(flowroute_client.v2.routes.list_inbound_routes())
    assert [r.status for r in flowroute_emulator.requests] == [503, 503, 200]
    assert len(flowroute_retry_delays) == 2 and all(d >= 0 for d in flowroute_retry_delays)


def test_set_callback_send_assert_on_the_receipt(
    flowroute_client, flowroute_emulator, flowroute_callback_receiver
):
    number = flowroute_emulator.seed_numbers(1)[0]
    messages = flowroute_client.v2.messages
    messages.set_callback("dlr", flowroute_callback_receiver.url + "/dlr")
    message_id = messages.send_a_message(to="12065550123", from_=number, body="hi")
    receipts = [r.json()["data"] for r in flowroute_callback_receiver.wait_for(3)]
    assert [r["id"] for r in receipts] == [message_id] * 3
    assert receipts[-1]["attributes"]["status"] == "delivered"
    assert {r.path for r in flowroute_callback_receiver.received} == {"/dlr"}
"""


def test_registered_through_the_pytest11_entry_point() -> None:
    found = importlib.metadata.entry_points()
    # Python 3.9's entry_points() is a dict of groups; `select` came in 3.10.
    points = found.select(group="pytest11") if hasattr(found, "select") else found["pytest11"]
    assert {(p.name, p.value) for p in points if p.name == "flowroute"} == {
        ("flowroute", "flowroute.emulator.pytest_plugin")
    }


def test_fixtures_in_a_user_test_suite(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=6)


def test_fixtures_are_listed_with_their_docs(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--fixtures", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(
        [
            "flowroute_emulator -- *pytest_plugin.py:*",
            "*A fresh emulator (seed 0) for one test*",
            "flowroute_client -- *pytest_plugin.py:*",
            "flowroute_callback_receiver -- *pytest_plugin.py:*",
            "*A loopback HTTP server recording each callback*",
        ]
    )


def test_the_plugin_does_not_import_responses(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_imports="""
        import sys

        def test_nothing_heavy_loaded():
            assert "flowroute.emulator.pytest_plugin" in sys.modules
            assert "responses" not in sys.modules
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
