"""The ``runs`` table: one row per run, with status and counts."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

import duckdb

from mediespor.errors import ExitCode
from mediespor.store.db import utcnow


def start_run(con: duckdb.DuckDBPyConnection, command: str, options: dict[str, Any]) -> int:
    """Record the start of a run and return its id."""
    row = con.execute(
        "INSERT INTO runs (command, started_at, status, options, pid, host)"
        " VALUES (?, ?, 'running', ?, ?, ?) RETURNING run_id",
        [command, utcnow(), json.dumps(options, default=str), os.getpid(), socket.gethostname()],
    ).fetchone()
    return int(row[0])


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: int, status: str, exit_code: int, counts: dict[str, Any]
) -> None:
    """Record how a run ended."""
    con.execute(
        "UPDATE runs SET finished_at = ?, status = ?, exit_code = ?, counts = ? WHERE run_id = ?",
        [utcnow(), status, exit_code, json.dumps(counts, default=str, ensure_ascii=False), run_id],
    )


def record_failure(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    reason: str,
    counts: dict[str, Any] | None = None,
) -> None:
    """Record that a run or import ended in failure (exit 4), with its reason in ``counts``.

    Does nothing to a run already marked failed (the first reason is the cause).
    """
    data = dict(counts or {})
    data["error"] = reason[:2000]
    con.execute(
        "UPDATE runs SET finished_at = ?, status = 'failed', exit_code = ?, counts = ?"
        " WHERE run_id = ? AND status <> 'failed'",
        [utcnow(), int(ExitCode.FATAL), json.dumps(data, default=str, ensure_ascii=False), run_id],
    )


def record_failure_in(db: Path, run_id: int, reason: str) -> bool:
    """Best effort: mark ``run_id`` failed in the database file ``db`` (already closed).

    Used when the failure came after the run's own connection was gone (publishing onto a full
    disk). Returns False when even that is impossible; the next run then marks the row
    interrupted.
    """
    try:
        con = duckdb.connect(str(db))
    except Exception:
        return False
    try:
        row = con.execute("SELECT counts FROM runs WHERE run_id = ?", [run_id]).fetchone()
        counts = json.loads(row[0]) if row and row[0] else {}
        record_failure(con, run_id, reason, counts)
        return True
    except Exception:
        return False
    finally:
        con.close()


def mark_interrupted(con: duckdb.DuckDBPyConnection):
    """Runs left 'running' by a killed process are marked 'interrupted'.

    Returns the start time of the earliest of them (None when there were none), so the caller
    can repair what they may have left half written.
    """
    rows = con.execute(
        "UPDATE runs SET status = 'interrupted' WHERE status = 'running' RETURNING started_at"
    ).fetchall()
    return min((r[0] for r in rows), default=None)


def record_reject(
    con: duckdb.DuckDBPyConnection,
    run_id: int | None,
    stage: str,
    source: str | None,
    location: str,
    reason: str,
) -> None:
    """Keep a rejected input with its reason, so nothing bad disappears silently."""
    con.execute(
        "INSERT INTO rejects (run_id, stage, source, location, reason, noted_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [run_id, stage, source, location, reason[:2000], utcnow()],
    )
