"""One pass over the frontier: claim due URLs, fetch them, settle and commit each outcome.

Each URL's processing, its ``done`` mark and its fetch rows (with the ETag / Last-Modified a
later conditional request sends) commit in one transaction, so a run killed at any moment (even
SIGKILL) resumes with the URLs that were not finished, asks for them whole, and never stores an
item twice (items are keyed by URL, and a finished URL is not fetched again).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from mediespor.crawl.frontier import Frontier, FrontierEntry
from mediespor.failures import worth_retrying
from mediespor.fetch.client import ARTICLE_FETCH, Fetcher
from mediespor.models import FetchLogEntry, FetchResult
from mediespor.progress import Reporter, fields
from mediespor.store.db import Store
from mediespor.store.fetches import FETCHED_FOR, insert_fetches, without_validators
from mediespor.store.page_state import touch_items_at
from mediespor.store.runs import record_reject
from mediespor.urls import host_of


@dataclass
class FrontierStats:
    """What one pass over the frontier did."""

    processed: int = 0
    not_modified: int = 0
    skipped: int = 0
    retry_later: int = 0
    failed: int = 0
    process_errors: int = 0
    #: Left pending untried because a host's time budget or the run's deadline ran out.
    deferred: int = 0

    @property
    def total(self) -> int:
        """Entries handled in this pass."""
        return (
            self.processed + self.not_modified + self.skipped + self.retry_later + self.failed
            + self.deferred
        )  # fmt: skip


def _interleave(entries: list[FrontierEntry]) -> list[FrontierEntry]:
    # Round-robin over hosts so one busy host never fills every waiting slot.
    by_host: dict[str, deque[FrontierEntry]] = defaultdict(deque)
    for e in entries:
        by_host[host_of(e.fetch_url)].append(e)
    queues = deque(by_host.values())
    out: list[FrontierEntry] = []
    while queues:
        q = queues.popleft()
        out.append(q.popleft())
        if q:
            queues.append(q)
    return out


class _Running:
    """The pass's fetch tasks: started one by one, waited for until few are left."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Task[None]] = set()
        self._target = 0
        self._few = asyncio.Event()
        self._failure: BaseException | None = None

    def start(self, coro: Coroutine[None, None, None]) -> None:
        """Run ``coro`` as a task of the pass."""
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None and self._failure is None:
            self._failure = task.exception()
        # Woken once, when the count reaches the target: not on every finished fetch.
        if len(self.tasks) <= self._target or self._failure is not None:
            self._few.set()

    async def until_at_most(self, n: int) -> None:
        """Wait until at most ``n`` tasks are unfinished; the first failure among them is
        raised."""
        self._target = n
        while len(self.tasks) > n and self._failure is None:
            self._few.clear()
            await self._few.wait()
        if self._failure is not None:
            raise self._failure

    async def cancel(self) -> None:
        """Stop every unfinished task and wait for them to end."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


@dataclass(frozen=True)
class PassOptions:
    """Which URLs one pass fetches, how failures wait, and how often results are committed."""

    #: Only this source's URLs (None: all).
    source: str | None = None
    #: At most this many URLs (None: all that are due).
    limit: int | None = None
    #: URLs claimed from the table at a time.
    batch: int = 1000
    #: Attempts over all runs before a transient failure becomes final.
    max_attempts: int = 3
    #: How long a transiently failed URL waits before it is due again.
    retry_later: timedelta = timedelta(hours=1)
    #: Results committed together (each DuckDB commit costs milliseconds; None: see
    #: :func:`commit_batch`) ...
    commit_every: int | None = None
    #: ... or after this many seconds, whichever comes first.
    commit_interval_s: float = 1.0


#: Results committed together: at least, per request the global limit allows at once, and at
#: most (the crawl stage keeps this many extracted pages at hand to redo a failed batch).
MIN_COMMIT, COMMIT_PER_SLOT, MAX_COMMIT = 64, 4, 512


def commit_batch(global_limit: int) -> int:
    """Results committed together when more requests may be in flight at once.

    A commit has a fixed cost (BEGIN, one statement for the fetch rows, one for the frontier
    marks, COMMIT and its WAL write) during which the event loop stands still and no response
    is read: 64 results per commit cost ~10 % more CPU per page than 256 (3000 pages over
    loopback). A kill already loses the requests in flight, up to the global limit, so a batch
    that grows with the limit keeps the work redone on resume in the same proportion; a limit
    of 16 or less (the default 8) commits every 64 as before.
    """
    return min(MAX_COMMIT, max(MIN_COMMIT, COMMIT_PER_SLOT * global_limit))


#: ``process(result, entry)``: store one fetched page (inside the pass's transaction); it
#: returns False when the page could not be stored and it recorded why (e.g. extraction failed).
Process = Callable[[FetchResult, FrontierEntry], "bool | None"]
#: ``fetch(entry)``: fetch one entry another way than a plain GET of its ``fetch_url``.
FetchEntry = Callable[[FrontierEntry], Awaitable[FetchResult]]


async def run_frontier(
    fetcher: Fetcher,
    store: Store,
    process: Process,
    *,
    frontier: Frontier | None = None,
    fetch: FetchEntry | None = None,
    reporter: Reporter | None = None,
    options: PassOptions | None = None,
) -> FrontierStats:
    """Fetch every due pending URL and hand each 2xx result to ``process`` as it arrives.

    ``process(result, entry)`` runs inside the transaction that marks the URL done, so its
    writes and the frontier state commit together; results are committed in batches (see
    :class:`PassOptions`), since each DuckDB commit costs milliseconds. A killed run loses at
    most the uncommitted batch, which the next run fetches again. A 304 does not call
    ``process``: the item stored under that URL only gets its ``last_seen`` updated. An
    exception in ``process`` is recorded in ``rejects`` and fails that URL; the run goes on.
    ``fetch`` lets the caller fetch some entries another way (a byte range of a Common Crawl
    WARC file instead of a plain GET). Politeness is the fetcher's.
    """
    frontier = frontier or Frontier(store, run_id=fetcher.run_id)
    reporter = reporter or Reporter(quiet=True)
    one_pass = _Pass(fetcher, store, frontier, process, fetch, options or PassOptions())
    stats = await one_pass.run(reporter)
    logging.getLogger(__name__).info("fetch_done", extra=fields(**asdict(stats)))
    return stats


@dataclass
class _Marks:
    """What settling a batch decided, written in the same transaction."""

    #: URLs finished normally (marked done in one statement).
    done: list[str] = field(default_factory=list)
    #: Pages fetched but not stored (their reason is recorded).
    unstored: set[str] = field(default_factory=set)

    def rows(self, rows: list[tuple[int, FetchLogEntry]]) -> list[tuple[int, FetchLogEntry]]:
        """The batch's fetch rows; an unstored page's without its validators, so a later
        revisit asks for the whole page instead of a 304 for a page the store does not have."""
        return [(i, without_validators(e) if e.page in self.unstored else e) for i, e in rows]


class _Pass:
    """One pass over the frontier: claim due URLs, fetch them, settle and commit the outcomes."""

    def __init__(
        self,
        fetcher: Fetcher,
        store: Store,
        frontier: Frontier,
        process: Process,
        fetch: FetchEntry | None,
        options: PassOptions,
    ):
        self.fetcher, self.store, self.frontier = fetcher, store, frontier
        self.process, self.fetch, self.options = process, fetch, options
        self.stats = FrontierStats()
        self.commit_every = options.commit_every or commit_batch(
            fetcher.settings.global_concurrency
        )
        self.seen: set[str] = set()
        #: Results fetched but not yet committed.
        self.waiting: list[tuple[FetchResult, FrontierEntry]] = []
        self.last_commit = time.monotonic()

    async def run(self, reporter: Reporter) -> FrontierStats:
        """Claim and fetch batches of due URLs until none is left, the limit or the deadline.

        The next batch is claimed while half of the current one is still to finish, not after
        it drained: at a batch's end its last few hosts would otherwise get the whole global
        limit (up to the per-host limit each, every new peak a new connection) and the other
        hosts none, and the pipeline would empty and refill once per batch.
        """
        running = _Running()
        with reporter.stage("fetch") as stage:
            try:
                while not self.fetcher.budgets.run_over():
                    entries = self._claim()
                    if not entries:
                        break
                    stage.set_total((stage.total or 0) + len(entries))
                    for entry in _interleave(entries):
                        running.start(self._one(entry, stage))
                    await running.until_at_most(self.options.batch // 2)
                await running.until_at_most(0)
            except BaseException:
                await running.cancel()
                raise
            self._commit_waiting()
            self._out_of_time()
        return self.stats

    def _out_of_time(self) -> bool:
        """Past the run's deadline: everything still due waits for the next run, with why."""
        budgets = self.fetcher.budgets
        if not budgets.run_over():
            return False
        reason = f"deadline: {budgets.left('').reason}"
        self.stats.deferred += self.frontier.defer_due(reason, source=self.options.source)
        return True

    def _claim(self) -> list[FrontierEntry]:
        """The next batch of due URLs not yet handled in this pass, within the limit."""
        limit, batch = self.options.limit, self.options.batch
        room = batch if limit is None else min(batch, limit - len(self.seen))
        if room <= 0:
            return []
        entries = self.frontier.claim(room, exclude=self.seen, source=self.options.source)
        self.seen.update(e.url for e in entries)
        return entries

    async def _one(self, entry: FrontierEntry, stage) -> None:
        """Fetch one entry and queue its result; commit when the batch is full or old."""
        # Each entry runs in a task of its own, so this marks only its requests: redirects of
        # an article are held to its source's allowed domains (see Fetcher.redirect_gate).
        ARTICLE_FETCH.set(True)
        # Its requests' rows commit with its page, not with another page's batch (FetchLog).
        FETCHED_FOR.set(entry.url)
        if self.fetch is not None:
            result = await self.fetch(entry)
        else:
            result = await self.fetcher.get(entry.fetch_url, source=entry.source)
        self.waiting.append((result, entry))
        now = time.monotonic()
        due = now - self.last_commit >= self.options.commit_interval_s
        if len(self.waiting) >= self.commit_every or due:
            self.last_commit = now
            self._commit_waiting()
        stage.advance(1)

    def _commit_waiting(self) -> None:
        if self.waiting:
            batch, self.waiting = self.waiting, []
            self._commit(batch)

    def _commit(self, batch: list[tuple[FetchResult, FrontierEntry]]) -> None:
        """Settle a batch in one transaction with the fetch rows it refers to."""
        rows = self.fetcher.log.take([e.url for _, e in batch])
        try:
            with self.store.transaction() as con:
                marks = _Marks()
                outcomes = [self._settle(r, e, marks) for r, e in batch]
                insert_fetches(con, marks.rows(rows))
                self.frontier.mark_many_done(marks.done)
        except Exception:
            # One failing process() must not cost the rest: redo the batch one by one.
            self.fetcher.log.put_back(rows)
            for r, e in batch:
                self._commit_alone(r, e)
            return
        for outcome in outcomes:
            self._count(outcome)

    def _commit_alone(self, result: FetchResult, entry: FrontierEntry) -> None:
        """Settle one result in its own transaction; a failure fails only this URL."""
        rows = self.fetcher.log.take([entry.url])
        try:
            with self.store.transaction() as con:
                marks = _Marks()
                outcome = self._settle(result, entry, marks)
                insert_fetches(con, marks.rows(rows))
                self.frontier.mark_many_done(marks.done)
        except Exception as exc:
            self.fetcher.log.put_back(rows)
            self._fail_processing(entry, f"process failed: {type(exc).__name__}: {exc}")
            outcome = "failed"
        self._count(outcome)

    def _fail_processing(self, entry: FrontierEntry, reason: str) -> None:
        # The page was not stored: its rows go without validators, so a later revisit asks for
        # the whole page again instead of a 304 for a page the store does not have.
        rows = [(i, without_validators(e)) for i, e in self.fetcher.log.take([entry.url])]
        with self.store.transaction() as con:
            insert_fetches(con, rows)
            record_reject(con, self.fetcher.run_id, "fetch", entry.source, entry.url, reason)
            self.frontier.mark_done(entry.url, "failed", reason)
        self.stats.process_errors += 1

    def _count(self, outcome: str) -> None:
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)

    def _settle(self, result: FetchResult, entry: FrontierEntry, marks: _Marks) -> str:
        """Record one outcome inside the caller's transaction (may raise from ``process``);
        URLs finished normally go to ``marks`` to be marked in one statement."""
        if result.not_modified:
            touch_items_at(self.store.con, [entry.url, result.final_url or entry.url],
                           result.fetched_at)  # fmt: skip
            marks.done.append(entry.url)
            return "not_modified"
        if result.ok:
            if self.process(result, entry) is False:
                marks.unstored.add(entry.url)
            marks.done.append(entry.url)
            return "processed"
        return self._settle_failure(result, entry)

    def _settle_failure(self, result: FetchResult, entry: FrontierEntry) -> str:
        """Defer, retry later, skip or fail a URL whose fetch gave no page."""
        kind = result.error_kind
        reason = f"{kind or 'no body'}: {result.error or result.status}"
        if kind and kind.deferred:
            self.frontier.defer(entry.url, reason)
            return "deferred"
        if kind and worth_retrying(kind, result.status):
            # The fetcher already retried within this run; a later run may fare better.
            state = self.frontier.mark_retry(entry.url, reason, after=self.options.retry_later,
                                             max_attempts=self.options.max_attempts)  # fmt: skip
        else:
            state = "skipped" if kind and kind.skipped else "failed"
            self.frontier.mark_done(entry.url, state, reason)
        if state == "failed":
            record_reject(self.store.con, self.fetcher.run_id, "fetch", entry.source, entry.url,
                          reason)  # fmt: skip
        return {"pending": "retry_later", "skipped": "skipped"}.get(state, "failed")
