"""The crawl stage of the nightly job: discovery → frontier → fetch → extract → store.

All sources are discovered concurrently through one polite :class:`~mediespor.fetch.Fetcher`
(robots.txt, per-host delays, WARC evidence). Candidates that pass the topic pre-filter go to the
DuckDB frontier; one pass over the frontier fetches them, extracts each page and stores it with
:func:`~mediespor.store.items.upsert_item` in the same transaction that marks the URL done, so a
killed run resumes where it stopped. Per-source counts are recorded for ``mediespor status``.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from mediespor.config.sources import SourceBase
from mediespor.discover.commoncrawl import fetch_record
from mediespor.discover.run import discover_all
from mediespor.discover.scope import redirect_gate
from mediespor.extract import Article
from mediespor.extract.soft404 import soft_404_reason
from mediespor.extract.to_record import article_to_record
from mediespor.extract_pool import ExtractFailure, ExtractPool
from mediespor.fetch import Fetcher
from mediespor.fetch.frontier import Frontier, FrontierEntry, run_frontier
from mediespor.models import Candidate, FetchResult, UpsertResult
from mediespor.reference_time import ReferenceTime, reference_time
from mediespor.runstats import SourceCounts
from mediespor.store.db import utcnow
from mediespor.store.discoveries import attach_sightings
from mediespor.store.items import ItemQueue, StoreRequest
from mediespor.store.runs import record_reject
from mediespor.topic.relevance import judge

if TYPE_CHECKING:
    from mediespor.pipeline import RunState


#: How many extracted pages stay at hand after storing, for a batch redone page by page (the
#: frontier commits at most 64 at a time).
RECENT_PAGES = 512


@dataclass
class Budget:
    """How many more URL fetches this run may make (``--max-requests``); None is unlimited."""

    remaining: int | None

    def take(self) -> bool:
        """Use one request; False when none is left."""
        if self.remaining is None:
            return True
        if self.remaining <= 0:
            return False
        self.remaining -= 1
        return True


@dataclass
class _BudgetGetter:
    """The fetcher as discovery sees it, refusing requests beyond the run's budget."""

    fetcher: Fetcher
    budget: Budget
    exhausted: bool = False

    async def get(
        self,
        url: str,
        *,
        source: str,
        conditional: bool = True,
        headers: dict[str, str] | None = None,
        retry: bool = True,
        extra_types: frozenset[str] = frozenset(),
    ) -> FetchResult:
        if not self.budget.take():
            self.exhausted = True
            return FetchResult(
                url=url, final_url=None, status=None, fetched_at=utcnow(),
                error_kind="budget", error="--max-requests reached; left for the next run",
            )  # fmt: skip
        return await self.fetcher.get(
            url, source=source, conditional=conditional, headers=headers, retry=retry,
            extra_types=extra_types,
        )  # fmt: skip


@dataclass
class CrawlReport:
    """Per-source counts and frontier totals of one crawl."""

    per_source: dict[str, SourceCounts] = field(default_factory=dict)
    frontier: dict[str, int] = field(default_factory=dict)
    #: Pages fetched but not stored because processing them failed (the run exits 1).
    lost: int = 0
    #: URLs left pending because their host's time budget or the run deadline ran out; the
    #: next run fetches them (nothing is lost, so the run's exit code does not change).
    deferred: int = 0


def stage_crawl(state: RunState) -> None:
    """Pipeline stage: run the crawl and record its counts (``--dry-run`` only lists)."""
    if state.options.dry_run:
        dry_run(state)
        return
    report = asyncio.run(crawl(state))
    state.counts["per_source"] = {k: v.as_json() for k, v in report.per_source.items()}
    state.counts["frontier"] = report.frontier
    state.counts["lost_items"] = report.lost
    state.counts["deferred_urls"] = report.deferred
    if report.deferred:
        state.reporter.log(
            "crawl_deferred", level="warning", urls=report.deferred,
            why="a host's time budget (crawl.max_host_s) or the run deadline (crawl.max_run_s)"
            " ran out; these URLs wait in the frontier for the next run",
        )  # fmt: skip
    for name, counts in report.per_source.items():
        if counts.status == "failed":
            state.failed_sources[name] = counts.error or "failed"


def dry_run(state: RunState) -> None:
    """Say what a run would request, without any network request or write."""
    rep = state.reporter
    for src in state.config.selected(state.options.sources):
        start = getattr(src, "url", None) or getattr(src, "base_url", None)
        start = start or getattr(src, "robots_url", None) or getattr(src, "file", None)
        rep.log("would_discover", source=src.name, kind=src.kind, start=start)
        print(f"discover {src.name} ({src.kind}): {start}")
    pending = state.store.con.execute(
        "SELECT url, source FROM frontier WHERE state = 'pending' ORDER BY priority DESC, added_at"
    ).fetchall()
    for url, source in pending:
        print(f"fetch {url} ({source})")
    state.counts["dry_run_pending"] = len(pending)


