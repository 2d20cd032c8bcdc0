"""The ``fetches`` table: one row per logical request (all its hops and attempts).

The fetcher hands each finished request to :class:`FetchLog`, the sink the crawl stage wires.

Also answers the question conditional requests need: which validators (ETag, Last-Modified)
did the last good response for this URL carry?
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

import duckdb

from mediespor.models import FetchLogEntry, Validators, WarcPointer

#: Column types of a fetch row, for passing a whole batch as one JSON parameter: DuckDB's
#: Python binding spends ~0.1 ms per bound value probing for pandas, more than the insert.
_ROW_TYPES = {
    "fetch_id": "BIGINT", "run_id": "BIGINT", "source": "VARCHAR", "url": "VARCHAR",
    "final_url": "VARCHAR", "status": "INTEGER", "redirects": "VARCHAR", "headers": "VARCHAR",
    "content_type": "VARCHAR", "etag": "VARCHAR", "last_modified": "VARCHAR",
    "body_sha256": "VARCHAR", "body_bytes": "BIGINT", "warc_file": "VARCHAR",
    "warc_offset": "BIGINT", "warc_length": "BIGINT", "error_kind": "VARCHAR", "error": "VARCHAR",
    "attempts": "INTEGER", "elapsed_ms": "DOUBLE", "fetched_at": "TIMESTAMPTZ",
}  # fmt: skip
_COLS_SQL = ", ".join(_ROW_TYPES)
_STRUCT = json.dumps([_ROW_TYPES])
#: The frontier URL whose page the current task fetches (set per task by the frontier pass).
FETCHED_FOR: ContextVar[str | None] = ContextVar("FETCHED_FOR", default=None)


def _row(fetch_id: int, entry: FetchLogEntry) -> dict:
    w = entry.warc
    return {
        "fetch_id": fetch_id, "run_id": entry.run_id, "source": entry.source, "url": entry.url,
        "final_url": entry.final_url, "status": entry.status,
        "redirects": json.dumps([{"url": h.url, "status": h.status} for h in entry.redirects])
        if entry.redirects else None,
        "headers": json.dumps(entry.headers, ensure_ascii=False) if entry.headers else None,
        "content_type": entry.content_type, "etag": entry.headers.get("etag"),
        "last_modified": entry.headers.get("last-modified"), "body_sha256": entry.body_sha256,
        "body_bytes": entry.body_bytes, "warc_file": w.file if w else None,
        "warc_offset": w.offset if w else None, "warc_length": w.length if w else None,
        "error_kind": entry.error_kind, "error": entry.error, "attempts": entry.attempts,
        "elapsed_ms": entry.elapsed_ms, "fetched_at": entry.fetched_at.isoformat(),
    }  # fmt: skip


def insert_fetches(con: duckdb.DuckDBPyConnection, rows: list[tuple[int, FetchLogEntry]]) -> None:
    """Insert rows whose ids were reserved with :func:`reserve_fetch_ids`, in one statement."""
    if not rows:
        return
    payload = json.dumps([_row(i, e) for i, e in rows], ensure_ascii=False)
    con.execute(
        f"INSERT INTO fetches ({_COLS_SQL}) SELECT {_COLS_SQL} FROM"
        f" (SELECT unnest(from_json(?, '{_STRUCT}'), recursive := true))",
        [payload],
    )


def reserve_fetch_ids(con: duckdb.DuckDBPyConnection, n: int) -> list[int]:
    """Take ``n`` ids from the fetch sequence (gaps after a crash are harmless)."""
    rows = con.execute("SELECT nextval('seq_fetch_id') FROM range(?)", [n]).fetchall()
    return [int(r[0]) for r in rows]


def log_fetch(con: duckdb.DuckDBPyConnection, entry: FetchLogEntry) -> int:
    """Insert one row now and return its ``fetch_id``."""
    (fetch_id,) = reserve_fetch_ids(con, 1)
    insert_fetches(con, [(fetch_id, entry)])
    return fetch_id


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


class FetchLog:
    """Writes fetch rows in batches, because one DuckDB commit per request costs more than the
    request itself; ids are reserved up front so every result names its row at once.

    Rows wait in memory until a transaction takes them (:meth:`take`) or :meth:`flush`. A row
    made for a frontier page (:data:`FETCHED_FOR`) is handed over only with that page: its
    validators must never commit before the page's item, or a run killed in between would
    resume with a conditional GET, get a 304 and never store the page. For the same reason
    nothing is written behind the caller's back (no flush by size or age). Also keeps the
    newest validators per URL in memory for conditional requests (loaded on first use).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, batch: int = 128):
        self.con = con
        #: Fetch ids reserved from the sequence at a time.
        self.batch = batch
        self._ids: list[int] = []
        self._rows: list[tuple[int, FetchLogEntry]] = []
        self._validators: dict[str, Validators] | None = None

    def add(self, entry: FetchLogEntry) -> int:
        """Queue a row (tagged with the page it fetched, if any); return its ``fetch_id``."""
        if not self._ids:
            self._ids = reserve_fetch_ids(self.con, self.batch)
        fetch_id = self._ids.pop(0)
        page = FETCHED_FOR.get()
        if page is not None and entry.page is None:
            entry = dataclasses.replace(entry, page=page)
        self._rows.append((fetch_id, entry))
        self._remember(entry)
        return fetch_id

    def take(self, pages: Collection[str] = ()) -> list[tuple[int, FetchLogEntry]]:
        """Hand over the queued rows of no page and those of ``pages`` (the pages stored in the
        caller's transaction); rows of pages still in flight stay queued."""
        wanted = set(pages)
        rows: list[tuple[int, FetchLogEntry]] = []
        kept: list[tuple[int, FetchLogEntry]] = []
        for row in self._rows:
            (rows if row[1].page is None or row[1].page in wanted else kept).append(row)
        self._rows = kept
        return rows

    def put_back(self, rows: list[tuple[int, FetchLogEntry]]) -> None:
        """Queue rows again after the caller's transaction rolled back."""
        self._rows[:0] = rows

    def flush(self) -> None:
        """Write every queued row now (the fetcher closes).

        A page's row still queued here belongs to a page that was never stored (the run
        stopped first): it is written without its validators, so the next run asks for the
        whole page again instead of getting a 304 for a page it does not have.
        """
        rows, self._rows = self._rows, []
        try:
            insert_fetches(self.con, [(i, without_validators(e)) for i, e in rows])
        except BaseException:
            self.put_back(rows)
            raise

    def _remember(self, entry: FetchLogEntry) -> None:
        etag, modified = entry.headers.get("etag"), entry.headers.get("last-modified")
        if entry.final_url and entry.status in (200, 304) and (etag or modified):
            self._load()[entry.final_url] = Validators(etag, modified)

    def _load(self) -> dict[str, Validators]:
        if self._validators is None:
            rows = self.con.execute(
                "SELECT final_url, etag, last_modified FROM fetches"
                " WHERE status IN (200, 304) AND (etag IS NOT NULL OR last_modified IS NOT NULL)"
                " AND final_url IS NOT NULL"
                " QUALIFY row_number() OVER (PARTITION BY final_url ORDER BY fetch_id DESC) = 1"
            ).fetchall()
            self._validators = {u: Validators(e, m) for u, e, m in rows}
        return self._validators

    def validators(self, url: str) -> Validators | None:
        """ETag / Last-Modified of the newest 200 or 304 response served at ``url``."""
        return self._load().get(url)


