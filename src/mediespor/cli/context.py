"""What every command gets: resolved paths, a reporter, its arguments, and the store.

The one place that knows how a command opens the database: for reading (the published
snapshot, never blocking the nightly job) or for writing (the working copy under the run lock),
and the one "does not exist yet" check for commands that need an existing database.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediespor.errors import UsageError
from mediespor.paths import ProjectPaths
from mediespor.progress import Reporter, fields

if TYPE_CHECKING:
    from mediespor.store.db import Store
    from mediespor.store.recorded_run import RecordedRun


@dataclass
class Context:
    """Resolved paths, the reporter and the parsed arguments of one command."""

    paths: ProjectPaths
    reporter: Reporter
    args: argparse.Namespace
    #: Set by a command whose outcome cron should be told about when it exits non-zero.
    summary: str | None = None

    @property
    def output_is_log(self) -> bool:
        """True when a command's results belong in the log, not on stdout: with ``--log-file``
        (cron mails whatever a job prints) or JSON lines (systemd's journal takes stdout too,
        and ``jq`` must read every line)."""
        return bool(getattr(self.args, "log_file", None)) or self.reporter.fmt == "json"

    def say(self, text: str, event: str, level: int = logging.INFO, **values: object) -> None:
        """Print a command's result, or log it when :attr:`output_is_log`.

        On a log file success stays silent and a failure is told once on stderr by ``main``
        (with ``summary``).
        """
        if self.output_is_log:
            logging.getLogger(__name__).log(level, event, extra=fields(message=text, **values))
        else:
            print(text)

    def existing_db(self) -> Path:
        """The database path; a usage error (exit 2) when no run has created it yet."""
        if not self.paths.db.exists():
            raise UsageError(f"{self.paths.db} does not exist yet; run 'mediespor run' first")
        return self.paths.db

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """The published database, read-only (analysts and the nightly job never block)."""
        from mediespor.store.publish import reading

        with reading(self.existing_db()) as store:
            yield store

    @contextmanager
    def writing(self, *, create: bool = False) -> Iterator[Store]:
        """The working copy under the run lock, published on a clean exit.

        Without ``create`` the database must exist already (most commands only change it).
        """
        from mediespor.store.publish import writing

        db = self.paths.db if create else self.existing_db()
        with writing(db) as store:
            yield store

    def recording(
        self, command: str, options: dict[str, Any], *, what: str | None = None
    ) -> AbstractContextManager[RecordedRun]:
        """The working copy (created when needed) with a run of ``command`` recorded in it,
        whose row ends closed whatever happens (:func:`~mediespor.store.recorded_run.recorded_run`)."""
        from mediespor.store.recorded_run import recorded_run

        return recorded_run(self.paths.db, command, options, what=what)
