"""Allow ``python -m mediespor``."""

from mediespor.cli.main import main

raise SystemExit(main())
