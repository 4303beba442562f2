"""The `flowroute` command: a tour of the API, the emulator server, the migration guide, migrate.

`flowroute demo` runs against an embedded emulator, so it needs no account.
With `--base-url` (or credentials) it runs against that API instead, and
only reads unless `--allow-purchases` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Optional, TextIO

from . import _constants as c
from . import _emulator_command, _migrate_command

if TYPE_CHECKING:
    from ._client import Client
    from .emulator import Emulator

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

    def __init__(
        self, client: Client, out: TextIO, writes: bool, emulator: Optional[Emulator] = None
    ) -> None:
        self.client = client
        self.out = out
        self.writes = writes
        self.emulator = emulator

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
            self.v1_tour()
            self.services()
            return
        number = numbers.purchase_a_phone_number(found.items[0].id)
        self.say("Purchased", f"{number.id} ({number.rate_center}, {number.state})")
        self.list_account()
        self.route_and_message(number.id)
        if self.emulator is not None:  # only an emulator can make a phone text us
            from ._demo_callbacks import tour_callbacks

            tour_callbacks(self.client, self.emulator, number.id, self.say, format_table)
        self.v1_tour()
        self.services(number.id)

    def services(self, number_id: Optional[str] = None) -> None:
        """E911, CNAM, CDR exports and porting: for the bought number, or only read."""
        from . import _demo_services as demo

        if number_id is None:
            demo.tour_services_read_only(self.client, self.say, format_table)
        else:
            demo.tour_services(self.client, self.emulator, number_id, self.say, format_table)

    def v1_tour(self) -> None:
        """The same account through v1 (signed, paged by page number); a v1 purchase shows on v2."""
        v1 = self.client.v1.purchasable_phone_numbers
        npas = v1.list_available_np_as(limit=5)
        self.say("v1: area codes (NPAs), first page of 5", _ids(n.npa for n in npas.items))
        found = v1.search(limit=3, npa=206)
        self.say(
            "v1: purchasable numbers in NPA 206",
            format_table(
                ["number", "ratecenter", "state", "initial", "monthly", "billing methods"],
                [
                    (
                        n.number,
                        n.ratecenter,
                        n.state,
                        n.initial_cost,
                        n.monthly_cost,
                        " ".join(n.billing_methods),
                    )
                    for n in found.items
                ],
            ),
        )
        if not self.writes or not found.items:
            return
        bought = found.items[0].number
        self.client.v1.telephone_numbers.purchase("METERED", bought)
        details = self.client.v1.telephone_numbers.telephone_number_details(bought)
        self.say(
            "v1: purchased with billing method METERED",
            format_table(
                ["number", "billing", "primary route", "failover route"],
                [(bought, details.billing_method, *(r.name for r in details.routes))],
            ),
        )
        rows = [
            (n.id, n.rate_center, n.state, "v1" if n.id == bought else "v2")
            for n in self.client.v2.numbers.list_account_phone_numbers(limit=10)
        ]
        self.say(
            "v2: account numbers, the v1 purchase included",
            format_table(["number", "rate center", "state", "bought on"], rows),
        )

    def list_account(self) -> None:
        # List items carry no route relationships: routes are shown per number below.
        rows = [
            (n.id, n.alias, n.rate_center, n.state)
            for n in self.client.v2.numbers.list_account_phone_numbers(limit=2)
        ]
        self.say(
            "Account numbers (walked two per page)",
            format_table(["number", "alias", "rate center", "state"], rows),
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
def _demo_client(args: argparse.Namespace) -> Iterator[tuple[Client, bool, Optional[Emulator]]]:
    from ._client import Client

    if args.base_url or args.access_key or os.environ.get(c.ENV_ACCESS_KEY):
        client = Client(args.access_key, args.secret_key, base_url=args.base_url)
        with client:
            yield client, args.allow_purchases, None
        return
    from .emulator import Emulator

    emulator = Emulator(seed=args.seed)
    keys = (emulator.access_key, emulator.secret_key)
    with emulator.serve() as url, Client(*keys, base_url=url) as client:
        yield client, True, emulator


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    with _demo_client(args) as (client, writes, emulator):
        out.write(f"flowroute demo against {client.base_url}\n")
        _Tour(client, out, writes, emulator).run()
    return 0


_DEMO = """\
Tour the API: area codes, a number search, a purchase, routes, a message,
the same account through v1, then an E911 address and a caller name (CNAM)
for the number, a CDR export read back, and a portability check. By default
it runs against an emulator started for the occasion, so it needs no account
and changes nothing real.
With --base-url or credentials it runs against that API, and only reads
unless --allow-purchases is given."""

_EMULATOR = """\
Serve the emulator of the Flowroute API (v1, v2 and v2.1 on one state) over
HTTP in the foreground, for code in any language or process, until Ctrl-C,
SIGTERM or a closed output pipe. It prints the URL and the keys to use, then
a line per request. It POSTs inbound messages and delivery receipts to the
callback URLs set; inject an inbound message with POST
/_emulator/inbound_messages {"to", "from", "body", "media"} (same keys)."""

_GUIDE = """\
Print how each call of the legacy libraries (FlowrouteNumbersLib,
FlowrouteMessagingLib, the v3 SDK) maps onto v2, and what it loses."""


def _parser() -> argparse.ArgumentParser:
    from ._version import __version__

    parser = argparse.ArgumentParser(
        prog="flowroute",
        description=__doc__.splitlines()[0],
        epilog="Run `flowroute COMMAND --help` for a command's options.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__} (flowroute-sdk)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=description,
            formatter_class=_HelpFormatter,
        )

    demo = command("demo", "tour the API (against an embedded emulator by default)", _DEMO)
    demo.add_argument("--base-url", help="run against this API instead of the emulator")
    demo.add_argument("--access-key", help=f"defaults to ${c.ENV_ACCESS_KEY}")
    demo.add_argument("--secret-key", help=f"defaults to ${c.ENV_SECRET_KEY}")
    demo.add_argument(
        "--allow-purchases",
        action="store_true",
        help="against a real account: buy a number, create a route, send a message, "
        "save an E911 address and a CNAM record, start a CDR export",
    )
    demo.add_argument("--seed", type=int, default=0, help="emulator seed")
    emulator = command("emulator", "serve the emulator over HTTP until Ctrl-C", _EMULATOR)
    _emulator_command.add_arguments(emulator)
    guide = command("migration-guide", "print how each legacy call maps onto v2", _GUIDE)
    guide.add_argument(
        "--format",
        choices=["text", "rst", "markdown"],
        default="text",
        help="rst is the source of the docs page",
    )
    migrate = command(
        "migrate", "find the legacy calls in a codebase", _migrate_command.DESCRIPTION
    )
    _migrate_command.add_arguments(migrate)
    return parser


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description's line breaks and shows each option's default, if it has one."""

    def _get_help_string(self, action: argparse.Action) -> Optional[str]:
        unset = (None, False, argparse.SUPPRESS)
        if any(action.default is u for u in unset) or "%(default)" in (action.help or ""):
            return action.help
        return f"{action.help or ''} (default: %(default)s)"


