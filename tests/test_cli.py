"""The `flowroute` command line itself: help, version, defaults, formats, closed pipes.

What each command does is tested beside it (`test_demo.py`, `emulator/test_cli.py`).
"""

from __future__ import annotations

import io
import os
import pathlib
import re
import subprocess
import sys

import pytest

import flowroute
from flowroute import _rst, cli

GUIDE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "migration.rst"


def test_without_a_command_it_prints_the_help() -> None:
    out = io.StringIO()
    assert cli.main([], out=out) == 0
    text = out.getvalue()
    assert text.startswith("usage: flowroute")
    for command in ("demo", "emulator", "migration-guide"):
        assert re.search(rf"^\s+{command}\s+\S", text, re.M), command


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"flowroute {flowroute.__version__} (flowroute-sdk)\n"


@pytest.mark.parametrize(
    ("command", "description", "defaults"),
    [
        ("demo", "Tour the API", ["--seed SEED           emulator seed (default: 0)"]),
        (
            "emulator",
            "Serve the emulator",
            ["(default: 8080)", "(default: 127.0.0.1)", "emulator seed (default: 0)"],
        ),
        ("migration-guide", "maps onto v2", ["(default: text)"]),
    ],
)
def test_each_command_has_a_description_and_shows_its_defaults(
    command: str, description: str, defaults: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert description in text
    for default in defaults:
        assert default in text
    # An option without a default says nothing of one.
    assert "(default: None)" not in text and "(default: False)" not in text


class ClosedPipe(io.StringIO):
    """Output whose reader has gone away after the first write."""

    def write(self, text: str) -> int:
        if self.getvalue():
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def test_a_closed_pipe_ends_the_command_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo"], out=ClosedPipe()) == 141
    assert capsys.readouterr().err == ""


def test_a_closed_pipe_ends_the_process_quietly() -> None:
    # `flowroute demo | head -0`: the reader is gone before the first line.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "flowroute", "demo"],
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (141, b"")


def _guide(*argv: str) -> str:
    out = io.StringIO()
    assert cli.main(["migration-guide", *argv], out=out) == 0
    return out.getvalue()


def test_the_guide_reads_as_plain_text_by_default() -> None:
    text = _guide()
    assert _guide("--format", "text") == text
    assert text.startswith("Migrating from the legacy libraries\n=====")
    assert "``" not in text
    assert "This page is generated" not in text and "Regenerate" not in text
    assert "Was GET /v1/available-tns/npas/." in text
    headings = re.findall(r"^(.+)\n([=~-]+)$", text, re.M)
    assert len(headings) > 10
    assert all(len(title) == len(underline) for title, underline in headings)


def test_the_guide_as_markdown() -> None:
    text = _guide("--format", "markdown")
    assert text.startswith("# Migrating from the legacy libraries\n")
    assert "\n## FlowrouteNumbersLib\n" in text
    assert "\n### PurchasablePhoneNumbersController.list_available_np_as(" in text
    assert "- **Lost on v2**: Nothing." in text
    assert "``" not in text and "This page is generated" not in text


def test_the_guide_as_rst_is_the_docs_page_without_its_maintainer_note() -> None:
    page = GUIDE.read_text(encoding="utf-8")
    note = re.search(r"^\.\. This page is generated.*?\n\n", page, re.M | re.S)
    assert note
    assert _guide("--format", "rst") == page.replace(note.group(0), "")


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["migration-guide", "--format", "html"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'html'" in capsys.readouterr().err


RST = """\
Title
=====

.. A note for maintainers,
   on two lines.

Some ``code that
wraps`` here.

Term
    its definition,
    on two lines.
"""


def test_rst_subset_to_text() -> None:
    assert _rst.convert(RST, "text") == (
        "Title\n=====\n\nSome code that\nwraps here.\n\nTerm\n    its definition,\n"
        "    on two lines.\n"
    )


def test_rst_subset_to_markdown() -> None:
    assert _rst.convert(RST, "markdown") == (
        "# Title\n\nSome `code that\nwraps` here.\n\n- **Term**: its definition, on two lines.\n"
    )


def test_rst_subset_to_rst_drops_only_comments() -> None:
    assert _rst.convert(RST, "rst") == RST.replace(
        ".. A note for maintainers,\n   on two lines.\n\n", ""
    )


def test_long_text_lines_are_folded_with_their_indent() -> None:
    line = "    " + " ".join(["word"] * 40)
    folded = _rst.convert(f"Term\n{line}\n", "text").splitlines()
    assert folded[0] == "Term" and len(folded) > 2
    assert all(len(f) <= 79 and f.startswith("    word") for f in folded[1:])
