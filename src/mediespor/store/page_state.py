"""What a fetch says about the pages of stored items: seen again unchanged, gone, or back.

An item is never deleted when its page disappears: it is marked ``gone`` (a 404 or 410, or an
error page answered with 200), and unmarked when the page is fetched and stored again.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from mediespor.store.staging import select_in


def touch_items_at(con: duckdb.DuckDBPyConnection, urls: list[str], when: datetime) -> int:
    """Mark the items stored under any of ``urls`` as seen again (a 304); return how many."""
    # Look first, write only what matched: most 304s are of feeds and listings, which are no
    # items, and an UPDATE costs DuckDB several times a SELECT even when it matches nothing.
    if not urls:
        return 0
    # Through the url index (a list of bound parameters would scan the table).
    found = select_in(con, "SELECT item_id FROM items", [("url", urls)])
    for (item_id,) in found:
        con.execute("UPDATE items SET last_seen = ? WHERE item_id = ?", [when, item_id])
    return len(found)


def mark_gone(con: duckdb.DuckDBPyConnection, url: str) -> None:
    """The page at ``url`` is gone: mark the item stored under it (or archived from it)."""
    # Through the url and original_url indexes: DuckDB scans the table for an OR of the two.
    found = select_in(con, "SELECT item_id FROM items", [("url", [url]), ("original_url", [url])])
    for item_id in sorted({row[0] for row in found}):
        con.execute("UPDATE items SET gone = TRUE WHERE item_id = ? AND NOT gone", [item_id])


def mark_present(con: duckdb.DuckDBPyConnection, item_id: str) -> None:
    """The item's page answered again: it is no longer gone."""
    con.execute("UPDATE items SET gone = FALSE WHERE item_id = ? AND gone", [item_id])


def mark_gone_after_run(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    """Items whose page answered 404 or 410 in run ``run_id`` are marked gone."""
    con.execute(
        "UPDATE items SET gone = TRUE WHERE NOT gone AND (url IN (SELECT url FROM fetches"
        " WHERE run_id = ? AND status IN (404, 410)) OR original_url IN (SELECT url FROM"
        " fetches WHERE run_id = ? AND status IN (404, 410)))",
        [run_id, run_id],
    )
