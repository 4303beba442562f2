"""Sphinx configuration for the flowroute documentation."""

import importlib
import inspect
import os
import sys

sys.path.insert(0, os.path.abspath(".."))

from flowroute import __version__  # needs the path set above

project = "flowroute"
author = "flowroute contributors"
release = __version__
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
# v1 and v2 both define Route/RouteType; unqualified type hints are ambiguous
# cross-references, which Sphinx would otherwise turn into build errors.
suppress_warnings = ["ref.python"]

# The reference shows the names users import. A class defined in a private
# module and re-exported by a public one is documented under the public name.
_PUBLIC_MODULES = [
    "flowroute",
    "flowroute.errors",
    "flowroute.pagination",
    "flowroute.v1",
    "flowroute.v1.models",
    "flowroute.v2",
    "flowroute.v2.models",
    "flowroute.emulator",
]
for _name in _PUBLIC_MODULES:
    _module = importlib.import_module(_name)
    for _exported in getattr(_module, "__all__", ()):
        _member = getattr(_module, _exported)
        if inspect.isclass(_member) and "._" in _member.__module__:
            _member.__module__ = _name


def _hide_internal_constructor(app, what, name, obj, options, signature, return_annotation):
    """Controllers and API namespaces are reached through a Client
    (``client.v2.numbers``), never built: their (transport, auth) is not for users."""
    if what == "class" and signature and signature.startswith("(transport"):
        return "", return_annotation
    return None


def setup(app):
    app.connect("autodoc-process-signature", _hide_internal_constructor)
