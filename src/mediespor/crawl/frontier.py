"""The crawl frontier in DuckDB: the URLs discovery found, waiting to be fetched.

Each URL has a state (pending, done, skipped, failed), its attempts, when it may be tried
again and why it was not finished. :mod:`mediespor.crawl.fetch_pass` drains it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from sys import intern
from typing import Any

from mediespor.crawl.claim_order import ClaimOrder, Queued
from mediespor.models import Candidate
from mediespor.store.db import Store, utcnow

#: The host a frontier row is fetched from: its archive capture's when it has one. Claims take
#: hosts in turn by it.
_HOST = "lower(regexp_extract(coalesce(hint->>'fetch_url', url), '^[^:/]+://([^/?#]*)', 1))"
#: A pending row's digest: a hash of every column a claim reads to order and filter it (the
#: host comes from ``hint``, which no write changes on a pending row).
_DIGEST = "hash(url, source, priority, added_at, next_try_at)"
#: The columns of a :class:`Queued`, in its order.
_QUEUED = f"url, source, priority, {_HOST}, epoch_us(added_at), epoch_us(next_try_at), {_DIGEST}"
_DUE = "state = 'pending' AND (next_try_at IS NULL OR next_try_at <= ?)"

#: The order :meth:`Frontier.claim` follows, as one statement over every pending row
#: (parameters: now, source, source, excluded URLs as a JSON list, limit). It is what claim
#: ran until a sort of the whole queue on every claim grew too slow; tests check claim against
#: it and bench/frontier_claim.py times the two.
CLAIM_ORDER_SQL = (
    "SELECT url, source, via, depth, priority, attempts, hint FROM ("
    f"  SELECT *, row_number() OVER (PARTITION BY priority, {_HOST}"
    "    ORDER BY added_at, url) AS turn"
    f"  FROM frontier WHERE {_DUE} AND (? IS NULL OR source = ?)"
    "  AND url NOT IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]'))))"
    " ORDER BY priority DESC, turn, added_at, url LIMIT ?"
)


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
        #: The pending rows' claim order, loaded at the first claim and kept in step by this
        #: frontier's writes; ``None`` until then or once it may be out of step.
        self._order: ClaimOrder | None = None

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
                f" ON CONFLICT (url) DO NOTHING RETURNING {_QUEUED}",
                [depth, priority, now, now, self.run_id, payload],
            ).fetchall()
            if revisit:
                fresh = {r[0] for r in added}
                again = [u for u in urls if u not in fresh]
                if again:
                    added += con.execute(
                        "UPDATE frontier SET state = 'pending', attempts = 0,"
                        " next_try_at = NULL, updated_at = ?"
                        " WHERE url IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]')))"
                        f" AND state <> 'pending' RETURNING {_QUEUED}",
                        [now, json.dumps(again)],
                    ).fetchall()
        if self._order is not None:
            for row in added:
                self._order.put(Queued(*row))
        return len(added)

    def claim(self, limit: int, *, exclude: set[str] | None = None, source: str | None = None):
        """Pending entries due now, best priority first, taking hosts in turn: each host's first
        URL, then each host's second, and so on; within a turn, in queue order (added_at, url).
        Not locked: one run holds the DB.

        In turn, because URLs are queued source by source: a batch taken in queue order would
        hold a few hosts only, whose per-host limits (and delays) would then cap the whole pass
        while every other host waits for the next batch.

        The order comes from memory (:mod:`.claim_order`), checked against the table first, so
        a claim costs about what it returns, not a sort of the whole queue; the rows themselves
        are read from the table, and should they not be what the order expected, it is loaded
        again and the claim redone.
        """
        now = self._now()
        skip = exclude if isinstance(exclude, set | frozenset) else set(exclude or ())
        for _ in range(2):
            picked = self._claim_order().take(limit, now, skip, source)
            if not picked:
                return []
            rows = self.store.con.execute(
                f"SELECT url, source, via, depth, priority, attempts, hint, {_HOST},"
                " epoch_us(added_at) FROM frontier"
                f" WHERE {_DUE} AND url IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]')))",
                [now, json.dumps([q.url for q in picked])],
            ).fetchall()
            found = {r[0]: r for r in rows}
            if all(_matches(found.get(q.url), q) for q in picked):
                break
            self._order = None  # written behind the frontier's back: read the order again
        return [_entry(found[q.url]) for q in picked if _matches(found.get(q.url), q)]

    def _claim_order(self) -> ClaimOrder:
        """The claim order, loaded again unless it holds the table's pending rows: the same
        number and the same digest (a write this frontier did not make, or one rolled back,
        changes them)."""
        count, digest = self.store.con.execute(
            f"SELECT count(*), coalesce(bit_xor({_DIGEST}), 0) FROM frontier"
            " WHERE state = 'pending'"
        ).fetchone()
        if self._order is None or (len(self._order), self._order.digest) != (count, digest):
            rows = self.store.con.execute(
                f"SELECT {_QUEUED} FROM frontier WHERE state = 'pending'"
            ).fetchall()
            # One string per source and host, not per row: a third of the order's memory.
            self._order = ClaimOrder(
                Queued(r[0], intern(r[1]), r[2], intern(r[3]), r[4], r[5], r[6]) for r in rows
            )
        return self._order

    def mark_done(self, url: str, state: str = "done", error: str | None = None) -> None:
        """Finish a URL (``done``, or ``skipped``/``failed`` with a reason)."""
        self.store.con.execute(
            "UPDATE frontier SET state = ?, attempts = attempts + 1, last_error = ?,"
            " updated_at = ?, run_id = ? WHERE url = ?",
            [state, error, self._now(), self.run_id, url],
        )
        if self._order is not None and state != "pending":
            self._order.drop(url)

    def mark_many_done(self, urls: list[str]) -> None:
        """Finish many URLs at once (one statement, one JSON parameter)."""
        if urls:
            self.store.con.execute(
                "UPDATE frontier SET state = 'done', attempts = attempts + 1, last_error = NULL,"
                " updated_at = ?, run_id = ?"
                " WHERE url IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]')))",
                [self._now(), self.run_id, json.dumps(urls)],
            )
            if self._order is not None:
                for url in urls:
                    self._order.drop(url)

    def mark_retry(self, url: str, error: str, *, after: timedelta, max_attempts: int) -> str:
        """Count a failed attempt; keep the URL pending for later, or fail it when out of tries."""
        now = self._now()
        row = self.store.con.execute(
            "UPDATE frontier SET attempts = attempts + 1, last_error = ?, updated_at = ?,"
            " run_id = ?, next_try_at = ?,"
            " state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END"
            f" WHERE url = ? RETURNING state, {_QUEUED}",
            [error, now, self.run_id, now + after, max_attempts, url],
        ).fetchone()
        if row is None:
            return "failed"
        if self._order is not None:
            if row[0] == "pending":
                self._order.put(Queued(*row[1:]))
            else:
                self._order.drop(url)
        return row[0]

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

    def pending(self) -> list[tuple[str, str]]:
        """(url, source) of every pending URL, best priority first (what a run would fetch)."""
        return self.store.con.execute(
            "SELECT url, source FROM frontier WHERE state = 'pending'"
            " ORDER BY priority DESC, added_at, url"
        ).fetchall()

    def counts(self) -> dict[str, int]:
        """Number of URLs per state."""
        rows = self.store.con.execute(
            "SELECT state, count(*) FROM frontier GROUP BY state"
        ).fetchall()
        return {state: n for state, n in rows}


def _matches(row: tuple | None, queued: Queued) -> bool:
    """True when a row read for a claim is still what the claim order took it for."""
    return (
        row is not None
        and row[1] == queued.source
        and row[4] == queued.priority
        and row[7] == queued.host
        and row[8] == queued.added_us
    )


def _entry(row: tuple) -> FrontierEntry:
    return FrontierEntry(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6] or "{}"))
