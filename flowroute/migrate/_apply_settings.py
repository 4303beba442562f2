"""The legacy settings a module makes, as the arguments of the client `apply` adds.

Credentials set at the module's top level become the client's keys; keys
given elsewhere are named in a comment. The legacy base URI (where the
legacy calls went: ``Configuration.BASE_URI``, the v3 SDK's ``base_uri``)
becomes the client's ``base_url`` when it is a literal, mapped as the compat
layer maps it at run time; otherwise a comment says to pass one. A client
left without it talks to ``$FLOWROUTE_BASE_URL`` or production, which is
exactly where code written for a local or test server must not go.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import Callable, Optional

from .._constants import DEFAULT_BASE_URL
from ..compat import configuration, messaging
from ._names import Ref, legacy_name
from ._scan import _Scanner

__all__ = ["BASE_URIS", "base_url", "credential_settings", "keys_elsewhere"]

_CREDENTIALS = {
    "username": "access_key",
    "password": "secret_key",
    "basic_auth_user_name": "access_key",
    "basic_auth_password": "secret_key",
}

BASE_URIS: dict[str, tuple[str, str, Callable[[str], Optional[str]]]] = {
    "FlowrouteNumbersLib": (
        "BASE_URI",
        "/v1",
        lambda uri: configuration.base_url(uri, configuration.LEGACY_BASE_URI),
    ),
    "FlowrouteMessagingLib": ("BASE_URI", "/v2", messaging._base_url),
    "flowroutenumbersandmessaging": ("base_uri", "", lambda uri: uri.rstrip("/")),
}
"""Per legacy library: its base URI setting, the version suffix it carried,
and the compat layer's mapping of it to the Client's base URL (None: the
Client's default). Only a URI equal to the library's default maps to None,
and that default's origin is production: so the mapping of a literal does
not depend on ``$FLOWROUTE_BASE_URL``."""


def _configuration(scanner: _Scanner, target: ast.expr, attributes: Iterable[str]) -> str:
    """The library whose ``Configuration`` class `target` sets one of `attributes` on ("": none)."""
    if not isinstance(target, ast.Attribute) or target.attr not in attributes:
        return ""
    owner = scanner.resolve(target.value)
    known = legacy_name(owner) if isinstance(owner, Ref) else None
    return known.library if known is not None and known.kind == "configuration" else ""


def credential_settings(scanner: _Scanner, statement: ast.stmt) -> Iterator[tuple[str, str]]:
    """(setting as written, Client keyword) for a legacy credential setting."""
    if not isinstance(statement, ast.Assign):
        return
    for target in statement.targets:
        if _configuration(scanner, target, _CREDENTIALS):
            assert isinstance(target, ast.Attribute)
            yield ast.unparse(target), _CREDENTIALS[target.attr]


def keys_elsewhere(tree: ast.Module, scanner: _Scanner) -> str:
    """What says that the module passes keys the client made from the environment does not read."""
    top = set(tree.body)
    given: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node not in top:
            given += [target for target, _ in credential_settings(scanner, node)]
        elif isinstance(node, ast.Call) and (
            node.args or any(k.arg != "base_url" for k in node.keywords)  # base_url: no key
        ):
            made = scanner.resolve(node.func)
            known = legacy_name(made) if isinstance(made, Ref) else None
            if known is not None and known.kind in ("controller", "client"):
                given.append(ast.unparse(node))
    if not given:
        return ""
    named = ", ".join(f"`{text}`" for text in dict.fromkeys(given))
    return (
        "this client reads $FR_ACCESS_KEY and $FR_SECRET_KEY, not the keys given to "
        f"{named}: check that they are the same"
    )


def _base_uri_of(scanner: _Scanner, target: ast.expr) -> str:
    """The library whose base URI setting `target` is ("": none)."""
    library = _configuration(scanner, target, {a for a, _, _ in BASE_URIS.values()})
    attribute = target.attr if isinstance(target, ast.Attribute) else ""
    return library if library and attribute == BASE_URIS[library][0] else ""


def _base_uri_settings(tree: ast.Module, scanner: _Scanner) -> Iterator[tuple[str, str, object]]:
    """(library, setting as written, its value if it is a str literal, else None).

    A setting is an assignment to a ``Configuration`` class's base URI, or
    the compat layer's ``FlowroutenumbersandmessagingClient(base_url=...)``,
    which sets the v3 SDK's ``Configuration.base_uri``.
    """
    for node in ast.walk(tree):
        found: list[tuple[str, ast.expr]] = []  # (library, value)
        if isinstance(node, ast.Assign):
            found = [(_base_uri_of(scanner, t), node.value) for t in node.targets]
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            found = [(_base_uri_of(scanner, node.target), node.value)]
        elif isinstance(node, ast.Call):
            made = scanner.resolve(node.func)
            known = legacy_name(made) if isinstance(made, Ref) else None
            if known is not None and known.kind == "client":
                found = [(known.library, k.value) for k in node.keywords if k.arg == "base_url"]
        for library, value in found:
            literal = isinstance(value, ast.Constant) and isinstance(value.value, str)
            if library and literal and not isinstance(node, ast.AugAssign):
                yield library, "", getattr(value, "value", None)
            elif library:
                yield library, ast.unparse(node).split("\n", 1)[0], None


def base_url(tree: ast.Module, scanner: _Scanner, libraries: Iterable[str]) -> tuple[str, str]:
    """The client's ``base_url`` for the legacy calls of `libraries`, as (source, note).

    The source is a string literal ("" when the Client's default is right);
    the note says why a base URL cannot be given ("" when it can).
    """
    origins: dict[str, set[Optional[str]]] = {}
    unknown: list[str] = []
    for library, written, value in _base_uri_settings(tree, scanner):
        if library not in libraries:
            continue
        if not isinstance(value, str):
            unknown.append(f"`{written}`")
            continue
        origin = BASE_URIS[library][2](value)
        origins.setdefault(library, set()).add(None if origin == DEFAULT_BASE_URL else origin)
    if unknown:
        suffixes = sorted({BASE_URIS[lib][1] for lib in libraries if BASE_URIS[lib][1]})
        without = f" without its {' or '.join(f'`{s}`' for s in suffixes)}" if suffixes else ""
        return "", (
            f"{', '.join(unknown)} is not carried over: pass this client base_url=, "
            f"that URI{without}, or it talks to $FLOWROUTE_BASE_URL or production"
        )
    servers = {lib: origins.get(lib, {None}) for lib in sorted(libraries)}
    found = set().union(*servers.values()) if servers else {None}
    if len(found) > 1:
        named = "; ".join(
            f"{lib}: {', '.join(sorted(o or 'the default' for o in there))}"
            for lib, there in servers.items()
        )
        return "", (
            f"the legacy calls went to more than one server ({named}): pass this client "
            "base_url= the one its calls need, or it talks to $FLOWROUTE_BASE_URL or production"
        )
    origin = found.pop()
    if origin is None:
        return "", ""
    return (f'"{origin}"' if '"' not in origin and "\\" not in origin else repr(origin)), ""
