"""The v3 SDK's demo as a script: search, buy, list, route and release through one client."""

import json
import os

from flowroutenumbersandmessaging.configuration import Configuration
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)
import flowroute

Configuration.basic_auth_user_name = os.environ.get("FR_ACCESS_KEY")
Configuration.basic_auth_password = os.environ.get("FR_SECRET_KEY")
client = flowroute.Client(
    access_key=Configuration.basic_auth_user_name,
    secret_key=Configuration.basic_auth_password,
)
sdk = FlowroutenumbersandmessagingClient()
numbers_controller = sdk.numbers
routes_controller = sdk.routes


def main():
    seen = {}
    # Area codes with a number under $3.25 to set up.
    codes = client.v2.numbers.list_available_area_codes(limit=5, max_setup_cost=3.25).raw
    seen["area codes"] = [code["id"] for code in codes["data"]]
    found = client.v2.numbers.search_for_purchasable_phone_numbers(
        starts_with=1206,  # starts with
        limit=3,  # at most three
    ).raw
    number = found["data"][0]["id"]
    client.v2.numbers.purchase_a_phone_number(id=number)
    # flowroute-migrate: its result differs on v2: The response document, as the SDK
    #   returned it.
    detail = numbers_controller.list_phone_number_details(number)
    seen["rate center"] = detail["data"]["attributes"]["rate_center"]
    owned = client.v2.numbers.list_account_phone_numbers(limit=10).raw
    seen["owned"] = [n["id"] for n in owned["data"]]
    route = {"route_type": "host", "value": "pbx.example.com:5060", "alias": "demo-pbx"}
    client.v2.routes.create_an_inbound_route(
        body=json.dumps({"data": {"type": "route", "attributes": route}})
    )
    client.v2.routes.update_failover_voice_route(
        number_id=number,
        route={"data": {"type": "route", "id": "0"}},
    )
    seen["routes"] = len(client.v2.routes.list_inbound_routes(limit=10).raw["data"])
    client.v2.numbers.release_a_phone_number(id=number)  # give it back: the demo keeps nothing
    seen["left"] = len(client.v2.numbers.list_account_phone_numbers().raw["data"])
    return seen
