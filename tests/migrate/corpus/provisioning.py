"""A provisioning service: module imports, aliases, controllers kept on the instance."""

import FlowrouteNumbersLib.Controllers.InboundRoutesController as InboundRoutes
from FlowrouteNumbersLib import Configuration as NumbersConfig
from FlowrouteNumbersLib.APIException import APIException as FlowrouteError
from FlowrouteNumbersLib.Controllers.TelephoneNumbersController import (
    TelephoneNumbersController as Numbers,
)
from FlowrouteNumbersLib.Models.Route import Route as FRRoute


class Provisioner(object):
    def __init__(self, access_key, secret_key):
        NumbersConfig.username = access_key
        NumbersConfig.password = secret_key
        self.numbers = Numbers()
        self.routes = InboundRoutes()

    def owned(self, page=1):
        listing = self.numbers.list_account_telephone_numbers(limit=20, page=page)
        return sorted(listing["tns"])

    def point_at_pbx(self, number, host):
        try:
            self.routes.create_new_route("pbx", "HOST", host)
        except FlowrouteError as error:
            if error.response_code != 400:
                raise
        # Primary to the PBX, failover to the registered SIP device.
        self.numbers.update(number, [FRRoute(name="pbx"), FRRoute(name="sip-reg")])
        return Numbers.telephone_number_details(number)["routes"]
