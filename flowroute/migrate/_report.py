"""The scan report as text, JSON or Markdown, with a summary per kind."""

from __future__ import annotations

import json
from collections import Counter

import attrs

from ._scan import Finding, Scan

__all__ = ["FORMATS", "render", "summary"]


def summary(findings: tuple[Finding, ...]) -> dict[str, dict[str, int]]:
    """Counts per kind, then per legacy name within it, both sorted."""
    kinds: dict[str, Counter[str]] = {}
    for finding in findings:
        kinds.setdefault(finding.kind, Counter())[finding.legacy] += 1
    return {kind: dict(sorted(kinds[kind].items())) for kind in sorted(kinds)}


def _text(scan: Scan) -> str:
    lines: list[str] = []
    for f in scan.findings:
        lines.append(f"{f.path}:{f.line}: {f.kind}: {f.code}")
        lines.append(f"    -> {f.replacement}")
        lines += [f"    * {change}" for change in f.changes]
    lines.append(_summary_line(scan))
    for kind, names in summary(scan.findings).items():
        lines.append(f"  {kind}: {sum(names.values())}")
        lines += [f"    {count:4d}  {name}" for name, count in names.items()]
    lines += [f"unreadable: {path}: {why}" for path, why in scan.unreadable]
    return "\n".join(lines) + "\n"


def _summary_line(scan: Scan) -> str:
    uses, files = len(scan.findings), len({f.path for f in scan.findings})
    return f"{uses} legacy {_plural(uses, 'use')} in {files} {_plural(files, 'file')}"


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(scan: Scan) -> str:
    lines = [
        "| Location | Kind | Legacy | Replacement | What changes |",
        "|---|---|---|---|---|",
    ]
    for f in scan.findings:
        changes = "<br>".join(_cell(c) for c in f.changes)
        lines.append(
            f"| `{f.path}:{f.line}` | {f.kind} | `{_cell(f.code)}` "
            f"| `{_cell(f.replacement)}` | {changes} |"
        )
    lines += ["", f"**{_summary_line(scan)}**", "", "| Kind | Legacy | Uses |", "|---|---|---|"]
    for kind, names in summary(scan.findings).items():
        lines += [f"| {kind} | `{name}` | {count} |" for name, count in names.items()]
    lines += [f"\nUnreadable: `{path}`: {why}" for path, why in scan.unreadable]
    return "\n".join(lines) + "\n"


def _json(scan: Scan) -> str:
    document = {
        "findings": [attrs.asdict(f) for f in scan.findings],
        "summary": summary(scan.findings),
        "unreadable": [{"path": p, "error": why} for p, why in scan.unreadable],
    }
    return json.dumps(document, indent=2) + "\n"


FORMATS = {"text": _text, "json": _json, "markdown": _markdown}
"""The report formats by name."""


def render(scan: Scan, format: str) -> str:
    """The report of `scan` in one of `FORMATS`."""
    return FORMATS[format](scan)
