"""The legacy ``FlowrouteMessagingLib`` package, over `flowroute.compat.messaging`.

Empty, as the legacy package's ``__init__`` was: its names live in their
modules (``FlowrouteMessagingLib.Models.Message.Message``,
``FlowrouteMessagingLib.APIException.APIException``). The calls run on
``/v2.1/messages``; see the migration guide.
"""
