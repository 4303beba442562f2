"""The legacy ``FlowrouteNumbersLib`` package: a thin re-export of `flowroute.compat`.

Legacy imports keep working unchanged; the calls run on the backend
``Configuration.backend`` names (v2 by default). See the migration guide.
"""

from .APIException import APIException
from .Configuration import Configuration

__all__ = ["APIException", "Configuration"]
