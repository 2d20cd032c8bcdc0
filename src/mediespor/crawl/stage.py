"""The crawl stage of the nightly job: discovery → frontier → fetch → extract → store.

All sources are discovered concurrently through one polite :class:`~mediespor.fetch.Fetcher`
(robots.txt, per-host delays, WARC evidence). Candidates that pass the topic pre-filter go to the
DuckDB frontier; one pass over the frontier fetches them, extracts each page and stores it with
:func:`~mediespor.store.items.store_items` in the same transaction that marks the URL done, so a
killed run resumes where it stopped. Per-source counts are recorded for ``mediespor status``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from mediespor.config.sources import SourceBase
from mediespor.crawl.fetch_pass import MAX_COMMIT, PassOptions, run_frontier
from mediespor.crawl.frontier import Frontier, FrontierEntry
from mediespor.crawl.request_budget import Budget, BudgetGetter
from mediespor.crawl.wiring import open_fetcher
from mediespor.discover.kinds import kind_of_via
from mediespor.discover.run import discover_all
from mediespor.discover.scope import redirect_gate
from mediespor.extract import Article
from mediespor.extract.not_article import not_an_article
from mediespor.extract.to_record import article_to_record
from mediespor.extract_pool import ExtractFailure, ExtractPool
from mediespor.failures import FailureKind
from mediespor.fetch import Fetcher
from mediespor.models import Candidate, FetchResult, ItemRecord
from mediespor.progress import fields
from mediespor.reference_time import ReferenceTime, reference_time
from mediespor.run_state import RunState
from mediespor.runstats import SourceCounts
from mediespor.store.discoveries import attach_sightings
from mediespor.store.fetches import fetches_by_source
from mediespor.store.items import ItemQueue, StoreRequest
from mediespor.store.page_state import mark_gone, mark_gone_after_run
from mediespor.store.runs import record_reject
from mediespor.topic.relevance import judge

log = logging.getLogger(__name__)

#: How many extracted pages stay at hand after storing, for a batch redone page by page (as
#: many as the frontier commits at a time, at most).
RECENT_PAGES = MAX_COMMIT


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
    state.report.per_source = report.per_source
    state.report.frontier = report.frontier
    state.report.lost_items = report.lost
    state.report.deferred_urls = report.deferred
    if report.deferred:
        log.warning("crawl_deferred", extra=fields(
            urls=report.deferred,
            why="a host's time budget (crawl.max_host_s) or the run deadline (crawl.max_run_s)"
            " ran out; these URLs wait in the frontier for the next run",
        ))  # fmt: skip
    for name, counts in report.per_source.items():
        if counts.status == "failed":
            state.report.failed_sources[name] = counts.error or "failed"


def dry_run(state: RunState) -> None:
    """Say what a run would request, without any network request or write (once per URL)."""
    for src in state.config.selected(state.options.sources):
        start = src.start()
        print(f"discover {src.name} ({src.kind}): {start}")
    pending = Frontier(state.store).pending()
    for url, source in pending:
        print(f"fetch {url} ({source})")
    state.report.dry_run_pending = len(pending)


async def crawl(state: RunState) -> CrawlReport:
    """Discover the selected sources, then fetch, extract and store what they found."""
    sources = state.config.selected(state.options.sources)
    report = CrawlReport(per_source={s.name: SourceCounts(s.name, s.kind) for s in sources})
    budget = Budget(state.options.max_requests)
    frontier = Frontier(state.store, run_id=state.run_id)
    pool = ExtractPool(budget_s=state.config.crawl.extract_timeout_s)
    async with _fetcher_for(state) as fetcher, pool:
        getter = BudgetGetter(fetcher, budget)
        found = await discover_all(
            state.config, getter, state.store, state.query, run_id=state.run_id,
            since=state.options.since, only=tuple(s.name for s in sources),
            reporter=state.reporter,
        )  # fmt: skip
        _take_discovery(report, found.outcomes, getter)
        pages = _Pages(state, report.per_source, fetcher, getter, pool)
        with state.store.deferring(pages.queue):
            stats = await run_frontier(
                fetcher, state.store, pages.store, frontier=frontier, reporter=state.reporter,
                fetch=pages.fetch, options=PassOptions(limit=budget.remaining),
            )  # fmt: skip
        # Pages whose storing failed (rolled back, recorded in rejects by the frontier).
        report.lost = pages.lost + stats.process_errors
        report.deferred = stats.deferred
    _mark_gone(state)
    with state.store.transaction() as con:
        state.report.sightings_attached = attach_sightings(con, state.run_id)
    _fetch_counts(state, report.per_source)
    report.frontier = frontier.counts()
    return report


def _fetcher_for(state: RunState) -> Fetcher:
    """The run's fetcher: per-source delays, articles' redirects held to their sources."""
    config = state.config
    return open_fetcher(
        config.crawl, state.store, state.paths.warc, run_id=state.run_id,
        source_delays={s.name: s.delay_s for s in config.sources if s.delay_s is not None},
        redirect_gate=redirect_gate(config.sources),
    )  # fmt: skip


def _take_discovery(
    report: CrawlReport, outcomes: list[SourceCounts], getter: BudgetGetter
) -> None:
    """Keep each source's record from discovery; a source that found nothing failed, unless
    only the request budget stopped it (then it is skipped for this run)."""
    for counts in outcomes:
        # Fetching and storing go on counting in the record discovery filled.
        report.per_source[counts.source] = counts
        if counts.failed:
            budget_only = getter.first_failure.get(counts.source) is FailureKind.BUDGET
            counts.status = "skipped" if budget_only else "failed"
            counts.error = counts.first_problem


class _Pages:
    """Fetched pages on their way to the store: each is parsed in a worker process as it
    arrives, then stored inside the frontier's transaction (:meth:`store`)."""

    def __init__(
        self,
        state: RunState,
        counters: dict[str, SourceCounts],
        fetcher: Fetcher,
        getter: BudgetGetter,
        pool: ExtractPool,
    ):
        self.state, self.counters = state, counters
        self.fetcher, self.getter, self.pool = fetcher, getter, pool
        self.by_name = {s.name: s for s in state.config.sources}
        #: Pages extracted off the event loop, waiting for their turn in the store transaction.
        self.extracted: dict[str, Article | ExtractFailure] = {}
        #: Pages handed to the store lately: a batch whose commit fails is redone page by page,
        #: and must not parse its pages again (on the loop) to do so.
        self.recent: OrderedDict[str, Article | ExtractFailure] = OrderedDict()
        #: Pages fetched but not stored because their extraction failed.
        self.lost_urls: set[str] = set()
        #: Pages are stored set-wise when the frontier's transaction commits (store_items).
        self.queue = ItemQueue(state.store.con, run_id=state.run_id)

    @property
    def lost(self) -> int:
        """How many fetched pages could not be extracted."""
        return len(self.lost_urls)

    async def fetch(self, entry: FrontierEntry) -> FetchResult:
        """Fetch one frontier entry and, when it is a page, extract it ahead of storing."""
        result = await self._download(entry)
        if result.ok:
            self.extracted[entry.url] = await self._extract(entry, result)
        return result

    async def _download(self, entry: FrontierEntry) -> FetchResult:
        kind = kind_of_via(entry.via)
        if kind is not None and kind.fetch is not None:
            # E.g. one record of a multi-GB WARC file, by byte range; never the whole file.
            return await kind.fetch(self.getter, _candidate_of(entry))
        return await self.fetcher.get(entry.fetch_url, source=entry.source)

    async def _extract(self, entry: FrontierEntry, result: FetchResult) -> Article | ExtractFailure:
        # Parsing happens in a worker process, so a pathological page never blocks the other
        # hosts' fetches on this loop.
        page_url, reference = _reading(entry, result)
        try:
            return await self.pool.extract(result.body or b"", page_url, reference.value)
        except Exception as exc:  # no worker could be started: this page is lost
            return ExtractFailure(f"no extraction worker: {type(exc).__name__}: {exc}")

    def store(self, result: FetchResult, entry: FrontierEntry) -> bool:
        """Store one fetched page (the frontier's ``process``: inside its transaction); False
        when it could not be extracted (recorded in rejects)."""
        article = self._article_for(entry)
        if isinstance(article, ExtractFailure):
            if entry.url not in self.lost_urls:
                self.lost_urls.add(entry.url)
                self._counts(entry).count_error("extract")
            record_reject(self.state.store.con, self.state.run_id, "extract", entry.source,
                          entry.url, article.reason)  # fmt: skip
            return False
        page_url, reference = _reading(entry, result)
        if article is None:  # not extracted ahead: only a page redone long after its batch
            from mediespor.extract import extract

            article = extract(result.body or b"", page_url, reference.value)
        _store_article(self.state, self.by_name.get(entry.source), result, entry,
                       self._counts(entry), article, self.queue)  # fmt: skip
        return True

    def _article_for(self, entry: FrontierEntry) -> Article | ExtractFailure | None:
        article = self.extracted.pop(entry.url, None) or self.recent.get(entry.url)
        if article is not None:
            self.recent[entry.url] = article
            if len(self.recent) > RECENT_PAGES:
                self.recent.popitem(last=False)
        return article

    def _counts(self, entry: FrontierEntry) -> SourceCounts:
        return self.counters.setdefault(entry.source, SourceCounts(entry.source))


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


