"""The evidence behind items: the fetch that stored a page, the corpus row an item was read from.

Corpus records are written when a corpus source stores an item; ``mediespor archive show``
reads both kinds of evidence, and the reports show the attribution each corpus license asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from mediespor.models import CorpusRef


@dataclass(frozen=True)
class CorpusEvidence:
    """One corpus record and the item it became."""

    item_id: str
    ref: CorpusRef
    source: str
    first_seen: datetime


@dataclass(frozen=True)
class CorpusAttribution:
    """A corpus the database holds items from, with its license duties and how many items."""

    corpus: str
    license: str
    attribution: str | None
    items: int


def record_corpus_ref(
    con: duckdb.DuckDBPyConnection,
    item_id: str,
    ref: CorpusRef,
    *,
    source: str,
    via: str,
    now: datetime,
) -> None:
    """Remember that ``item_id`` was read from ``ref`` (idempotent; the first sighting stays)."""
    con.execute(
        "INSERT INTO item_corpus_records (corpus, record_id, item_id, license, attribution,"
        " source, via, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [ref.corpus, ref.record_id, item_id, ref.license, ref.attribution, source, via, now],
    )


def corpus_evidence(con: duckdb.DuckDBPyConnection, key: str) -> list[CorpusEvidence]:
    """The corpus records of an item, looked up by item id or by a corpus record id."""
    rows = con.execute(
        "SELECT item_id, corpus, record_id, license, attribution, source, first_seen"
        " FROM item_corpus_records WHERE item_id = ? OR record_id = ?"
        " ORDER BY corpus, record_id",
        [key, key],
    ).fetchall()
    return [
        CorpusEvidence(item_id, CorpusRef(corpus, rid, lic, attr), source, seen)
        for item_id, corpus, rid, lic, attr, source, seen in rows
    ]


def corpus_attributions(con: duckdb.DuckDBPyConnection) -> list[CorpusAttribution]:
    """Every corpus items were read from, with its license and attribution."""
    rows = con.execute(
        "SELECT corpus, license, any_value(attribution), count(DISTINCT item_id)"
        " FROM item_corpus_records GROUP BY corpus, license ORDER BY corpus, license"
    ).fetchall()
    return [CorpusAttribution(c, lic, attr, n) for c, lic, attr, n in rows]


def item_fetch_id(con: duckdb.DuckDBPyConnection, urls: list[str]) -> int | None:
    """The fetch the item known by one of ``urls`` was last stored from.

    An archived page is stored under its original URL but was fetched elsewhere (a Wayback
    ``id_`` capture, a byte range of a Common Crawl WARC file that holds many pages).
    """
    row = con.execute(
        "SELECT last_fetch_id FROM items WHERE (url IN (SELECT unnest(?))"
        " OR original_url IN (SELECT unnest(?))) AND last_fetch_id IS NOT NULL"
        " ORDER BY last_seen DESC LIMIT 1",
        [urls, urls],
    ).fetchone()
    return int(row[0]) if row else None