async def crawl(state: RunState) -> CrawlReport:
    """Discover the selected sources, then fetch, extract and store what they found."""
    sources = state.config.selected(state.options.sources)
    by_name = {s.name: s for s in state.config.sources}
    report = CrawlReport(per_source={s.name: SourceCounts() for s in sources})
    settings = state.config.crawl
    delays = {s.name: s.delay_s for s in state.config.sources if s.delay_s is not None}
    budget = Budget(state.options.max_requests)
    frontier = Frontier(state.store, run_id=state.run_id)
    pool = ExtractPool(budget_s=settings.extract_timeout_s)
    #: Pages extracted off the event loop, waiting for their turn in the store transaction.
    extracted: dict[str, Article | ExtractFailure] = {}
    #: Pages handed to the store lately: a batch whose commit fails is redone page by page,
    #: and must not parse its pages again (on the loop) to do so.
    recent: OrderedDict[str, Article | ExtractFailure] = OrderedDict()
    lost: set[str] = set()
    #: Pages are stored set-wise, per frontier transaction (see store.items.ItemQueue).
    queue = ItemQueue(state.store.con, run_id=state.run_id)
    async with (
        Fetcher(
            settings,
            state.store,
            state.paths.warc,
            run_id=state.run_id,
            source_delays=delays,
            redirect_gate=redirect_gate(state.config.sources),
        ) as fetcher,
        pool,
    ):
        getter = _BudgetGetter(fetcher, budget)
        found = await discover_all(
            state.config, getter, state.store, state.query, run_id=state.run_id,
            since=state.options.since, only=tuple(s.name for s in sources),
            reporter=state.reporter,
        )  # fmt: skip
        for outcome in found.outcomes:
            counts = report.per_source[outcome.source]
            counts.discovered = outcome.found
            counts.prefiltered_out = outcome.dropped
            counts.queued = outcome.queued
            counts.new_items = outcome.records
            counts.seconds = outcome.seconds
            if outcome.problems:
                counts.errors["discover"] = outcome.problems
            if outcome.failed:
                budget_only = "max-requests" in (outcome.first_problem or "")
                counts.status = "skipped" if budget_only else "failed"
                counts.error = outcome.first_problem
        counters = report.per_source

        def process(result: FetchResult, entry: FrontierEntry) -> None:
            article = extracted.pop(entry.url, None) or recent.get(entry.url)
            if article is not None:
                recent[entry.url] = article
                if len(recent) > RECENT_PAGES:
                    recent.popitem(last=False)
            if isinstance(article, ExtractFailure):
                if entry.url not in lost:
                    lost.add(entry.url)
                    counters.setdefault(entry.source, SourceCounts()).count_error("extract")
                record_reject(state.store.con, state.run_id, "extract", entry.source,
                              entry.url, article.reason)  # fmt: skip
                return
            _store_page(state, by_name.get(entry.source), result, entry, counters, article, queue)

        async def fetch(entry: FrontierEntry) -> FetchResult:
            if entry.via == "commoncrawl":
                # One record of a multi-GB WARC file, by byte range; never the whole file.
                result = await fetch_record(getter, _candidate_of(entry))
            else:
                result = await fetcher.get(entry.fetch_url, source=entry.source)
            if result.ok:
                # Parsing happens in a worker process, so a pathological page never blocks
                # the other hosts' fetches on this loop.
                page_url, reference = _reading(entry, result)
                try:
                    article = await pool.extract(result.body or b"", page_url, reference.value)
                except Exception as exc:  # no worker could be started: this page is lost
                    article = ExtractFailure(f"no extraction worker: {type(exc).__name__}: {exc}")
                extracted[entry.url] = article
            return result

        with state.store.deferring(queue):
            stats = await run_frontier(
                fetcher, state.store, process, frontier=frontier, reporter=state.reporter,
                limit=budget.remaining, fetch=fetch,
            )  # fmt: skip
        # Pages whose storing failed (rolled back, recorded in rejects by the frontier).
        report.lost = len(lost) + stats.process_errors
        report.deferred = stats.deferred
    _mark_gone(state)
    with state.store.transaction() as con:
        state.counts["sightings_attached"] = attach_sightings(con, state.run_id)
    _fetch_counts(state, report.per_source)
    report.frontier = frontier.counts()
    return report


def _candidate_of(entry: FrontierEntry) -> Candidate:
    """The discovery candidate a frontier entry was queued from (its hint carries the rest)."""
    hint = entry.hint
    return Candidate(
        url=entry.url, source=entry.source, via=entry.via, outlet=hint.get("outlet"),
        title=hint.get("title"), summary=hint.get("summary"), extra=hint.get("extra") or {},
    )  # fmt: skip


