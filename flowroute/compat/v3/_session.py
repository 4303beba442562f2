"""Running one v3 SDK call on ``client.v2``, answering the document the SDK returned.

The SDK returned each response body as it came (a 204's empty body as
``""``). The v2 controllers validate, retry and structure models; a
`Session` gives them a Transport stand-in that keeps each decoded body, so
the drop-in hands back exactly the JSON the API answered while every
request still goes through ``client.v2``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Callable, Optional, Union, cast

from .._row import LegacyCall, Rewrite
from .._run import _deprecated, _legacy_errors
from .configuration import session
from .exceptions import sdk_error

if TYPE_CHECKING:
    from ..._client import Client
    from ..._transport import Response, Transport
    from ...v2 import V2

__all__ = [
    "LIBRARY",
    "PAGE",
    "UNUSED",
    "BaseController",
    "Session",
    "forward",
    "run",
    "sdk_row",
]

LIBRARY = "flowroutenumbersandmessaging"
"""The library name the v3 SDK rows of the mapping table carry."""

_KEPT = "Kept, in the SDK's order."
_DOCUMENT = "The response document, as the SDK returned it."

PAGE = Rewrite(result="raw")
"""A listing's rewrite: the v2 page's ``raw`` is the document the SDK returned."""
UNUSED = Rewrite()
"""A call rewritten where its result is unused (v2 answers a model, the SDK a document)."""


class _Recorder:
    """Sends through the Client's Transport and keeps, per thread, the answers of one call."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._local = threading.local()

    def request(self, *args: Any, **kwargs: Any) -> Response:
        """`Transport.request`, remembering the `Response` it returns."""
        response = self._transport.request(*args, **kwargs)
        self._local.responses = [*self.answers(), response]
        return response

    def answers(self) -> list[Response]:
        """The answers on this thread since the last `forget`, oldest first."""
        found: list[Response] = getattr(self._local, "responses", [])
        return found

    def forget(self) -> None:
        """Start a new call on this thread."""
        self._local.responses = []

    def __getattr__(self, name: str) -> Any:
        # Anything else (base URL, streamed downloads) is the Transport's own.
        return getattr(self._transport, name)


class Session:
    """One `flowroute.Client` and the v2 controllers the SDK calls run on.

    Args:
        access_key: the API access key (None: ``$FR_ACCESS_KEY``).
        secret_key: the API secret key (None: ``$FR_SECRET_KEY``).
        base_url: where to send requests (None: ``$FLOWROUTE_BASE_URL``, then
            https://api.flowroute.com).
    """

    def __init__(
        self, access_key: Optional[str], secret_key: Optional[str], base_url: Optional[str]
    ) -> None:
        from ..._client import Client
        from ...v2 import V2

        self.client: Client = Client(access_key, secret_key, base_url=base_url)
        self._recorder = _Recorder(self.client._transport)
        # The Client's own transport (one pool, its retries) seen through the recorder.
        recording = cast("Transport", self._recorder)
        self.v2: V2 = V2(recording, self.client._v2_auth)

    def answer(self, method: Callable[..., object], *arguments: Any, verb: str = "") -> Any:
        """Call a v2 method; return the body it was answered (``""`` when empty, as the SDK).

        Args:
            method: the v2 method.
            arguments: its arguments.
            verb: answer with the last request of this HTTP method (e.g.
                ``"PATCH"`` when v2 reads the record back after changing it);
                "" for the last request.
        """
        self._recorder.forget()
        method(*arguments)
        found = [r for r in self._recorder.answers() if r.method == verb or not verb]
        return "" if not found or found[-1].body is None else found[-1].body

    def __repr__(self) -> str:
        return f"Session({self.client!r})"


def forward(pick: Callable[[V2], Callable[..., object]], verb: str = "") -> Callable[..., Any]:
    """The ``on_v2`` of a call whose arguments go, in order, to one v2 method.

    Args:
        pick: the v2 method, from ``client.v2``.
        verb: answer with the last request of this HTTP method ("" for the last).
    """

    def on_v2(current: Session, **arguments: Any) -> Any:
        return current.answer(pick(current.v2), *arguments.values(), verb=verb)

    return on_v2


def sdk_row(
    controller: str,
    method: str,
    parameters: tuple[str, ...],
    request: str,
    replacement: Union[str, tuple[str, ...]],
    on_v2: Callable[..., Any],
    *,
    read: bool,
    arguments: str = _KEPT,
    result: str = _DOCUMENT,
    lost: str = "",
    rewrite: Optional[Rewrite] = None,
) -> LegacyCall:
    """One v3 SDK call as a row of the mapping table.

    Args:
        controller: the SDK's controller class, e.g. ``"NumbersController"``.
        method: the SDK's method name.
        parameters: its parameters in order, with their defaults as written.
        request: the request the SDK made, e.g. ``"GET /v2/numbers"``.
        replacement: the ``client.v2`` method(s) replacing it, without
            ``client.v2.`` (``"numbers.list_account_phone_numbers"``).
        on_v2: runs the call on a `Session`; returns what the SDK returned.
        read: whether the call only reads.
        arguments: how its arguments reach v2.
        result: what it returns.
        lost: what v2 cannot keep ("" when nothing).
        rewrite: how `flowroute migrate apply` writes it on ``client.v2``
            (`PAGE`, `UNUSED`; None: never).
    """
    targets = (replacement,) if isinstance(replacement, str) else replacement
    return LegacyCall(
        library=LIBRARY,
        controller=controller,
        method=method,
        parameters=parameters,
        v1=request,
        v2=tuple(f"client.v2.{target}" for target in targets),
        arguments=arguments,
        result=result,
        lost=lost,
        read=read,
        on_v1=None,
        on_v2=on_v2,
        error=sdk_error,
        rewrite=rewrite,
    )


def run(row: LegacyCall, arguments: dict[str, Any]) -> Any:
    """Run one SDK call: warn once per call site, run it on v2, raise the SDK's errors.

    Args:
        row: the call's row.
        arguments: the method's ``locals()``; ``self`` is left out.
    """
    called = {name: value for name, value in arguments.items() if name != "self"}
    _deprecated(row, called)
    current = session()
    return _legacy_errors(row, lambda: row.on_v2(current, **called))


class BaseController:
    """Base of the SDK's controllers; each call reads `Configuration` when it runs.

    Args:
        client: the SDK's custom HTTP client; accepted for its signature and
            not used (requests go through `flowroute.Client`).
        call_back: the SDK's request/response hooks; accepted and not used.
    """

    def __init__(self, client: Any = None, call_back: Any = None) -> None:
        self.http_client = client
        self.http_call_back = call_back

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
