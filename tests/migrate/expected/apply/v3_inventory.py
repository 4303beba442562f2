"""Inventory and messaging on the v3 SDK, as its demo files do it."""

from flowroutenumbersandmessaging.configuration import Configuration
from flowroutenumbersandmessaging.exceptions.api_exception import APIException
from flowroutenumbersandmessaging.exceptions.error_exception import ErrorException
from flowroutenumbersandmessaging.flowroutenumbersandmessaging_client import (
    FlowroutenumbersandmessagingClient,
)
import flowroute

# flowroute-migrate: this client reads $FR_ACCESS_KEY and $FR_SECRET_KEY, not the keys
#   given to `Configuration.basic_auth_user_name`, `Configuration.basic_auth_password`,
#   `FlowroutenumbersandmessagingClient(access_key, secret_key)`: check that they are
#   the same
flowroute_client = flowroute.Client()


def inventory(access_key, secret_key):
    client = FlowroutenumbersandmessagingClient(access_key, secret_key)
    numbers_controller = client.numbers
    owned = flowroute_client.v2.numbers.list_account_phone_numbers(limit=10).raw
    routes = flowroute_client.v2.routes.list_inbound_routes(limit=10).raw
    return [n["id"] for n in owned["data"]], len(routes["data"])


def notify(access_key, secret_key, from_number, to_number):
    Configuration.basic_auth_user_name = access_key
    Configuration.basic_auth_password = secret_key
    messages = FlowroutenumbersandmessagingClient().messages
    body = {"data": {"type": "message", "attributes": {"to": to_number, "from": from_number, "body": "hi"}}}
    try:
        # flowroute-migrate: the handler `except (APIException, ErrorException)` around
        #   it would not see its errors: v2 raises flowroute.errors.APIError (any
        #   failure: flowroute.errors.FlowrouteError)
        return messages.send_a_message(body)
    except (APIException, ErrorException) as failure:
        return failure.context.response.status_code
