"""What each source did in one run: one record, filled by discovery, then fetch and store.

Stored as ``runs.counts['per_source']`` (see :meth:`SourceCounts.as_json` for the keys, which
``mediespor status``, the health report and docs/schema.md read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mediespor.models import StoredCounts


@dataclass
class SourceCounts:
    """What one source did in one run."""

    source: str = ""
    kind: str = ""
    # Discovery.
    #: Candidates found (stored as ``discovered``).
    found: int = 0
    #: Candidates the topic pre-filter left out (stored as ``prefiltered_out``).
    dropped: int = 0
    #: Candidates that became pending in the frontier.
    queued: int = 0
    #: List-only items stored straight away (nothing to fetch); counted as new items.
    records: int = 0
    problems: int = 0
    first_problem: str | None = None
    #: Why the walk ended early (a cap, a 429, a loop), or None when it ran to the end.
    stopped: str | None = None
    #: Candidates refused because they point outside the source's allowed domains.
    out_of_scope: int = 0
    #: Candidates left out because the source reached ``max_items`` in this run.
    over_max_items: int = 0
    seconds: float = 0.0
    # Fetch and store.
    fetched: int = 0
    not_modified: int = 0
    #: What storing the fetched pages did (list-only ``records`` are counted apart).
    stored: StoredCounts = field(default_factory=StoredCounts)
    errors: dict[str, int] = field(default_factory=dict)
    #: ok | failed (nothing could be discovered) | skipped (disabled, not selected, or the
    #: run's request budget ran out before it)
    status: str = "ok"
    error: str | None = None

    @property
    def failed(self) -> bool:
        """Nothing came out of the source and something went wrong: the source is broken."""
        return self.found == 0 and self.records == 0 and self.problems > 0

    def count_error(self, kind: str) -> None:
        """Count one error of ``kind`` (timeout, http_404, robots, parse, ...)."""
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def as_json(self) -> dict[str, Any]:
        """Plain data for the ``runs.counts`` JSON (the keys stored since the first runs)."""
        return {
            "discovered": self.found,
            "prefiltered_out": self.dropped,
            "queued": self.queued,
            "fetched": self.fetched,
            "not_modified": self.not_modified,
            "new_items": self.records + self.stored.created,
            "updated_items": self.stored.updated,
            "unchanged_items": self.stored.unchanged,
            "errors": {**({"discover": self.problems} if self.problems else {}), **self.errors},
            "status": self.status,
            "error": self.error,
            "seconds": self.seconds,
        }
