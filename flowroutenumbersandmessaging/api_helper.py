"""``flowroutenumbersandmessaging.api_helper``: the SDK's JSON and URL helpers."""

from flowroute.compat.v3.api_helper import APIHelper

__all__ = ["APIHelper"]
