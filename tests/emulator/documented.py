"""The key sets of the documented v2 / v2.1 example responses.

Written down from the reference documentation's examples, so a test can
check that every body the emulator renders has exactly the documented keys.
"""

from __future__ import annotations

from typing import Any

CODE_ITEM = {"id", "links", "type"}
RELATED_LINKS = {"related"}
AVAILABLE_ITEM = {"attributes", "id", "links", "type"}
AVAILABLE_ATTRIBUTES = {
    "monthly_cost",
    "number_type",
    "rate_center",
    "setup_cost",
    "state",
    "value",
}
NUMBER_DOCUMENT = {"data", "included", "links"}
NUMBER_DATA = {"attributes", "id", "links", "relationships", "type"}
NUMBER_ATTRIBUTES = {
    "alias",
    "cnam_lookups_enabled",
    "number_type",
    "rate_center",
    "state",
    "value",
}
NUMBER_RELATIONSHIPS = {"cnam_preset", "e911_address", "failover_route", "primary_route"}
ACCOUNT_ITEM = {"attributes", "id", "links", "type"}
ROUTE_ITEM = {"attributes", "id", "links", "type"}
ROUTE_ATTRIBUTES = {"alias", "route_type", "value"}
NEW_ROUTE_DOCUMENT = {"data", "links"}
MESSAGE_ACCEPTED = {"id", "links", "type"}
MESSAGE_ITEM = {"attributes", "id", "type"}
MESSAGE_ATTRIBUTES = {
    "amount_display",
    "amount_nanodollars",
    "body",
    "delivery_receipts",
    "direction",
    "from",
    "is_mms",
    "message_encoding",
    "message_type",
    "status",
    "timestamp",
    "to",
}
RECEIPT = {"level", "status", "status_code", "status_code_description", "timestamp"}
ERROR_ITEM = {"detail", "id", "status", "title"}


def error_of(body: Any) -> dict[str, Any]:
    """The single error object of a v2 error body, checked for shape."""
    assert set(body) == {"errors"}
    (error,) = body["errors"]
    assert set(error) == ERROR_ITEM
    assert isinstance(error["status"], int)
    return dict(error)
