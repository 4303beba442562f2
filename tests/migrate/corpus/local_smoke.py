"""A release smoke test against a local stand-in of the API, never the real one."""

import os

from FlowrouteMessagingLib.Configuration import Configuration as MessagingConfiguration
from FlowrouteMessagingLib.Controllers.APIController import APIController
from FlowrouteMessagingLib.Models.Message import Message
from FlowrouteNumbersLib.Configuration import Configuration
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import TelephoneNumbersController

# Both libraries talk to the stand-in on this machine.
Configuration.BASE_URI = "http://localhost:8080/v1"
MessagingConfiguration.BASE_URI = "http://localhost:8080/v2"
Configuration.username = os.environ["FR_ACCESS_KEY"]
Configuration.password = os.environ["FR_SECRET_KEY"]

tnc = TelephoneNumbersController()
sms = APIController(Configuration.username, Configuration.password)


def smoke(number, to):
    tnc.purchase("METERED", number)
    sms.create_message(Message(to=to, from_=number, content="smoke test"))
    if not number:
        return "no number"
    elif tnc.telephone_number_details(number)["billing_method"] == "METERED":  # as bought
        return "ok"
    else:
        return "billed otherwise"
