"""Messaging callbacks: the account's and a number's, set, read and removed (both doors)."""

from __future__ import annotations

import pytest
import requests

from flowroute.emulator import Emulator

from .conftest import Api

BODY_URL = "https://app.example.com/sms"
BODY = {"data": {"attributes": {"callback_url": BODY_URL}}}


def _put(api: Api, path: str, body: object) -> requests.Response:
    return api.session.put(api.url + path, json=body)


@pytest.mark.parametrize("kind", ["sms_callback", "mms_callback", "dlr_callback"])
def test_the_accounts_callback_is_set_read_and_removed(api: Api, kind: str) -> None:
    path = f"/v2.1/messages/{kind}"
    assert api.get(path).status_code == 404
    assert _put(api, path, BODY).status_code == 204
    assert api.get(path).json() == {
        "data": {
            "type": "callback",
            "id": kind,
            "attributes": {"callback_url": BODY_URL},
        }
    }
    assert api.delete(path).status_code == 204
    assert api.get(path).status_code == 404
    assert api.delete(path).status_code == 204  # removing nothing is no error


def test_a_numbers_callback_goes_with_the_number(api: Api, emulator: Emulator) -> None:
    number = api.buy()
    path = f"/v2/numbers/{number}/relationships/dlr_callback"
    assert api.post(path, BODY).status_code == 204
    assert api.get(path).json()["data"]["attributes"] == BODY["data"]["attributes"]
    assert emulator.state.callbacks.urls == {("dlr_callback", number): BODY_URL}
    assert api.delete(f"/v2/numbers/{number}").status_code == 204
    assert emulator.state.callbacks.urls == {}


def test_the_message_detail_route_still_answers(api: Api) -> None:
    assert _put(api, "/v2.1/messages/dlr_callback", BODY).status_code == 204
    missing = api.get("/v2.1/messages/mdr2-00000000000000000000000000000000")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/v2.1/messages/sms_callback", {"data": {"attributes": {"callback_url": "ftp://x"}}}, 422),
        ("/v2.1/messages/sms_callback", {"callback_url": "https://x.example"}, 422),
        ("/v2/numbers/12065550000/relationships/sms_callback", BODY, 404),
    ],
)
def test_bad_callbacks_are_refused(api: Api, path: str, body: object, status: int) -> None:
    sent = api.post(path, body) if path.startswith("/v2/") else _put(api, path, body)
    assert sent.status_code == status
    assert sent.json()["errors"][0]["detail"]
