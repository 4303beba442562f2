"""`report`: the calls recorded at run time (``$FLOWROUTE_COMPAT_RECORD``) beside the scan."""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any

import attrs

from ._scan import Scan

__all__ = ["Ran", "read_record", "render_runtime"]


@attrs.frozen(kw_only=True)
class Ran:
    """One legacy call site seen at run time.

    Attributes:
        library: the legacy library.
        call: ``Controller.method``.
        file: the caller's file, as the interpreter named it.
        line: the caller's line.
        count: how many times it ran.
        losses: what it lost on v2, each with how many times.
    """

    library: str
    call: str
    file: str
    line: int
    count: int
    losses: tuple[tuple[str, int], ...] = ()


def read_record(path: str) -> tuple[list[Ran], int]:
    """The record file's call sites, most run first, and how many lines were not records.

    Raises:
        OSError: the file cannot be read.
    """
    counts: Counter[tuple[str, str, str, int]] = Counter()
    losses: dict[tuple[str, str, str, int], Counter[str]] = {}
    bad = 0
    with open(path, encoding="utf-8") as lines:
        for text in lines:
            try:
                entry: dict[str, Any] = json.loads(text)
                key = (entry["library"], entry["call"], entry["file"], int(entry["line"]))
            except (ValueError, KeyError, TypeError):
                bad += 1  # a line cut short by a killed process, say
                continue
            counts[key] += 1
            if entry.get("lost"):
                losses.setdefault(key, Counter())[str(entry["lost"])] += 1
    ran = [
        Ran(
            library=key[0],
            call=key[1],
            file=key[2],
            line=key[3],
            count=count,
            losses=tuple(sorted(losses.get(key, Counter()).items())),
        )
        for key, count in counts.items()
    ]
    return sorted(ran, key=lambda r: (-r.count, r.file, r.line)), bad


def _site(path: str, line: int) -> tuple[str, int]:
    return os.path.realpath(path), line


def render_runtime(ran: list[Ran], bad: int, scan: Scan, format: str) -> str:
    """Run-time counts per call site, and each statically found call with how often it ran."""
    seen = {_site(r.file, r.line): r for r in ran}
    static = [f for f in scan.findings if f.kind == "call"]
    if format == "json":
        document = {
            "ran": [attrs.asdict(r) for r in ran],
            "unreadable_lines": bad,
            "scanned": [{**attrs.asdict(f), "ran": _count(seen, f.path, f.line)} for f in static],
        }
        return json.dumps(document, indent=2) + "\n"
    total = sum(r.count for r in ran)
    lines = [f"{total} legacy calls ran at {len(ran)} call sites"]
    for r in ran:
        lines.append(f"{r.count:6d}  {r.call}  {r.file}:{r.line}")
        lines += [f"        lost {n}x: {lost}" for lost, n in r.losses]
    if bad:
        lines.append(f"({bad} lines of the record were not records)")
    if static:
        never = sum(1 for f in static if not _count(seen, f.path, f.line))
        lines.append(f"{len(static)} legacy calls in the code; {never} never ran")
        for f in static:
            count = _count(seen, f.path, f.line)
            ran_text = f"ran {count}x" if count else "never ran"
            lines.append(f"{f.path}:{f.line}: {f.legacy}: {ran_text}")
    return "\n".join(lines) + "\n"


def _count(seen: dict[tuple[str, int], Ran], path: str, line: int) -> int:
    found = seen.get(_site(path, line))
    return found.count if found is not None else 0
