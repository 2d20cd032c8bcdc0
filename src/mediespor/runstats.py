"""Per-source counts of one run, stored in ``runs.counts['per_source']``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SourceCounts:
    """What one source did in one run."""

    discovered: int = 0
    prefiltered_out: int = 0
    queued: int = 0
    fetched: int = 0
    not_modified: int = 0
    new_items: int = 0
    updated_items: int = 0
    unchanged_items: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    #: ok | failed (nothing could be discovered) | skipped (disabled or not selected)
    status: str = "ok"
    error: str | None = None
    seconds: float = 0.0

    def count_error(self, kind: str) -> None:
        """Count one error of ``kind`` (timeout, http_404, robots, parse, ...)."""
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def as_json(self) -> dict[str, Any]:
        """Plain data for the ``runs.counts`` JSON."""
        return asdict(self)
