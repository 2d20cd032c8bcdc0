"""What ``mediespor status`` shows, read from the store as typed rows.

Times are UTC, like the log lines, so a run in ``status`` and its lines in the log file match.
Item dates are Copenhagen calendar days (``items.published_date``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb


@dataclass(frozen=True)
class OutletCount:
    """Items of one outlet: how many, how many relevant or undated, first and last day."""

    outlet: str
    items: int
    relevant: int
    undated: int
    first: date | None
    last: date | None


@dataclass(frozen=True)
class Totals:
    """Row counts of the main tables and the schema version."""

    items: int
    relevant: int
    versions: int
    events: int
    links: int
    fetches: int
    schema: int


@dataclass(frozen=True)
class RunRow:
    """One recorded run: when it started (UTC), how long it took and how it ended."""

    run_id: int
    command: str
    started_utc: datetime
    seconds: float | None
    status: str
    exit_code: int | None
    counts: dict[str, Any]


def outlet_counts(con: duckdb.DuckDBPyConnection) -> list[OutletCount]:
    """Items per outlet, alphabetically."""
    rows = con.execute(
        "SELECT outlet, count(*), count(*) FILTER (WHERE is_relevant),"
        " count(*) FILTER (WHERE published_at IS NULL), min(published_date), max(published_date)"
        " FROM items GROUP BY outlet ORDER BY outlet"
    ).fetchall()
    return [OutletCount(*r) for r in rows]


def totals(con: duckdb.DuckDBPyConnection) -> Totals:
    """How much the database holds."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM items WHERE is_relevant),"
        " (SELECT count(*) FROM item_versions), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM item_events WHERE status <> 'rejected'),"
        " (SELECT count(*) FROM fetches), (SELECT max(version) FROM schema_version)"
    ).fetchone()
    return Totals(*(int(v or 0) for v in row))


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int) -> list[RunRow]:
    """The last ``limit`` runs, newest first, with start times in UTC."""
    rows = con.execute(
        "SELECT run_id, command, timezone('UTC', started_at),"
        " round(epoch(finished_at) - epoch(started_at), 1), status, exit_code, counts"
        " FROM runs ORDER BY run_id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [RunRow(*r[:6], json.loads(r[6]) if r[6] else {}) for r in rows]
