"""The ``fetches`` table: one row per logical request (all its hops and attempts).

Also answers the question conditional requests need: which validators (ETag, Last-Modified)
did the last good response for this URL carry?
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from mediespor.fetch.warc import WarcPointer

#: Response headers worth keeping in the DB (the full set is in the WARC record).
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "location",
    "retry-after",
    "cache-control",
    "server",
    "date",
)


@dataclass(frozen=True)
class Hop:
    """One response in a redirect chain."""

    url: str
    status: int | None


@dataclass(frozen=True)
class FetchLogEntry:
    """What is known about one request when it ends."""

    url: str
    fetched_at: datetime
    run_id: int | None = None
    source: str | None = None
    final_url: str | None = None
    status: int | None = None
    redirects: tuple[Hop, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    body_sha256: str | None = None
    body_bytes: int | None = None
    warc: WarcPointer | None = None
    error_kind: str | None = None
    error: str | None = None
    attempts: int = 1
    elapsed_ms: float | None = None


def kept_headers(headers: list[tuple[str, str]]) -> dict[str, str]:
    """The subset of response headers stored in the ``fetches`` row."""
    out: dict[str, str] = {}
    for name, value in headers:
        low = name.lower()
        if low in KEPT_HEADERS and low not in out:
            out[low] = value
    return out


def log_fetch(con: duckdb.DuckDBPyConnection, entry: FetchLogEntry) -> int:
    """Insert the row and return its ``fetch_id``."""
    w = entry.warc
    row = con.execute(
        "INSERT INTO fetches (run_id, source, url, final_url, status, redirects, headers,"
        " content_type, etag, last_modified, body_sha256, body_bytes, warc_file, warc_offset,"
        " warc_length, error_kind, error, attempts, elapsed_ms, fetched_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING fetch_id",
        [
            entry.run_id, entry.source, entry.url, entry.final_url, entry.status,
            json.dumps([{"url": h.url, "status": h.status} for h in entry.redirects])
            if entry.redirects else None,
            json.dumps(entry.headers, ensure_ascii=False) if entry.headers else None,
            entry.content_type, entry.headers.get("etag"), entry.headers.get("last-modified"),
            entry.body_sha256, entry.body_bytes, w.file if w else None, w.offset if w else None,
            w.length if w else None, entry.error_kind, entry.error, entry.attempts,
            entry.elapsed_ms, entry.fetched_at,
        ],
    ).fetchone()  # fmt: skip
    return int(row[0])


@dataclass(frozen=True)
class Validators:
    """What a server said it would recognise on the next request."""

    etag: str | None
    last_modified: str | None


def latest_validators(con: duckdb.DuckDBPyConnection, url: str) -> Validators | None:
    """ETag / Last-Modified of the newest 200 or 304 response served at ``url``."""
    row = con.execute(
        "SELECT etag, last_modified FROM fetches"
        " WHERE final_url = ? AND status IN (200, 304)"
        " AND (etag IS NOT NULL OR last_modified IS NOT NULL)"
        " ORDER BY fetch_id DESC LIMIT 1",
        [url],
    ).fetchone()
    if row is None:
        return None
    return Validators(row[0], row[1])


@dataclass(frozen=True)
class ArchivedFetch:
    """A ``fetches`` row with a WARC pointer, for ``archive show`` and ``archive list``."""

    fetch_id: int
    url: str
    final_url: str | None
    status: int | None
    error_kind: str | None
    fetched_at: datetime
    warc: WarcPointer | None


def _archived(row) -> ArchivedFetch:
    pointer = WarcPointer(row[6], int(row[7]), int(row[8])) if row[6] else None
    return ArchivedFetch(row[0], row[1], row[2], row[3], row[4], row[5], pointer)


_COLS = (
    "fetch_id, url, final_url, status, error_kind, fetched_at, warc_file, warc_offset, warc_length"
)


def find_latest(con: duckdb.DuckDBPyConnection, urls: list[str]) -> ArchivedFetch | None:
    """The newest archived fetch whose requested or final URL is one of ``urls``."""
    row = con.execute(
        f"SELECT {_COLS} FROM fetches WHERE (url IN (SELECT unnest(?)) OR"
        " final_url IN (SELECT unnest(?))) AND warc_file IS NOT NULL"
        " ORDER BY fetch_id DESC LIMIT 1",
        [urls, urls],
    ).fetchone()
    return _archived(row) if row else None


def list_fetches(con: duckdb.DuckDBPyConnection, limit: int) -> list[ArchivedFetch]:
    """The newest ``limit`` fetches."""
    rows = con.execute(
        f"SELECT {_COLS} FROM fetches ORDER BY fetch_id DESC LIMIT ?", [limit]
    ).fetchall()
    return [_archived(r) for r in rows]
