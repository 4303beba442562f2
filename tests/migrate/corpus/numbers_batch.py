"""A nightly job on the legacy libraries: buy the numbers a team asked for, then text them."""

import os

from FlowrouteMessagingLib.Controllers.APIController import APIController
from FlowrouteMessagingLib.Models.Message import Message
from FlowrouteNumbersLib.Configuration import Configuration
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import TelephoneNumbersController
from FlowrouteNumbersLib.Models.BillingMethod import BillingMethod

Configuration.username = os.environ["FR_ACCESS_KEY"]
Configuration.password = os.environ["FR_SECRET_KEY"]

tnc = TelephoneNumbersController()
sms = APIController(username=Configuration.username, password=Configuration.password)


def buy(numbers, billing):
    for number in numbers:
        tnc.purchase(BillingMethod(billing_method="METERED"), number)  # the team's plan
    tnc.purchase(billing, numbers[0])  # a second time, billed as asked


def tell(team, sender, numbers):
    for member in team:
        sms.create_message(
            Message(
                to=member,
                from_=sender,
                content="New numbers: " + ", ".join(numbers),  # one text per member
            )
        )


def main(wanted, team):
    try:
        buy(wanted, BillingMethod(billing_method="VPRI"))
    except Exception as error:  # the second purchase of a number fails
        failed = type(error).__name__
    tell(team, wanted[0], wanted)
    return failed
