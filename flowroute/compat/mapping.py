"""The one table of legacy calls: what each becomes on v2, and what it loses.

Every legacy method (``FlowrouteNumbersLib``, ``FlowrouteMessagingLib`` and
the published v3 SDK, ``flowroutenumbersandmessaging``) is one `LegacyCall`
row; the v3 SDK's rows live beside its controllers in `flowroute.compat.v3`.
The shim runs rows (`_run.run`), the deprecation warnings quote them,
shadow mode ignores the differences they document, the migration guide is
written from them, and a parametrised test walks them, so none of these
can drift apart.

Regenerate the guide after changing a row::

    python -m flowroute.compat > docs/migration.rst
"""

from __future__ import annotations

import sys
from typing import Any, Optional

from ..errors import FlowrouteError
from . import _messaging_v2, _on_v1, _onto_v2, _update, v3
from ._row import LegacyCall, LegacyName, Rewrite

__all__ = [
    "BY_NAME",
    "ERROR_DIFFERENCES",
    "NAMES",
    "TABLE",
    "LegacyCall",
    "LegacyName",
    "Rewrite",
    "main",
    "migration_guide",
]

ERROR_DIFFERENCES = ("$.errors",)
"""Where a v2 error body differs from v1's: it keeps v2's ``errors`` list beside ``error``."""


def _billing_loss(arguments: dict[str, Any]) -> Optional[str]:
    method = _on_v1.billing_method_of(arguments.get("billing"))
    if method == _onto_v2.V2_BILLING:
        return None
    return (
        f"billing method {method!r} has no v2 equivalent; the number is bought "
        f"and billed as {_onto_v2.V2_BILLING}"
    )


def _messaging_error(exc: FlowrouteError) -> Exception:
    from .messaging import legacy_error  # the legacy class lives with the library

    return legacy_error(exc)


_NUMBERS = "FlowrouteNumbersLib"
_MESSAGING = "FlowrouteMessagingLib"
_PURCHASABLE = "PurchasablePhoneNumbersController"
_TNS = "TelephoneNumbersController"
_ROUTES = "InboundRoutesController"
_PAGING = "``page`` becomes ``offset = (page - 1) * limit``; ``limit`` defaults to 10"
_METERED = "v2 has no billing method: it always reports ``METERED``"

