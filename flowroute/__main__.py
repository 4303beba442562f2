"""`python -m flowroute`: the same command line as the `flowroute` script."""

from .cli import main

raise SystemExit(main())
