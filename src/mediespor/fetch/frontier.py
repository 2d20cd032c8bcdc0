"""The crawl frontier in DuckDB, and the worker that drains it.

Each URL's processing and its ``done`` mark commit in one transaction, so a run killed at any
moment (even SIGKILL) resumes with the URLs that were not finished, and never stores an item
twice (items are keyed by URL, and a finished URL is not fetched again).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mediespor.failures import worth_retrying
from mediespor.fetch.client import ARTICLE_FETCH, Fetcher
from mediespor.models import Candidate, FetchResult
from mediespor.progress import Reporter
from mediespor.store.db import Store, utcnow
from mediespor.store.fetches import insert_fetches
from mediespor.store.page_state import touch_items_at
from mediespor.store.runs import record_reject
from mediespor.urls import host_of


@dataclass(frozen=True)
class FrontierEntry:
    """One URL waiting to be fetched, with what discovery knew about it."""

    url: str
    source: str
    via: str
    depth: int = 0
    priority: int = 0
    attempts: int = 0
    hint: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def fetch_url(self) -> str:
        """What to download: an archive capture when discovery gave one, else the URL itself."""
        return self.hint.get("fetch_url") or self.url


def _hint(c: Candidate) -> str:
    data = {
        "outlet": c.outlet,
        "title": c.title,
        "published_at": c.published_at.isoformat() if c.published_at else None,
        "summary": c.summary,
        "fetch_url": c.fetch_url,
        "archive_url": c.archive_url,
        **({"extra": c.extra} if c.extra else {}),
    }
    return json.dumps({k: v for k, v in data.items() if v is not None}, default=str)


class Frontier:
    """URLs to fetch, their state, attempts and next-try time, kept in the ``frontier`` table."""

    def __init__(
        self, store: Store, *, run_id: int | None = None, now: Callable[[], datetime] = utcnow
    ):
        self.store = store
        self.run_id = run_id
        self._now = now

    def add(
        self,
        candidates: Iterable[Candidate],
        *,
        depth: int = 0,
        priority: int = 0,
        revisit: bool = False,
    ) -> int:
        """Queue candidates; return how many became pending.

        A URL already queued keeps its state, unless ``revisit`` is set: then a finished URL is
        queued again (a nightly re-crawl, which conditional requests make cheap).
        """
        now = self._now()
        rows = {c.url: c for c in candidates}  # one row per URL, the last hint wins
        if not rows:
            return 0
        urls = list(rows)
        # One statement and one JSON parameter for the whole batch: per-URL statements and
        # per-value parameters each cost DuckDB's Python binding a fraction of a millisecond.
        payload = json.dumps(
            [{"u": u, "s": rows[u].source, "v": rows[u].via, "h": _hint(rows[u])} for u in urls]
        )
        shape = '[{"u": "VARCHAR", "s": "VARCHAR", "v": "VARCHAR", "h": "VARCHAR"}]'
        with self.store.transaction() as con:
            added = con.execute(
                "INSERT INTO frontier (url, source, via, depth, priority, state, attempts, hint,"
                " added_at, updated_at, run_id)"
                " SELECT u, s, v, ?, ?, 'pending', 0, h, ?, ?, ? FROM"
                f" (SELECT unnest(from_json(?, '{shape}'), recursive := true))"
                " ON CONFLICT (url) DO NOTHING RETURNING url",
                [depth, priority, now, now, self.run_id, payload],
            ).fetchall()
            count = len(added)
            if revisit:
                fresh = {r[0] for r in added}
                again = [u for u in urls if u not in fresh]
                if again:
                    count += len(
                        con.execute(
                            "UPDATE frontier SET state = 'pending', attempts = 0,"
                            " next_try_at = NULL, updated_at = ?"
                            " WHERE url IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]')))"
                            " AND state <> 'pending' RETURNING url",
                            [now, json.dumps(again)],
                        ).fetchall()
                    )
        return count

    def claim(self, limit: int, *, exclude: set[str] | None = None, source: str | None = None):
        """Pending entries due now, best priority first (not locked: one run holds the DB)."""
        rows = self.store.con.execute(
            "SELECT url, source, via, depth, priority, attempts, hint FROM frontier"
            " WHERE state = 'pending' AND (next_try_at IS NULL OR next_try_at <= ?)"
            " AND (? IS NULL OR source = ?)"
            " ORDER BY priority DESC, added_at, url",
            [self._now(), source, source],
        ).fetchall()
        out: list[FrontierEntry] = []
        for r in rows:
            if exclude and r[0] in exclude:
                continue
            out.append(FrontierEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6] or "{}")))
            if len(out) >= limit:
                break
        return out

    def mark_done(self, url: str, state: str = "done", error: str | None = None) -> None:
        """Finish a URL (``done``, or ``skipped``/``failed`` with a reason)."""
        self.store.con.execute(
            "UPDATE frontier SET state = ?, attempts = attempts + 1, last_error = ?,"
            " updated_at = ?, run_id = ? WHERE url = ?",
            [state, error, self._now(), self.run_id, url],
        )

    def mark_many_done(self, urls: list[str]) -> None:
        """Finish many URLs at once (one statement, one JSON parameter)."""
        if urls:
            self.store.con.execute(
                "UPDATE frontier SET state = 'done', attempts = attempts + 1, last_error = NULL,"
                " updated_at = ?, run_id = ?"
                " WHERE url IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]')))",
                [self._now(), self.run_id, json.dumps(urls)],
            )

    def mark_retry(self, url: str, error: str, *, after: timedelta, max_attempts: int) -> str:
        """Count a failed attempt; keep the URL pending for later, or fail it when out of tries."""
        now = self._now()
        row = self.store.con.execute(
            "UPDATE frontier SET attempts = attempts + 1, last_error = ?, updated_at = ?,"
            " run_id = ?, next_try_at = ?,"
            " state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END"
            " WHERE url = ? RETURNING state",
            [error, now, self.run_id, now + after, max_attempts, url],
        ).fetchone()
        return row[0] if row else "failed"

    def defer(self, url: str, reason: str) -> None:
        """Leave a URL pending for the next run, untried: time ran out, not the URL's fault."""
        self.store.con.execute(
            "UPDATE frontier SET last_error = ?, updated_at = ?, run_id = ? WHERE url = ?",
            [reason, self._now(), self.run_id, url],
        )

    def defer_due(self, reason: str, *, source: str | None = None) -> int:
        """Record ``reason`` on every pending URL due now (the run stops before them)."""
        rows = self.store.con.execute(
            "UPDATE frontier SET last_error = ?, updated_at = ?, run_id = ?"
            " WHERE state = 'pending' AND (next_try_at IS NULL OR next_try_at <= ?)"
            " AND (? IS NULL OR source = ?)"
            # Already deferred by this run (one by one, as their host ran out): counted then.
            " AND NOT (run_id IS NOT DISTINCT FROM ? AND (coalesce(last_error, '') LIKE"
            " 'deadline:%' OR coalesce(last_error, '') LIKE 'host_budget:%')) RETURNING url",
            [reason, self._now(), self.run_id, self._now(), source, source, self.run_id],
        ).fetchall()
        return len(rows)

    def counts(self) -> dict[str, int]:
        """Number of URLs per state."""
        rows = self.store.con.execute(
            "SELECT state, count(*) FROM frontier GROUP BY state"
        ).fetchall()
        return {state: n for state, n in rows}


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
    #: Results committed together (each DuckDB commit costs milliseconds) ...
    commit_every: int = 64
    #: ... or after this many seconds, whichever comes first.
    commit_interval_s: float = 1.0


