"""An SMS relay in the style of a small web app: one controller on the app object."""

from FlowrouteMessagingLib.APIException import APIException
from FlowrouteMessagingLib.Controllers.APIController import APIController
from FlowrouteMessagingLib.Models.Message import Message


class App(object):
    """Stands in for the web framework's application object."""


app = App()
FLOWROUTE_ACCESS_KEY = "ACCESS_KEY"
FLOWROUTE_SECRET_KEY = "SECRET_KEY"


def configure(access_key, secret_key):
    app.sms_controller = APIController(username=access_key, password=secret_key)


def relay(virtual_tn, participant, text):
    msg = Message(to=participant, from_=virtual_tn, content=text)
    try:
        # flowroute-migrate: the handler `except APIException` around it would not see
        #   its errors: v2 raises flowroute.errors.APIError (any failure:
        #   flowroute.errors.FlowrouteError)
        sent = app.sms_controller.create_message(msg)
    except APIException as e:
        return {"error": e.reason, "status": e.response_code}
    # flowroute-migrate: lost on v2: `mdr1-` records of the retired API (a 404
    #   APIException); `callback_url` is always null.
    record = app.sms_controller.get_message_lookup(sent["data"]["id"])
    return {"id": sent["data"]["id"], "to": record["data"]["attributes"]["to"]}
