"""The emulated account and inventory, and the verbs that change them.

Plain dicts keyed by id and methods named for what the service does
(`purchase`, `set_primary_route`, `send_message`). The verbs raise the
domain errors of `flowroute.emulator.errors` and know nothing of HTTP, JSON
or API versions, so v1, v2 and v2.1 all act on this one state: a number
bought through one version is listed by every other.

Every verb holds the state's re-entrant lock, so threads may call them
concurrently.
"""

from __future__ import annotations

import functools
import random
import re
import threading
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Optional, TypeVar, cast

from . import _inventory
from ._callbacks import CallbackBook
from ._cdr import CdrBook
from ._cnam import CnamBook
from ._e911 import E911Book
from ._edge import check_edge_strategy
from ._messaging import Messaging
from ._numbers import SIP_REG_ROUTE_ID, NumberIndex, bought
from ._outbox import Outbox
from .errors import Conflict, Forbidden, Invalid, NotFound
from .models import AccountNumber, AvailableNumber, Message, Route

__all__ = ["BILLING_METHODS", "ROUTE_TYPES", "SIP_REG_ROUTE", "State"]

F = TypeVar("F", bound=Callable[..., Any])

SIP_REG_ROUTE = Route(id=SIP_REG_ROUTE_ID, alias="sip-reg", route_type="sip-reg", value=None)
ROUTE_TYPES = ("host", "number", "uri", "sip-reg")
BILLING_METHODS = ("METERED", "VPRI")
FIRST_ROUTE_ID = 10001
MAX_SEEDED = 10_000_000  # seed_numbers at most; far below the areas' ~95 million numbers
SMS_PRICE_NANODOLLARS = 4_000_000
MMS_PRICE_NANODOLLARS = 20_000_000

_ACCOUNT_NUMBER = re.compile(r"1\d{10}")  # NANP, 11 digits, no "+"
_E164_DIGITS = re.compile(r"[1-9]\d{9,14}")  # any E.164 number, without "+"
_DIGITS = re.compile(r"\d{1,11}")
_THREE_DIGITS = re.compile(r"\d{3}")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?")
_SIP_URI = re.compile(r"sips?:\S+")
_MEDIA_URL = re.compile(r"https?://\S+")


