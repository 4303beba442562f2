"""`flowroute migrate`: find the legacy calls in a codebase and say what each becomes.

`scan_paths` parses Python files (never importing them) and reports every use
of ``FlowrouteNumbersLib``, ``FlowrouteMessagingLib`` and the v3 SDK
(``flowroutenumbersandmessaging``) with its ``flowroute.Client`` replacement
and what changes, from the one mapping table, `flowroute.compat.mapping`.
"""

from __future__ import annotations

from ._scan import Finding, Scan, scan_paths, scan_source

__all__ = ["Finding", "Scan", "scan_paths", "scan_source"]
