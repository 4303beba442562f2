"""The dispatcher: auth, route misses, malformed requests, the request log."""

from __future__ import annotations

import base64

import pytest
import requests

from flowroute.emulator import Emulator

from . import documented as doc
from .conftest import Api


@pytest.mark.parametrize(
    "auth",
    [None, ("wrong", "credentials"), "access-only", "secret-swapped"],
)
def test_bad_credentials_are_401_with_an_error_body(
    api: Api, emulator: Emulator, auth: object
) -> None:
    if auth == "access-only":
        auth = (emulator.access_key, "")
    elif auth == "secret-swapped":
        auth = (emulator.secret_key, emulator.access_key)
    response = requests.get(f"{api.url}/v2/numbers", auth=auth)  # type: ignore[arg-type]
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/vnd.api+json"
    error = doc.error_of(response.json())
    assert error["status"] == 401 and error["title"] == "Unauthorized"
    assert emulator.secret_key not in response.text


@pytest.mark.parametrize(
    "header",
    ["Bearer abc", "Basic !!!not-base64", "Basic " + base64.b64encode(b"no-colon").decode()],
)
def test_malformed_authorization_headers_are_401(api: Api, header: str) -> None:
    response = requests.get(f"{api.url}/v2/routes", headers={"Authorization": header})
    assert response.status_code == 401


def test_every_api_prefix_requires_auth(api: Api) -> None:
    for path in ("/v2/routes", "/v2.1/messages?start_date=2024-01-01", "/v2/anything"):
        assert requests.get(f"{api.url}{path}").status_code == 401


def test_non_ascii_credentials_are_refused_not_crashed(api: Api) -> None:
    response = requests.get(f"{api.url}/v2/routes", auth=("usér".encode(), "sécret".encode()))
    assert response.status_code == 401


def test_unmatched_route_lists_what_was_tried(api: Api) -> None:
    response = api.get("/v2/numbers/available/npas")
    assert response.status_code == 404
    detail = doc.error_of(response.json())["detail"]
    assert "GET /v2/numbers/available/npas" in detail
    assert "GET /v2/numbers/available/areacodes" in detail
    assert "POST /v2.1/messages" in detail


def test_unknown_api_prefix_is_404(api: Api) -> None:
    response = api.get("/v3/numbers")
    assert response.status_code == 404
    assert "/v2" in doc.error_of(response.json())["detail"]


def test_wrong_method_on_a_known_path_is_405(api: Api) -> None:
    response = api.session.put(f"{api.url}/v2/routes")
    assert response.status_code == 405
    assert "GET" in doc.error_of(response.json())["detail"]


def test_trailing_slash_is_not_a_route(api: Api) -> None:
    assert api.get("/v2/numbers/").status_code == 404


def test_repeated_query_parameters_are_400(api: Api) -> None:
    # Unknown ones are ignored or refused by choice: see test_lenient.py.
    response = api.session.get(f"{api.url}/v2/numbers?limit=1&limit=2")
    assert response.status_code == 400
    assert doc.error_of(response.json())["status"] == 400


@pytest.mark.parametrize("body", [b"", b"{not json", b"\xff\xfe"])
def test_malformed_json_bodies_are_400(api: Api, body: bytes) -> None:
    response = api.session.post(f"{api.url}/v2/routes", data=body)
    assert response.status_code == 400
    assert doc.error_of(response.json())["status"] == 400


def test_request_log_records_without_authorization(api: Api, emulator: Emulator) -> None:
    api.get("/v2/numbers/available", {"starts_with": 1206, "limit": 2})
    api.create_route("logged")
    requests.get(f"{api.url}/v2/routes")
    search, create, anonymous = emulator.requests
    assert (search.method, search.path, search.status) == ("GET", "/v2/numbers/available", 200)
    assert search.query == {"starts_with": ["1206"], "limit": ["2"]}
    assert search.body is None
    assert len(search.response["data"]) == 2
    assert create.method == "POST" and create.status == 201
    assert create.body["data"]["attributes"]["alias"] == "logged"
    assert create.response["data"]["attributes"]["alias"] == "logged"
    assert create.headers["content-type"] == "application/json"
    assert anonymous.status == 401
    assert anonymous.response["errors"][0]["id"] == "emulator-2"
    for entry in emulator.requests:
        assert "authorization" not in entry.headers
        assert all(emulator.secret_key not in value for value in entry.headers.values())


def test_text_bodies_are_logged_as_text(api: Api, emulator: Emulator) -> None:
    api.session.post(f"{api.url}/v2/routes", data=b"plain words")
    assert emulator.requests[-1].body == "plain words"


def test_request_log_is_a_snapshot(api: Api, emulator: Emulator) -> None:
    before = emulator.requests
    api.get("/v2/routes")
    assert before == [] and len(emulator.requests) == 1


def test_reset_restores_the_seeded_state_and_clears_the_log(api: Api, emulator: Emulator) -> None:
    fresh = dict(emulator.state.inventory)
    number = api.buy()
    api.create_route("gone")
    emulator.reset()
    assert emulator.requests == []
    assert emulator.state.account == {}
    assert emulator.state.inventory == fresh
    assert [r.id for r in emulator.state.routes()] == ["0"]
    assert api.get(f"/v2/numbers/{number}").status_code == 404


def test_an_emulator_bug_answers_500(api: Api, emulator: Emulator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(emulator.state, "routes", broken)
    response = api.get("/v2/routes")
    assert response.status_code == 500
    assert doc.error_of(response.json())["detail"] == "emulator internal error"
    assert api.get("/v2/numbers").status_code == 200
