"""``FlowrouteNumbersLib.CustomAuthUtility``: sign and send one v1 request.

As in the legacy module, ``Configuration`` is in its namespace too.
"""

from flowroute.compat.configuration import Configuration
from flowroute.compat.custom_auth import CustomAuthUtility

__all__ = ["Configuration", "CustomAuthUtility"]
