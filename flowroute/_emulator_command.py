"""``flowroute emulator``: serve the emulator in the foreground until told to stop.

It stops cleanly (exit status 0) on Ctrl-C, on SIGTERM (a service manager,
``docker stop``) and when its output pipe closes (``flowroute emulator |
head``). Unless ``--quiet``, each request is one access log line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from . import _constants as c

if TYPE_CHECKING:
    from .emulator import Emulator, Fault

__all__ = ["add_arguments", "run"]

ACCESS_LOGGER = "flowroute.emulator.access"
STRICT_BANNER = "strict: undocumented query parameters and media without is_mms are refused"


class _Terminated(Exception):
    """SIGTERM arrived: stop as Ctrl-C stops."""


class _AccessLog(logging.Handler):
    """Writes each access line to `out`; a closed pipe stops the server instead of failing."""

    def __init__(self, out: TextIO, stop: threading.Event) -> None:
        super().__init__(logging.INFO)
        self.out = out
        self.stop = stop
        self.closed = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.closed:
            return
        moment = time.strftime("%H:%M:%S", time.localtime(record.created))
        try:
            self.out.write(f"{moment} {record.getMessage()}\n")
            self.out.flush()
        except (BrokenPipeError, ValueError):  # ValueError: the stream was closed
            self.closed = True
            self.stop.set()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``flowroute emulator``."""

    def port(text: str) -> int:
        if not (text.isdigit() and text.isascii() and int(text) <= 65535):
            raise argparse.ArgumentTypeError(f"a port from 0 to 65535, not {text!r}")
        return int(text)

    parser.add_argument("--port", type=port, default=8080, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--seed", type=int, default=0, help="emulator seed")
    parser.add_argument(
        "--access-key", help="the account's access key (default: derived from the seed)"
    )
    parser.add_argument(
        "--secret-key", help="the account's secret key (default: derived from the seed)"
    )
    parser.add_argument(
        "--faults", metavar="FILE", help="JSON list of faults to inject (see the docs)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse undocumented query parameters (400) and media without is_mms (422)"
        " instead of letting them pass",
    )
    parser.add_argument("--quiet", action="store_true", help="no access log line per request")


def _read_faults(path: str) -> list[tuple[Fault, dict[str, Any]]]:
    """The fault rules of a --faults file; ValueError says what is wrong, and where."""
    from .emulator._fault_specs import parse_specs

    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as exc:
        raise ValueError(f"cannot read faults file {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"faults file {path} is not JSON: {exc}") from None
    try:
        return parse_specs(data)
    except ValueError as exc:
        raise ValueError(f"faults file {path}: {exc}") from None


def _bound_url(host: str, url: str) -> str:
    """The address the server listens on, as a URL (``http://0.0.0.0:8080``).

    The base URL clients use names loopback for a wildcard address; the
    banner says both. The host is resolved as the server's bind resolved it.
    """
    port = urlsplit(url).port or 0
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        bound = str(socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)[0][4][0])
    except OSError:
        bound = host
    return f"http://[{bound}]:{port}" if ":" in bound else f"http://{bound}:{port}"


def _banner(args: argparse.Namespace, emulator: Emulator, url: str, faults: int) -> str:
    bound = _bound_url(args.host, url)
    given = args.secret_key is not None  # a key the user chose may be real: never echoed
    secret = "(as given with --secret-key)" if given else emulator.secret_key
    export = f"export {c.ENV_BASE_URL}={url} {c.ENV_ACCESS_KEY}={emulator.access_key}"
    lines = [
        f"flowroute emulator (seed {args.seed}) listening on {bound}",
        *([f"clients connect to {url}"] if bound != url else []),
        f"access key: {emulator.access_key}",
        f"secret key: {secret}",
        export + ("" if given else f" {c.ENV_SECRET_KEY}={emulator.secret_key}"),
        *([f"{faults} fault rule(s) from {args.faults}"] if faults else []),
        *([STRICT_BANNER] if args.strict else []),
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM raises `_Terminated` in the main thread; elsewhere signals cannot be set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: Any) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _access_log(handler: _AccessLog, quiet: bool) -> Iterator[None]:
    """`handler` on the access logger for the block (not at all when `quiet`)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    level = logger.level
    if not quiet:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _pipe_closed(out: TextIO) -> None:
    """Send what is left of a closed standard output to the null device.

    Otherwise the interpreter's last flush fails again and prints an error.
    """
    if out is sys.stdout:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run(args: argparse.Namespace, out: TextIO, stop: threading.Event) -> int:
    """Serve until Ctrl-C, SIGTERM, a closed output pipe or `stop`; the exit status."""
    from .emulator import Emulator

    try:
        faults = _read_faults(args.faults) if args.faults else []
    except ValueError as exc:
        sys.stderr.write(f"flowroute: {exc}\n")
        return 2
    emulator = Emulator(
        seed=args.seed, access_key=args.access_key, secret_key=args.secret_key, strict=args.strict
    )
    for fault, rule in faults:
        emulator.inject(fault, **rule)
    access = _AccessLog(out, stop)
    serving = emulator.serve(args.host, args.port)
    try:
        with _stopped_by_sigterm(), _access_log(access, args.quiet), serving as url:
            try:
                out.write(_banner(args, emulator, url, len(faults)))
                out.flush()
            except BrokenPipeError:
                access.closed = True
            else:
                stop.wait()
    except (KeyboardInterrupt, _Terminated):
        pass  # how this command is meant to end
    except OSError as exc:
        sys.stderr.write(f"flowroute: cannot listen on {args.host}:{args.port}: {exc}\n")
        return 1
    if access.closed:
        _pipe_closed(out)
        return 0
    try:
        out.write("flowroute emulator stopped\n")
        out.flush()
    except BrokenPipeError:
        _pipe_closed(out)
    return 0