def main(
    argv: Optional[Sequence[str]] = None,
    out: TextIO = sys.stdout,
    *,
    stop: Optional[threading.Event] = None,
) -> int:
    """Run the `flowroute` command line; returns the exit status.

    Without a command it prints the help. A reader that goes away (``flowroute
    demo | head``) ends the command quietly, with the status 141 that a shell
    gives a command killed by SIGPIPE.

    Args:
        argv: the arguments; defaults to ``sys.argv[1:]``.
        out: where output goes.
        stop: ends ``flowroute emulator`` when set (it otherwise runs until Ctrl-C).
    """
    try:
        status = _run(argv, out, stop or threading.Event())
        out.flush()
    except BrokenPipeError:
        _discard_output(out)
        return _CLOSED_PIPE
    return status


# 128 + SIGPIPE: what a shell reports for a command whose reader went away.
_CLOSED_PIPE = 141


def _discard_output(out: TextIO) -> None:
    """Point `out` at /dev/null, so that flushing it at exit raises nothing more."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a StringIO in tests): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _run(argv: Optional[Sequence[str]], out: TextIO, stop: threading.Event) -> int:
    from .errors import FlowrouteError

    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        out.write(parser.format_help())
        return 0
    if args.command == "emulator":
        return _emulator_command.run(args, out, stop)
    if args.command == "migrate":
        return _migrate_command.run(args, out)
    if args.command == "migration-guide":
        from ._rst import convert
        from .compat.mapping import migration_guide

        out.write(convert(migration_guide(), args.format))
        return 0
    try:
        return _demo(args, out)
    except FlowrouteError as error:
        sys.stderr.write(f"flowroute: {error}\n")
        return 1
