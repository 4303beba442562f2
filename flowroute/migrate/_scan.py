"""`scan`: find every use of the legacy libraries in Python source, without running it.

Source is parsed with `ast`, never imported. A file is read in two passes:
the first binds names (imports, assignments of controllers and clients), the
second reports. String literals that parse as Python and use the legacy
libraries (examples kept in strings, doctest-like snippets) are read too, in
the same namespace as their file, so ``exec``-ed examples are found.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Optional

import attrs

from ..compat.mapping import LegacyCall, LegacyName
from ._names import CALLS, LIBRARIES, Instance, Ref, Symbol, legacy_name, star_names

__all__ = ["Finding", "Scan", "scan_paths", "scan_source"]

_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "build", "dist"})


@attrs.frozen(kw_only=True)
class Finding:
    """One use of a legacy library.

    Attributes:
        path: the file, as given or found under a given directory.
        line: 1-based line.
        kind: ``"import"``, ``"call"``, ``"controller"``, ``"client"``,
            ``"configuration"``, ``"model"``, ``"exception"`` or ``"helper"``.
        library: the legacy library.
        legacy: the legacy name, e.g. ``"TelephoneNumbersController.update"``.
        code: the source of the use (its first line).
        replacement: what replaces it on ``flowroute.Client``.
        changes: what is different there, one item per aspect.
    """

    path: str
    line: int
    kind: str
    library: str
    legacy: str
    code: str
    replacement: str
    changes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Scan:
    """What a scan found, and the files it could not read."""

    findings: tuple[Finding, ...]
    unreadable: tuple[tuple[str, str], ...] = ()


def scan_paths(paths: Iterable[str]) -> Scan:
    """Scan files and directories (``*.py`` under them, hidden ones skipped)."""
    findings: list[Finding] = []
    unreadable: list[tuple[str, str]] = []
    for path in _python_files(paths):
        try:
            source = Path(path).read_text(encoding="utf-8")
            findings += scan_source(source, path)
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as error:
            unreadable.append((path, f"{type(error).__name__}: {error}"))
    return Scan(findings=tuple(findings), unreadable=tuple(unreadable))


def _python_files(paths: Iterable[str]) -> Iterator[str]:
    for given in paths:
        root = Path(given)
        if not root.is_dir():
            yield given
            continue
        for found in sorted(root.rglob("*.py")):
            parts = found.relative_to(root).parts[:-1]
            if any(p.startswith(".") or p in _SKIPPED_DIRS for p in parts):
                continue
            yield str(found)


def scan_source(source: str, path: str = "<source>") -> list[Finding]:
    """The legacy uses in one module's source, in line order.

    Raises:
        SyntaxError: the source does not parse.
    """
    tree = ast.parse(source, filename=path)
    units = [(tree, source, 0), *_embedded(tree)]
    scanner = _Scanner(path)
    for _ in range(2):  # twice: a name may be bound after the code that uses it
        for unit, _text, _offset in units:
            scanner.bind(unit)
    for unit, text, offset in units:
        scanner.report(unit, text, offset)
    return sorted(scanner.findings, key=lambda f: (f.line, f.kind, f.legacy))


def _embedded(tree: ast.Module) -> Iterator[tuple[ast.Module, str, int]]:
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not any(library in node.value for library in LIBRARIES) and "(" not in node.value:
            continue
        try:
            inner = ast.parse(node.value)
        except (SyntaxError, ValueError):
            continue
        yield inner, node.value, node.lineno - 1


class _Scanner:
    def __init__(self, path: str) -> None:
        self.path = path
        self.names: dict[str, Symbol] = {}
        self.findings: list[Finding] = []

    # -- pass 1: names --------------------------------------------------

    def bind(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if _is_legacy(alias.name):
                        top = alias.name.split(".", 1)[0]
                        self.names[alias.asname or top] = Ref(alias.name if alias.asname else top)
            elif isinstance(node, ast.ImportFrom) and _is_legacy(node.module):
                self._bind_from(node)
            elif isinstance(node, ast.Assign):
                self._bind_assign(node.targets, node.value)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                self._bind_assign([node.target], node.value)

    def _bind_assign(self, targets: list[ast.expr], value: ast.expr) -> None:
        symbol = self.resolve(value)
        if symbol is None:
            return
        for target in targets:
            key = _dotted(target)
            if key is not None:
                self.names[key] = symbol
            if isinstance(target, ast.Attribute):
                # ``app.sms = APIController(...)`` is read back as
                # ``current_app.sms``: an attribute is known by its name.
                self.names[f"*.{target.attr}"] = symbol

    def _bind_from(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            if alias.name == "*":
                library = module.split(".", 1)[0]
                for known in star_names(library):
                    self.names[known.name] = Ref(f"{library}.{known.name}")
            else:
                self.names[alias.asname or alias.name] = Ref(f"{module}.{alias.name}")

    def resolve(self, node: ast.expr) -> Optional[Symbol]:
        """What an expression stands for, if it is legacy."""
        key = _dotted(node)
        if key is not None and key in self.names:
            return self.names[key]
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            if isinstance(base, Ref):
                return Ref(f"{base.path}.{node.attr}")
            if isinstance(base, Instance):
                return _attribute_of(base.name, node.attr)
            return self.names.get(f"*.{node.attr}")
        if isinstance(node, ast.Call):
            made = self.resolve(node.func)
            known = legacy_name(made) if isinstance(made, Ref) else None
            if known is not None and known.kind in ("controller", "client"):
                return Instance(known)
        return None

    # -- pass 2: findings -------------------------------------------------

    def report(self, tree: ast.Module, text: str, offset: int) -> None:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self._import(node, text, offset)
            elif isinstance(node, ast.Call):
                self._call(node, text, offset)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    self._setting(node, target, text, offset)
            elif isinstance(node, ast.ExceptHandler) and node.type is not None:
                self._handler(node, text, offset)

    def _add(self, node: ast.AST, text: str, offset: int, **fields: object) -> None:
        code = ast.get_source_segment(text, node) or ""
        line = getattr(node, "lineno", 1) + offset
        self.findings.append(
            Finding(path=self.path, line=line, code=code.splitlines()[0], **fields)  # type: ignore[arg-type]
        )

    def _import(self, node: ast.Import | ast.ImportFrom, text: str, offset: int) -> None:
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        legacy = [m for m in modules if _is_legacy(m)]
        if legacy:
            name = legacy[0] or ""
            self._add(
                node,
                text,
                offset,
                kind="import",
                library=name.split(".", 1)[0],
                legacy=name,
                replacement="import flowroute",
            )

    def _call(self, node: ast.Call, text: str, offset: int) -> None:
        if isinstance(node.func, ast.Attribute):
            row = self._row(node.func)
            if row is not None:
                self._add(
                    node,
                    text,
                    offset,
                    kind="call",
                    library=row.library,
                    legacy=row.name,
                    replacement=" then ".join(row.v2),
                    changes=call_changes(row),
                )
                return
        made = self.resolve(node.func)
        known = legacy_name(made) if isinstance(made, Ref) else None
        if isinstance(made, Ref) and known and known.kind not in ("configuration", "exception"):
            legacy = made.path.rsplit(".", 1)[1] if known.name == "*" else ""
            self._named(node, text, offset, known, legacy=legacy)

    def _row(self, func: ast.Attribute) -> Optional[LegacyCall]:
        receiver = self.resolve(func.value)
        if isinstance(receiver, Ref):
            known = legacy_name(receiver)
        else:
            known = receiver.name if receiver is not None else None
        if known is None or known.kind != "controller":
            return None
        return CALLS.get((known.library, known.name, func.attr))

    def _named(
        self,
        node: ast.AST,
        text: str,
        offset: int,
        known: LegacyName,
        legacy: str = "",
        replacement: str = "",
        changes: tuple[str, ...] = (),
    ) -> None:
        self._add(
            node,
            text,
            offset,
            kind=known.kind,
            library=known.library,
            legacy=legacy or known.name,
            replacement=replacement or known.replacement,
            changes=changes or ((known.changes,) if known.changes else ()),
        )

    def _setting(self, node: ast.stmt, target: ast.expr, text: str, offset: int) -> None:
        if not isinstance(target, ast.Attribute):
            return
        owner = self.resolve(target.value)
        known = legacy_name(owner) if isinstance(owner, Ref) else None
        if known is None or known.kind != "configuration":
            return
        replacement = dict(known.attributes).get(target.attr, known.replacement)
        self._named(
            node, text, offset, known, legacy=f"{known.name}.{target.attr}", replacement=replacement
        )

    def _handler(self, node: ast.ExceptHandler, text: str, offset: int) -> None:
        assert node.type is not None
        types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        for caught in types:
            ref = self.resolve(caught)
            known = legacy_name(ref) if isinstance(ref, Ref) else None
            if known is None or known.kind != "exception":
                continue
            changes = [known.changes, *_reads(node, dict(known.attributes))]
            self._named(node, text, offset, known, changes=tuple(changes))


def call_changes(row: LegacyCall) -> tuple[str, ...]:
    """What changes for one legacy call: arguments, result, what is lost."""
    changes = [f"arguments: {row.arguments}", f"result: {row.result}"]
    if row.lost:
        changes.append(f"lost: {row.lost}")
    return tuple(change.replace("``", "`") for change in changes)  # the table's rst, as text


def _reads(handler: ast.ExceptHandler, attributes: dict[str, str]) -> list[str]:
    """``e.attribute -> replacement`` for each legacy attribute the handler reads."""
    if handler.name is None:
        return []
    read: dict[str, str] = {}
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == handler.name
            and node.attr in attributes
        ):
            read.setdefault(
                node.attr,
                f"{handler.name}.{node.attr} -> {attributes[node.attr].format(e=handler.name)}",
            )
    return list(read.values())


def _attribute_of(owner: LegacyName, attribute: str) -> Optional[Symbol]:
    controller = dict(owner.attributes).get(attribute) if owner.kind == "client" else None
    if controller is None:
        return None
    return Instance(_controller(owner.library, controller))


def _controller(library: str, name: str) -> LegacyName:
    known = legacy_name(Ref(f"{library}.{name}"))
    assert known is not None, name  # the client's attributes name the table's controllers
    return known


def _is_legacy(module: Optional[str]) -> bool:
    return module is not None and module.split(".", 1)[0] in LIBRARIES


def _dotted(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None