TABLE: tuple[LegacyCall, ...] = (
    LegacyCall(
        library=_NUMBERS,
        controller=_PURCHASABLE,
        method="list_available_np_as",
        parameters=("limit=200", "page=None"),
        v1="GET /v1/available-tns/npas/",
        v2=("client.v2.numbers.list_available_area_codes",),
        arguments=(
            "``limit`` is kept (1 to 200; the legacy default 200 is sent); "
            "``page`` becomes ``offset = (page - 1) * limit``."
        ),
        result="``{npas: {NPA: {nxxs, tns}}, links}``, v1 links with ``page=``.",
        read=True,
        on_v1=_on_v1.list_available_np_as,
        on_v2=_onto_v2.list_available_np_as,
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_PURCHASABLE,
        method="list_area_and_exchange",
        parameters=("limit=None", "npa=None", "page=None"),
        v1="GET /v1/available-tns/npanxxs/",
        v2=("client.v2.numbers.list_available_exchange_codes",),
        arguments=f"``npa`` becomes ``areacode``; {_PAGING}.",
        result="``{npanxxs: {NPANXX: {tns}}, links}``; ``{}`` when nothing matches.",
        read=True,
        on_v1=_on_v1.list_area_and_exchange,
        on_v2=_onto_v2.list_area_and_exchange,
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_PURCHASABLE,
        method="search",
        parameters=(
            "limit=None",
            "npa=None",
            "nxx=None",
            "page=None",
            "ratecenter=None",
            "state=None",
            "tn=None",
        ),
        v1="GET /v1/available-tns/tns/",
        v2=("client.v2.numbers.search_for_purchasable_phone_numbers",),
        arguments=(
            "``npa`` and ``nxx`` become ``starts_with=1NPANXX``; ``tn`` becomes "
            f"``contains``; ``ratecenter`` becomes ``rate_center`` (lower case); {_PAGING}."
        ),
        result=(
            "``{tns: {number: {initial_cost, monthly_cost, state, ratecenter, "
            "billing_methods}}, links}``; costs from ``setup_cost``/``monthly_cost``."
        ),
        lost=f"``billing_methods``: {_METERED}, so it lists only ``METERED``.",
        differences=("$.tns.*.billing_methods",),
        read=True,
        on_v1=_on_v1.search,
        on_v2=_onto_v2.search,
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_TNS,
        method="purchase",
        parameters=("billing", "number"),
        v1="PUT /v1/tns/{number}",
        v2=("client.v2.numbers.purchase_a_phone_number",),
        arguments="``number`` becomes the id; ``billing`` is checked, then dropped.",
        result="``''``, as v1's empty body.",
        lost=(
            "``billing``: v2 bills every number as ``METERED``. Another billing method "
            "warns once (FlowrouteTranslationWarning), is recorded in "
            "``flowroute.compat.migration_report()``, and is refused in strict mode."
        ),
        read=False,
        on_v1=_on_v1.purchase,
        on_v2=_onto_v2.purchase,
        loses=_billing_loss,
        rewrite=Rewrite(arguments=(("billing", ""), ("number", "id"))),
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_TNS,
        method="list_account_telephone_numbers",
        parameters=("limit=None", "page=None", "pattern=None"),
        v1="GET /v1/tns/",
        v2=(
            "client.v2.numbers.list_account_phone_numbers",
            "client.v2.numbers.list_phone_number_details",
        ),
        arguments=f"``pattern`` becomes ``contains``; {_PAGING}.",
        result=(
            "``{tns: {number: {routes, billing_method, detail}}, links}``; each number's "
            "routes come from its details (one more request per number)."
        ),
        lost=f"``billing_method``: {_METERED}.",
        differences=("$.tns.*.billing_method",),
        read=True,
        on_v1=_on_v1.list_account_telephone_numbers,
        on_v2=_onto_v2.list_account_telephone_numbers,
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_TNS,
        method="telephone_number_details",
        parameters=("telephone_number",),
        v1="GET /v1/tns/{number}",
        v2=("client.v2.numbers.list_phone_number_details",),
        arguments="``telephone_number`` becomes the id.",
        result=(
            "``{routes: [primary, failover], billing_method}``; a route reads "
            "``{type, name}`` with the v2 alias as name; an unset route reads sip-reg."
        ),
        lost=f"``billing_method``: {_METERED}.",
        differences=("$.billing_method",),
        read=True,
        on_v1=_on_v1.telephone_number_details,
        on_v2=_onto_v2.telephone_number_details,
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_TNS,
        method="update",
        parameters=("number", "routes"),
        v1="PATCH /v1/tns/{number}",
        v2=(
            "client.v2.routes.update_primary_voice_route",
            "client.v2.routes.update_failover_voice_route",
        ),
        arguments=(
            "each route name becomes the id of the v2 route with that alias "
            "(``sip-reg`` is ``0``); the first is the primary, the second the failover."
        ),
        result="``''``, as v1's empty body.",
        lost=(
            "atomicity: two requests instead of one. If the failover request fails, "
            "the primary route is restored and ``PartialUpdateError`` (an "
            "``APIException``) says which routes the number has now."
        ),
        read=False,
        on_v1=_on_v1.update,
        on_v2=_update.update,
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_ROUTES,
        method="list",
        parameters=("limit=None", "page=None"),
        v1="GET /v1/routes/",
        v2=("client.v2.routes.list_inbound_routes",),
        arguments=(
            "``limit`` and ``page`` (default 10, 1) are cut from every route sorted "
            "by name, as v1 paged them; v2 lists in creation order, so all routes are read."
        ),
        result=(
            "``{routes: {name: {type, value}}, links}``, keyed by alias; types "
            "``host``/``number``/``uri``/``sip-reg`` read ``HOST``/``PSTN``/``URI``/``SIP-REG``."
        ),
        lost="routes made on v2 without an alias are keyed by their id.",
        read=True,
        on_v1=_on_v1.list_routes,
        on_v2=_onto_v2.list_routes,
    ),
    LegacyCall(
        library=_NUMBERS,
        controller=_ROUTES,
        method="create_new_route",
        parameters=("route_name", "mtype", "value"),
        v1="PUT /v1/routes/{route_name}",
        v2=("client.v2.routes.create_an_inbound_route",),
        arguments=(
            "``route_name`` becomes the ``alias``; ``mtype`` ``HOST``/``PSTN``/``URI`` "
            "becomes ``route_type`` ``host``/``number``/``uri``."
        ),
        result="``''``, as v1's empty body.",
        lost=(
            "v1 refused a second route of the same name; v2 may accept a second "
            "alias, and ``update`` then refuses the name as ambiguous."
        ),
        read=False,
        on_v1=_on_v1.create_new_route,
        on_v2=_onto_v2.create_new_route,
    ),
    LegacyCall(
        library=_MESSAGING,
        controller="APIController",
        method="create_message",
        parameters=("message",),
        v1="POST /v2/messages (retired)",
        v2=("client.v2.messages.send_a_message",),
        arguments=(
            "``Message(to=, from_=, content=)``: ``content`` becomes ``body``; the later "
            "edition's ``is_mms`` and ``media_urls`` (and ``dlr_callback``) are sent as given."
        ),
        result="``{data: {id}}``; the id is an ``mdr2-`` id.",
        read=False,
        on_v1=None,
        on_v2=_messaging_v2.create_message,
        error=_messaging_error,
        rewrite=Rewrite(model=("message", (("to", "to"), ("from_", "from_"), ("content", "body")))),
    ),
    LegacyCall(
        library=_MESSAGING,
        controller="APIController",
        method="get_message_lookup",
        parameters=("record_id",),
        v1="GET /v2/messages/{record_id} (retired)",
        v2=("client.v2.messages.look_up_a_message_detail_record",),
        arguments="``record_id`` is kept; it must be an ``mdr2-`` id.",
        result=(
            "``{data: {attributes, type, id}}``: ``is_mms`` reads ``has_mms``, "
            "``longcode`` reads ``long-code``; ``status`` and ``delivery_receipts`` "
            "are left out."
        ),
        lost=(
            "``mdr1-`` records of the retired API (a 404 APIException); "
            "``callback_url`` is always null."
        ),
        read=True,
        on_v1=None,
        on_v2=_messaging_v2.get_message_lookup,
        error=_messaging_error,
    ),
    *v3.ROWS,
)
"""Every legacy call, in the order the legacy documentation lists them, then the v3 SDK's."""

