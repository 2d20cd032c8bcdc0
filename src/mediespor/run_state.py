"""What the stages of a run share: the user's options, and the state each stage reads and fills.

Kept apart from :mod:`mediespor.pipeline` so that a stage module (the crawl) can name the
state without importing the pipeline that runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
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
class ImportCounts:
    """What importing a list did (the shipped known coverage)."""

    rows: int
    created: int
    updated: int
    rejected: int


@dataclass
class RunReport:
    """What a run did, stage by stage; stored as ``runs.counts`` (see :meth:`as_json`).

    A field a stage did not reach stays None and is left out of the stored JSON.
    """

    sources_configured: int | None = None
    events: int | None = None
    known_coverage: ImportCounts | None = None
    sightings_attached: int | None = None
    #: What each crawled source did.
    per_source: dict[str, SourceCounts] | None = None
    #: URLs per frontier state after the crawl.
    frontier: dict[str, int] | None = None
    #: Pages fetched but not stored (the run is partial).
    lost_items: int | None = None
    #: URLs left pending because a host's time budget or the run deadline ran out.
    deferred_urls: int | None = None
    dry_run_pending: int | None = None
    links: int | None = None
    unlinked_relevant_items: int | None = None
    search_indexed: int | None = None
    rendered: bool | None = None
    #: Source name → why it failed; stage name → why it failed.
    failed_sources: dict[str, str] = field(default_factory=dict)
    failed_stages: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Plain data for ``runs.counts`` (the keys ``mediespor status`` and docs/schema.md name)."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value is None:
                continue
            if name == "per_source":
                value = {k: v.as_json() for k, v in value.items()}
            elif isinstance(value, ImportCounts):
                value = asdict(value)
            out[name] = value
        return out


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
    #: What the stages did so far.
    report: RunReport = field(default_factory=RunReport)


Stage = Callable[[RunState], None]
