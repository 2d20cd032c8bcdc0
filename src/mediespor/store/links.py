"""Reads and small writes of item–event links that commands need, as typed values.

The linker itself (``link/``) writes ``item_events`` in bulk; these are the lookups the CLI
shows to people (link counts, an item's links) and the mark a promoted suggestion gets.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class ItemHeadline:
    """An item's title and the topic terms that decided its relevance."""

    title: str | None
    topic_terms: list[str] | None


def link_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Links per event id (rejected ones left out); events without links are absent."""
    rows = con.execute(
        "SELECT event_id, count(*) FROM item_events WHERE status <> 'rejected' GROUP BY event_id"
    ).fetchall()
    return {event_id: int(n) for event_id, n in rows}


def item_links(con: duckdb.DuckDBPyConnection, item_id: str) -> dict[str, str]:
    """The status of each stored link of ``item_id``, by event id."""
    rows = con.execute(
        "SELECT event_id, status FROM item_events WHERE item_id = ?", [item_id]
    ).fetchall()
    return dict(rows)


def item_headline(con: duckdb.DuckDBPyConnection, item_id: str) -> ItemHeadline:
    """Title and topic terms of an existing item."""
    title, terms = con.execute(
        "SELECT title, topic_terms FROM items WHERE item_id = ?", [item_id]
    ).fetchone()
    return ItemHeadline(title, terms)


def mark_suggestion_promoted(
    con: duckdb.DuckDBPyConnection, suggestion_id: str, event_id: str
) -> None:
    """Record that a suggested event became ``event_id`` in events.yaml."""
    con.execute(
        "UPDATE event_suggestions SET status = 'promoted', promoted_event_id = ?"
        " WHERE suggestion_id = ?",
        [event_id, suggestion_id],
    )
