"""The items one batch of records may touch, held in memory and written back set-wise.

:func:`mediespor.store.items.store_items` decides record by record, exactly as one
``upsert_item`` after another would; this module makes that cheap. Every stored item a record
could match (by key, URL, original URL, content hash or synthetic key) is read once, through
indexes, before the first decision; later records of the batch see the earlier ones' effects
here; at the end new items, changed columns, versions and sightings go to DuckDB in a handful
of statements (see :mod:`mediespor.store.staging`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from mediespor.danish_dates import in_copenhagen
from mediespor.models import ItemRecord
from mediespor.store.staging import (
    Column,
    insert_rows,
    joinable,
    select_in,
    set_by_key,
    update_rows,
)

ITEM_COLUMNS = (
    Column("item_id", "VARCHAR"), Column("item_key", "VARCHAR"), Column("url", "VARCHAR"),
    Column("original_url", "VARCHAR"), Column("archive_url", "VARCHAR"),
    Column("source", "VARCHAR"), Column("outlet", "VARCHAR"), Column("kind", "VARCHAR"),
    Column("title", "VARCHAR"), Column("title_key", "VARCHAR"), Column("lead", "VARCHAR"),
    Column("text", "VARCHAR"), Column("published_at", "TIMESTAMPTZ"),
    Column("published_precision", "VARCHAR"), Column("modified_at", "TIMESTAMPTZ"),
    Column("date_source", "VARCHAR"), Column("authors", "VARCHAR[]"), Column("section", "VARCHAR"),
    Column("language", "VARCHAR"), Column("duration_s", "DOUBLE"), Column("provenance", "VARCHAR"),
    Column("first_seen", "TIMESTAMPTZ"), Column("last_seen", "TIMESTAMPTZ"),
    Column("content_hash", "VARCHAR"), Column("is_relevant", "BOOLEAN"),
    Column("topic_terms", "VARCHAR[]"), Column("last_fetch_id", "BIGINT"),
    Column("gone", "BOOLEAN"),
)  # fmt: skip
_BY_NAME = {c.name: c for c in ITEM_COLUMNS}
_NAMES = [c.name for c in ITEM_COLUMNS]
VERSION_COLUMNS = (
    Column("item_id", "VARCHAR"), Column("version", "INTEGER"), Column("seen_at", "TIMESTAMPTZ"),
    Column("fetch_id", "BIGINT"), Column("title", "VARCHAR"), Column("lead", "VARCHAR"),
    Column("text", "VARCHAR"), Column("published_at", "TIMESTAMPTZ"),
    Column("modified_at", "TIMESTAMPTZ"), Column("content_hash", "VARCHAR"),
)  # fmt: skip
SIGHTING_COLUMNS = (
    Column("item_id", "VARCHAR"), Column("source", "VARCHAR"), Column("via", "VARCHAR"),
    Column("seen_url", "VARCHAR"), Column("first_seen", "TIMESTAMPTZ"),
    Column("last_seen", "TIMESTAMPTZ"), Column("run_id", "BIGINT"), Column("hint", "VARCHAR"),
)  # fmt: skip
_SIGHTING_KEY = ("item_id", "source", "via", "seen_url")
#: Columns records are matched on; kept in the in-memory indexes as they change.
_URL_COLUMNS = ("url", "original_url")


@dataclass
class ItemRow:
    """One item's stored columns as the batch has them now."""

    values: dict[str, object]
    created: bool
    #: Columns changed since the row was read (existing rows only).
    changed: set[str] = field(default_factory=set)

    @property
    def item_id(self) -> str:
        """The item's id (never changes)."""
        return str(self.values["item_id"])

    def order(self) -> tuple[datetime, str]:
        """The tie-free order of "the first seen item"."""
        return (self.values["first_seen"], self.item_id)  # type: ignore[return-value]


