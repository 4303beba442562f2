"""The ``flowroute migrate`` command: ``scan`` the legacy calls in a codebase."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

__all__ = ["DESCRIPTION", "add_arguments", "run"]

DESCRIPTION = """\
Find every use of the legacy libraries (FlowrouteNumbersLib,
FlowrouteMessagingLib, the v3 SDK flowroutenumbersandmessaging) in Python
files, parsing them without running them, and say what replaces each on
flowroute.Client and what changes.

Exit status: 0 when nothing is found, 1 when legacy uses remain (or a file
could not be parsed), 2 on usage errors."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``scan`` subcommand to the ``migrate`` parser."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    scan = actions.add_parser(
        "scan",
        help="list the legacy calls in files and directories",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument("paths", nargs="+", metavar="PATH", help="a .py file or a directory")
    scan.add_argument("--format", choices=["text", "json", "markdown"], default="text")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``flowroute migrate ACTION``; returns the exit status."""
    import os

    from .migrate import scan_paths
    from .migrate._report import render

    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:
        sys.stderr.write(f"flowroute migrate: no such file or directory: {', '.join(missing)}\n")
        return 2
    scan = scan_paths(args.paths)
    out.write(render(scan, args.format))
    for path, why in scan.unreadable:
        sys.stderr.write(f"flowroute migrate: could not parse {path}: {why}\n")
    return 1 if scan.findings or scan.unreadable else 0
