"""Run discovery for the configured sources and hand the results on: the discovery stage.

For each enabled source: find candidates, drop those the cheap pre-filter rules out (unless the
source is topical), queue the rest in the frontier, keep list-only entries as items, and record
every problem in ``rejects``. Sitemaps are streamed into the frontier in batches, so a large
walk does not hold its candidates in memory. One failing source never stops the others.
"""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from mediespor.config.sources import SourceBase, SourcesFile
from mediespor.crawl.frontier import Frontier
from mediespor.discover import discover_source
from mediespor.discover.base import DiscoveryResult, Getter, Problem, since_datetime
from mediespor.discover.kinds import Walk, kind_of
from mediespor.discover.prefilter import prefilter, prefilter_query
from mediespor.discover.scope import allowed_sites, out_of_scope
from mediespor.models import Candidate
from mediespor.progress import Reporter, fields, logging_to
from mediespor.runstats import SourceCounts
from mediespor.store.db import Store, utcnow
from mediespor.store.discoveries import record_discoveries, requeue_failed_with_archive
from mediespor.store.evidence import record_corpus_ref
from mediespor.store.items import StoreRequest, store_items
from mediespor.store.runs import record_reject
from mediespor.topic import Query
from mediespor.topic.relevance import judge

log = logging.getLogger(__name__)
#: What discovery counts per source (:class:`SourceCounts` fields), in the log and the totals.
COUNTS = ("found", "dropped", "queued", "records", "problems")
#: Candidates written to the frontier per transaction while streaming a walk (a sitemap).
BATCH = 1000


@dataclass
class DiscoveryRun:
    """Outcomes of all sources, for the run report."""

    outcomes: list[SourceCounts] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        """Sums over all sources."""
        return {k: sum(getattr(o, k) for o in self.outcomes) for k in COUNTS}


class _Sink:
    """Pre-filters candidates and writes them to the frontier; records problems."""

    def __init__(
        self,
        cfg: SourceBase,
        store: Store,
        frontier: Frontier,
        pre: Query,
        run_id: int | None,
        outcome: SourceCounts,
    ):
        self.cfg, self.store, self.frontier, self.pre = cfg, store, frontier, pre
        self.run_id, self.outcome = run_id, outcome
        self.sites = allowed_sites(cfg)
        #: Candidates handed to the frontier so far (capped at ``max_items``).
        self.accepted = 0

    @property
    def full(self) -> bool:
        """The source has its ``max_items`` candidates for this run."""
        return self.accepted >= self.cfg.max_items

    def candidates(self, cands: list[Candidate]) -> None:
        if not cands:
            return
        self.outcome.found += len(cands)
        refused = [(c, why) for c in cands if (why := out_of_scope(c, self.sites))]
        if refused:
            self.outcome.out_of_scope += len(refused)
            self.problems([Problem(c.url, why) for c, why in refused[:100]])
            bad = {id(c) for c, _ in refused}
            cands = [c for c in cands if id(c) not in bad]
        split = prefilter(cands, self.pre, topical=self.cfg.topical)
        self.outcome.dropped += len(split.dropped)
        kept = [c if c.outlet else replace(c, outlet=self.cfg.outlet) for c in split.kept]
        # At most max_items article fetches per source and run, whatever the kind found.
        room = max(self.cfg.max_items - self.accepted, 0)
        if len(kept) > room:
            self.outcome.over_max_items += len(kept) - room
            self.outcome.stopped = f"max_items ({self.cfg.max_items}) reached"
            kept = kept[:room]
        self.accepted += len(kept)
        kind = kind_of(self.cfg)
        revisit = bool(kind and kind.revisits)
        self.outcome.queued += self.frontier.add(kept, revisit=revisit)
        with self.store.transaction() as con:
            record_discoveries(con, kept, self.run_id)
            self.outcome.queued += requeue_failed_with_archive(con, kept)

    def problems(self, problems: list[Problem]) -> None:
        if not problems:
            return
        self.outcome.problems += len(problems)
        if self.outcome.first_problem is None:
            self.outcome.first_problem = problems[0].reason[:500]
        with self.store.transaction() as con:
            for p in problems:
                record_reject(con, self.run_id, "discover", self.cfg.name, p.url, p.reason)


