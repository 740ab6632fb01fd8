"""`python -m cardvalid` runs the `cardvalid` command."""

from cardvalid.cli import main

raise SystemExit(main())
