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
        # flowroute-migrate: lost on v2: `billing_method`: v2 has no billing method: it
        #   always reports `METERED`.
        listing = self.numbers.list_account_telephone_numbers(limit=20, page=page)
        return sorted(listing["tns"])

    def point_at_pbx(self, number, host):
        try:
            # flowroute-migrate: lost on v2: v1 refused a second route of the same name;
            #   v2 may accept a second alias, and `update` then refuses the name as
            #   ambiguous.
            self.routes.create_new_route("pbx", "HOST", host)
        except FlowrouteError as error:
            if error.response_code != 400:
                raise
        # Primary to the PBX, failover to the registered SIP device.
        # flowroute-migrate: lost on v2: atomicity: two requests instead of one. If the
        #   failover request fails, the primary route is restored and
        #   `PartialUpdateError` (an `APIException`) says which routes the number has
        #   now.
        self.numbers.update(number, [FRRoute(name="pbx"), FRRoute(name="sip-reg")])
        # flowroute-migrate: lost on v2: `billing_method`: v2 has no billing method: it
        #   always reports `METERED`.
        return Numbers.telephone_number_details(number)["routes"]
