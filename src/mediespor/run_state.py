"""What the stages of a run share: the user's options, and the state each stage reads and fills.

Kept apart from :mod:`mediespor.pipeline` so that a stage module (the crawl) can name the
state without importing the pipeline that runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mediespor.config.events import Event
from mediespor.config.sources import SourcesFile
from mediespor.paths import ProjectPaths
from mediespor.progress import Reporter
from mediespor.runstats import SourceCounts
from mediespor.store.db import Store
from mediespor.topic.relevance import Matcher


@dataclass(frozen=True)
class RunOptions:
    """What the user asked of this run."""

    sources: tuple[str, ...] = ()
    since: date | None = None
    render: bool = True
    dry_run: bool = False
    max_requests: int | None = None


@dataclass
class RunState:
    """Everything a stage needs, and what it reports back."""

    paths: ProjectPaths
    options: RunOptions
    reporter: Reporter
    config: SourcesFile
    events: list[Event]
    query: Matcher
    store: Store
    run_id: int
    counts: dict[str, Any] = field(default_factory=dict)
    #: What each crawled source did (stored as ``counts['per_source']``).
    per_source: dict[str, SourceCounts] = field(default_factory=dict)
    failed_sources: dict[str, str] = field(default_factory=dict)
    failed_stages: dict[str, str] = field(default_factory=dict)


Stage = Callable[[RunState], None]
