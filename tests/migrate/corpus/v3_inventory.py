"""Inventory and messaging on the v3 SDK, as its demo files do it."""

from flowroutenumbersandmessaging.configuration import Configuration
from flowroutenumbersandmessaging.exceptions.api_exception import APIException
from flowroutenumbersandmessaging.exceptions.error_exception import ErrorException
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)


def inventory(access_key, secret_key):
    client = FlowroutenumbersandmessagingClient(access_key, secret_key)
    numbers_controller = client.numbers
    owned = numbers_controller.list_account_phone_numbers(None, None, None, 10)
    routes = client.routes.list_inbound_routes(10)
    return [n["id"] for n in owned["data"]], len(routes["data"])


def notify(access_key, secret_key, from_number, to_number):
    Configuration.basic_auth_user_name = access_key
    Configuration.basic_auth_password = secret_key
    messages = FlowroutenumbersandmessagingClient().messages
    body = {"data": {"type": "message", "attributes": {"to": to_number, "from": from_number, "body": "hi"}}}
    try:
        return messages.send_a_message(body)
    except (APIException, ErrorException) as failure:
        return failure.context.response.status_code
