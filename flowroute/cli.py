"""The `flowroute` command: a guided tour of the API (`demo`) and the emulator server.

`flowroute demo` runs against an embedded emulator, so it needs no account.
With `--base-url` (or credentials) it runs against that API instead, and
only reads unless `--allow-purchases` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Optional, TextIO

from . import _constants as c

if TYPE_CHECKING:
    from ._client import Client

__all__ = ["main"]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Render rows as a plain-text table with a header rule."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


class _Tour:
    """Prints each step of the demo with its result."""

    def __init__(self, client: Client, out: TextIO, writes: bool) -> None:
        self.client = client
        self.out = out
        self.writes = writes

    def say(self, title: str, body: str = "") -> None:
        self.out.write(f"\n== {title}\n")
        if body:
            self.out.write(body + "\n")

    def run(self) -> None:
        numbers = self.client.v2.numbers
        codes = numbers.list_available_area_codes(limit=3, max_setup_cost=3.25)
        self.say("Area codes with numbers at most $3.25 to set up", _ids(c.id for c in codes.items))
        found = numbers.search_for_purchasable_phone_numbers(starts_with=1206, limit=3)
        self.say(
            "Purchasable numbers starting with 1206",
            format_table(
                ["number", "rate center", "state", "setup", "monthly"],
                [(n.id, n.rate_center, n.state, n.setup_cost, n.monthly_cost) for n in found.items],
            ),
        )
        if not self.writes:
            self.say("Read-only run: pass --allow-purchases to buy, route and send")
            self.list_account()
            return
        number = numbers.purchase_a_phone_number(found.items[0].id)
        self.say("Purchased", f"{number.id} ({number.rate_center}, {number.state})")
        self.list_account()
        self.route_and_message(number.id)

    def list_account(self) -> None:
        rows = [
            (n.id, n.alias, n.rate_center, n.state, n.primary_route_id)
            for n in self.client.v2.numbers.list_account_phone_numbers(limit=2)
        ]
        self.say(
            "Account numbers (walked two per page)",
            format_table(["number", "alias", "rate center", "state", "primary route"], rows),
        )

    def route_and_message(self, number_id: str) -> None:
        routes = self.client.v2.routes
        route = routes.create_an_inbound_route(
            {"route_type": "host", "value": "pbx.example.com:5060", "alias": "demo-pbx"}
        )
        routes.update_primary_voice_route(number_id, route.id)
        routes.update_failover_voice_route(number_id, "0")
        detail = self.client.v2.numbers.list_phone_number_details(number_id)
        self.say(
            "Voice routes",
            format_table(
                ["number", "primary", "failover"],
                [(detail.id, detail.primary_route_id, detail.failover_route_id)],
            ),
        )
        listed = routes.list_inbound_routes(limit=10)
        self.say(
            "Inbound routes",
            format_table(
                ["id", "alias", "type", "value"],
                [(r.id, r.alias, r.route_type, r.value) for r in listed],
            ),
        )
        messages = self.client.v2.messages
        mdr_id = messages.send_a_message(
            {"to": "12065550123", "from": number_id, "body": "Hello from flowroute"}
        )
        record = messages.look_up_a_message_detail_record(mdr_id)
        self.say(
            "Message sent",
            format_table(
                ["id", "from", "to", "status", "amount"],
                [(record.id, record.from_, record.to, record.status, record.amount_display)],
            ),
        )


def _ids(ids: Iterator[str]) -> str:
    return ", ".join(ids)


@contextlib.contextmanager
def _demo_client(args: argparse.Namespace) -> Iterator[tuple[Client, bool]]:
    from ._client import Client

    if args.base_url or args.access_key or os.environ.get(c.ENV_ACCESS_KEY):
        client = Client(args.access_key, args.secret_key, base_url=args.base_url)
        with client:
            yield client, args.allow_purchases
        return
    from .emulator import Emulator

    emulator = Emulator(seed=args.seed)
    keys = (emulator.access_key, emulator.secret_key)
    with emulator.serve() as url, Client(*keys, base_url=url) as client:
        yield client, True


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    with _demo_client(args) as (client, writes):
        out.write(f"flowroute demo against {client.base_url}\n")
        _Tour(client, out, writes).run()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="flowroute", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo", help="tour the API (against an embedded emulator by default)"
    )
    demo.add_argument("--base-url", help="run against this API instead of the emulator")
    demo.add_argument("--access-key", help=f"defaults to ${c.ENV_ACCESS_KEY}")
    demo.add_argument("--secret-key", help=f"defaults to ${c.ENV_SECRET_KEY}")
    demo.add_argument(
        "--allow-purchases",
        action="store_true",
        help="against a real account: buy a number, create a route, send a message",
    )
    demo.add_argument("--seed", type=int, default=0, help="emulator seed (default 0)")
    return parser


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout) -> int:
    """Run the `flowroute` command line; returns the exit status."""
    from .errors import FlowrouteError

    args = _parser().parse_args(argv)
    try:
        return _demo(args, out)
    except FlowrouteError as error:
        sys.stderr.write(f"flowroute: {error}\n")
        return 1
