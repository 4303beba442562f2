"""What `flowroute migrate apply` does to one module, decided on its `ast`.

Each legacy call found by the scanner's name binding is either rewritten
(its `Rewrite` from the mapping table, the arguments it takes to v2) or
kept with the reason why, every reason written from the table: what v2
loses, how the result differs, which legacy exception a handler around
it would stop catching. The plan is a list of `Decision` records keyed by
the call's position; `_apply_cst` carries them out with libcst, which
keeps the formatting and comments.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any, Optional, Union

import attrs

from ..compat.mapping import LegacyCall, Rewrite
from ._apply_settings import base_url, credential_settings, keys_elsewhere
from ._names import Ref, legacy_name
from ._scan import _Scanner

__all__ = ["Argument", "Decision", "Plan", "plan"]

Position = tuple[int, int, int, int]
"""Where a call is: first line, first column, last line, end column (columns in characters)."""

_UNKNOWN = object()


@attrs.frozen
class Argument:
    """One argument of the v2 call: where its value is in the legacy call, and its keyword.

    Attributes:
        index: the legacy argument (positional ones first, then keywords, as written).
        keyword: the v2 keyword.
        inner: for a model built in the call, which of its keyword arguments
            holds the value (None: the argument itself).
    """

    index: int
    keyword: str
    inner: Optional[int] = None


@attrs.frozen(kw_only=True)
class Decision:
    """One legacy call: rewritten (`reason` empty) or kept, with why.

    Attributes:
        position: where the call is.
        row: its mapping-table row.
        reason: why it is kept as it is ("" when it is rewritten).
        arguments: the v2 call's arguments (when rewritten).
    """

    position: Position
    row: LegacyCall
    reason: str = ""
    arguments: tuple[Argument, ...] = ()

    @property
    def target(self) -> str:
        """The v2 method, after ``client.``: ``"v2.numbers.purchase_a_phone_number"``."""
        return self.row.v2[0].split(".", 1)[1]


@attrs.frozen(kw_only=True)
class Plan:
    """Everything `apply` does to one module.

    Attributes:
        decisions: one per legacy call.
        client: the name of the module's `flowroute.Client`.
        client_exists: whether the module defines it already.
        client_arguments: the source of the client's key arguments
            (``"access_key=Configuration.username"``; none: it reads the environment).
        client_note: why to check the client's keys ("" when there is no need).
        client_base_url: the source of its ``base_url`` ("": the Client's default).
        client_base_note: why the client needs a ``base_url`` it cannot be given.
        client_after: the top-level statement the client goes after (its index),
            or the one defining it.
        has_import: whether ``import flowroute`` is there already.
        import_after: the top-level statement ``import flowroute`` goes after
            (-1: first, after the docstring).
    """

    decisions: tuple[Decision, ...]
    client: str = "client"
    client_exists: bool = False
    client_arguments: tuple[str, ...] = ()
    client_note: str = ""
    client_base_url: str = ""
    client_base_note: str = ""
    client_after: int = -1
    has_import: bool = False
    import_after: int = -1

    @property
    def rewrites(self) -> bool:
        """Whether any call is rewritten (and so the module needs the client)."""
        return any(not d.reason for d in self.decisions)


def plan(source: str, path: str = "<source>") -> Plan:
    """Decide what to do with each legacy call of a module.

    Raises:
        SyntaxError: the source does not parse.
    """
    tree = ast.parse(source, filename=path)
    scanner = _Scanner(path)
    for _ in range(2):  # as the scan: a name may be bound after its use
        scanner.bind(tree)
    lines = source.splitlines()
    found = [
        (_decide(scanner, call, parents, _position(call, lines)), parents)
        for call, parents in _calls(tree)
        if isinstance(call.func, ast.Attribute) and scanner._row(call.func) is not None
    ]
    module = _module_plan(tree, scanner, tuple(d for d, _ in found))
    early = [_runs_before(tree, parents, module) for _, parents in found]
    why = f"it runs at import, before the module's `{module.client} = flowroute.Client(...)`"
    decisions = tuple(
        attrs.evolve(d, reason=why, arguments=()) if runs and not d.reason else d
        for (d, _), runs in zip(found, early)
    )
    # Where the calls the client takes over went: theirs, not the other libraries'.
    libraries = {d.row.library for d in decisions if not d.reason}
    url, note = base_url(tree, scanner, libraries)
    return attrs.evolve(module, decisions=decisions, client_base_url=url, client_base_note=note)


def _runs_before(tree: ast.Module, parents: tuple[ast.AST, ...], module: Plan) -> bool:
    """Whether a call runs when the module is imported, before its client is made."""
    if any(isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) for p in parents):
        return False  # runs when called, after the module is imported
    top = parents[1] if len(parents) > 1 else None
    index = tree.body.index(top) if isinstance(top, ast.stmt) and top in tree.body else -1
    return index <= module.client_after


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, tuple[ast.AST, ...]]]:
    """Every call with the nodes around it, innermost last."""
    stack: list[tuple[ast.AST, tuple[ast.AST, ...]]] = [(tree, ())]
    while stack:
        node, parents = stack.pop()
        if isinstance(node, ast.Call):
            yield node, parents
        for child in ast.iter_child_nodes(node):
            stack.append((child, (*parents, node)))


def _position(call: ast.Call, lines: list[str]) -> Position:
    def column(line: int, offset: int) -> int:  # ast counts UTF-8 bytes, libcst characters
        return len(lines[line - 1].encode("utf-8")[:offset].decode("utf-8", "replace"))

    end_line = call.end_lineno or call.lineno
    return (
        call.lineno,
        column(call.lineno, call.col_offset),
        end_line,
        column(end_line, call.end_col_offset or 0),
    )


def _decide(
    scanner: _Scanner, call: ast.Call, parents: tuple[ast.AST, ...], position: Position
) -> Decision:
    assert isinstance(call.func, ast.Attribute)
    row = scanner._row(call.func)
    assert row is not None
    why = _kept_because(scanner, call, parents, row)
    if why:
        return Decision(position=position, row=row, reason=_text(why))
    assert row.rewrite is not None
    arguments = _arguments(scanner, call, row, row.rewrite)
    if isinstance(arguments, str):
        return Decision(position=position, row=row, reason=_text(arguments))
    return Decision(position=position, row=row, arguments=arguments)


def _kept_because(
    scanner: _Scanner, call: ast.Call, parents: tuple[ast.AST, ...], row: LegacyCall
) -> str:
    """Why the call cannot be rewritten without a change in behaviour ("" when it can)."""
    rewrite = row.rewrite
    if rewrite is None:
        return f"lost on v2: {row.lost}" if row.lost else f"its result differs on v2: {row.result}"
    if row.lost:
        values = _literal_arguments(scanner, call, row)
        loss = row.lost if values is None or row.loses is None else row.loses(values)
        if loss:
            return f"lost on v2: {loss}"
    handler = _legacy_handler(scanner, call, parents)
    if handler:
        return handler
    used = not (parents and isinstance(parents[-1], ast.Expr))
    if used and not rewrite.result:
        return f"its result is used, and differs on v2: {row.result}"
    return ""


def _legacy_handler(scanner: _Scanner, call: ast.AST, parents: tuple[ast.AST, ...]) -> str:
    """The legacy exception a handler around the call expects, as a reason ("" for none).

    A handler is an ``except`` clause of a ``try`` around the call, or a
    ``with`` around it whose context names a legacy exception
    (``pytest.raises(APIException)``, ``contextlib.suppress(...)``).
    """
    inner: ast.AST = call
    for node in reversed(parents):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return ""  # a handler outside the function is the caller's concern
        handlers: list[tuple[str, ast.expr]] = []
        if isinstance(node, ast.Try) and inner in node.body:
            handlers = [(f"except {ast.unparse(h.type)}", h.type) for h in node.handlers if h.type]
        elif isinstance(node, (ast.With, ast.AsyncWith)) and inner in node.body:
            handlers = [(f"with {ast.unparse(i.context_expr)}", i.context_expr) for i in node.items]
        for written, expression in handlers:
            for caught in ast.walk(expression):
                ref = scanner.resolve(caught) if isinstance(caught, ast.expr) else None
                known = legacy_name(ref) if isinstance(ref, Ref) else None
                if known is not None and known.kind == "exception":
                    return (
                        f"the handler `{written}` around it would not see its errors: "
                        f"v2 raises {known.replacement}"
                    )
        inner = node
    return ""


def _parameters(row: LegacyCall) -> list[str]:
    return [p.split("=", 1)[0] for p in row.parameters]


def _bound(call: ast.Call, row: LegacyCall) -> Optional[dict[str, tuple[int, ast.expr]]]:
    """Legacy parameter -> (argument index, value), or None when not bound statically."""
    names = _parameters(row)
    if len(call.args) > len(names) or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    bound = {names[i]: (i, a) for i, a in enumerate(call.args)}
    for j, keyword in enumerate(call.keywords):
        if keyword.arg is None or keyword.arg not in names or keyword.arg in bound:
            return None
        bound[keyword.arg] = (len(call.args) + j, keyword.value)
    return bound


def _literal_arguments(
    scanner: _Scanner, call: ast.Call, row: LegacyCall
) -> Optional[dict[str, Any]]:
    """The arguments as values, when each one the loss depends on is a literal."""
    bound = _bound(call, row)
    if bound is None:
        return None
    values = {name: _literal(scanner, value) for name, (_, value) in bound.items()}
    renamed = row.rewrite.arguments if row.rewrite else ()
    dropped = [name for name, keyword in renamed if not keyword]
    if any(values.get(name, _UNKNOWN) is _UNKNOWN for name in dropped):
        return None
    return values


def _literal(scanner: _Scanner, node: ast.expr) -> Any:
    """A literal's value; a legacy model built from literal keywords as its dict; or _UNKNOWN."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Call) and not node.args and _is_model(scanner, node):
        values = {k.arg: _literal(scanner, k.value) for k in node.keywords}
        if all(k is not None for k in values) and _UNKNOWN not in values.values():
            return values
    return _UNKNOWN


def _is_model(scanner: _Scanner, node: ast.Call) -> bool:
    made = scanner.resolve(node.func)
    known = legacy_name(made) if isinstance(made, Ref) else None
    return known is not None and known.kind == "model"


def _arguments(
    scanner: _Scanner, call: ast.Call, row: LegacyCall, rewrite: Rewrite
) -> Union[tuple[Argument, ...], str]:
    """The v2 call's arguments, or why they cannot be written from the legacy ones."""
    cannot = f"its arguments are not translated as written: {row.arguments}"
    bound = _bound(call, row)
    if bound is None:
        return cannot
    renamed = dict(rewrite.arguments)
    model_parameter, model_keywords = rewrite.model
    arguments: list[Argument] = []
    for name in _parameters(row):
        if name not in bound:
            continue
        index, value = bound[name]
        keyword = renamed.get(name, name)
        if name == model_parameter:
            inner = _model_arguments(scanner, value, index, dict(model_keywords))
            if inner is None:
                return cannot
            arguments += inner
        elif keyword and not (index < len(call.args) and _is_none(value)):
            arguments.append(Argument(index, keyword))
    return tuple(arguments)


def _model_arguments(
    scanner: _Scanner, value: ast.expr, index: int, keywords: dict[str, str]
) -> Optional[list[Argument]]:
    if not (isinstance(value, ast.Call) and not value.args and _is_model(scanner, value)):
        return None
    if any(k.arg not in keywords for k in value.keywords):
        return None
    return [Argument(index, keywords[str(k.arg)], j) for j, k in enumerate(value.keywords)]


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _text(reason: str) -> str:
    return " ".join(reason.replace("``", "`").split())  # the table's rst, as one line of text


def _module_plan(tree: ast.Module, scanner: _Scanner, decisions: tuple[Decision, ...]) -> Plan:
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
    has_import = False
    import_after = -1
    existing: Optional[str] = None
    defined_at = -1
    settings: dict[str, str] = {}
    client_after = -1
    for i, statement in enumerate(tree.body):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            import_after = client_after = i
            has_import |= isinstance(statement, ast.Import) and any(
                a.name == "flowroute" and a.asname is None for a in statement.names
            )
        elif i == 0 and isinstance(statement, ast.Expr):
            import_after = client_after = 0  # the docstring
        if existing is None and _client_defined(statement):
            existing, defined_at = _client_defined(statement), i
        for target, keyword in credential_settings(scanner, statement):
            settings[keyword] = target
            client_after = i
    if existing is not None:
        client_after = defined_at
    client = existing or ("flowroute_client" if "client" in names else "client")
    keys = ("access_key", "secret_key")
    arguments = tuple(f"{k}={settings[k]}" for k in keys if k in settings)
    return Plan(
        decisions=decisions,
        client=client,
        client_exists=existing is not None,
        client_arguments=arguments,
        client_note="" if arguments else keys_elsewhere(tree, scanner),
        client_after=client_after,
        has_import=has_import,
        import_after=import_after,
    )


def _client_defined(statement: ast.stmt) -> Optional[str]:
    """The name a top-level ``NAME = flowroute.Client(...)`` binds."""
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, ast.Call)
        and ast.unparse(statement.value.func) == "flowroute.Client"
    ):
        return statement.targets[0].id
    return None
