"""`LegacyCall`: one row of the compat mapping table (`flowroute.compat.mapping.TABLE`).

Kept apart from the table so the v3 SDK drop-in (`flowroute.compat.v3`) can
define its rows beside its controllers while the table imports them.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import attrs

from .errors import from_flowroute_error

__all__ = ["LegacyCall", "LegacyName", "Rewrite"]


@attrs.frozen(kw_only=True)
class Rewrite:
    """How `flowroute migrate apply` writes a legacy call as its ``client.v2`` call.

    A call is rewritten only when nothing is lost: its row's `LegacyCall.loses`
    finds no loss in the arguments as written (literals), no handler around
    it catches a legacy exception, and its result is either unused or
    `result` gives the legacy result back exactly.

    Attributes:
        arguments: ``(legacy parameter, v2 keyword)`` pairs; ``""`` drops the
            argument (its loss is what `LegacyCall.loses` checks). A parameter
            not listed is passed under its own name; a ``None`` passed by
            position is left out (the v2 default is None too).
        model: ``(parameter, ((model keyword, v2 keyword), ...))``: the
            argument is a legacy model built in the call (``Message(to=...,
            content=...)``) whose keywords become the v2 call's; empty when none.
        result: the attribute of the v2 result that equals the legacy result
            (``"raw"``: the page's JSON document); ``""`` when they differ, so
            only a call whose result is unused is rewritten.
    """

    arguments: tuple[tuple[str, str], ...] = ()
    model: tuple[str, tuple[tuple[str, str], ...]] = ("", ())
    result: str = ""


@attrs.frozen(kw_only=True)
class LegacyCall:
    """One legacy method and how it runs on each backend.

    Attributes:
        library: ``"FlowrouteNumbersLib"``, ``"FlowrouteMessagingLib"`` or
            ``"flowroutenumbersandmessaging"`` (the published v3 SDK).
        controller: the legacy controller class, e.g. ``"TelephoneNumbersController"``.
        method: the legacy method name.
        parameters: its parameters in order, with their defaults as written.
        v1: the request the legacy library made (v1, or v2 for the v3 SDK).
        v2: the v2 controller methods that replace it, in the order called.
        arguments: how the legacy arguments become v2 arguments.
        result: how the legacy result is rebuilt from v2's.
        lost: what v2 cannot keep ("" when nothing).
        differences: result paths (fnmatch patterns) where the v1 and v2
            backends may answer differently, as `lost` explains.
        read: whether the call only reads (shadow mode repeats reads on v2).
        on_v1: runs the call on ``client.v1`` (None: no v1 exists).
        on_v2: runs the call on ``client.v2`` (v3 SDK rows: on a
            `flowroute.compat.v3` session, which answers the SDK's documents).
        loses: given the arguments, says what this call would lose on v2 (None: nothing).
        error: turns a flowroute error into the library's legacy exception (for the
            legacy libraries any failure, for the v3 SDK the API's and the arguments').
        rewrite: how `flowroute migrate apply` writes the call on ``client.v2``
            (None: it is never rewritten, as its result or arguments have no
            v2 equivalent).
    """

    library: str
    controller: str
    method: str
    parameters: tuple[str, ...]
    v1: str
    v2: tuple[str, ...]
    arguments: str
    result: str
    lost: str = ""
    differences: tuple[str, ...] = ()
    read: bool
    on_v1: Optional[Callable[..., Any]]
    on_v2: Callable[..., Any]
    loses: Optional[Callable[[dict[str, Any]], Optional[str]]] = None
    error: Callable[[Any], Exception] = from_flowroute_error
    rewrite: Optional[Rewrite] = None

    @property
    def name(self) -> str:
        """``Controller.method``, as warnings and the report name the call."""
        return f"{self.controller}.{self.method}"

    @property
    def signature(self) -> str:
        """The legacy call as written: ``method(param=None, ...)``."""
        return f"{self.method}({', '.join(self.parameters)})"

    def applied(self) -> str:
        """What `flowroute migrate apply` does with the call, for the migration guide."""
        rewrite = self.rewrite
        if rewrite is None or (self.lost and self.loses is None):
            return "Left as it is, with a ``# flowroute-migrate:`` comment saying why."
        when = ["no handler around it (``except``, ``pytest.raises``) expects a legacy exception"]
        if self.lost:
            when.insert(0, "the arguments as written lose nothing")
        if rewrite.model[0]:
            when.append(f"``{rewrite.model[0]}`` is a model built in the call from keywords")
        if not rewrite.result:
            when.append("its result is unused")
        result = f" (the result is its ``.{rewrite.result}``)" if rewrite.result else ""
        listed = ", ".join(when[:-1]) + " and " + when[-1] if len(when) > 1 else when[0]
        return f"Rewritten to ``{self.v2[0]}``{result} when {listed}."

    def deprecation(self) -> str:
        """The deprecation message: the legacy call and its v2 replacement."""
        targets = " then ".join(f"{target}()" for target in self.v2)
        return (
            f"{self.library} {self.name}() is deprecated; use {targets} "
            "on flowroute.Client (see the migration guide)"
        )


@attrs.frozen(kw_only=True)
class LegacyName:
    """A legacy name that is not a call: a controller, a setting, an exception, a model.

    `flowroute migrate scan` reports each use of one with its replacement;
    the calls on a controller are `LegacyCall` rows.

    Attributes:
        library: the legacy library, as in `LegacyCall.library`.
        name: the class, e.g. ``"Configuration"``; ``"*"`` stands for every
            model of the library not listed by name.
        kind: ``"controller"``, ``"client"``, ``"configuration"``,
            ``"exception"``, ``"model"`` or ``"helper"``.
        replacement: what replaces it on ``flowroute.Client``.
        changes: what is different there ("" when nothing).
        attributes: ``(attribute, replacement)`` pairs: the settings of a
            configuration, the attributes of an exception, the controllers
            of a client.
    """

    library: str
    name: str
    kind: str
    replacement: str
    changes: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