def without_validators(entry: FetchLogEntry) -> FetchLogEntry:
    """A page's row as written when the page itself was not stored: without ETag and
    Last-Modified, so no later conditional request is answered 304 for it."""
    if entry.page is None:
        return entry
    headers = {k: v for k, v in entry.headers.items() if k not in ("etag", "last-modified")}
    return dataclasses.replace(entry, headers=headers)


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


def find_fetch(con: duckdb.DuckDBPyConnection, fetch_id: int) -> ArchivedFetch | None:
    """The archived fetch with this id (the one an item was last stored from)."""
    row = con.execute(
        f"SELECT {_COLS} FROM fetches WHERE fetch_id = ? AND warc_file IS NOT NULL", [fetch_id]
    ).fetchone()
    return _archived(row) if row else None


def list_fetches(con: duckdb.DuckDBPyConnection, limit: int) -> list[ArchivedFetch]:
    """The newest ``limit`` fetches."""
    rows = con.execute(
        f"SELECT {_COLS} FROM fetches ORDER BY fetch_id DESC LIMIT ?", [limit]
    ).fetchall()
    return [_archived(r) for r in rows]


@dataclass(frozen=True)
class SourceFetches:
    """What one source's requests did in one run, from its ``fetches`` rows."""

    source: str
    fetched: int
    not_modified: int
    #: One entry per failed request: its ``error_kind``, or ``http_<status>`` for a status.
    errors: tuple[str, ...]


def fetches_by_source(con: duckdb.DuckDBPyConnection, run_id: int) -> list[SourceFetches]:
    """Requests, 304s and failures per source in run ``run_id``."""
    rows = con.execute(
        "SELECT source, count(*), count(*) FILTER (WHERE status = 304),"
        " list(coalesce(error_kind, 'http_' || status::VARCHAR) ORDER BY fetch_id)"
        " FILTER (WHERE error_kind IS NOT NULL OR status >= 400)"
        " FROM fetches WHERE run_id = ? GROUP BY source ORDER BY source",
        [run_id],
    ).fetchall()
    return [SourceFetches(s, int(n), int(nm), tuple(errs or ())) for s, n, nm, errs in rows]
