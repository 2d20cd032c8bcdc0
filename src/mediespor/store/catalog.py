"""Mirror the configuration (sources, events) into the database at the start of a run."""

from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb

from mediespor.config.events import Event
from mediespor.config.sources import SourcesFile
from mediespor.store.db import utcnow


def sync_sources(con: duckdb.DuckDBPyConnection, sources: SourcesFile) -> int:
    """Upsert one row per configured source; sources removed from the file stay, disabled."""
    now = utcnow()
    names = []
    for src in sources.sources:
        names.append(src.name)
        con.execute(
            "INSERT INTO sources (name, outlet, kind, enabled, topical, config, first_seen,"
            " last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            " outlet = excluded.outlet, kind = excluded.kind, enabled = excluded.enabled,"
            " topical = excluded.topical, config = excluded.config, last_seen = excluded.last_seen",
            [
                src.name, src.outlet, src.kind, src.enabled, src.topical,
                json.dumps(src.model_dump(mode="json"), ensure_ascii=False), now, now,
            ],
        )  # fmt: skip
    if names:
        con.execute(
            "UPDATE sources SET enabled = FALSE WHERE name NOT IN (SELECT unnest(?))", [names]
        )
    else:
        con.execute("UPDATE sources SET enabled = FALSE")
    return len(names)


def sync_events(con: duckdb.DuckDBPyConnection, events: Sequence[Event]) -> int:
    """Make the ``events`` table equal to ``events.yaml``.

    Automatic links to events that were removed from the file are dropped; analysts' decisions
    are kept (they reappear if the event comes back).
    """
    now = utcnow()
    ids = [e.event_id for e in events]
    for ev in events:
        con.execute(
            "INSERT INTO events (event_id, date_start, date_end, title, description, kind,"
            " keywords, source_url, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (event_id) DO UPDATE SET date_start = excluded.date_start,"
            " date_end = excluded.date_end, title = excluded.title,"
            " description = excluded.description, kind = excluded.kind,"
            " keywords = excluded.keywords, source_url = excluded.source_url,"
            " updated_at = excluded.updated_at",
            [
                ev.event_id, ev.date_start, ev.date_end, ev.title, ev.description, ev.kind,
                list(ev.keywords), ev.source_url, now,
            ],
        )  # fmt: skip
    con.execute("DELETE FROM events WHERE event_id NOT IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute(
        "DELETE FROM item_events WHERE status = 'auto'"
        " AND event_id NOT IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    )
    return len(ids)
