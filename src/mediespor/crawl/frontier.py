"""The crawl frontier in DuckDB: the URLs discovery found, waiting to be fetched.

Each URL has a state (pending, done, skipped, failed), its attempts, when it may be tried
again and why it was not finished. :mod:`mediespor.crawl.fetch_pass` drains it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mediespor.models import Candidate
from mediespor.store.db import Store, utcnow


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
        """Pending entries due now, best priority first, taking hosts in turn: each host's first
        URL, then each host's second, and so on (not locked: one run holds the DB).

        In turn, because URLs are queued source by source: a batch taken in queue order would
        hold a few hosts only, whose per-host limits (and delays) would then cap the whole pass
        while every other host waits for the next batch.
        """
        rows = self.store.con.execute(
            "SELECT url, source, via, depth, priority, attempts, hint FROM ("
            "  SELECT *, row_number() OVER (PARTITION BY priority, lower(regexp_extract("
            "    coalesce(hint->>'fetch_url', url), '^[^:/]+://([^/?#]*)', 1))"
            "    ORDER BY added_at, url) AS turn"
            "  FROM frontier"
            "  WHERE state = 'pending' AND (next_try_at IS NULL OR next_try_at <= ?)"
            "  AND (? IS NULL OR source = ?)"
            "  AND url NOT IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]'))))"
            " ORDER BY priority DESC, turn, added_at, url LIMIT ?",
            [self._now(), source, source, json.dumps(list(exclude or ())), limit],
        ).fetchall()
        return [
            FrontierEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6] or "{}"))
            for r in rows
        ]

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