BY_NAME: dict[str, LegacyCall] = {row.name: row for row in TABLE}
"""The rows by ``Controller.method``."""

_CREDENTIALS = (
    ("username", "flowroute.Client(access_key=...) or $FR_ACCESS_KEY"),
    ("password", "flowroute.Client(secret_key=...) or $FR_SECRET_KEY"),
    ("BASE_URI", "flowroute.Client(base_url=...) or $FLOWROUTE_BASE_URL"),
    ("backend", "nothing: flowroute.Client calls v2"),
    ("strict", "nothing: flowroute.Client never translates"),
)
_V3_CREDENTIALS = (
    ("basic_auth_user_name", "flowroute.Client(access_key=...) or $FR_ACCESS_KEY"),
    ("basic_auth_password", "flowroute.Client(secret_key=...) or $FR_SECRET_KEY"),
    ("base_uri", "flowroute.Client(base_url=...) or $FLOWROUTE_BASE_URL"),
)
_ONE_CLIENT = "one flowroute.Client holds the credentials and the connection pool"
_API_ERROR = "flowroute.errors.APIError (any failure: flowroute.errors.FlowrouteError)"
# ``{e}`` is the name the handler binds the exception to.
_LEGACY_ERROR = (
    ("response_code", "{e}.status (0 for no answer: catch flowroute.errors.TransportError)"),
    ("reason", "str({e}) or {e}.detail"),
    ("response_body", "{e}.body (the API's error details parsed in {e}.errors)"),
)
_SDK_ERROR = (("context", "{e}.status, {e}.body (for context.response.status_code, .raw_body)"),)


