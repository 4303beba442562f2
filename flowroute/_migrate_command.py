"""The ``flowroute migrate`` command: ``scan`` a codebase, ``apply`` a rewrite, ``report`` runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

__all__ = ["APPLY", "DESCRIPTION", "REPORT", "add_arguments", "run"]

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


APPLY = """\
Rewrite the legacy calls that v2 takes without a loss into calls on one
flowroute.Client (import flowroute and the client are added where needed),
keeping formatting and comments; every other legacy call is left as it is,
with a `# flowroute-migrate: <why>` comment above it. Shows a unified diff;
--write saves it. A second run changes nothing. A file whose rewrite would
not parse is never written. Needs libcst: pip install 'flowroute-sdk[migrate]'.

Exit status: 0 when nothing is (left) to change, 1 when the diff shown is
not written yet (or a file could not be rewritten), 2 on usage errors."""


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
    apply = actions.add_parser(
        "apply",
        help="rewrite the lossless legacy calls to flowroute.Client v2 calls",
        description=APPLY,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    apply.add_argument("paths", nargs="+", metavar="PATH", help="a .py file or a directory")
    apply.add_argument("--write", action="store_true", help="save the changes (default: show them)")
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
    if args.action == "apply":
        return _apply(args.paths, args.write, out)
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


def _apply(paths: list[str], write: bool, out: TextIO) -> int:
    from .migrate._apply import EXTRA_MISSING, apply_paths, diff, libcst_missing

    if libcst_missing():
        sys.stderr.write(f"{EXTRA_MISSING}\n")
        return 2
    changes = apply_paths(paths, write=write)
    for change in changes:
        if change.error:
            sys.stderr.write(f"flowroute migrate: left {change.path} alone: {change.error}\n")
        elif change.changed and not write:
            out.write(diff(change))
    changed = [c for c in changes if c.changed and not c.error]
    rewritten = sum(c.rewritten for c in changed)
    kept = sum(c.kept for c in changed)
    verb = "rewrote" if write else "would rewrite"
    sys.stderr.write(
        f"flowroute migrate: {verb} {rewritten} legacy calls in {len(changed)} files; "
        f"{kept} kept with a comment saying why\n"
    )
    pending = bool(changed) and not write
    return 1 if pending or any(c.error for c in changes) else 0
