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
    # flowroute-migrate: its result differs on v2: `{npas: {NPA: {nxxs, tns}}, links}`,
    #   v1 links with `page=`.
    npas = pnc.list_available_np_as(limit=3)
    seen["npas"] = sorted(npas["npas"])
    # flowroute-migrate: lost on v2: `billing_methods`: v2 has no billing method: it
    #   always reports `METERED`, so it lists only `METERED`.
    found = pnc.search(limit=1, npa=206)
    number = sorted(found["tns"])[0]
    try:
        # flowroute-migrate: the handler `except APIException` around it would not see
        #   its errors: v2 raises flowroute.errors.APIError (any failure:
        #   flowroute.errors.FlowrouteError)
        tnc.purchase(BillingMethod(billing_method="METERED"), number)
    except APIException as e:
        seen["purchase_error"] = (e.response_code, e.response_body)
    # flowroute-migrate: lost on v2: `billing_method`: v2 has no billing method: it
    #   always reports `METERED`.
    details = tnc.telephone_number_details(number)
    seen["routes"] = [route["name"] for route in details["routes"]]
    return seen
