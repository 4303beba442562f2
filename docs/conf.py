"""Sphinx configuration for the flowroute documentation."""

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
