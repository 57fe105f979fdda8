"""``python -m touchdesk`` is the ``touchdesk`` command."""

from touchdesk.cli import main

raise SystemExit(main())