def _legacy_names(library: str, controllers: tuple[str, ...]) -> tuple[LegacyName, ...]:
    return (
        *(
            LegacyName(
                library=library,
                name=controller,
                kind="controller",
                replacement="flowroute.Client().v2",
                changes=_ONE_CLIENT,
            )
            for controller in controllers
        ),
        LegacyName(
            library=library,
            name="Configuration",
            kind="configuration",
            replacement="flowroute.Client(access_key=..., secret_key=..., base_url=...)",
            changes="settings on one client instead of a global class",
            attributes=_CREDENTIALS,
        ),
        LegacyName(
            library=library,
            name="APIException",
            kind="exception",
            replacement=_API_ERROR,
            changes="exception class: one hierarchy, typed by status",
            attributes=_LEGACY_ERROR,
        ),
        *(
            LegacyName(library=library, name=helper, kind="helper", replacement="nothing")
            for helper in ("APIHelper", "CustomAuthUtility")
        ),
    )


def _v3_controller(name: str) -> LegacyName:
    attribute = name[: -len("Controller")].lower()
    return LegacyName(
        library=v3.LIBRARY,
        name=name,
        kind="controller",
        replacement=f"flowroute.Client().v2.{attribute}",
        changes=_ONE_CLIENT,
    )


_V3_CONTROLLERS = tuple(dict.fromkeys(row.controller for row in v3.ROWS))

NAMES: tuple[LegacyName, ...] = (
    *_legacy_names(_NUMBERS, (_PURCHASABLE, _TNS, _ROUTES)),
    LegacyName(
        library=_NUMBERS,
        name="Route",
        kind="model",
        replacement="a v2 route id (client.v2.routes.list_inbound_routes)",
        changes="route names become route ids; primary and failover are set apart",
    ),
    LegacyName(
        library=_NUMBERS,
        name="BillingMethod",
        kind="model",
        replacement="nothing",
        changes="billing method lost: v2 bills every number METERED",
    ),
    *_legacy_names(_MESSAGING, ("APIController",)),
    LegacyName(
        library=_MESSAGING,
        name="Message",
        kind="model",
        replacement="client.v2.messages.send_a_message(to=..., from_=..., body=...)",
        changes="``content`` becomes ``body``",
    ),
    LegacyName(
        library=v3.LIBRARY,
        name="FlowroutenumbersandmessagingClient",
        kind="client",
        replacement="flowroute.Client(access_key=..., secret_key=...)",
        changes="the controllers are under client.v2",
        attributes=tuple(
            (_v3_controller(c).replacement.rsplit(".", 1)[1], _v3_controller(c).name)
            for c in _V3_CONTROLLERS
        ),
    ),
    *(_v3_controller(name) for name in _V3_CONTROLLERS),
    LegacyName(
        library=v3.LIBRARY,
        name="Configuration",
        kind="configuration",
        replacement="flowroute.Client(access_key=..., secret_key=..., base_url=...)",
        changes="settings on one client instead of a global class",
        attributes=_V3_CREDENTIALS,
    ),
    *(
        LegacyName(
            library=v3.LIBRARY,
            name=name,
            kind="exception",
            replacement=_API_ERROR,
            changes="exception class: one hierarchy, typed by status",
            attributes=_SDK_ERROR,
        )
        for name in ("APIException", "ErrorException")
    ),
    LegacyName(
        library=v3.LIBRARY,
        name="APIHelper",
        kind="helper",
        replacement="nothing: flowroute.Client serialises",
    ),
    LegacyName(
        library=v3.LIBRARY,
        name="*",
        kind="model",
        replacement="keyword arguments, a dict or a flowroute.v2.models class",
        changes="request bodies are built by the v2 call",
    ),
)
"""Every legacy name that is not a call, library by library (the scanner reports their uses)."""


