"""Plain text and Markdown from the small reStructuredText subset our generated
pages use (the migration guide): section titles, paragraphs, definition
lists, ``literals`` and comments.

The guide is written once, as the reStructuredText the docs build from;
`flowroute migration-guide` shows it to a person in a terminal, or as Markdown
for an issue or a wiki, through this.
"""

from __future__ import annotations

import re
import textwrap
from typing import Literal

__all__ = ["Format", "convert"]

Format = Literal["text", "rst", "markdown"]

# Title underline character -> Markdown heading level, in the order the guide nests them.
_LEVELS = {"=": "#", "-": "##", "~": "###"}
_UNDERLINE = re.compile(r"([=\-~])\1*")
_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_WIDTH = 79


def convert(rst: str, to: Format) -> str:
    """`rst` in format `to`; comments (notes to the page's maintainers) are dropped."""
    text = "\n".join(_without_comments(rst.splitlines())).strip("\n") + "\n"
    if to == "rst":
        return text
    # Literals first, on the whole text: one may run across a line break.
    lines = _LITERAL.sub(r"`\1`" if to == "markdown" else r"\1", text).splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line, following = lines[i], lines[i + 1] if i + 1 < len(lines) else ""
        i += 1
        if line and _is_underline(following, line):
            mark = following[0]
            out += [f"{_LEVELS[mark]} {line}"] if to == "markdown" else [line, mark * len(line)]
            i += 1
        elif to == "markdown" and line and not line[0].isspace() and following.startswith("    "):
            # A definition list item: a term, then its indented definition.
            body = []
            while i < len(lines) and lines[i].startswith("    "):
                body.append(lines[i].strip())
                i += 1
            out.append(f"- **{line}**: {' '.join(body)}")
        elif to == "text":
            out += _wrapped(line)
        else:
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def _without_comments(lines: list[str]) -> list[str]:
    kept: list[str] = []
    in_comment = False
    for line in lines:
        if line.startswith(".. ") and "::" not in line:
            in_comment = True
        elif not (in_comment and (line.startswith(" ") or not line.strip())):
            in_comment = False
            kept.append(line)
    return kept


def _is_underline(line: str, title: str) -> bool:
    return bool(_UNDERLINE.fullmatch(line)) and len(line) >= len(title)


def _wrapped(line: str) -> list[str]:
    """A long line folded to the terminal's customary 79 columns, keeping its indent."""
    if len(line) <= _WIDTH:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    return textwrap.wrap(
        line.strip(),
        _WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )
