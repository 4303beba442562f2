"""A drop-in for the generated v3 SDK's ``FlowroutenumbersandmessagingClient``.

Code written for ``flowroutenumbersandmessaging`` changes one import::

    from flowroute.compat.v3 import FlowroutenumbersandmessagingClient

``client.numbers``, ``client.routes`` and ``client.messages`` keep the SDK's
method names and arguments and return its JSON documents as dicts; they
run on `flowroute.Client` controllers (validation, retries, one pool) and
hand back the JSON those received. Errors are the SDK's `APIException` and
`ErrorException`.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from ..errors import APIError, ValidationError

if TYPE_CHECKING:
    from .._client import Client
    from ..v2 import V2

__all__ = [
    "APIException",
    "ErrorException",
    "FlowroutenumbersandmessagingClient",
    "MessagesController",
    "NumbersController",
    "RoutesController",
]

T = TypeVar("T")

# The SDK's reasons by status; other statuses read "HTTP response not OK.".
_REASONS = {
    400: "Bad Request",
    401: "Unauthorized \N{EN DASH} There was an issue with your API credentials.",
    403: "Forbidden \N{EN DASH} The server understood the request but refuses to authorize it.",
    404: "The specified resource was not found",
}


class APIException(Exception):
    """The SDK's error for an unsuccessful call.

    Attributes:
        reason: a one-line reason.
        response_code: the HTTP status (400 for arguments refused before sending).
        body: the parsed response body, when there was one.
    """

    def __init__(self, reason: str, response_code: int, body: Any = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.response_code = response_code
        self.body = body


class ErrorException(APIException):
    """The SDK's error when the API explained itself.

    Attributes:
        errors: the API's ``errors`` list (dicts with ``detail``, ``status``, ...).
    """

    def __init__(self, reason: str, response_code: int, body: Any = None) -> None:
        super().__init__(reason, response_code, body)
        found = body.get("errors") if isinstance(body, dict) else None
        self.errors: list[Any] = list(found) if isinstance(found, list) else []


def _sdk_error(exc: APIError | ValidationError) -> APIException:
    if isinstance(exc, ValidationError):
        body: Any = {"errors": [{"detail": str(exc), "status": 400}]}
        return ErrorException(_REASONS[400], 400, body)
    reason = _REASONS.get(exc.status, "HTTP response not OK.")
    if isinstance(exc.body, dict) and isinstance(exc.body.get("errors"), list):
        return ErrorException(reason, exc.status, exc.body)
    return APIException(reason, exc.status, exc.body)


def _sdk(call: Callable[[], T]) -> T:
    try:
        return call()
    except (APIError, ValidationError) as exc:
        raise _sdk_error(exc) from exc


def _document(model: Any) -> dict[str, Any]:
    """A single-resource document: the resource, the routes it included, its links."""
    document: dict[str, Any] = {"data": model.raw}
    related = [getattr(model, name, None) for name in ("primary_route", "failover_route")]
    included: dict[str, Any] = {r.id: r.raw for r in related if r is not None}
    if included:
        document["included"] = list(included.values())
    links = model.raw.get("links") if isinstance(model.raw, dict) else None
    if links:
        document["links"] = links
    return document


class NumbersController:
    """``client.numbers``: the inventory and the account's numbers."""

    def __init__(self, v2: Callable[[], V2]) -> None:
        self._v2 = v2

    def list_available_area_codes(
        self, limit: Any = None, offset: Any = None, max_setup_cost: Any = None
    ) -> Any:
        """``GET /v2/numbers/available/areacodes``; the response document."""
        numbers = self._v2().numbers
        return _sdk(lambda: numbers.list_available_area_codes(limit, offset, max_setup_cost).raw)

    def list_available_exchange_codes(
        self,
        limit: Any = None,
        offset: Any = None,
        max_setup_cost: Any = None,
        areacode: Any = None,
    ) -> Any:
        """``GET /v2/numbers/available/exchanges``; the response document."""
        numbers = self._v2().numbers
        return _sdk(
            lambda: (
                numbers.list_available_exchange_codes(limit, offset, max_setup_cost, areacode).raw
            )
        )

    def search_for_purchasable_phone_numbers(
        self,
        starts_with: Any = None,
        contains: Any = None,
        ends_with: Any = None,
        limit: Any = None,
        offset: Any = None,
        rate_center: Any = None,
        state: Any = None,
    ) -> Any:
        """``GET /v2/numbers/available``; the response document."""
        numbers = self._v2().numbers
        return _sdk(
            lambda: (
                numbers.search_for_purchasable_phone_numbers(
                    starts_with, contains, ends_with, limit, offset, rate_center, state
                ).raw
            )
        )

    def purchase_a_phone_number(self, id: Any) -> Any:
        """``POST /v2/numbers/{id}``; the purchased number's document."""
        numbers = self._v2().numbers
        return _sdk(lambda: _document(numbers.purchase_a_phone_number(id)))

    def list_account_phone_numbers(
        self,
        starts_with: Any = None,
        ends_with: Any = None,
        contains: Any = None,
        limit: Any = None,
        offset: Any = None,
    ) -> Any:
        """``GET /v2/numbers``; the response document."""
        numbers = self._v2().numbers
        return _sdk(
            lambda: (
                numbers.list_account_phone_numbers(
                    starts_with, ends_with, contains, limit, offset
                ).raw
            )
        )

    def list_phone_number_details(self, id: Any) -> Any:
        """``GET /v2/numbers/{id}``; the number's document, with its routes included."""
        numbers = self._v2().numbers
        return _sdk(lambda: _document(numbers.list_phone_number_details(id)))

    def release_a_phone_number(self, id: Any) -> None:
        """``DELETE /v2/numbers/{id}``; None."""
        numbers = self._v2().numbers
        _sdk(lambda: numbers.release_a_phone_number(id))


