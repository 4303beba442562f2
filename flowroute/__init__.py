"""flowroute: one Python SDK for the Flowroute API, v1 and v2.

``flowroute.Client`` speaks both API generations over one connection pool;
``flowroute.emulator`` is an offline, stateful fake of the API; the
``FlowrouteNumbersLib`` package keeps legacy code running.

Importing this package is cheap: the API namespaces, their models and the
emulator are imported on first use.
"""

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

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
    OutcomeUnknownError,
    PermissionDeniedError,
    RateLimitError,
    ReadError,
    ReadTimeout,
    ResponseTimeout,
    ResponseTooLargeError,
    ServerError,
    TransportError,
    UnprocessableEntityError,
    ValidationError,
    WebhookError,
)
from .pagination import Page

if TYPE_CHECKING:
    from ._client import Client
    from ._raw import RawResponse
    from ._retry import RetryPolicy

# Imported on first use: they bring requests (and attrs) with them, and code
# that only catches flowroute errors, or a pytest run that loads the plugin,
# should not pay for that.
_LAZY = {"Client": "._client", "RawResponse": "._raw", "RetryPolicy": "._retry"}

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
    "OutcomeUnknownError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "ReadError",
    "ReadTimeout",
    "ResponseTimeout",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "TransportError",
    "UnprocessableEntityError",
    "ValidationError",
    "WebhookError",
    "__version__",
]


def _lazy_getattr(owner: str, package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` importing each name from its home (relative to `package`)."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {owner!r} has no attribute {name!r}")
        # Not cached in the module: a cached class would outlive its module when a
        # tool drops modules from sys.modules (pytester's in-process runs do), and
        # mix two copies of the transport. The lookup costs a microsecond.
        # __import__, unlike importlib.import_module, shows in python -X importtime.
        return getattr(__import__(f"{package}{home}", fromlist=(name,)), name)

    return __getattr__


__getattr__ = _lazy_getattr(__name__, __name__, _LAZY)


def __dir__() -> list[str]:
    # The public names and the submodules imported so far, not typing helpers.
    modules = {n for n, v in globals().items() if isinstance(v, ModuleType)}
    return sorted(set(__all__) | modules)
