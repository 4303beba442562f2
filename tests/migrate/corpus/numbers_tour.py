"""Provision a number the way the v1 README walks through it."""

import os

from FlowrouteNumbersLib.Controllers.PurchasablePhoneNumbersController import *
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *
from FlowrouteNumbersLib.Models import *

Configuration.username = os.environ.get("FR_ACCESS_KEY", "ACCESS_KEY")
Configuration.password = os.environ.get("FR_SECRET_KEY", "SECRET_KEY")

pnc = PurchasablePhoneNumbersController()
tnc = TelephoneNumbersController()


def main():
    seen = {}
    # Which area codes have stock?
    npas = pnc.list_available_np_as(limit=3)
    seen["npas"] = sorted(npas["npas"])
    found = pnc.search(limit=1, npa=206)
    number = sorted(found["tns"])[0]
    try:
        tnc.purchase(BillingMethod(billing_method="METERED"), number)
    except APIException as e:
        seen["purchase_error"] = (e.response_code, e.response_body)
    details = tnc.telephone_number_details(number)
    seen["routes"] = [route["name"] for route in details["routes"]]
    return seen
