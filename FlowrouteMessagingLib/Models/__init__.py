"""The legacy messaging model module, ``Message`` (empty, as the legacy one was).

``from FlowrouteMessagingLib.Models import Message`` gives the module, as it
did; the class is ``Message.Message``.
"""
