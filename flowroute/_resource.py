"""What every controller shares: endpoint records and the call through the Transport."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

from ._transport import Params, Response, path_param

if TYPE_CHECKING:
    import requests

    from ._raw import RawCalls
    from ._transport import Transport

__all__ = ["Controller", "Endpoint"]


class Endpoint:
    """One API operation: method and path template (with ``{name}`` placeholders).

    A plain slotted class, read-only by convention: every controller module
    defines its endpoints at import, and creating a named tuple or attrs
    class costs 0.1 to 0.8 ms, where this one is written out once.

    A POST is not idempotent: it is never re-sent once it may have reached
    the server. Neither is an operation marked `buys`: v1 purchases and
    creates with PUT, and a repeated PUT of a purchase answers 409 although
    the first one went through. Every other operation is retried.

    Attributes:
        method: the HTTP method.
        template: the path, ``{name}`` placeholders for path parameters.
        buys: a PUT that buys or creates, so not idempotent.
        outcome: for an operation that is not idempotent, what it may have
            done when its answer is lost and how to check before retrying
            (carried by `OutcomeUnknownError`).
        safe: a POST that changes nothing (a check, a validation): sending
            it twice is harmless, so it is retried like a GET.
    """

    __slots__ = ("buys", "method", "outcome", "safe", "template")

    def __init__(
        self,
        method: str,
        template: str,
        buys: bool = False,
        outcome: Optional[str] = None,
        safe: bool = False,
    ) -> None:
        self.method = method
        self.template = template
        self.buys = buys
        self.outcome = outcome
        self.safe = safe

    @property
    def idempotent(self) -> bool:
        """Whether sending this operation twice has the effect of sending it once."""
        return self.safe or (self.method != "POST" and not self.buys)

    def path(self, **params: object) -> str:
        """The path with each placeholder filled by its percent-escaped value."""
        return self.template.format(**{k: path_param(v) for k, v in params.items()})


class Controller:
    """Base of the API controllers: holds the Transport and the auth of one API version.

    The auth object is fetched at call time, so a Client without credentials
    can be built and fails with a `ConfigurationError` only when it is used.
    """

    def __init__(self, transport: Transport, auth: Callable[[], requests.auth.AuthBase]) -> None:
        self._transport = transport
        self._auth = auth

    @property
    def with_raw_response(self) -> RawCalls:
        """This controller's methods, each returning a `RawResponse` instead of its result.

        ``numbers.with_raw_response.list_phone_number_details(id)`` makes the
        one request the plain call makes and returns its status, headers,
        request id and body; ``.parse()`` gives the typed result.
        """
        from ._raw import RawCalls

        return RawCalls(self)

    def _call(
        self,
        endpoint: Endpoint,
        *,
        params: Params = None,
        json: Any = None,
        **path: object,
    ) -> Any:
        """Send one call; its decoded body (None when empty)."""
        return self._send(endpoint, params=params, json=json, **path).body

    def _send(
        self,
        endpoint: Endpoint,
        *,
        params: Params = None,
        json: Any = None,
        **path: object,
    ) -> Response:
        """Send one call; the whole `Response` (status, headers, request id, body)."""
        return self._transport.request(
            endpoint.method,
            endpoint.path(**path),
            auth=self._auth(),
            params=params,
            json=json,
            idempotent=endpoint.idempotent,
            outcome=endpoint.outcome,
        )