async def _stream(
    walk: Walk,
    cfg: SourceBase,
    getter: Getter,
    sink: _Sink,
    since: datetime | None,
) -> str | None:
    result = DiscoveryResult()
    batch: list[Candidate] = []
    async for ev in walk(cfg, getter, since=since, stats=result.stats):
        if ev.candidate is not None:
            batch.append(ev.candidate)
            if len(batch) >= BATCH:
                sink.candidates(batch)
                batch = []
                if sink.full:
                    return sink.outcome.stopped
        elif ev.problem is not None:
            sink.problems([ev.problem])
    sink.candidates(batch)
    return result.stats.stopped or sink.outcome.stopped


def _store_records(
    result: DiscoveryResult, cfg: SourceBase, store: Store, query: Query, run_id: int | None
) -> int:
    # List-only entries (a link list's unlinked lines, corpus rows) go straight to the store, as
    # the known-coverage import does: there is nothing to fetch, and the store merges them with
    # the crawled item by outlet+date+title. A corpus row's record id and license go with it.
    now = utcnow()
    requests = []
    for rec in result.records:
        verdict = judge(
            query, rec.title, rec.lead, rec.text, published=rec.published_at,
            precision=rec.published_precision, hint=rec.hint,
        )  # fmt: skip
        requests.append(StoreRequest(rec, now, verdict.relevant or cfg.topical, verdict.terms))
    with store.transaction() as con:
        for rec, stored in zip(result.records, store_items(con, requests, run_id=run_id),
                               strict=True):  # fmt: skip
            if rec.corpus_ref is not None:
                record_corpus_ref(
                    con, stored.item_id, rec.corpus_ref, source=cfg.name, via=rec.via, now=now
                )
    return len(result.records)


def _kind_name(cfg: SourceBase) -> str:
    kind = kind_of(cfg)
    return kind.name if kind else ""


async def discover_all(
    config: SourcesFile,
    getter: Getter,
    store: Store,
    query: Query,
    *,
    run_id: int | None,
    since: date | datetime | None = None,
    only: tuple[str, ...] = (),
    reporter: Reporter | None = None,
) -> DiscoveryRun:
    """Discover every enabled source (or only the named ones) into the frontier.

    ``query`` is the full topic query (for list-only items); the pre-filter comes from
    ``config.topic``. Returns per-source outcomes; problems are in ``rejects`` (stage
    'discover').
    """
    # Log lines go to the caller's reporter (a command has routed them there already).
    routed = logging_to(reporter) if reporter is not None else nullcontext()
    reporter = reporter or Reporter(quiet=True)
    since = since_datetime(since)  # the run's --since is a date
    frontier = Frontier(store, run_id=run_id)
    pre = prefilter_query(config.topic)
    sources = config.selected(only)
    run = DiscoveryRun()
    with routed, reporter.stage("discover", total=len(sources)) as stage:
        # Sources run concurrently: they are mostly on different hosts, and the fetcher keeps
        # each host polite. Database writes happen between awaits, so they never interleave.
        async def one(index: int, cfg: SourceBase) -> None:
            started = time.perf_counter()
            kind = kind_of(cfg)
            outcome = run.outcomes[index]
            sink = _Sink(cfg, store, frontier, pre, run_id, outcome)
            try:
                if kind is not None and kind.walk is not None:
                    outcome.stopped = await _stream(kind.walk, cfg, getter, sink, since)
                else:
                    result = await discover_source(cfg, getter, since=since, prefilter=pre)
                    sink.candidates(result.candidates)
                    sink.problems(result.problems)
                    outcome.stopped = result.stats.stopped or outcome.stopped
                    if result.records:
                        outcome.records = _store_records(result, cfg, store, query, run_id)
            except Exception as exc:  # one broken source must not stop the others
                sink.problems([Problem(cfg.name, f"discovery failed: {type(exc).__name__}: {exc}")])
            log.info(
                "discover_source",
                extra=fields(
                    source=cfg.name,
                    kind=outcome.kind,
                    **{k: getattr(outcome, k) for k in COUNTS},
                    stopped=outcome.stopped,
                ),
            )
            outcome.seconds = round(time.perf_counter() - started, 3)
            stage.advance()

        # Outcomes in configuration order, whatever order the sources finish in.
        run.outcomes = [SourceCounts(s.name, _kind_name(s)) for s in sources]
        await asyncio.gather(*(one(i, cfg) for i, cfg in enumerate(sources)))
    return run
