"""The published v3 SDK's import path, over `flowroute.compat.v3`.

Code written for ``flowroutenumbersandmessaging`` runs unchanged; its calls
run on ``flowroute.Client().v2`` and warn with the call that replaces them.
This package takes the place of the published SDK on ``sys.path``: have
only one of the two installed (or checked out) at a time.
"""
