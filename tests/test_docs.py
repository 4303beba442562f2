"""What the API reference shows: docstrings that render as written."""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import io
import pathlib
import re
import textwrap

import pytest

PUBLIC = [
    "flowroute",
    "flowroute.errors",
    "flowroute.pagination",
    "flowroute.v1",
    "flowroute.v1.models",
    "flowroute.v2",
    "flowroute.v2.models",
    "flowroute.emulator",
    "flowroute.compat",
]
# Napoleon reads "text: more" on a property's first line as "type: description".
_TYPE_LIKE = re.compile(r"^[^`:]+:\s")


def _properties() -> list[tuple[str, str]]:
    found = {}
    for name in PUBLIC:
        module = importlib.import_module(name)
        for exported in getattr(module, "__all__", []):
            cls = getattr(module, exported)
            if not inspect.isclass(cls):
                continue
            for attribute, value in vars(cls).items():
                if isinstance(value, (property, functools.cached_property)):
                    found[f"{exported}.{attribute}"] = value.__doc__ or ""
    return sorted(found.items())


@pytest.mark.parametrize(("name", "doc"), _properties(), ids=[n for n, _ in _properties()])
def test_a_property_docstring_does_not_read_as_a_type(name: str, doc: str) -> None:
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    assert first, f"{name} has no docstring"
    assert not _TYPE_LIKE.match(first), (
        f"{name}: Sphinx would show {first.split(':')[0]!r} as its type"
    )


DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"


def _python_blocks(page: str) -> list[str]:
    """The ``.. code-block:: python`` blocks of a docs page, dedented."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text, re.M)
    return [textwrap.dedent(block) for block in blocks]


def test_the_quickstart_runs_as_written() -> None:
    offline = [b for b in _python_blocks("quickstart.rst") if "Emulator(" in b]
    assert offline
    for source in offline:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            exec(compile(source, "quickstart.rst", "exec"), {"__name__": "quickstart"})
        assert "Decimal" not in out.getvalue() and out.getvalue().count("\n") >= 3
