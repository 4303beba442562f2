"""The legacy ``APIHelper`` and ``CustomAuthUtility`` work as legacy code called them."""

from __future__ import annotations

import json

import pytest

from flowroute.compat import APIException, Configuration
from flowroute.emulator import Emulator
from FlowrouteMessagingLib.Models.Message import Message
from FlowrouteNumbersLib.APIHelper import APIHelper
from FlowrouteNumbersLib.CustomAuthUtility import CustomAuthUtility
from FlowrouteNumbersLib.Models import BillingMethod, Route


def test_json_serialize_writes_models_by_their_api_names() -> None:
    assert APIHelper.json_serialize(None) is None
    routes = json.loads(APIHelper.json_serialize([Route(name="a"), Route(name="sip-reg")]) or "")
    assert routes == [{"name": "a"}, {"name": "sip-reg"}]
    message = Message(to="1", from_="2", content="hi")
    assert json.loads(APIHelper.json_serialize(message) or "") == {
        "to": "1",
        "from": "2",
        "content": "hi",
    }
    assert APIHelper.json_deserialize(b'{"a": [1]}') == {"a": [1]}


def test_url_helpers_build_the_legacy_urls() -> None:
    url = APIHelper.append_url_with_template_parameters(
        "https://api.flowroute.com/v1/tns/{number}", {"number": 12065550100}
    )
    assert url == "https://api.flowroute.com/v1/tns/12065550100"
    query = APIHelper.append_url_with_query_parameters(
        url, {"limit": 10, "page": None, "ids": ["a", "b"]}
    )
    assert query == "https://api.flowroute.com/v1/tns/12065550100?limit=10&ids[]=a&ids[]=b"
    assert APIHelper.clean_url("https://h//v1//tns/") == "https://h/v1/tns/"
    with pytest.raises(ValueError, match="Invalid Url format"):
        APIHelper.clean_url("/v1/tns/")
    with pytest.raises(ValueError, match="url is null"):
        APIHelper.append_url_with_query_parameters(None, {})  # type: ignore[arg-type]


def test_form_encode_and_name_resolution() -> None:
    assert APIHelper.form_encode(BillingMethod(billing_method="VPRI"), "billing") == {
        "billing[billing_method]": "VPRI"
    }
    nested = APIHelper.form_encode({"routes": [Route(name="a")], "x": {"y": 1}}, "b")
    assert nested == {"b[routes][0][name]": "a", "b[x][y]": 1}
    found = APIHelper.resolve_names(Route(name="r"), {"name": "route_name"}, {})
    assert found == {"route_name": "r"}


def test_custom_auth_utility_signs_and_sends_a_v1_request() -> None:
    emulator = Emulator(seed=0)
    Configuration.username, Configuration.password = emulator.access_key, emulator.secret_key
    with emulator.mock() as url:
        Configuration.BASE_URI = f"{url}/v1"
        response = CustomAuthUtility.appendCustomAuthParams(
            method="GET", query_url=f"{url}/v1/routes/?limit=1", headers={}
        )
        missing = CustomAuthUtility.appendCustomAuthParams("GET", f"{url}/v1/tns/12065550000")
    assert response.code == 200 and "sip-reg" in response.body["routes"]
    assert (missing.code, missing.body) == (
        404,
        {"error": "number 12065550000 is not on this account"},
    )
    first = emulator.requests[0]
    assert (first.method, first.path, first.query) == ("GET", "/v1/routes/", {"limit": ["1"]})
    assert "x-timestamp" in first.headers


def test_custom_auth_utility_without_credentials_is_a_401() -> None:
    emulator = Emulator(seed=0)
    with emulator.mock() as url, pytest.raises(APIException) as raised:
        CustomAuthUtility.appendCustomAuthParams("GET", f"{url}/v1/routes/")
    assert raised.value.response_code == 401
    with pytest.raises(ValueError, match="Invalid HTTP Method"):
        CustomAuthUtility.appendCustomAuthParams("TRACE", f"{url}/v1/routes/")