#: ``process(result, entry)``: store one fetched page (inside the pass's transaction).
Process = Callable[[FetchResult, FrontierEntry], None]
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
    reporter.log("fetch_done", **{k: getattr(stats, k) for k in stats.__dataclass_fields__})
    return stats


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
        self.seen: set[str] = set()
        #: Results fetched but not yet committed.
        self.waiting: list[tuple[FetchResult, FrontierEntry]] = []
        self.last_commit = time.monotonic()

    async def run(self, reporter: Reporter) -> FrontierStats:
        """Claim and fetch batches of due URLs until none is left, the limit or the deadline."""
        with reporter.stage("fetch") as stage:
            while not self._out_of_time():
                entries = self._claim()
                if not entries:
                    break
                stage.set_total((stage.total or 0) + len(entries))
                await asyncio.gather(*(self._one(e, stage) for e in _interleave(entries)))
                self._commit_waiting()
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
        if self.fetch is not None:
            result = await self.fetch(entry)
        else:
            result = await self.fetcher.get(entry.fetch_url, source=entry.source)
        self.waiting.append((result, entry))
        now = time.monotonic()
        due = now - self.last_commit >= self.options.commit_interval_s
        if len(self.waiting) >= self.options.commit_every or due:
            self.last_commit = now
            self._commit_waiting()
        stage.advance(1)

    def _commit_waiting(self) -> None:
        if self.waiting:
            batch, self.waiting = self.waiting, []
            self._commit(batch)

    def _commit(self, batch: list[tuple[FetchResult, FrontierEntry]]) -> None:
        """Settle a batch in one transaction with the fetch rows it refers to."""
        rows = self.fetcher.log.take()
        try:
            with self.store.transaction() as con:
                insert_fetches(con, rows)
                done: list[str] = []
                outcomes = [self._settle(r, e, done) for r, e in batch]
                self.frontier.mark_many_done(done)
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
        rows = self.fetcher.log.take()
        try:
            with self.store.transaction() as con:
                insert_fetches(con, rows)
                done: list[str] = []
                outcome = self._settle(result, entry, done)
                self.frontier.mark_many_done(done)
        except Exception as exc:
            self.fetcher.log.put_back(rows)
            self._fail_processing(entry, f"process failed: {type(exc).__name__}: {exc}")
            outcome = "failed"
        self._count(outcome)

    def _fail_processing(self, entry: FrontierEntry, reason: str) -> None:
        with self.store.transaction() as con:
            insert_fetches(con, self.fetcher.log.take())
            record_reject(con, self.fetcher.run_id, "fetch", entry.source, entry.url, reason)
            self.frontier.mark_done(entry.url, "failed", reason)
        self.stats.process_errors += 1

    def _count(self, outcome: str) -> None:
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)

    def _settle(self, result: FetchResult, entry: FrontierEntry, done: list[str]) -> str:
        """Record one outcome inside the caller's transaction (may raise from ``process``);
        URLs finished normally are appended to ``done`` to be marked in one statement."""
        if result.not_modified:
            touch_items_at(self.store.con, [entry.url, result.final_url or entry.url],
                           result.fetched_at)  # fmt: skip
            done.append(entry.url)
            return "not_modified"
        if result.ok:
            self.process(result, entry)
            done.append(entry.url)
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
