"""Carrying out a `Plan` with libcst, which keeps every space and comment not rewritten.

A rewritten call keeps its argument nodes (their values, comments and line
breaks); only the callee, the keywords and what is dropped change. A kept
call gets a ``# flowroute-migrate: <why>`` comment line above its statement
(for a call in an ``elif`` test, first in the ``elif``'s block, right under
it), once: a statement that has it already is left alone, so a second run
changes nothing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Optional, Union

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ._apply_plan import Decision, Plan, Position
from ._apply_wrap import wrap

__all__ = ["MARK", "transform"]

MARK = "# flowroute-migrate:"
"""How the comments on kept calls begin."""

_WIDTH = 88
_FROM_ENVIRONMENT = "  # keys from $FR_ACCESS_KEY and $FR_SECRET_KEY"
_Statement = Union[cst.SimpleStatementLine, cst.BaseCompoundStatement]


def transform(source: str, plan: Plan) -> str:
    """The module's source with the plan carried out.

    Raises:
        ValueError: a call of the plan was not found in libcst's tree.
    """
    module = cst.parse_module(source)
    if not plan.decisions:
        return source
    wrapper = MetadataWrapper(module)
    calls = _Calls(plan, module)
    rewritten = wrapper.visit(calls)
    missed = sorted(set(calls.by_position) - calls.placed)
    if missed:  # a call libcst sees elsewhere than ast: rewrite nothing rather than half
        lines = ", ".join(str(position[0]) for position in missed)
        raise ValueError(f"could not place the legacy calls on lines {lines}")
    if plan.rewrites:
        rewritten = _add_client(rewritten, plan)
    return rewritten.code


def comment_lines(reason: str, indent: int = 0) -> list[str]:
    """The comment saying why a call is kept, wrapped to fit `_WIDTH` columns at `indent`."""
    return textwrap.wrap(
        reason,
        max(_WIDTH - indent, 40),
        initial_indent=f"{MARK} ",
        subsequent_indent="#   ",
        break_on_hyphens=False,
    )


class _Calls(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, plan: Plan, module: cst.Module) -> None:
        super().__init__()
        self.plan = plan
        self.module = module
        self.default_indent = module.default_indent
        self.rewritten: set[int] = set()  # the ids of the nodes the rewritten calls became
        self.indents: list[str] = []  # of the blocks the visit is in, so comments fit the width
        self.by_position = {d.position: d for d in plan.decisions}
        self.reasons: list[list[str]] = []
        self.placed: set[Position] = set()
        self.elifs: set[int] = set()  # the ids of the `If` nodes that are an `elif`

    # -- statements: collect the reasons of the calls they hold ---------------

    def _enter(self) -> None:
        self.reasons.append([])

    def _leave(self, node: _Statement, is_elif: bool = False) -> _Statement:
        reasons = self.reasons.pop()
        if is_elif and isinstance(node, cst.If) and isinstance(node.body, cst.IndentedBlock):
            return self._under_elif(node, node.body, reasons)
        comments = self._comments(node, reasons, "", len("".join(self.indents)))
        if not comments:
            return node
        return node.with_changes(leading_lines=[*node.leading_lines, *comments])

    def _comments(
        self, node: _Statement, reasons: list[str], prefix: str, indent: int
    ) -> list[cst.EmptyLine]:
        """The comment lines `node` lacks for `reasons`."""
        have = [line.comment.value for line in node.leading_lines if line.comment]
        added: list[cst.EmptyLine] = []
        for reason in dict.fromkeys(reasons):
            lines = comment_lines(prefix + reason, indent)
            if not _contains(have, lines):
                added += [cst.EmptyLine(comment=cst.Comment(line)) for line in lines]
        return added

    def _under_elif(self, node: cst.If, body: cst.IndentedBlock, reasons: list[str]) -> cst.If:
        """An ``elif`` test's comments, first in its block, right under the call.

        Above the ``elif`` line, they would read as the previous branch's last lines.
        """
        first = body.body[0]
        assert isinstance(first, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
        indent = len("".join(self.indents) + (body.indent or self.default_indent))
        comments = self._comments(first, reasons, "in the `elif` above: ", indent)
        if not comments:
            return node
        first = first.with_changes(leading_lines=[*comments, *first.leading_lines])
        return node.with_changes(body=body.with_changes(body=[first, *body.body[1:]]))

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.indents.append(self.default_indent if node.indent is None else node.indent)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self.indents.pop()
        return updated_node

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._enter()

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        wrapped = wrap(updated_node, self.rewritten, self.module, len("".join(self.indents)))
        left = self._leave(wrapped)
        assert isinstance(left, cst.SimpleStatementLine)
        return left

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.BaseCompoundStatement):
            self._enter()
        if isinstance(node, cst.If) and isinstance(node.orelse, cst.If):
            self.elifs.add(id(node.orelse))
        return super().on_visit(node)

    # libcst types on_leave with a TypeVar no override can name; the node comes back as it went.
    def on_leave(  # type: ignore[override]
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel[cst.CSTNode]]:
        left = super().on_leave(original_node, updated_node)
        if isinstance(original_node, cst.BaseCompoundStatement):
            assert isinstance(left, cst.BaseCompoundStatement)
            return self._leave(left, id(original_node) in self.elifs)
        return left

    # -- calls ------------------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        decision = self._decision(original_node)
        if decision is None:
            return updated_node
        if decision.reason:
            if self.reasons:
                self.reasons[-1].append(decision.reason)
            return updated_node
        rewritten = _rewrite(updated_node, decision, self.plan.client)
        self.rewritten.add(id(rewritten))
        return rewritten

    def _decision(self, node: cst.Call) -> Optional[Decision]:
        where = self.get_metadata(PositionProvider, node)
        key: Position = (where.start.line, where.start.column, where.end.line, where.end.column)
        found = self.by_position.get(key)
        if found is not None:
            self.placed.add(key)
        return found


def _contains(have: list[str], lines: list[str]) -> bool:
    return any(have[i : i + len(lines)] == lines for i in range(len(have)))


def _rewrite(call: cst.Call, decision: Decision, client: str) -> cst.BaseExpression:
    arguments: list[cst.Arg] = []
    layout = call
    for argument in decision.arguments:
        source = call.args[argument.index]
        if argument.inner is not None:
            # The model's keywords become the call's, laid out as they were in the model.
            assert isinstance(source.value, cst.Call)
            layout = source.value
            source = layout.args[argument.inner]
        arguments.append(
            source.with_changes(
                keyword=cst.Name(argument.keyword),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
            )
        )
    arguments = _commas(layout.args, arguments)
    opening = layout.whitespace_before_args
    if layout is not call:
        shift = _Dedent(_indent(layout) - _indent(call))
        arguments = [a.visit(shift) for a in arguments]  # type: ignore[misc]
        opening = opening.visit(shift)  # type: ignore[assignment]
    func = cst.parse_expression(f"{client}.{decision.target}")
    rewritten: cst.BaseExpression = call.with_changes(
        func=func, args=arguments, whitespace_before_args=opening
    )
    if decision.row.rewrite is not None and decision.row.rewrite.result:
        rewritten = cst.Attribute(value=rewritten, attr=cst.Name(decision.row.rewrite.result))
    return rewritten


def _indent(call: cst.Call) -> int:
    """The indentation of a call's arguments when they start on a line of their own."""
    opening = call.whitespace_before_args
    if isinstance(opening, cst.ParenthesizedWhitespace):
        return len(opening.last_line.value)
    return 0


