"""A CDR export calls the app back when its job is done, through the callback worker."""

from __future__ import annotations

import gzip
from datetime import timedelta

import requests

import flowroute
from flowroute.emulator import CallbackReceiver, Emulator

from .conftest import START, FakeClock

JANUARY = {"start_call_start_time": "2019-01-01 00:00:00", "start_call_end_time": "2019-02-01"}


def test_a_completed_export_posts_its_document_to_the_callback_url() -> None:
    clock = FakeClock()
    emulator = Emulator(seed=0, clock=clock)
    emulator.set_cdr_delay(timedelta(minutes=5))
    keys = (emulator.access_key, emulator.secret_key)
    with (
        CallbackReceiver() as app,
        emulator.serve() as url,
        flowroute.Client(*keys, base_url=url) as client,
    ):
        export = client.v2.cdrs.create_cdr_export(JANUARY, callback_url=app.url + "/cdrs")
        emulator.deliver()
        assert (export.status, emulator.callbacks, app.received) == ("processing", [], [])
        clock.advance(minutes=5)
        [attempt] = emulator.wait_for_callbacks(1)
        [received] = app.wait_for(1)
        fetched = requests.get(f"{url}/v2/cdrs/exports/{export.id}", auth=keys).json()
        link = received.json()["data"]["attributes"]["download_url"]
        download = requests.get(link)
    assert (received.method, received.path) == ("POST", "/cdrs")
    assert received.headers["content-type"] == "application/json"
    assert received.json() == fetched == attempt.payload
    assert fetched["data"]["attributes"]["status"] == "completed"
    assert (attempt.kind, attempt.url, attempt.at, attempt.ok) == (
        "cdr",
        app.url + "/cdrs",
        START + timedelta(minutes=5),
        True,
    )
    assert download.status_code == 200 and gzip.decompress(download.content).startswith(
        b"direction,start_time,"
    )


def test_a_failed_export_posts_its_failure_once() -> None:
    clock = FakeClock()
    emulator = Emulator(seed=0, clock=clock)
    emulator.set_cdr_delay(timedelta(minutes=5))
    with CallbackReceiver() as app:
        failing = emulator.state.cdrs.create(JANUARY, app.url + "/cdrs")
        emulator.state.cdrs.create(JANUARY)  # no callback_url: nothing to POST
        clock.advance(minutes=1)
        emulator.fail_cdr_export(failing.id)
        [queued] = emulator.state.outbox.pending
        clock.advance(minutes=10)  # past its ready time: no second callback
        made = emulator.deliver()
        [received] = app.wait_for(1)
    attributes = received.json()["data"]["attributes"]
    assert (attributes["status"], attributes["download_url"], attributes["num_calls"]) == (
        "failed",
        None,
        None,
    )
    assert received.json()["data"]["links"] == {
        "self": f"https://api.flowroute.com/v2/cdrs/exports/{failing.id}"
    }
    assert (queued.kind, queued.due) == ("cdr", START + timedelta(minutes=1))
    assert [(a.kind, a.at) for a in made] == [("cdr", START + timedelta(minutes=11))]
    assert emulator.deliver() == []


def test_the_callback_is_retried_like_every_other() -> None:
    clock = FakeClock()
    emulator = Emulator(seed=0, clock=clock)
    with CallbackReceiver() as app:
        app.respond_with(503, times=1)
        emulator.state.cdrs.create(JANUARY, app.url + "/cdrs")
        first = emulator.deliver()
        clock.advance(seconds=30)
        second = emulator.deliver()
    assert [(a.attempt, a.status) for a in first + second] == [(1, 503), (2, 200)]
    assert first[0].payload == second[0].payload
