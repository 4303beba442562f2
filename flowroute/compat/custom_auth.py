"""The legacy numbers library's ``CustomAuthUtility``: send one HMAC-signed v1 request.

The legacy controllers built a v1 URL and handed it to
``CustomAuthUtility.appendCustomAuthParams``, which signed it and sent it;
``import *`` from a controller module put the class in the caller's
namespace. Code that called it directly keeps working: the request is
signed and sent by the Client of the legacy `Configuration`, and the answer
comes back as the legacy response object, with ``code`` and ``body``.
"""

from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import parse_qsl, urlsplit

import attrs

from ..errors import APIError, FlowrouteError
from . import configuration
from .errors import from_flowroute_error

__all__ = ["CustomAuthUtility", "LegacyResponse"]

_METHODS = ("GET", "PUT", "POST", "PATCH", "DELETE")


@attrs.frozen
class LegacyResponse:
    """What ``appendCustomAuthParams`` returns, as the legacy HTTP library shaped it.

    Attributes:
        code: the HTTP status.
        body: the decoded JSON body (None when empty; the text when not JSON).
    """

    code: int
    body: Any


class CustomAuthUtility:
    """Signs and sends one v1 request with ``Configuration.username`` / ``.password``."""

    @staticmethod
    def appendCustomAuthParams(  # the legacy name
        method: str = "GET",
        query_url: Optional[str] = None,
        body: Any = "",
        headers: Optional[dict[str, Any]] = None,
    ) -> LegacyResponse:
        """Send `method` `query_url` (a v1 URL, query included) with JSON `body`, signed.

        Args:
            method: GET, PUT, POST, PATCH or DELETE.
            query_url: the absolute v1 URL; its path and query are sent to the
                base URL of the legacy `Configuration` (default: ``BASE_URI``).
            body: JSON text, or empty for none.
            headers: accepted for compatibility; the request carries the
                library's own headers.

        Returns:
            The answer, error statuses included, as `LegacyResponse`.

        Raises:
            ValueError: an HTTP method the legacy utility did not know.
            APIException: no answer came (``response_code`` 0) or no
                credentials are set (401).
        """
        if method not in _METHODS:
            raise ValueError("Invalid HTTP Method was used.")
        url = urlsplit(query_url or configuration.Configuration.BASE_URI)
        client = configuration.client()
        try:
            answer = client._transport.request(  # the legacy raw request
                method,
                url.path,
                auth=client._v1_auth(),
                params=parse_qsl(url.query, keep_blank_values=True) or None,
                json=json.loads(body) if body else None,
            )
        except APIError as exc:
            return LegacyResponse(exc.status, exc.body)
        except FlowrouteError as exc:
            raise from_flowroute_error(exc) from exc
        return LegacyResponse(answer.status, answer.body)
