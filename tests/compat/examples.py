# ruff: noqa: E501  (the snippets are the documentation's lines, kept verbatim)
"""Every example of the legacy v1 numbers documentation, as written there.

Sources: ``reference/docs/004_*.txt`` (the 2017 README) and
``reference/docs/v1-numbers-README-2016.md``, plus the script of issue 6.
Each snippet runs with the documented imports already done; what it
assigns to ``response`` (or the APIException it raises) is its outcome.
"""

from __future__ import annotations

from typing import Any

IMPORTS = """\
from FlowrouteNumbersLib.Controllers.InboundRoutesController import *
from FlowrouteNumbersLib.Controllers.PurchasablePhoneNumbersController import *
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import *
from FlowrouteNumbersLib.Models import *
irc = InboundRoutesController()
pnc = PurchasablePhoneNumbersController()
tnc = TelephoneNumbersController()
"""

# (legacy call, snippet); in documentation order, so routes exist before use.
EXAMPLES: tuple[tuple[str, str], ...] = (
    (
        "PurchasablePhoneNumbersController.list_available_np_as",
        "response = pnc.list_available_np_as()",
    ),
    (
        "PurchasablePhoneNumbersController.list_available_np_as",
        "response = pnc.list_available_np_as(limit=2)",
    ),
    (
        "PurchasablePhoneNumbersController.list_available_np_as",
        "response = pnc.list_available_np_as(limit=None)",
    ),
    (
        "PurchasablePhoneNumbersController.list_area_and_exchange",
        "response = pnc.list_area_and_exchange()",
    ),
    (
        "PurchasablePhoneNumbersController.list_area_and_exchange",
        "response = pnc.list_area_and_exchange(limit=2,npa=206,page=2)",
    ),
    (
        "PurchasablePhoneNumbersController.list_area_and_exchange",
        "response = pnc.list_area_and_exchange(limit=None,npa=None,page=None)",
    ),
    (
        "PurchasablePhoneNumbersController.list_area_and_exchange",
        "response = pnc.list_area_and_exchange(limit=2,npa=106,page=2)",
    ),
    ("PurchasablePhoneNumbersController.search", "response = pnc.search()"),
    (
        "PurchasablePhoneNumbersController.search",
        "response = pnc.search(limit=1,npa=206,nxx=743,page=1,ratecenter='seattle',state='wa')",
    ),
    (
        "PurchasablePhoneNumbersController.search",
        "response = pnc.search(limit=None,npa=None,nxx=None,page=None,ratecenter='None',state='None',tn=None)",
    ),
    (
        "PurchasablePhoneNumbersController.search",
        "response = pnc.search(10, 206, 641, None, 'seattle', 'wa', None)",
    ),
    ("PurchasablePhoneNumbersController.search", "response = pnc.search(limit=3,npa=206)"),
    (
        "TelephoneNumbersController.purchase",
        'billing = BillingMethod(billing_method="VPRI")\nnumber = "15852003968"\nresponse = tnc.purchase(billing,number)',
    ),
    (
        "TelephoneNumbersController.purchase",
        'billing = BillingMethod(billing_method="METERED")\nnumber = "15852003968"\nresponse = tnc.purchase(billing,number)',
    ),
    (
        "TelephoneNumbersController.purchase",
        "response = tnc.purchase(BillingMethod(billing_method='METERED'), sorted(pnc.search(limit=1,npa=206)['tns'])[0])",
    ),
    (
        "TelephoneNumbersController.list_account_telephone_numbers",
        "response = tnc.list_account_telephone_numbers()",
    ),
    (
        "TelephoneNumbersController.list_account_telephone_numbers",
        "response = tnc.list_account_telephone_numbers(limit=5,page=2,pattern=206)",
    ),
    (
        "TelephoneNumbersController.list_account_telephone_numbers",
        "response = tnc.list_account_telephone_numbers(limit=None,page=None,pattern=None)",
    ),
    (
        "TelephoneNumbersController.telephone_number_details",
        "response = tnc.telephone_number_details(12064205788)",
    ),
    (
        "TelephoneNumbersController.telephone_number_details",
        "response = tnc.telephone_number_details(16476998778)",
    ),
    ("InboundRoutesController.list", "response = irc.list()"),
    (
        "InboundRoutesController.create_new_route",
        "response = irc.create_new_route(route_name='PSTNroute1',mtype='PSTN',value='18002364455')",
    ),
    (
        "InboundRoutesController.create_new_route",
        "response = irc.create_new_route(route_name='HOSTroute1',mtype='HOST',value='24.239.23.40:5060')",
    ),
    (
        "InboundRoutesController.create_new_route",
        "response = irc.create_new_route(route_name='URIroute1',mtype='URI',value='sip:120664480000@215.122.69.152:5060')",
    ),
    (
        "InboundRoutesController.create_new_route",
        "response = irc.create_new_route(route_name='URIroute1',mtype='URI',value='sip:16476998778@215.122.69.152:5060')",
    ),
    ("InboundRoutesController.list", "response = irc.list(limit=None, page=None)"),
    ("InboundRoutesController.list", "response = irc.list(limit=4, page=None)"),
    (
        "TelephoneNumbersController.update",
        "rtes = [Route(name='sip-reg'), Route(name='ea4f4056663e27b082999689982e4723')]\nresponse = tnc.update(number=12064205780, routes=rtes)",
    ),
    (
        "TelephoneNumbersController.update",
        "rtes = [Route(name='sip-reg'), Route(name='HOSTroute1')]\nresponse = tnc.update(number=sorted(tnc.list_account_telephone_numbers()['tns'])[0], routes=rtes)",
    ),
    (
        "TelephoneNumbersController.telephone_number_details",
        "response = tnc.telephone_number_details(sorted(tnc.list_account_telephone_numbers()['tns'])[0])",
    ),
    (
        "TelephoneNumbersController.list_account_telephone_numbers",
        "response = tnc.list_account_telephone_numbers(limit=1,page=1,pattern=206)",
    ),
)


def run_examples() -> list[tuple[str, Any]]:
    """Run every example in order in one namespace; each outcome is a result or an error.

    An outcome is ``("ok", response)`` or ``("APIException", response_code, body)``.
    """
    namespace: dict[str, Any] = {}
    exec(compile(IMPORTS, "<legacy imports>", "exec"), namespace)
    outcomes: list[tuple[str, Any]] = []
    for index, (_, source) in enumerate(EXAMPLES):
        try:
            exec(compile(source, f"<legacy example {index}>", "exec"), namespace)
        except namespace["APIException"] as exc:
            outcomes.append(("APIException", (exc.response_code, exc.response_body)))
        else:
            outcomes.append(("ok", namespace.pop("response")))
    return outcomes
