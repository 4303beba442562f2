"""Recording which legacy calls ran, where from, and what they lost (off by default).

Set ``$FLOWROUTE_COMPAT_RECORD`` to a file path and every legacy call
appends one JSON line to it: the library, the call, the caller's
``file:line`` and what v2 could not keep. Lines are appended whole (one
``write`` on a file opened for appending), so the processes of a web
server can share one file. ``flowroute migrate report FILE`` counts them
beside the static scan.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ._row import LegacyCall

__all__ = ["ENV_RECORD", "record"]

ENV_RECORD = "FLOWROUTE_COMPAT_RECORD"
"""The environment variable naming the file legacy calls are recorded in."""


def record(row: LegacyCall, site: tuple[str, int], lost: Optional[str]) -> None:
    """Append one call to the record file, if recording is on.

    Args:
        row: the legacy call's row.
        site: the caller's file and line.
        lost: what this call loses on v2 (None: nothing).
    """
    path = os.environ.get(ENV_RECORD)
    if not path:
        return
    line = json.dumps(
        {
            "library": row.library,
            "call": row.name,
            "file": site[0],
            "line": site[1],
            "lost": lost,
        }
    )
    with open(path, "a", encoding="utf-8") as out:
        out.write(line + "\n")
