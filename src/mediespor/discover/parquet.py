"""Reading Parquet (a corpus, Common Crawl's columnar index) with DuckDB, off the event loop.

The kinds that read Parquet build one SQL query with their filters pushed down; this runs it on
a fresh in-memory DuckDB connection in a worker thread (a scan blocks, and the other sources go
on meanwhile), caps the rows and turns a DuckDB error into a recorded problem.
"""

from __future__ import annotations

import asyncio
from typing import Any

import duckdb

from mediespor.discover.base import DiscoveryResult, Problem
from mediespor.topic.sql import SqlCondition


def quote(column: str) -> str:
    """``column`` as a quoted SQL identifier."""
    return '"' + column.replace('"', '""') + '"'


def query_rows(query: SqlCondition) -> list[tuple[Any, ...]]:
    """All rows of ``query`` on a fresh in-memory connection."""
    con = duckdb.connect()
    try:
        return con.execute(query.sql, query.params).fetchall()
    finally:
        con.close()


async def scan(
    query: SqlCondition, result: DiscoveryResult, *, what: str, where: str, cap: int
) -> list[tuple[Any, ...]] | None:
    """Run ``query`` (asking for ``cap + 1`` rows); None, with the problem recorded, on failure.

    ``what`` names the data in messages ("corpus", "index"). More than ``cap`` rows are cut to
    ``cap`` and the result says why the walk stopped.
    """
    st = result.stats
    try:
        rows = await asyncio.to_thread(query_rows, query)
    except duckdb.Error as exc:
        result.problems.append(Problem(where, f"cannot read the {what}: {exc}"))
        st.stopped = f"{what} unreadable"
        return None
    st.requests = 1
    if len(rows) > cap:
        rows = rows[:cap]
        st.stopped = f"max_records ({cap}) reached"
    st.entries = len(rows)
    return rows
