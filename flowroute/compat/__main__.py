"""``python -m flowroute.compat``: write the migration guide (reStructuredText) to stdout.

Regenerate the committed page with ``python -m flowroute.compat > docs/migration.rst``.
"""

from .mapping import main

main()