def _reading(entry: FrontierEntry, result: FetchResult) -> tuple[str, ReferenceTime]:
    """The URL a fetched page is read under and the time it is read as of.

    An archive capture is read under its original URL and as of its capture time (the capture
    URL's timestamp is not the page's date); a live page under where the fetch ended, as of now.
    """
    hint = entry.hint
    reference = reference_time(
        entry.via, hint, result.fetched_at, result.final_url, result.captured_at
    )
    if hint.get("archive_url") or hint.get("fetch_url"):
        return entry.url, reference
    return result.final_url or result.url, reference


def _store_page(
    state: RunState,
    src: SourceBase | None,
    result: FetchResult,
    entry: FrontierEntry,
    counters: dict[str, SourceCounts],
    article: Article | None,
    queue: ItemQueue,
) -> None:
    """Queue one extracted page for storing (runs inside the frontier's transaction)."""
    counts = counters.setdefault(entry.source, SourceCounts())
    hint = entry.hint
    archive_url = hint.get("archive_url") or hint.get("fetch_url")
    page_url, reference = _reading(entry, result)
    if article is None:  # not extracted ahead: only a page redone long after its batch
        from mediespor.extract import extract

        article = extract(result.body or b"", page_url, reference.value)
    soft_404 = soft_404_reason(article)
    if soft_404 is not None:
        # An error page answered with 200: the article is gone, not replaced by this page.
        counts.count_error("soft_404")
        record_reject(state.store.con, state.run_id, "extract", entry.source, entry.url, soft_404)
        queue.flush()  # pages queued before this one are stored first, as they came
        state.store.con.execute(
            "UPDATE items SET gone = TRUE WHERE NOT gone AND (url = ? OR original_url = ?)",
            [entry.url, entry.url],
        )
        return
    hinted = hint.get("published_at")
    hint_published = datetime.fromisoformat(hinted) if hinted else None
    # A curated list says how precise its date is ("juni 2017" is a month, not the 1st).
    hint_precision = (hint.get("extra") or {}).get("date_precision")
    outlet = hint.get("outlet") or (src.outlet if src else entry.source)
    if archive_url:
        # An archive capture: the item is the original page, the capture is its evidence.
        record = article_to_record(
            article, outlet=outlet, source=entry.source, via=entry.via, fetch_id=result.fetch_id,
            original_url=entry.url, archive_url=archive_url, hint_published=hint_published,
            hint_precision=hint_precision, reference=reference,
        )  # fmt: skip
    else:
        record = article_to_record(
            article, outlet=outlet, source=entry.source, via=entry.via, fetch_id=result.fetch_id,
            hint_published=hint_published, hint_precision=hint_precision, reference=reference,
        )  # fmt: skip
        record = dataclasses.replace(record, original_url=entry.url)
    if not record.title and hint.get("title"):
        record = dataclasses.replace(record, title=hint["title"])
    record = dataclasses.replace(record, seen_url=entry.url, hint=hint or None)
    verdict = judge(
        state.query, record.title, record.lead, record.text,
        published=record.published_at, precision=record.published_precision,
        hint=record.hint,
    )  # fmt: skip
    relevant = verdict.relevant or bool(src and src.topical)

    def count(res: UpsertResult) -> None:
        if res.created:
            counts.new_items += 1
        elif res.new_version:
            counts.updated_items += 1
        else:
            counts.unchanged_items += 1

    # Stored with the rest of the frontier's batch when it commits. The page answered: the
    # item is not gone (revive), whatever an earlier 404 said.
    queue.add(StoreRequest(record, result.fetched_at, relevant, verdict.terms, revive=True),
              then=count)  # fmt: skip


def _mark_gone(state: RunState) -> None:
    """Items whose page answered 404 or 410 in this run are marked gone (never deleted)."""
    with state.store.transaction() as con:
        con.execute(
            "UPDATE items SET gone = TRUE WHERE NOT gone AND (url IN (SELECT url FROM fetches"
            " WHERE run_id = ? AND status IN (404, 410)) OR original_url IN (SELECT url FROM"
            " fetches WHERE run_id = ? AND status IN (404, 410)))",
            [state.run_id, state.run_id],
        )


def _fetch_counts(state: RunState, per_source: dict[str, SourceCounts]) -> None:
    """Fill fetched / 304 / error counts per source from this run's ``fetches`` rows."""
    rows = state.store.con.execute(
        "SELECT source, count(*), count(*) FILTER (WHERE status = 304),"
        " list(coalesce(error_kind, 'http_' || status::VARCHAR))"
        " FILTER (WHERE error_kind IS NOT NULL OR status >= 400)"
        " FROM fetches WHERE run_id = ? GROUP BY source",
        [state.run_id],
    ).fetchall()
    for source, fetched, not_modified, errors in rows:
        counts = per_source.get(source)
        if counts is None:
            continue
        counts.fetched = int(fetched)
        counts.not_modified = int(not_modified)
        for kind in errors or []:
            counts.count_error(kind)