def _heading(text: str, underline: str) -> list[str]:
    return [text, underline * len(text), ""]


_INTRO = """\
.. This page is generated from flowroute/compat/mapping.py; do not edit it.
   Regenerate: python -m flowroute.compat > docs/migration.rst

Legacy code written for ``FlowrouteNumbersLib`` and ``FlowrouteMessagingLib``
runs unchanged on this package: the same imports, names, argument orders and
results. Each legacy call runs on the backend chosen by
``Configuration.backend`` (or ``$FLOWROUTE_COMPAT_BACKEND``):

``v2`` (the default)
    translated onto the v2 API, answered in the v1 shapes below.
``v1``
    sent to v1 as before, HMAC-signed.
``shadow``
    answered by v1; each read is repeated on v2 and every difference not
    listed below is reported as a ``FlowrouteShadowWarning`` and a log record
    on the ``flowroute`` logger. Writes are never repeated.

Each call emits a ``FlowrouteDeprecationWarning`` naming its v2 replacement,
once per line of your code. With ``Configuration.strict = True`` a call that
would lose something on v2 raises ``LossyTranslationError`` instead of
running. Errors keep the legacy ``APIException(reason, response_code,
response_body)`` shape, with an ``"error"`` key in the body; on v2 the body
also keeps the API's ``"errors"`` list. ``str()`` of one is its reason, as
it was. Every failure is one: a call that got no answer (timeout, dropped
connection, garbled body) has ``response_code`` 0, a call without
credentials 401 (the service refused it so), and each backend answers the
same code for the same mistake.

The module layout is the legacy packages': ``from
FlowrouteMessagingLib.Models import Message`` gives the module (the class is
``Message.Message``), and ``FlowrouteNumbersLib``'s ``APIHelper`` and
``CustomAuthUtility`` are there, brought into scope by ``import *`` from a
controller module as before.

Code written for the published v3 SDK (``flowroutenumbersandmessaging``)
runs unchanged too: its calls are listed last.
"""

_V3_INTRO = """\
The v3 SDK's import paths (``flowroutenumbersandmessaging.configuration``,
``.flowroutenumbersandmessaging_client``, ``.controllers.*``, ``.models``,
``.exceptions``) are shipped with this package, over ``flowroute.compat.v3``;
installing it replaces a copy of the published SDK on ``sys.path``. Each
call keeps the SDK's arguments and returns the document the API answered,
as the SDK did (``''`` for an empty 204 body); it runs on ``flowroute.Client``
(validation before sending, retries, one connection pool) and emits a
``FlowrouteDeprecationWarning`` naming the ``client.v2`` call that replaces
it. ``Configuration.base_uri``, ``basic_auth_user_name`` and
``basic_auth_password`` are read at each call; left unset they fall back to
``$FLOWROUTE_BASE_URL``, ``$FR_ACCESS_KEY`` and ``$FR_SECRET_KEY``. Errors are
the SDK's ``ErrorException`` (401, 403, 404, 422, and arguments refused
before sending, as a 400) and ``APIException`` (any other status, 409
included), with ``e.context.response.raw_body`` and ``.status_code``.
"""


def migration_guide() -> str:
    """The migration guide (reStructuredText), written from `TABLE`."""
    lines = [*_heading("Migrating from the legacy libraries", "="), _INTRO]
    for library in (_NUMBERS, _MESSAGING, v3.LIBRARY):
        lines += _heading(library, "-")
        if library == v3.LIBRARY:
            lines.append(_V3_INTRO)
        for row in (r for r in TABLE if r.library == library):
            lines += _heading(f"{row.controller}.{row.signature}", "~")
            lines += [
                f"Was ``{row.v1}``. Now: {', then '.join(f'``{t}``' for t in row.v2)}.",
                "",
                f"Arguments\n    {row.arguments}",
                f"Result\n    {row.result}",
                f"Lost on v2\n    {row.lost or 'Nothing.'}",
                f"``flowroute migrate apply``\n    {row.applied()}",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    """Write the migration guide to standard output."""
    sys.stdout.write(migration_guide())
