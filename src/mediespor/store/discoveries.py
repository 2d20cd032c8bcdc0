"""Record where URLs were discovered and attach those sightings to the items they became.

The frontier holds a URL once, so a second way of finding the same article (a sitemap after a
feed, a Wayback capture of a live page) would otherwise leave no trace. Each discovery is kept in
``discoveries``; after the fetch stage they become ``item_sightings`` of the matching items, and
an archive copy fills ``items.archive_url`` for when the original disappears.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import duckdb

from mediespor.models import Candidate
from mediespor.store.db import utcnow


def _hint(c: Candidate) -> str | None:
    data = {"title": c.title, "summary": c.summary,
            "published_at": c.published_at.isoformat() if c.published_at else None}  # fmt: skip
    data = {k: v for k, v in data.items() if v}
    return json.dumps(data, ensure_ascii=False) if data else None


def record_discoveries(
    con: duckdb.DuckDBPyConnection, candidates: Iterable[Candidate], run_id: int | None
) -> None:
    """Upsert one row per (url, source, via); call inside a transaction."""
    now = utcnow()
    for c in candidates:
        con.execute(
            "INSERT INTO discoveries (url, source, via, fetch_url, archive_url, hint, first_seen,"
            " last_seen, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (url, source, via) DO UPDATE SET last_seen = excluded.last_seen,"
            " run_id = excluded.run_id, fetch_url = coalesce(excluded.fetch_url, fetch_url),"
            " archive_url = coalesce(excluded.archive_url, archive_url)",
            [c.url, c.source, c.via, c.fetch_url, c.archive_url, _hint(c), now, now, run_id],
        )


def requeue_failed_with_archive(
    con: duckdb.DuckDBPyConnection, candidates: Iterable[Candidate]
) -> int:
    """A URL whose live fetch failed gets another chance through an archive capture."""
    n = 0
    for c in candidates:
        if not c.fetch_url:
            continue
        row = con.execute(
            "UPDATE frontier SET state = 'pending', attempts = 0, next_try_at = NULL,"
            " source = ?, via = ?, hint = json_merge_patch(coalesce(hint, '{}'), ?),"
            " updated_at = ? WHERE url = ? AND state = 'failed' RETURNING url",
            [c.source, c.via, json.dumps({"fetch_url": c.fetch_url, "archive_url": c.archive_url}),
             utcnow(), c.url],
        ).fetchone()  # fmt: skip
        n += row is not None
    return n


def attach_sightings(con: duckdb.DuckDBPyConnection, run_id: int | None) -> int:
    """Turn this run's discoveries into sightings of known items; return how many were new."""
    before = con.execute("SELECT count(*) FROM item_sightings").fetchone()[0]
    for column in ("url", "original_url"):
        con.execute(
            "INSERT INTO item_sightings (item_id, source, via, seen_url, first_seen, last_seen,"
            " run_id, hint) SELECT i.item_id, d.source, d.via, d.url, d.first_seen, d.last_seen,"
            f" d.run_id, d.hint FROM discoveries d JOIN items i ON i.{column} = d.url"
            " WHERE d.run_id IS NOT DISTINCT FROM ?"
            " ON CONFLICT (item_id, source, via, seen_url) DO UPDATE SET"
            " last_seen = excluded.last_seen",
            [run_id],
        )
        con.execute(
            "UPDATE items SET archive_url = d.archive_url FROM discoveries d"
            f" WHERE items.archive_url IS NULL AND d.archive_url IS NOT NULL"
            f" AND items.{column} = d.url AND d.run_id IS NOT DISTINCT FROM ?",
            [run_id],
        )
    # A discovered URL that redirects (an old address, a moved site) is a sighting of the item
    # it landed on, even when that page answered 304 and was not processed again.
    con.execute(
        "INSERT INTO item_sightings (item_id, source, via, seen_url, first_seen, last_seen,"
        " run_id, hint) SELECT DISTINCT ON (i.item_id, d.source, d.via, d.url) i.item_id,"
        " d.source, d.via, d.url, d.first_seen, d.last_seen, d.run_id, d.hint"
        " FROM discoveries d JOIN fetches f ON f.url = d.url AND f.final_url <> f.url"
        " JOIN items i ON i.url = f.final_url"
        " WHERE d.run_id IS NOT DISTINCT FROM ? AND f.status BETWEEN 200 AND 399"
        " ON CONFLICT (item_id, source, via, seen_url) DO UPDATE SET"
        " last_seen = excluded.last_seen",
        [run_id],
    )
    return int(con.execute("SELECT count(*) FROM item_sightings").fetchone()[0]) - int(before)
