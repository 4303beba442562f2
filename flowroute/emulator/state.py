"""The emulated account and inventory, and the verbs that change them.

Plain dicts keyed by id and methods named for what the service does
(`purchase`, `set_primary_route`, `send_message`). The verbs raise the
domain errors of `flowroute.emulator.errors` and know nothing of HTTP, JSON
or API versions, so v1, v2 and v2.1 all act on this one state: a number
bought through one version is listed by every other.

Every verb holds the state's re-entrant lock, so threads may call them
concurrently.

The verbs' parts with a job of their own live beside it: argument checks
(`_checks`), searching the inventory (`_search`), the account's numbers
(`_numbers`), routes (`_routes`), message records in time order
(`_message_index`) and a message's life (`_messaging`), and the books of
E911 addresses, CNAM records, CDR exports and callback URLs.
"""

from __future__ import annotations

import functools
import random
import threading
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Optional, TypeVar, cast

from . import _inventory, _search
from ._callbacks import CallbackBook
from ._cdr import CdrBook
from ._checks import ACCOUNT_NUMBER, check, digits
from ._cnam import CnamBook
from ._e911 import E911Book
from ._message_index import MessageIndex
from ._messaging import Messaging
from ._numbers import NumberIndex, bought
from ._outbox import Outbox
from ._routes import ROUTE_TYPES, SIP_REG_ROUTE, RouteBook
from .errors import Conflict, Invalid, NotFound
from .models import AccountNumber, AvailableNumber, Message, Route

__all__ = ["BILLING_METHODS", "ROUTE_TYPES", "SIP_REG_ROUTE", "State"]

F = TypeVar("F", bound=Callable[..., Any])

BILLING_METHODS = ("METERED", "VPRI")
MAX_SEEDED = 10_000_000  # seed_numbers at most; far below the areas' ~95 million numbers


def _locked(method: F) -> F:
    @functools.wraps(method)
    def wrapper(self: State, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return method(self, *args, **kwargs)

    return cast(F, wrapper)


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
        messages_by_id: message detail records, keyed by ``mdr2-`` id; read
            it, change it through the verbs (it keeps them in time order).
        e911s: E911 addresses and which number uses which.
        cnams: CNAM records and which number presents which.
        cdrs: CDR exports and the call history they are made from.
        callbacks: messaging callback URLs of the account and of its numbers.
        messaging: sending messages, their delivery steps, inbound messages.
        outbox: the callbacks to POST to the app, and every attempt made.
    """

    inventory: dict[str, AvailableNumber]
    account: NumberIndex[AccountNumber]
    routes_by_id: dict[str, Route]
    messages_by_id: MessageIndex

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
        self._routes = RouteBook()
        self.routes_by_id = self._routes.by_id
        self.messages_by_id = MessageIndex()
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

    @_locked
    def area_codes(self, max_setup_cost: Optional[Decimal] = None) -> list[str]:
        """Area codes with at least one purchasable number within the setup cost, sorted."""
        return _search.area_codes(self.inventory.values(), max_setup_cost)

    @_locked
    def exchanges(
        self, areacode: Optional[str] = None, max_setup_cost: Optional[Decimal] = None
    ) -> list[str]:
        """Six-digit area code + exchange prefixes with purchasable numbers, sorted."""
        return _search.exchanges(self.inventory.values(), areacode, max_setup_cost)

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
        found = self.inventory.values()
        by_digits = (starts_with, contains, ends_with)
        return _search.matching(found, by_digits, rate_center, state, npa, nxx)

    # -- account numbers -----------------------------------------------------

    @_locked
    def purchase(self, number: str, billing_method: str = "METERED") -> AccountNumber:
        """Move a number from the inventory to the account; sip-reg is its primary route.

        Raises:
            Invalid: malformed number or unknown billing method.
            Conflict: the account already owns the number.
            NotFound: the number is not in the inventory.
        """
        check(ACCOUNT_NUMBER, number, "number", "11 digits starting with 1")
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
            digits(starts_with, "starts_with"),
            digits(contains, "contains"),
            digits(ends_with, "ends_with"),
        )

    @_locked
    def number(self, number: str) -> AccountNumber:
        """One of the account's numbers.

        Raises:
            Invalid: the number is not 11 digits starting with 1.
            NotFound: the account does not own it.
        """
        check(ACCOUNT_NUMBER, number, "number", "11 digits starting with 1")
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

    # -- routes ------------------------------------------------------------

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
        return self._routes.create(route_type, value, alias, edge_strategy)

    @_locked
    def routes(self, route_type: Optional[str] = None) -> list[Route]:
        """The account's routes (sip-reg first, then by creation), optionally of one type."""
        return self._routes.of_type(route_type)

    @_locked
    def route(self, route_id: str) -> Route:
        """One route by id; raises NotFound."""
        return self._routes.get(route_id)

    @_locked
    def route_by_alias(self, alias: str) -> Route:
        """One route by alias (the v1 route name); raises NotFound."""
        return self._routes.named(alias)

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
        media_urls: Sequence[str] = (),
        dlr_callback: Optional[str] = None,
    ) -> Message:
        """Accept an outbound SMS or MMS from one of the account's numbers.

        Media make it an MMS, `is_mms` or not; `is_mms` alone sends the
        text as an MMS.

        Raises:
            Invalid: a bad number or URL, or neither text nor media.
            Forbidden: `from_` is not on this account.
        """
        return self.messaging.send(to, from_, body, media_urls, is_mms, dlr_callback)

    @_locked
    def messages(self, start: datetime, end: datetime) -> list[Message]:
        """Messages with start <= timestamp <= end, newest first."""
        return self.messages_page(start, end, 0, len(self.messages_by_id))[0]

    @_locked
    def messages_page(
        self, start: datetime, end: datetime, offset: int, limit: int
    ) -> tuple[list[Message], int]:
        """One page of `messages`, and how many messages the range holds in all.

        Costs the page, not the account: the records are kept in time order.
        """
        if start > end:
            raise Invalid("start_date must not be after end_date", "end_date")
        self.messaging.advance()
        until = self.messaging.visible_until()
        if until is None:
            return [], 0
        return self.messages_by_id.page(start, min(end, until), offset, limit)

    @_locked
    def message(self, message_id: str) -> Message:
        """One message detail record by id; raises NotFound."""
        self.messaging.advance()
        found = self.messages_by_id.get(message_id)
        if found is None or not self.messaging.visible(found):
            raise NotFound(f"message {message_id} not found")
        return found
