"""The v3 SDK's demo as a script: search, buy, list, route and release through one client."""

import json
import os

from flowroutenumbersandmessaging.configuration import Configuration
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)

Configuration.basic_auth_user_name = os.environ.get("FR_ACCESS_KEY")
Configuration.basic_auth_password = os.environ.get("FR_SECRET_KEY")
sdk = FlowroutenumbersandmessagingClient()
numbers_controller = sdk.numbers
routes_controller = sdk.routes


def main():
    seen = {}
    # Area codes with a number under $3.25 to set up.
    codes = numbers_controller.list_available_area_codes(5, None, 3.25)
    seen["area codes"] = [code["id"] for code in codes["data"]]
    found = numbers_controller.search_for_purchasable_phone_numbers(
        1206,  # starts with
        None,
        None,
        3,  # at most three
    )
    number = found["data"][0]["id"]
    numbers_controller.purchase_a_phone_number(number)
    detail = numbers_controller.list_phone_number_details(number)
    seen["rate center"] = detail["data"]["attributes"]["rate_center"]
    owned = numbers_controller.list_account_phone_numbers(limit=10)
    seen["owned"] = [n["id"] for n in owned["data"]]
    route = {"route_type": "host", "value": "pbx.example.com:5060", "alias": "demo-pbx"}
    routes_controller.create_an_inbound_route(
        json.dumps({"data": {"type": "route", "attributes": route}})
    )
    routes_controller.update_failover_voice_route(number, {"data": {"type": "route", "id": "0"}})
    seen["routes"] = len(routes_controller.list_inbound_routes(10)["data"])
    numbers_controller.release_a_did(number)  # give it back: the demo keeps nothing
    seen["left"] = len(numbers_controller.list_account_phone_numbers()["data"])
    return seen
