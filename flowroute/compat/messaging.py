"""The legacy ``FlowrouteMessagingLib``: `APIController`, `Message`, `APIException`.

``APIController(username=..., password=...)`` keeps its credentials, as the
legacy one did; its calls run on ``/v2.1/messages`` through the Client the
compat layer keeps for them and `MessagingConfiguration.BASE_URI` (or
``$FLOWROUTE_BASE_URL``), shared by every controller with those settings and
closed by `flowroute.compat.reset`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Optional

from ..errors import APIError, FlowrouteError
from ._run import run
from .configuration import base_url, shared_client
from .errors import unanswered_status
from .mapping import BY_NAME

if TYPE_CHECKING:
    from .._client import Client
    from .._retry import RetryPolicy

__all__ = ["APIController", "APIException", "Message", "MessagingConfiguration", "legacy_error"]

LEGACY_BASE_URI = "https://api.flowroute.com/v2"
# The legacy library's reasons, by status; any other status read "HTTP Response Not OK".
_REASONS = {401: "UNAUTHORIZED", 403: "FORBIDDEN"}
_NOT_OK = "HTTP Response Not OK"


def _base_url(uri: str) -> Optional[str]:
    """The Client's base URL for `uri`, without the ``/v2`` or (later edition) ``/v2.1``."""
    if uri.rstrip("/").endswith("/v2.1"):
        uri = uri.rstrip("/")[: -len(".1")]
    return base_url(uri, LEGACY_BASE_URI)


class MessagingConfiguration:
    """The legacy messaging library's settings (``FlowrouteMessagingLib.Configuration``).

    Attributes:
        BASE_URI: the legacy base URI, read at each call; a trailing ``/v2``
            (or ``/v2.1``, the later edition's) is ignored, so the emulator's
            URL works with or without it. Left at its default,
            ``$FLOWROUTE_BASE_URL`` is honoured.
        retry_policy: the `flowroute.RetryPolicy` of the controllers' Clients;
            None uses the default one.
    """

    BASE_URI: ClassVar[str] = LEGACY_BASE_URI
    retry_policy: ClassVar[Optional[RetryPolicy]] = None


class APIException(Exception):
    """The legacy messaging library's error, with the API's body parsed.

    Args:
        reason: ``"UNAUTHORIZED"``, ``"FORBIDDEN"`` or ``"HTTP Response Not OK"``.
        response_code: the HTTP status (400 for arguments refused before sending,
            401 for missing credentials, 0 when no answer came).
        response_body: the parsed body; a dict with an ``"errors"`` list.

    ``str()`` is the reason, as it was.
    """

    def __init__(self, reason: str, response_code: int, response_body: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.response_code = response_code
        self.response_body = response_body


def legacy_error(exc: FlowrouteError) -> APIException:
    """The legacy messaging `APIException` for any flowroute error."""
    if not isinstance(exc, APIError):
        status = unanswered_status(exc)
        detail = {"detail": str(exc), "status": status}
        return APIException(_REASONS.get(status, _NOT_OK), status, {"errors": [detail]})
    body = exc.body
    if not (isinstance(body, dict) and isinstance(body.get("errors"), list)):
        body = {"errors": [{"detail": exc.detail, "status": exc.status}]}
    return APIException(_REASONS.get(exc.status, _NOT_OK), exc.status, body)


class Message:
    """A message to send, as legacy code builds it: ``Message(to=, from_=, content=)``.

    The library's later edition added ``is_mms`` and ``media_urls`` (an MMS:
    ``Message(..., media_urls=[url], is_mms=True)``); ``dlr_callback``, which
    its demo passed, is sent too. Other keywords are ignored, as the legacy
    model ignored them. ``from_`` is kept as ``mfrom``, the legacy attribute
    name.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.to: Optional[str] = kwargs.get("to")
        self.mfrom: Optional[str] = kwargs.get("from_")
        self.content: Optional[str] = kwargs.get("content")
        self.is_mms: Any = kwargs.get("is_mms", False)
        self.media_urls: Any = kwargs.get("media_urls", [])
        self.dlr_callback: Optional[str] = kwargs.get("dlr_callback")

    def resolve_names(self) -> dict[str, Any]:
        """The message as its legacy JSON object: ``{"to", "from", "content"}``.

        ``is_mms`` and ``media_urls`` join it when set, as the later
        edition wrote them; an SMS keeps the first edition's three keys.
        """
        names = {"to": self.to, "from": self.mfrom, "content": self.content}
        if self.is_mms or self.media_urls:
            names.update(is_mms=self.is_mms, media_urls=self.media_urls)
        return names

    def __repr__(self) -> str:
        return (
            f"Message(to={self.to!r}, from_={self.mfrom!r}, content={self.content!r}, "
            f"is_mms={self.is_mms!r}, media_urls={self.media_urls!r})"
        )


class APIController:
    """Send SMS and look up message records, as the legacy library did.

    Args:
        username: the API access key.
        password: the API secret key.
    """

    def __init__(self, username: Optional[str] = None, password: Optional[str] = None) -> None:
        self._username = username
        self._password = password

    def __repr__(self) -> str:
        return "APIController()"

    def _connection(self) -> Client:
        # Read at each call, not once: legacy code sets Configuration.BASE_URI
        # (e.g. to an emulator) after building its controller, or changes it.
        # Shared, not the controller's own: legacy code builds a controller
        # per message, and each would open (and leave open) its own pool.
        base = _base_url(MessagingConfiguration.BASE_URI)
        policy = MessagingConfiguration.retry_policy
        return shared_client(self._username, self._password, base, policy)

    def create_message(self, message: Any) -> Any:
        """Send `message` (a `Message`); returns ``{"data": {"id": "mdr2-..."}}``."""
        row = BY_NAME["APIController.create_message"]
        return run(row, self._connection(), {"message": message}, "v2")

    def get_message_lookup(self, record_id: Any) -> Any:
        """The record of a sent or received message: ``{"data": {"attributes": ...}}``."""
        row = BY_NAME["APIController.get_message_lookup"]
        return run(row, self._connection(), {"record_id": record_id}, "v2")
