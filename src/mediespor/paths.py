"""Where mediespor keeps its files: one place that resolves every path.

All paths derive from the project directory (``--project-dir``, ``MEDIESPOR_PROJECT_DIR`` or the
current directory) so that cron can call ``mediespor run`` from anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectPaths:
    """Resolved locations of config, database, WARC files and reports."""

    root: Path
    db: Path
    sources: Path
    events: Path
    data: Path
    warc: Path
    reports: Path
    known_coverage: Path

    @property
    def lock(self) -> Path:
        """The run-lock file that sits beside the database."""
        return self.db.with_name(self.db.name + ".lock")


def resolve_paths(
    project_dir: str | os.PathLike[str] | None = None,
    db: str | os.PathLike[str] | None = None,
    sources: str | os.PathLike[str] | None = None,
    events: str | os.PathLike[str] | None = None,
) -> ProjectPaths:
    """Resolve every path from explicit arguments, then environment variables, then defaults."""
    root = Path(project_dir or os.environ.get("MEDIESPOR_PROJECT_DIR") or Path.cwd()).resolve()

    def pick(explicit, env: str, default: Path) -> Path:
        value = explicit or os.environ.get(env)
        if not value:
            return default
        p = Path(value)
        return p if p.is_absolute() else (root / p)

    data = root / "data"
    return ProjectPaths(
        root=root,
        db=pick(db, "MEDIESPOR_DB", data / "mediespor.duckdb"),
        sources=pick(sources, "MEDIESPOR_SOURCES", root / "sources.yaml"),
        events=pick(events, "MEDIESPOR_EVENTS", root / "events.yaml"),
        data=data,
        warc=pick(None, "MEDIESPOR_WARC_DIR", data / "warc"),
        reports=pick(None, "MEDIESPOR_REPORTS_DIR", root / "reports"),
        known_coverage=data / "known_coverage.csv",
    )