class RoutesController:
    """``client.routes``: inbound routes and the routes of each number."""

    def __init__(self, v2: Callable[[], V2]) -> None:
        self._v2 = v2

    def create_an_inbound_route(self, body: Any) -> Any:
        """``POST /v2/routes`` with the route document (dict or JSON text); the new route's."""
        routes = self._v2().routes
        return _sdk(lambda: _document(routes.create_an_inbound_route(body)))

    def list_inbound_routes(self, limit: Any = None, offset: Any = None) -> Any:
        """``GET /v2/routes``; the response document."""
        routes = self._v2().routes
        return _sdk(lambda: routes.list_inbound_routes(limit, offset).raw)

    def update_primary_voice_route(self, number_id: Any, body: Any) -> None:
        """``PATCH .../primary_route`` with ``{"data": {"type": "route", "id": ...}}``; None."""
        routes = self._v2().routes
        _sdk(lambda: routes.update_primary_voice_route(number_id, body))

    def update_failover_voice_route(self, number_id: Any, body: Any) -> None:
        """``PATCH .../failover_route`` with ``{"data": {"type": "route", "id": ...}}``; None."""
        routes = self._v2().routes
        _sdk(lambda: routes.update_failover_voice_route(number_id, body))

    # The SDK's generated code spelled these two longer; both spellings work.
    update_primary_voice_route_for_a_phone_number = update_primary_voice_route
    update_failover_voice_route_for_a_phone_number = update_failover_voice_route


class MessagesController:
    """``client.messages``: send SMS/MMS and look up message records (v2.1)."""

    def __init__(self, v2: Callable[[], V2]) -> None:
        self._v2 = v2

    def send_a_message(self, body: Any) -> Any:
        """``POST /v2.1/messages``; ``{"data": {"type": "message", "id": "mdr2-..."}}``."""
        messages = self._v2().messages
        record_id = _sdk(lambda: messages.send_a_message(body))
        return {"data": {"type": "message", "id": record_id}}

    def look_up_a_set_of_messages(
        self, start_date: Any, end_date: Any = None, limit: Any = None, offset: Any = None
    ) -> Any:
        """``GET /v2.1/messages``; the response document."""
        messages = self._v2().messages
        return _sdk(
            lambda: messages.look_up_a_set_of_messages(start_date, end_date, limit, offset).raw
        )

    def look_up_a_message_detail_record(self, id: Any) -> Any:
        """``GET /v2.1/messages/{id}``; ``{"data": record}``."""
        messages = self._v2().messages
        return _sdk(lambda: {"data": messages.look_up_a_message_detail_record(id).raw})


class FlowroutenumbersandmessagingClient:
    """The v3 SDK's client on flowroute's transport.

    Args:
        basic_auth_user_name: the API access key (default ``$FR_ACCESS_KEY``).
        basic_auth_password: the API secret key (default ``$FR_SECRET_KEY``).
        base_url: where to send requests (default ``$FLOWROUTE_BASE_URL``,
            then https://api.flowroute.com); e.g. an emulator's URL.
    """

    def __init__(
        self,
        basic_auth_user_name: Optional[str] = None,
        basic_auth_password: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
    ) -> None:
        self._access_key = basic_auth_user_name
        self._secret_key = basic_auth_password
        self._base_url = base_url

    def __repr__(self) -> str:
        return f"FlowroutenumbersandmessagingClient(base_url={self._base_url!r})"

    @cached_property
    def client(self) -> Client:
        """The `flowroute.Client` the controllers run on."""
        from .._client import Client

        return Client(self._access_key, self._secret_key, base_url=self._base_url)

    def _v2(self) -> V2:
        return self.client.v2

    @cached_property
    def numbers(self) -> NumbersController:
        """Numbers: the inventory and the account's numbers."""
        return NumbersController(self._v2)

    @cached_property
    def routes(self) -> RoutesController:
        """Inbound routes."""
        return RoutesController(self._v2)

    @cached_property
    def messages(self) -> MessagesController:
        """Messages (v2.1)."""
        return MessagesController(self._v2)
