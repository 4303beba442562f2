"""The raw answer of any call, without a second request: ``controller.with_raw_response``.

``client.v2.numbers.with_raw_response.list_phone_number_details(id)`` makes
the same call as ``client.v2.numbers.list_phone_number_details(id)`` and
returns a `RawResponse`: the status, headers, request id and decoded body
of what the server answered, and ``parse()`` for the typed result the plain
call returns. A body that does not read as the documented model, or is
not JSON at all, is still handed over; ``parse()`` raises the `DecodeError`
then. Errors the plain
call raises before any answer is read (bad arguments, API errors, transport
failures) are raised the same way.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar

from .errors import DecodeError

if TYPE_CHECKING:
    from ._resource import Controller
    from ._transport import Response

__all__ = ["RawCalls", "RawResponse"]

T = TypeVar("T")


class RawResponse(Generic[T]):
    """What the server answered to one call, and the call's typed result on demand.

    Attributes:
        responses: every `Response` the call received, in order (most calls
            make one request; a compat update makes two).
    """

    __slots__ = ("_error", "_result", "responses")

    def __init__(
        self, responses: tuple[Response, ...], result: Any, error: Optional[DecodeError]
    ) -> None:
        self.responses = responses
        self._result = result
        self._error = error

    @property
    def response(self) -> Response:
        """The last `Response` of the call (the one its result was read from)."""
        return self.responses[-1]

    @property
    def status(self) -> int:
        """The HTTP status code."""
        return self.response.status

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers (a case-insensitive mapping)."""
        return self.response.headers

    @property
    def request_id(self) -> Optional[str]:
        """The server's ``X-Request-Id``, when it sent one."""
        return self.response.request_id

    @property
    def url(self) -> str:
        """The full URL requested."""
        return self.response.url

    @property
    def body(self) -> Any:
        """The decoded JSON body (None when the body was empty)."""
        return self.response.body

    def parse(self) -> T:
        """The typed result the plain call returns.

        Raises:
            DecodeError: the body is not what the API documents.
        """
        if self._error is not None:
            raise self._error
        result: T = self._result
        return result

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status}] {self.response.method} {self.url}>"


class RawCalls:
    """The methods of one controller, each returning a `RawResponse` instead of its result.

    Got from ``controller.with_raw_response``; ``raw.method(...)`` takes the
    same arguments as ``controller.method(...)``.
    """

    __slots__ = ("_controller",)

    def __init__(self, controller: Controller) -> None:
        self._controller = controller

    def __getattr__(self, name: str) -> Callable[..., RawResponse[Any]]:
        method = getattr(type(self._controller), name, None)
        if name.startswith("_") or not callable(method):
            kind = type(self._controller).__name__
            raise AttributeError(f"{kind} has no API method {name!r}")

        def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            seen: list[Response] = []
            controller = _observed(self._controller, seen.append)
            try:
                result, error = method(controller, *args, **kwargs), None
            except DecodeError as exc:
                if not seen:  # a body that is not JSON: the error has the answer
                    if exc.response is None:
                        raise
                    seen.append(exc.response)
                result, error = None, exc
            return RawResponse(tuple(seen), result, error)

        call.__name__ = name
        call.__doc__ = method.__doc__
        return call

    def __dir__(self) -> list[str]:
        kind = type(self._controller)
        return [n for n in dir(kind) if not n.startswith("_") and callable(getattr(kind, n))]


def _observed(controller: Controller, observe: Callable[[Response], None]) -> Controller:
    """A copy of `controller` whose every answer is passed to `observe` as well."""
    clone = copy.copy(controller)
    send = controller._send

    def observed_send(*args: Any, **kwargs: Any) -> Response:
        response = send(*args, **kwargs)
        observe(response)
        return response

    clone._send = observed_send  # type: ignore[method-assign]  # this copy only
    return clone