def _store_article(
    state: RunState,
    src: SourceBase | None,
    result: FetchResult,
    entry: FrontierEntry,
    counts: SourceCounts,
    article: Article,
    queue: ItemQueue,
) -> None:
    """Queue one extracted page for storing (runs inside the frontier's transaction)."""
    con = state.store.con
    refused = not_an_article(article)
    if refused is not None:
        # A soft 404 or an overview page is not coverage: a reject with its reason, and the
        # run goes on. Nothing stored is deleted; only a soft 404 says the article is gone.
        counts.count_error(refused.kind)
        record_reject(con, state.run_id, "extract", entry.source, entry.url, refused.reason)
        if refused.gone:
            queue.flush()  # pages queued before this one are stored first, as they came
            mark_gone(con, entry.url)
        return
    record = _record_of(article, src, result, entry)
    verdict = judge(
        state.query, record.title, record.lead, record.text,
        published=record.published_at, precision=record.published_precision,
        hint=record.hint,
    )  # fmt: skip
    relevant = verdict.relevant or bool(src and src.topical)

    # Stored with the rest of the frontier's batch when it commits. The page answered: the
    # item is not gone (revive), whatever an earlier 404 said.
    queue.add(StoreRequest(record, result.fetched_at, relevant, verdict.terms, revive=True),
              then=counts.stored.count)  # fmt: skip


def _record_of(
    article: Article, src: SourceBase | None, result: FetchResult, entry: FrontierEntry
) -> ItemRecord:
    """The item an extracted page stands for, with what discovery knew filling the gaps."""
    hint = entry.hint
    archive_url = hint.get("archive_url") or hint.get("fetch_url")
    _, reference = _reading(entry, result)
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
    return dataclasses.replace(record, seen_url=entry.url, hint=hint or None)


def _mark_gone(state: RunState) -> None:
    """Items whose page answered 404 or 410 in this run are marked gone (never deleted)."""
    with state.store.transaction() as con:
        mark_gone_after_run(con, state.run_id)


def _fetch_counts(state: RunState, per_source: dict[str, SourceCounts]) -> None:
    """Fill fetched / 304 / error counts per source from this run's ``fetches`` rows."""
    for row in fetches_by_source(state.store.con, state.run_id):
        counts = per_source.get(row.source)
        if counts is None:
            continue
        counts.fetched = row.fetched
        counts.not_modified = row.not_modified
        for kind in row.errors:
            counts.count_error(kind)
