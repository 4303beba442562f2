"""What the API reference shows: docstrings that render as written."""

from __future__ import annotations

import functools
import importlib
import inspect
import re

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
