"""`apply`: rewrite the legacy calls that v2 can take without a loss, file by file.

The decisions are made on the `ast` (`_apply_plan`), with the scanner's
name binding and the mapping table's rows; libcst carries them out
(`_apply_cst`), so formatting and comments survive. A result that does not
parse is never written. libcst is imported only here, when a rewrite runs:
it is the optional ``migrate`` extra.
"""

from __future__ import annotations

import ast
import difflib
import warnings
from collections.abc import Iterable
from pathlib import Path

import attrs

from ._apply_plan import Plan, plan
from ._scan import _python_files

__all__ = ["EXTRA_MISSING", "Change", "apply_paths", "apply_source", "diff", "libcst_missing"]

EXTRA_MISSING = (
    "flowroute migrate apply rewrites code with libcst, which is not installed: "
    "pip install 'flowroute-sdk[migrate]'"
)
"""What `flowroute migrate apply` says without libcst."""


@attrs.frozen(kw_only=True)
class Change:
    """What `apply` makes of one file.

    Attributes:
        path: the file.
        before: its text.
        after: its text rewritten (equal to `before` when nothing changes).
        rewritten: how many legacy calls were rewritten.
        kept: how many were kept, each with a comment saying why.
        error: why the file is left alone ("" when it is not).
    """

    path: str
    before: str
    after: str
    rewritten: int = 0
    kept: int = 0
    error: str = ""

    @property
    def changed(self) -> bool:
        """Whether the file's text changes."""
        return self.after != self.before


def libcst_missing() -> bool:
    """Whether libcst (the ``migrate`` extra) cannot be imported."""
    try:
        _load_libcst()
    except ImportError:
        return True
    return False


def _load_libcst() -> None:
    # Older libcst releases import typing_inspect, whose mypy_extensions import
    # warns (DeprecationWarning) on import: the library's business, not the user's.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import libcst
        import libcst.metadata  # noqa: F401


def apply_source(source: str, path: str = "<source>") -> Change:
    """Rewrite one module's source; `Change.error` says why it could not be.

    The result is parsed before it is returned: a rewrite that would not
    parse is refused (the source is kept and `Change.error` is set).
    """
    try:
        decided = plan(source, path)
    except (SyntaxError, ValueError) as error:
        return Change(path=path, before=source, after=source, error=f"does not parse: {error}")
    try:
        after = _transform(source, decided)
    except ValueError as error:
        return Change(path=path, before=source, after=source, error=f"not rewritten: {error}")
    try:
        ast.parse(after, filename=path)
    except (SyntaxError, ValueError) as error:
        return Change(
            path=path, before=source, after=source, error=f"the rewrite would not parse: {error}"
        )
    kept = sum(1 for d in decided.decisions if d.reason)
    return Change(
        path=path,
        before=source,
        after=after,
        rewritten=len(decided.decisions) - kept,
        kept=kept,
    )


def _transform(source: str, decided: Plan) -> str:
    _load_libcst()
    from ._apply_cst import transform  # libcst: the optional extra

    return transform(source, decided)


def apply_paths(paths: Iterable[str], write: bool = False) -> list[Change]:
    """Rewrite files and directories (``*.py`` under them); with `write`, save the changes."""
    changes = []
    for path in _python_files(paths):
        try:
            # Bytes, so line endings are kept as they are.
            source = Path(path).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            changes.append(Change(path=path, before="", after="", error=str(error)))
            continue
        change = apply_source(source, path)
        if write and change.changed and not change.error:
            Path(path).write_bytes(change.after.encode("utf-8"))
        changes.append(change)
    return changes


def diff(change: Change) -> str:
    """The change as a unified diff (empty when nothing changes)."""
    return "".join(
        difflib.unified_diff(
            change.before.splitlines(keepends=True),
            change.after.splitlines(keepends=True),
            fromfile=f"a/{change.path}",
            tofile=f"b/{change.path}",
        )
    )