def _locked(method: F) -> F:
    @functools.wraps(method)
    def wrapper(self: State, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return method(self, *args, **kwargs)

    return cast(F, wrapper)


def _check(pattern: re.Pattern[str], value: Any, field: str, expected: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise Invalid(f"{field} must be {expected}, got {value!r}", field)
    return value


def _digits(value: Optional[str], field: str) -> Optional[str]:
    return None if value is None else _check(_DIGITS, value, field, "1 to 11 digits")


def _matches(
    number: str, starts: Optional[str], contains: Optional[str], ends: Optional[str]
) -> bool:
    return (
        (starts is None or number.startswith(starts))
        and (contains is None or contains in number)
        and (ends is None or number.endswith(ends))
    )


class State:
    """The whole emulated service: inventory, account numbers, routes, messages.

    Args:
        seed: seeds the one random source (inventory, message ids).
        clock: returns the current time as an aware UTC datetime.
        lock: the lock every verb holds; pass one to share it with a dispatcher.

    Attributes:
        inventory: purchasable numbers, keyed by number.
        account: the account's numbers, keyed by number, iterated in
            number order; read it, change it through the verbs.
        routes_by_id: inbound routes, keyed by id (``"0"`` is sip-reg).
        messages_by_id: message detail records, keyed by ``mdr2-`` id.
        e911s: E911 addresses and which number uses which.
        cnams: CNAM records and which number presents which.
        cdrs: CDR exports and the call history they are made from.
        callbacks: messaging callback URLs of the account and of its numbers.
        messaging: messages' delivery steps, and inbound messages.
        outbox: the callbacks to POST to the app, and every attempt made.
    """

    inventory: dict[str, AvailableNumber]
    account: NumberIndex[AccountNumber]
    routes_by_id: dict[str, Route]
    messages_by_id: dict[str, Message]

    def __init__(
        self,
        seed: int,
        clock: Callable[[], datetime],
        lock: Optional[threading.RLock] = None,
    ) -> None:
        self.seed = seed
        self.clock = clock
        self.lock = lock if lock is not None else threading.RLock()
        self.outbox = Outbox()
        self.reset()

    @_locked
    def reset(self) -> None:
        """Return to the seeded state: full inventory, no numbers, only sip-reg."""
        self._rng = random.Random(self.seed)
        self.inventory = {n.number: n for n in _inventory.generate(self._rng)}
        self._exchanges = {n.npa + n.nxx: n.rate_center for n in self.inventory.values()}
        self.account = NumberIndex()
        self.routes_by_id = {SIP_REG_ROUTE.id: SIP_REG_ROUTE}
        self.messages_by_id = {}
        self._next_route_id = FIRST_ROUTE_ID
        self.e911s = E911Book(self)
        self.cnams = CnamBook(self)
        self.cdrs = CdrBook(self)
        self.callbacks = CallbackBook(self)
        self.messaging = Messaging(self)
        self.outbox.clear()

    @property
    def random(self) -> random.Random:
        """The one random source (ids, generated data); seeded, so runs repeat."""
        return self._rng

    # -- inventory -----------------------------------------------------------

    def _affordable(self, max_setup_cost: Optional[Decimal]) -> Iterable[AvailableNumber]:
        if max_setup_cost is None:
            return self.inventory.values()
        if max_setup_cost < 0:
            raise Invalid("max_setup_cost must not be negative", "max_setup_cost")
        return (n for n in self.inventory.values() if n.setup_cost <= max_setup_cost)

    @_locked
    def area_codes(self, max_setup_cost: Optional[Decimal] = None) -> list[str]:
        """Area codes with at least one purchasable number within the setup cost, sorted."""
        return sorted({n.npa for n in self._affordable(max_setup_cost)})

    @_locked
    def exchanges(
        self, areacode: Optional[str] = None, max_setup_cost: Optional[Decimal] = None
    ) -> list[str]:
        """Six-digit area code + exchange prefixes with purchasable numbers, sorted."""
        if areacode is not None:
            _check(_THREE_DIGITS, areacode, "areacode", "3 digits")
        found = self._affordable(max_setup_cost)
        return sorted({n.npa + n.nxx for n in found if areacode in (None, n.npa)})

    @_locked
    def search_available(
        self,
        *,
        starts_with: Optional[str] = None,
        contains: Optional[str] = None,
        ends_with: Optional[str] = None,
        rate_center: Optional[str] = None,
        state: Optional[str] = None,
        npa: Optional[str] = None,
        nxx: Optional[str] = None,
    ) -> list[AvailableNumber]:
        """Purchasable numbers matching every given filter, sorted by number.

        Digit filters match the 11-digit number; rate center and state
        compare case-insensitively.
        """
        starts = _digits(starts_with, "starts_with")
        middle = _digits(contains, "contains")
        ends = _digits(ends_with, "ends_with")
        for value, field in ((npa, "npa"), (nxx, "nxx")):
            if value is not None:
                _check(_THREE_DIGITS, value, field, "3 digits")
        center = None if rate_center is None else rate_center.lower()
        region = None if state is None else state.lower()
        found = [
            n
            for n in self.inventory.values()
            if _matches(n.number, starts, middle, ends)
            and center in (None, n.rate_center)
            and region in (None, n.state)
            and npa in (None, n.npa)
            and nxx in (None, n.nxx)
        ]
        return sorted(found, key=lambda n: n.number)

    # -- account numbers -----------------------------------------------------

    @_locked
    def purchase(self, number: str, billing_method: str = "METERED") -> AccountNumber:
        """Move a number from the inventory to the account; sip-reg is its primary route.

        Raises:
            Invalid: malformed number or unknown billing method.
            Conflict: the account already owns the number.
            NotFound: the number is not in the inventory.
        """
        _check(_ACCOUNT_NUMBER, number, "number", "11 digits starting with 1")
        if billing_method not in BILLING_METHODS:
            allowed = " or ".join(BILLING_METHODS)
            raise Invalid(f"billing_method must be {allowed}", "billing_method")
        if number in self.account:
            raise Conflict(f"number {number} is already on this account")
        listing = self.inventory.pop(number, None)
        if listing is None:
            raise NotFound(f"number {number} is not available for purchase")
        owned = bought(listing, billing_method, self.clock())
        self.account[number] = owned
        return owned

    @_locked
    def seed_numbers(self, count: int) -> list[str]:
        """Put `count` generated numbers on the account at once, as if bought.

        As `Emulator.seed_numbers` describes: fast, deterministic, new numbers.

        Returns:
            The numbers added, sorted.

        Raises:
            ValueError: `count` is not a whole number from 0 to 10,000,000.
        """
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_SEEDED:
            raise ValueError(f"count must be a whole number from 0 to {MAX_SEEDED}, got {count!r}")
        numbers = _inventory.more_numbers(self._rng, count, (self.inventory, self.account))
        exchanges, now = self._exchanges, self.clock()
        self.account.add_pending(
            numbers, lambda n: bought(_inventory.listing_of(n, exchanges), "METERED", now)
        )
        return numbers

    @_locked
    def release(self, number: str) -> None:
        """Remove a number from the account and return it to the inventory."""
        owned = self.number(number)
        del self.account[number]
        self.inventory[number] = owned.listing
        self.e911s.forget([number])
        self.cnams.forget([number])
        self.callbacks.forget([number])

    @_locked
    def account_numbers(
        self,
        *,
        starts_with: Optional[str] = None,
        ends_with: Optional[str] = None,
        contains: Optional[str] = None,
    ) -> list[AccountNumber]:
        """The account's numbers matching every given digit filter, sorted by number."""
        filters = {"starts_with": starts_with, "ends_with": ends_with, "contains": contains}
        return self.account_page(0, len(self.account), **filters)[0]

    @_locked
    def account_page(
        self,
        offset: int,
        limit: int,
        *,
        starts_with: Optional[str] = None,
        ends_with: Optional[str] = None,
        contains: Optional[str] = None,
    ) -> tuple[list[AccountNumber], int]:
        """One page of `account_numbers`, and how many numbers match in all.

        Costs the page, not the account: an unfiltered or ``starts_with``
        page is a slice of the sorted index; ``contains`` and ``ends_with``
        cost one pass on the first page of a listing and a slice after.
        """
        return self.account.page(
            offset,
            limit,
            _digits(starts_with, "starts_with"),
            _digits(contains, "contains"),
            _digits(ends_with, "ends_with"),
        )

    @_locked
    def number(self, number: str) -> AccountNumber:
        """One of the account's numbers.

        Raises:
            Invalid: the number is not 11 digits starting with 1.
            NotFound: the account does not own it.
        """
        _check(_ACCOUNT_NUMBER, number, "number", "11 digits starting with 1")
        owned = self.account.get(number)
        if owned is None:
            raise NotFound(f"number {number} is not on this account")
        return owned

    @_locked
    def update_number(self, number: str, changes: dict[str, Any]) -> AccountNumber:
        """Set a number's `alias` (a string, or None to clear) and `cnam_lookups_enabled`."""
        owned = self.number(number)
        unknown = sorted(set(changes) - {"alias", "cnam_lookups_enabled"})
        if unknown:
            raise Invalid(f"unknown attributes: {', '.join(unknown)}", unknown[0])
        alias = changes.get("alias", owned.alias)
        if alias is not None and (not isinstance(alias, str) or len(alias) > 64):
            raise Invalid("alias must be a string of at most 64 characters, or null", "alias")
        lookups = changes.get("cnam_lookups_enabled", owned.cnam_lookups_enabled)
        if not isinstance(lookups, bool):
            raise Invalid("cnam_lookups_enabled must be true or false", "cnam_lookups_enabled")
        owned.alias, owned.cnam_lookups_enabled = alias, lookups
        return owned

    # -- routes --------------------------------------------------------------

    @_locked
    def create_route(
        self, route_type: Any, value: Any, alias: Any, edge_strategy: Any = None
    ) -> Route:
        """Create an inbound route; its alias must be unique on the account.

        Raises:
            Invalid: unknown type (sip-reg is built in), bad value, empty
                alias or unknown edge strategy.
            Conflict: a route with this alias already exists.
        """
        if route_type not in ROUTE_TYPES or route_type == SIP_REG_ROUTE.route_type:
            raise Invalid("route_type must be host, number or uri", "route_type")
        expected = {
            "host": (_HOST, "a host name or address, optionally with :port"),
            "number": (_E164_DIGITS, "an E.164 number without '+', e.g. 12065550123"),
            "uri": (_SIP_URI, "a SIP URI, e.g. sip:user@example.com"),
        }[route_type]
        _check(expected[0], value, "value", expected[1])
        if not isinstance(alias, str) or not alias.strip():
            raise Invalid("alias must be a non-empty string", "alias")
        strategy = check_edge_strategy(edge_strategy)
        if any(route.alias == alias for route in self.routes_by_id.values()):
            raise Conflict(f"a route with alias {alias!r} already exists")
        route = Route(
            id=str(self._next_route_id),
            alias=alias,
            route_type=route_type,
            value=value,
            edge_strategy=strategy,
        )
        self._next_route_id += 1
        self.routes_by_id[route.id] = route
        return route

    @_locked
    def routes(self, route_type: Optional[str] = None) -> list[Route]:
        """The account's routes (sip-reg first, then by creation), optionally of one type."""
        if route_type is not None and route_type not in ROUTE_TYPES:
            raise Invalid(f"route_type must be one of {', '.join(ROUTE_TYPES)}", "route_type")
        return [r for r in self.routes_by_id.values() if route_type in (None, r.route_type)]

    @_locked
    def route(self, route_id: str) -> Route:
        """One route by id; raises NotFound."""
        found = self.routes_by_id.get(route_id)
        if found is None:
            raise NotFound(f"route {route_id} not found")
        return found

    @_locked
    def route_by_alias(self, alias: str) -> Route:
        """One route by alias (the v1 route name); raises NotFound."""
        for route in self.routes_by_id.values():
            if route.alias == alias:
                return route
        raise NotFound(f"no route with alias {alias!r}")

    @_locked
    def set_primary_route(self, number: str, route_id: str) -> None:
        """Send the number's calls to this route first; raises NotFound."""
        owned = self.number(number)
        owned.primary_route_id = self.route(route_id).id

    @_locked
    def set_failover_route(self, number: str, route_id: Optional[str]) -> None:
        """Use this route when the primary fails; None removes the failover."""
        owned = self.number(number)
        owned.failover_route_id = None if route_id is None else self.route(route_id).id

    # -- messages ------------------------------------------------------------

    @_locked
    def send_message(
        self,
        *,
        to: Any,
        from_: Any,
        body: Any = "",
        is_mms: bool = False,
        media_urls: tuple[str, ...] = (),
        dlr_callback: Optional[str] = None,
    ) -> Message:
        """Accept an outbound SMS or MMS from one of the account's numbers.

        Raises:
            Invalid: bad number, empty message, media without MMS.
            Forbidden: `from_` is not on this account.
        """
        _check(_E164_DIGITS, to, "to", "an E.164 number without '+', e.g. 12065550123")
        _check(_ACCOUNT_NUMBER, from_, "from", "11 digits starting with 1")
        if not isinstance(body, str):
            raise Invalid("body must be a string", "body")
        for url in media_urls:
            _check(_MEDIA_URL, url, "media_urls", "http(s) URLs")
        if dlr_callback is not None:
            _check(_MEDIA_URL, dlr_callback, "dlr_callback", "an http(s) URL")
        if media_urls and not is_mms:
            raise Invalid("media_urls needs is_mms set to true", "media_urls")
        if not body and not media_urls:
            raise Invalid("a message needs a body or media", "body")
        sender = self.account.get(from_)
        if sender is None:
            raise Forbidden(f"from number {from_} is not on this account")
        now = self.clock()
        message = Message(
            id=f"mdr2-{self._rng.getrandbits(128):032x}",
            to=to,
            from_=from_,
            body=body,
            is_mms=is_mms,
            media_urls=tuple(media_urls),
            direction="outbound",
            status="message buffered",
            timestamp=now,
            amount_nanodollars=MMS_PRICE_NANODOLLARS if is_mms else SMS_PRICE_NANODOLLARS,
            message_type="toll-free" if sender.number_type == "tollfree" else "longcode",
            message_encoding=0,
            delivery_receipts=self.messaging.initial_receipts(now),
            dlr_callback=dlr_callback,
        )
        self.messages_by_id[message.id] = message
        self.messaging.accepted(message)
        return message

    @_locked
    def messages(self, start: datetime, end: datetime) -> list[Message]:
        """Messages with start <= timestamp <= end, newest first."""
        if start > end:
            raise Invalid("start_date must not be after end_date", "end_date")
        self.messaging.advance()
        newest_last = [
            m
            for m in self.messages_by_id.values()
            if start <= m.timestamp <= end and self.messaging.visible(m)
        ]
        return sorted(reversed(newest_last), key=lambda m: m.timestamp, reverse=True)

    @_locked
    def message(self, message_id: str) -> Message:
        """One message detail record by id; raises NotFound."""
        self.messaging.advance()
        found = self.messages_by_id.get(message_id)
        if found is None or not self.messaging.visible(found):
            raise NotFound(f"message {message_id} not found")
        return found
