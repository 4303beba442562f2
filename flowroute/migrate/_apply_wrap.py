"""Wrapping a statement whose rewritten call made a line too long: one argument a line.

``client.v2...`` names and keywords are longer than the legacy call's: a
line that fitted may not any more. Only the statement's own call (``x =
client.v2...(...)``, ``return client.v2...(...)``, with ``.raw`` or not) is
wrapped, and only when nothing could be lost or misplaced: no comment
inside the call and no argument spanning lines. Its arguments then go one
a line, a level deeper than the statement, with a trailing comma, as
ruff format and black lay out a call that does not fit.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

__all__ = ["LINE_LENGTH", "wrap"]

LINE_LENGTH = 100
"""The longest line a rewritten statement is left on."""


def wrap(
    statement: cst.SimpleStatementLine, rewritten: set[int], module: cst.Module, indent: int
) -> cst.SimpleStatementLine:
    """`statement`, its rewritten call wrapped when a line of it is over `LINE_LENGTH`.

    Args:
        statement: the statement, rewritten.
        rewritten: the ids of the nodes the rewrite made (a call, or its ``.raw``).
        module: the module, for how it writes indents and newlines.
        indent: the columns of the statement's indentation.
    """
    small = statement.body[0] if len(statement.body) == 1 else None
    if (
        not isinstance(small, (cst.Expr, cst.Assign, cst.Return))
        or id(small.value) not in rewritten
    ):
        return statement
    value = small.value
    call = value.value if isinstance(value, cst.Attribute) else value  # `.raw` or not
    if not isinstance(call, cst.Call) or not call.args:
        return statement
    if not _too_long(statement, module, indent):
        return statement
    if m.findall(call, m.Comment()) or any("\n" in _code(a.value, module) for a in call.args):
        return statement  # a comment or a value's own layout would be lost or misplaced
    wrapped: cst.BaseExpression = _one_per_line(call, module.default_indent)
    if isinstance(value, cst.Attribute):
        wrapped = value.with_changes(value=wrapped)
    return statement.with_changes(body=[small.with_changes(value=wrapped)])


def _too_long(statement: cst.SimpleStatementLine, module: cst.Module, indent: int) -> bool:
    lines = _code(statement.with_changes(leading_lines=[]), module).splitlines()
    return any(indent + len(line) > LINE_LENGTH for line in lines)


def _code(node: cst.CSTNode, module: cst.Module) -> str:
    return module.code_for_node(node)


def _one_per_line(call: cst.Call, level: str) -> cst.Call:
    def newline(last: str) -> cst.ParenthesizedWhitespace:
        # indent=True: after the block's own indentation, wherever the statement is.
        return cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(last))

    arguments = [
        argument.with_changes(
            whitespace_after_arg=cst.SimpleWhitespace(""),
            comma=cst.Comma(
                whitespace_after=newline("" if i == len(call.args) - 1 else level),
            ),
        )
        for i, argument in enumerate(call.args)
    ]
    return call.with_changes(whitespace_before_args=newline(level), args=arguments)