def listing_key(outlet: str, title_key: str, published_at: datetime) -> tuple[str, str, str]:
    """How a list names an article: outlet, normalised title and Copenhagen publication day."""
    return (outlet, title_key, in_copenhagen(published_at).date().isoformat())


def _listed(row: ItemRow) -> tuple[str, str, str] | None:
    v = row.values
    if v["url"] is None or v["title_key"] is None or v["published_at"] is None:
        return None
    return listing_key(str(v["outlet"]), str(v["title_key"]), v["published_at"])  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Version:
    item_id: str
    seen_at: datetime
    record: ItemRecord
    content_hash: str


class ItemBatch:
    """The stored items a batch of records may touch, with lookups by key, URL and hash."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.rows: dict[str, ItemRow] = {}
        self._by_key: dict[str, str] = {}
        self._by_url: dict[str, set[str]] = defaultdict(set)
        self._by_hash: dict[str, set[str]] = defaultdict(set)
        self._by_listing: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self._versions: list[_Version] = []
        self._sightings: dict[tuple[str, str, str, str], list[object]] = {}

    def load(
        self, keys: Iterable[str], urls: Iterable[str], hashes: Iterable[str],
        title_keys: Iterable[str] = (),
    ) -> None:  # fmt: skip
        """Read every stored item whose key, URL, original URL, content hash or title key is
        given."""
        urls = set(urls)
        wanted = [("item_key", keys), ("url", urls), ("original_url", urls),
                  ("content_hash", hashes), ("title_key", title_keys)]  # fmt: skip
        ids = {r[0] for r in select_in(self.con, "SELECT item_id FROM items", wanted)}
        ids.difference_update(self.rows)
        select = f"SELECT {', '.join(_NAMES)} FROM items"
        for found in select_in(self.con, select, [("item_id", ids)]):
            self._index(ItemRow(dict(zip(_NAMES, found, strict=True)), created=False))

    def _index(self, row: ItemRow) -> None:
        self.rows[row.item_id] = row
        self._by_key[str(row.values["item_key"])] = row.item_id
        for ids in self._id_sets(row):
            ids.add(row.item_id)

    def _unindex(self, row: ItemRow) -> None:
        self._by_key.pop(str(row.values["item_key"]), None)
        for ids in self._id_sets(row):
            ids.discard(row.item_id)

    def _id_sets(self, row: ItemRow) -> Iterator[set[str]]:
        """The lookups by URL, content hash and listing that ``row`` belongs in."""
        for col in _URL_COLUMNS:
            if row.values[col] is not None:
                yield self._by_url[str(row.values[col])]
        if row.values["content_hash"] is not None:
            yield self._by_hash[str(row.values["content_hash"])]
        if (listed := _listed(row)) is not None:
            yield self._by_listing[listed]

    def by_key(self, key: str) -> ItemRow | None:
        """The item stored under ``key``."""
        item_id = self._by_key.get(key)
        return self.rows[item_id] if item_id else None

    def by_url(self, spellings: Iterable[str]) -> ItemRow | None:
        """The first seen item whose URL or original URL is one of ``spellings``."""
        found = [self.rows[i] for s in spellings for i in self._by_url.get(s, ())]
        return min(found, key=ItemRow.order) if found else None

    def by_listing(self, listed: tuple[str, str, str]) -> ItemRow | None:
        """The first seen item with a URL listed as (outlet, title key, Copenhagen day)."""
        found = [self.rows[i] for i in self._by_listing.get(listed, ())]
        return min(found, key=ItemRow.order) if found else None

    def by_hash(self, chash: str) -> list[ItemRow]:
        """Items with a URL whose current content hash is ``chash``, first seen first."""
        found = [self.rows[i] for i in self._by_hash.get(chash, ())]
        return sorted((r for r in found if r.values["url"] is not None), key=ItemRow.order)

    def insert(self, values: dict[str, object]) -> ItemRow:
        """A new item (written at :meth:`flush`)."""
        row = ItemRow({**dict.fromkeys(_NAMES), "gone": False, **values}, created=True)
        self._index(row)
        return row

    def set(self, row: ItemRow, column: str, value: object) -> None:
        """Change one column of ``row`` (lookups follow at once)."""
        if row.values[column] == value and type(row.values[column]) is type(value):
            return
        self._unindex(row)
        row.values[column] = value
        row.changed.add(column)
        self._index(row)

    def add_version(self, row: ItemRow, record: ItemRecord, chash: str, now: datetime) -> None:
        """A new version of ``row``'s content (numbered at :meth:`flush`)."""
        self._versions.append(_Version(row.item_id, now, record, chash))

    def add_sighting(
        self, item_id: str, source: str, via: str, seen_url: str, now: datetime,
        run_id: int | None, hint: str | None,
    ) -> None:  # fmt: skip
        """Where and how the item was seen; seen again only moves ``last_seen``."""
        key = (item_id, source, via, seen_url)
        if key in self._sightings:
            self._sightings[key][5] = now
        else:
            self._sightings[key] = [item_id, source, via, seen_url, now, now, run_id, hint]

    def flush(self) -> None:
        """Write the batch: new items, changed columns, versions, sightings."""
        created = [r for r in self.rows.values() if r.created]
        insert_rows(self.con, "items", ITEM_COLUMNS,
                    [[r.values[n] for n in _NAMES] for r in created])  # fmt: skip
        # One statement for all changed rows, setting the columns any of them changed.
        changed = [r for r in self.rows.values() if not r.created and r.changed]
        names = set().union(*(r.changed for r in changed))
        cols = [_BY_NAME[n] for n in _NAMES if n in names]
        update_rows(self.con, "items", _BY_NAME["item_id"], cols,
                    [[r.item_id, *(r.values[c.name] for c in cols)] for r in changed])  # fmt: skip
        self._flush_versions()
        self._flush_sightings({r.item_id for r in created})
        self._versions.clear()
        self._sightings.clear()
        for row in self.rows.values():
            row.created = False
            row.changed.clear()

    def _flush_sightings(self, fresh: set[str]) -> None:
        """Insert new sightings, move ``last_seen`` of known ones (through the item_id index)."""
        new, odd, known = [], [], []
        for s in self._sightings.values():
            key = (str(s[0]), str(s[1]), str(s[2]), str(s[3]))
            if s[0] in fresh:  # a new item's sightings are new: a plain insert
                new.append(s)
            elif joinable(key):
                known.append((key, s))
            else:
                odd.append(s)
        found = set_by_key(self.con, "item_sightings", _SIGHTING_KEY, "last_seen",
                           [(key, s[5]) for key, s in known])  # fmt: skip
        new += [s for key, s in known if key not in found]
        insert_rows(self.con, "item_sightings", SIGHTING_COLUMNS, new)
        # A key no literal can carry: the upsert that scans, rare enough not to matter.
        insert_rows(
            self.con, "item_sightings", SIGHTING_COLUMNS, odd,
            on_conflict="ON CONFLICT (item_id, source, via, seen_url)"
            " DO UPDATE SET last_seen = excluded.last_seen",
        )  # fmt: skip

    def _flush_versions(self) -> None:
        known = {v.item_id for v in self._versions if not self.rows[v.item_id].created}
        last: dict[str, int] = defaultdict(int)
        select = "SELECT item_id, version FROM item_versions"
        for item_id, version in select_in(self.con, select, [("item_id", known)]):
            last[item_id] = max(last[item_id], version)
        rows = []
        for v in self._versions:
            last[v.item_id] += 1
            rec = v.record
            rows.append([v.item_id, last[v.item_id], v.seen_at, rec.fetch_id, rec.title,
                         rec.lead, rec.text, rec.published_at, rec.modified_at, v.content_hash])  # fmt: skip
        insert_rows(self.con, "item_versions", VERSION_COLUMNS, rows)
