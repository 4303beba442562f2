"""flowroute: one Python SDK for the Flowroute API, v1 and v2.

``flowroute.Client`` speaks both API generations over one connection pool;
``flowroute.emulator`` is an offline, stateful fake of the API; the
``FlowrouteNumbersLib`` package keeps legacy code running.

Importing this package is cheap: the API namespaces, their models and the
emulator are imported on first use.
"""

from ._client import Client
from ._retry import RetryPolicy
from ._version import __version__
from .errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    ConnectError,
    ConnectTimeout,
    DecodeError,
    FlowrouteError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ReadError,
    ReadTimeout,
    ServerError,
    TransportError,
    UnprocessableEntityError,
    ValidationError,
)
from .pagination import Page

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConfigurationError",
    "ConflictError",
    "ConnectError",
    "ConnectTimeout",
    "DecodeError",
    "FlowrouteError",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "ReadError",
    "ReadTimeout",
    "RetryPolicy",
    "ServerError",
    "TransportError",
    "UnprocessableEntityError",
    "ValidationError",
    "__version__",
]
