"""The ``flowroute migrate`` command: ``scan`` a codebase, ``report`` what ran."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

__all__ = ["DESCRIPTION", "REPORT", "add_arguments", "run"]

DESCRIPTION = """\
Find every use of the legacy libraries (FlowrouteNumbersLib,
FlowrouteMessagingLib, the v3 SDK flowroutenumbersandmessaging) in Python
files, parsing them without running them, and say what replaces each on
flowroute.Client and what changes.

Exit status: 0 when nothing is found, 1 when legacy uses remain (or a file
could not be parsed), 2 on usage errors."""


REPORT = """\
Count the legacy calls recorded at run time (run the code with
FLOWROUTE_COMPAT_RECORD=FILE set: each legacy call appends a line to FILE)
per call site, with what they lost on v2; given PATHs, list each legacy
call found in the code with how often it ran, so the live ones are known
before the backend changes."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``scan`` and ``report`` subcommands to the ``migrate`` parser."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    scan = actions.add_parser(
        "scan",
        help="list the legacy calls in files and directories",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument("paths", nargs="+", metavar="PATH", help="a .py file or a directory")
    scan.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    report = actions.add_parser(
        "report",
        help="count the legacy calls recorded at run time, beside the scan",
        description=REPORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("record", metavar="FILE", help="the $FLOWROUTE_COMPAT_RECORD file")
    report.add_argument("paths", nargs="*", metavar="PATH", help="code to scan beside it")
    report.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``flowroute migrate ACTION``; returns the exit status."""
    import os

    from .migrate import scan_paths
    from .migrate._report import render

    given = [*args.paths, *([args.record] if args.action == "report" else [])]
    missing = [path for path in given if not os.path.exists(path)]
    if missing:
        sys.stderr.write(f"flowroute migrate: no such file or directory: {', '.join(missing)}\n")
        return 2
    scan = scan_paths(args.paths)
    if args.action == "report":
        from .migrate._runtime import read_record, render_runtime

        ran, bad = read_record(args.record)
        out.write(render_runtime(ran, bad, scan, args.format))
        return 0
    out.write(render(scan, args.format))
    for path, why in scan.unreadable:
        sys.stderr.write(f"flowroute migrate: could not parse {path}: {why}\n")
    return 1 if scan.findings or scan.unreadable else 0
