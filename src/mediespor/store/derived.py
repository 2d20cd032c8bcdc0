"""Columns the store derives from others, kept up to date on every write.

``items.published_date`` is the Copenhagen calendar day of ``published_at`` (migration 012):
what analysts should group and filter by, because ``published_at::DATE`` depends on the time
zone of whoever connects. It is refreshed here when a write batch is published
(``store.publish.writing``), rather than in every statement that writes ``published_at``:
analysts only ever open published files, and the views compute the day themselves, so
nothing reads the column inside a batch. At 100,000 items a refresh with nothing to change
takes about 0.1–0.2 s.
"""

from __future__ import annotations

import duckdb

from mediespor.danish_dates import sql_local

#: The one definition of an item's Copenhagen day (also used by migration 012).
PUBLISHED_DATE_SQL = f"CAST({sql_local('published_at')} AS DATE)"


def refresh_published_date(con: duckdb.DuckDBPyConnection) -> int:
    """Set ``items.published_date`` wherever it differs from ``published_at``; rows changed."""
    row = con.execute(
        f"UPDATE items SET published_date = {PUBLISHED_DATE_SQL}"
        f" WHERE published_date IS DISTINCT FROM {PUBLISHED_DATE_SQL}"
    ).fetchone()
    return int(row[0]) if row else 0