class _Dedent(cst.CSTTransformer):
    """Moves lines left: a model's arguments become the call's, one level out."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self.columns = columns

    def leave_ParenthesizedWhitespace(
        self, original_node: cst.ParenthesizedWhitespace, updated_node: cst.ParenthesizedWhitespace
    ) -> cst.ParenthesizedWhitespace:
        line = updated_node.last_line.value
        if self.columns <= 0 or not line.startswith(" " * self.columns):
            return updated_node
        return updated_node.with_changes(last_line=cst.SimpleWhitespace(line[self.columns :]))


def _commas(old: Sequence[cst.Arg], new: list[cst.Arg]) -> list[cst.Arg]:
    """Each argument keeps its comma (and the comment after it); the last ends as the call did."""
    last = old[-1].comma if old else cst.MaybeSentinel.DEFAULT
    done = []
    for i, argument in enumerate(new):
        comma = argument.comma
        if i == len(new) - 1:
            comma = last
        elif not isinstance(comma, cst.Comma):
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        done.append(argument.with_changes(comma=comma))
    return done


def _add_client(module: cst.Module, plan: Plan) -> cst.Module:
    body = list(module.body)
    if not plan.client_exists:
        arguments = list(plan.client_arguments)
        if plan.client_base_url:
            arguments.append(f"base_url={plan.client_base_url}")
        line = f"{plan.client} = flowroute.Client({', '.join(arguments)})"
        if len(line) > _WIDTH:
            keywords = "".join(f"    {k},\n" for k in arguments)
            line = f"{plan.client} = flowroute.Client(\n{keywords})"
        comments = [c for n in (plan.client_note, plan.client_base_note) for c in comment_lines(n)]
        if not plan.client_arguments and not plan.client_note:
            if len(line + _FROM_ENVIRONMENT) <= _WIDTH:
                line += _FROM_ENVIRONMENT
            else:  # on a line of its own rather than past the width
                comments.append(_FROM_ENVIRONMENT.lstrip())
        statement = cst.parse_statement(line + "\n")
        leading = [cst.EmptyLine(comment=cst.Comment(c)) for c in comments]
        if plan.client_after == plan.import_after:  # after the imports: a blank line between
            leading.insert(0, cst.EmptyLine())
        statement = statement.with_changes(leading_lines=leading)
        body.insert(plan.client_after + 1, statement)
    if not plan.has_import:
        body.insert(plan.import_after + 1, cst.parse_statement("import flowroute\n"))
    return module.with_changes(body=body)
