"""What the compat layer raises and warns, in the legacy library's terms.

Legacy code catches ``APIException`` and reads ``response_code`` and
``response_body["error"]``; every failure the compat layer reports keeps
that shape, whichever backend answered. The warning classes let a caller
filter this layer's messages apart from everyone else's.
"""

from __future__ import annotations

from typing import Any, Optional

from .. import errors
from ..errors import APIError, ConfigurationError, FlowrouteError, ValidationError

__all__ = [
    "APIException",
    "FlowrouteDeprecationWarning",
    "FlowrouteShadowWarning",
    "FlowrouteTranslationWarning",
    "LossyTranslationError",
    "PartialUpdateError",
    "from_flowroute_error",
    "unanswered_status",
]

# The legacy library's reasons, by status; any other status read "HTTP Response Not OK".
_REASONS = {400: "USER ERROR", 500: "APPLICATION/SERVER ERROR"}
_NOT_OK = "HTTP Response Not OK"

# The legacy code a failure gets when no API status came with it, most specific first:
# bad arguments are what v1 refused with a 400; the only setting read while a
# call is sent is the credentials, which the legacy library sent as they were
# and the service refused with a 401; a failed exchange had no status at all.
_UNANSWERED: tuple[tuple[type[FlowrouteError], int], ...] = (
    (ValidationError, 400),
    (ConfigurationError, 401),
    (FlowrouteError, 0),
)


class FlowrouteDeprecationWarning(DeprecationWarning):
    """A legacy call was made; the message names its v2 replacement."""


class FlowrouteTranslationWarning(UserWarning):
    """A legacy call ran on v2 without something v2 cannot keep (e.g. a billing method).

    Shown once per kind of loss; every occurrence is recorded (see
    `flowroute.compat.migration_report`). With ``Configuration.strict`` the
    call raises `LossyTranslationError` instead.
    """


class FlowrouteShadowWarning(UserWarning):
    """In shadow mode, v2 answered a read differently from v1 (beyond documented differences)."""


class APIException(Exception):
    """The legacy library's error: the API (or the translation) refused a call.

    Args:
        reason: a short reason, as the legacy library gave it (``"USER ERROR"``).
        response_code: the HTTP status, or 0 when no request was answered.
        response_body: the parsed body; always a dict with an ``"error"`` key.

    Attributes:
        reason: as given.
        response_code: as given.
        response_body: as given.
    """

    def __init__(self, reason: str, response_code: int, response_body: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.response_code = response_code
        self.response_body = response_body

    def __str__(self) -> str:
        # The legacy exception's text was its reason alone; details stay in response_body.
        return self.reason


class PartialUpdateError(APIException, errors.PartialUpdateError):
    """A multi-request legacy call stopped half-way; the message says what state remains.

    Both a legacy `APIException` (so legacy ``except`` clauses catch it) and a
    `flowroute.errors.PartialUpdateError`.

    Attributes:
        number: the phone number the call was changing.
        primary: the name of the primary route the number has now (None:
            unknown, the routes could not be read back).
        failover: the name of the failover route the number has now (None:
            unset, or unknown when `primary` is None too).
    """

    def __init__(
        self,
        message: str,
        *,
        number: str,
        primary: Optional[str],
        failover: Optional[str],
        status: int,
        body: Any = None,
    ) -> None:
        # The failed request's own error details stay under "errors" when it had any.
        details = body.get("errors") if isinstance(body, dict) else None
        parsed = {"error": message, **({"errors": details} if details else {})}
        super().__init__("PARTIAL UPDATE", status, parsed)
        self.message = message
        self.number = number
        self.primary = primary
        self.failover = failover

    def __str__(self) -> str:
        # No legacy reason can say which half is done; this error, new here, says it.
        return f"PARTIAL UPDATE: {self.message}"


class LossyTranslationError(APIException):
    """Strict mode refused a legacy call whose translation onto v2 would lose something."""

    def __init__(self, message: str) -> None:
        super().__init__("LOSSY TRANSLATION", 0, {"error": message})
        self.message = message

    def __str__(self) -> str:
        # No legacy reason names what would be lost; this error, new here, says it.
        return f"LOSSY TRANSLATION: {self.message}"


def _reason(status: int) -> str:
    return _REASONS.get(status, _NOT_OK)


def unanswered_status(exc: FlowrouteError) -> int:
    """The legacy ``response_code`` of a failure the API gave no status for.

    400 for arguments refused before sending (v1 refused them so), 401 for
    missing credentials (the legacy library sent the call without them), 0
    when the exchange itself failed (timeout, dropped connection, garbled body).
    """
    return next(status for kind, status in _UNANSWERED if isinstance(exc, kind))


def from_flowroute_error(exc: FlowrouteError) -> APIException:
    """The legacy `APIException` for any flowroute error, with an ``"error"`` key in its body.

    A v1 body that already has ``"error"`` is kept as it came; otherwise the
    API's details (v2 ``errors``) are joined into ``"error"`` and the original
    body is kept under ``"errors"`` when it had them. Failures without an API
    status get the code `unanswered_status` gives.
    """
    if isinstance(exc, APIException):
        return exc
    if not isinstance(exc, APIError):
        status = unanswered_status(exc)
        return APIException(_reason(status), status, {"error": str(exc)})
    body: dict[str, Any] = {"error": exc.detail}
    if isinstance(exc.body, dict):
        if isinstance(exc.body.get("error"), str):
            body = dict(exc.body)
        elif "errors" in exc.body:
            body["errors"] = exc.body["errors"]
    return APIException(_reason(exc.status), exc.status, body)
