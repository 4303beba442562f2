"""The v3 SDK's models and APIHelper, as code written for the SDK uses them."""

from __future__ import annotations

import datetime

import pytest

from flowroutenumbersandmessaging.api_helper import APIHelper
from flowroutenumbersandmessaging.models.attributes_62 import Attributes62
from flowroutenumbersandmessaging.models.data_61 import Data61
from flowroutenumbersandmessaging.models.error_84 import Error84
from flowroutenumbersandmessaging.models.links import Links
from flowroutenumbersandmessaging.models.mdr_2 import MDR2
from flowroutenumbersandmessaging.models.message import Message
from flowroutenumbersandmessaging.models.new_route import NewRoute
from flowroutenumbersandmessaging.models.number_26 import Number26
from flowroutenumbersandmessaging.models.route_type_enum import RouteTypeEnum

NUMBER = {
    "data": {
        "attributes": {"alias": None, "value": "12065550100", "state": "wa"},
        "id": "12065550100",
        "links": {"self": "https://api.flowroute.com/v2/numbers/12065550100"},
        "relationships": {"primary_route": {"data": {"id": "0", "type": "route"}}},
        "type": "number",
    },
    "included": [{"id": "0", "type": "route"}],
}


def test_a_number_document_reads_into_nested_models_and_back() -> None:
    number = Number26.from_dictionary(NUMBER)
    assert number.data.attributes.value == "12065550100"
    assert number.data.links.self.endswith("/12065550100")
    assert number.data.mtype == "number"
    assert number.included == [{"id": "0", "type": "route"}]
    written = number.to_dictionary()
    assert written["data"]["attributes"] == {
        "alias": None,
        "cnam_lookups_enabled": None,
        "number_type": None,
        "rate_center": None,
        "state": "wa",
        "value": "12065550100",
    }
    assert written["data"]["links"] == {"self": NUMBER["data"]["links"]["self"]}
    assert Number26.from_dictionary(written) == number


def test_models_take_the_sdks_positional_arguments_and_defaults() -> None:
    route = NewRoute(Data61(attributes=Attributes62("home", RouteTypeEnum.HOST, "a.example.com")))
    assert APIHelper.json_serialize(route) == (
        '{"data": {"type": "route", "attributes": '
        '{"alias": "home", "route_type": "host", "value": "a.example.com"}}}'
    )
    assert Attributes62().route_type == "sip-reg"
    assert Message(mfrom="12065550100").to_dictionary()["from"] == "12065550100"
    assert Links("https://x.example/1").self == "https://x.example/1"
    with pytest.raises(TypeError, match="no field 'colour'"):
        Message(colour="red")


def test_errors_and_message_records_read_as_the_sdk_read_them() -> None:
    errors = Error84.from_dictionary({"errors": [{"detail": "no", "status": 404}]})
    assert [(e.detail, e.status, e.title) for e in errors.errors] == [("no", 404, None)]
    record = MDR2.from_dictionary(
        {
            "data": {
                "id": "mdr2-1",
                "attributes": {
                    "from": "12065550100",
                    "timestamp": "2024-03-01T10:00:00.5Z",
                    "delivery_receipts": [{"level": 2, "timestamp": "2024-03-01T10:00:01Z"}],
                },
            }
        }
    )
    attributes = record.data.attributes
    assert record.data.mtype == "message" and attributes.mfrom == "12065550100"
    utc = datetime.timezone.utc
    assert attributes.timestamp == datetime.datetime(2024, 3, 1, 10, 0, 0, 500000, tzinfo=utc)
    assert attributes.delivery_receipts[0].level == 2
    assert MDR2.from_dictionary(None) is None


def test_api_helper_builds_urls_and_reads_json_as_the_sdk() -> None:
    url = APIHelper.append_url_with_template_parameters(
        "https://api.flowroute.com//v2/numbers/{id}", {"id": "+1 206"}
    )
    url = APIHelper.append_url_with_query_parameters(url, {"limit": 3, "x": None, "n": [1, 2]})
    assert APIHelper.clean_url(url) == (
        "https://api.flowroute.com/v2/numbers/%2B1%20206?limit=3&n[0]=1&n[1]=2"
    )
    assert APIHelper.json_deserialize("") == ""
    assert APIHelper.json_deserialize('{"a": 1}') == {"a": 1}
    assert APIHelper.merge_dicts({"a": 1, "b": 1}, {"b": 2}) == {"a": 1, "b": 2}
    assert str(APIHelper.RFC3339DateTime("2024-01-02")) == "2024-01-02T00:00:00"
    assert APIHelper.form_encode_parameters({"p": {"a": [1]}}) == [("p[a][0]", 1)]
    with pytest.raises(ValueError, match="Invalid Url format"):
        APIHelper.clean_url("/relative")
