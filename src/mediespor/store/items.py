"""Write items, their versions and sightings; merge list-only items into crawled ones.

:func:`store_items` (and :func:`upsert_item`, a batch of one) is the only way items enter the
database, whatever found them (import, feed, sitemap, archive). It is idempotent: storing the
same record twice changes nothing but ``last_seen``. A batch is decided record by record, with
the same outcome as storing its records one after another, and written set-wise
(:mod:`mediespor.store.item_batch`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from mediespor.danish_dates import CPH
from mediespor.date_interval import Precision, interval
from mediespor.date_sanity import implausible
from mediespor.models import ItemRecord, UpsertResult
from mediespor.store.item_batch import ItemBatch, ItemRow, listing_key
from mediespor.urls import former_spellings, host_of, site_of

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def title_key(title: str | None) -> str:
    """Normalised title for matching list entries: case-folded words joined by '-'."""
    if not title:
        return ""
    t = unicodedata.normalize("NFC", title).casefold()
    return _NON_WORD.sub("-", t).strip("-_")


def _slug(text: str) -> str:
    return title_key(text) or "ukendt"


def local_date(ts: datetime | None) -> str | None:
    """The Copenhagen calendar date of ``ts`` as ISO text."""
    if ts is None:
        return None
    return ts.astimezone(CPH).date().isoformat()


def synthetic_key(outlet: str, published_at: datetime | None, title: str | None) -> str:
    """Stable key for an item known without URL: outlet + local date + normalised title."""
    return f"synthetic:{_slug(outlet)}/{local_date(published_at) or 'udateret'}/{title_key(title)}"


def item_key_for(record: ItemRecord) -> str:
    """The key an item is stored under: its canonical URL, else the synthetic key."""
    return record.url or synthetic_key(record.outlet, record.published_at, record.title)


def item_id_for(key: str) -> str:
    """Short stable id derived from an item's first key (16 hex digits)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def clean_text(value: str | None) -> str:
    """Whitespace-normalised text; cosmetic differences do not make a new version."""
    if not value:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", value)).strip()


def content_hash(title: str | None, lead: str | None, text: str | None) -> str:
    """Hash of the visible content (title, lead, text), insensitive to whitespace."""
    return _hash_cleaned([clean_text(v) for v in (title, lead, text)])


def _hash_cleaned(parts: Sequence[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


_FINENESS = {Precision.TIME: 0, Precision.DAY: 1, Precision.MONTH: 2, Precision.YEAR: 3}


def refines_date(
    stored_at: datetime | None,
    stored_precision: str | None,
    new_at: datetime | None,
    new_precision: str | None,
) -> bool:
    """True when a new date is finer than the stored one and lies inside its span.

    A list said "juni 2017" and the page itself says 28 June 14:05: the page's date replaces the
    month. A new date outside the stored span, or no finer, never replaces it (the first
    trustworthy date stays; disagreements are for provenance, not for overwriting).
    """
    if stored_at is None or new_at is None:
        return False
    try:
        old_p = Precision(stored_precision or Precision.TIME)
        new_p = Precision(new_precision or Precision.TIME)
    except ValueError:
        return False  # an unknown precision is never trusted to refine anything
    if _FINENESS[new_p] >= _FINENESS[old_p]:
        return False
    old, new = interval(stored_at, old_p), interval(new_at, new_p)
    return old.first <= new.first and new.last <= old.last


def _sane_dates(record: ItemRecord, now: datetime) -> ItemRecord:
    """The record without dates outside the sane range, each noted in its provenance.

    The last guard for every path into the store (imports, lists, crawls): a 9999-12-31 or a
    1970 date is dropped with the reason, the item is kept.
    """
    notes: list[str] = []
    changes: dict[str, object] = {}
    for name in ("published_at", "modified_at"):
        value = getattr(record, name)
        if value is not None and (problem := implausible(value, now)):
            notes.append(f"{name}: {value.isoformat()} {problem}")
            changes[name] = None
    if not notes:
        return record
    provenance = dict(record.provenance or {})
    provenance["dates_rejected"] = [*provenance.get("dates_rejected", ()), *notes]
    if "published_at" in changes:
        changes.update(published_precision=None, date_source=None)
        provenance["undated"] = True
    return dataclasses.replace(record, provenance=provenance, **changes)


#: Shortest article text (characters) whose hash may merge two URLs: short bodies (a video
#: page with one line, an error page) are alike without being the same article.
MIN_DEDUP_TEXT = 200


def _site(url: str) -> str:
    return site_of(host_of(url))


@dataclass(frozen=True)
class StoreRequest:
    """One record to store, with what the caller decided about it.

    ``now`` is when it was seen (a crawl passes each page's fetch time). ``revive`` says the
    page itself was just fetched alive: an item marked gone (an earlier 404) is gone no more.
    """

    record: ItemRecord
    now: datetime
    relevant: bool | None = None
    topic_terms: list[str] | None = None
    revive: bool = False


@dataclass(frozen=True)
class _Prepared:
    request: StoreRequest
    record: ItemRecord
    key: str
    chash: str
    #: The URL's spellings to match ``url``/``original_url`` against (always two values).
    spellings: tuple[str, ...]
    #: The list-only (synthetic) key this record may take over, when it has a URL and a date.
    synthetic: str | None
    #: A URL-less dated record's outlet, title key and day: it is the URL item listed so.
    listed: tuple[str, str, str] | None
    #: Whether the same content on the same site makes this record that item.
    by_content: bool
    #: Whether the record has a title, lead or text (after whitespace clean-up).
    has_content: bool
    #: Length of the record's cleaned text.
    text_len: int


def _prepare(request: StoreRequest) -> _Prepared:
    record = _sane_dates(request.record, request.now)
    key = item_key_for(record)
    spellings: tuple[str, ...] = ()
    synthetic = None
    if record.url:
        # The same article may already be known by its original (pre-redirect) or archive URL,
        # or by a spelling an older canonicalisation kept apart ("/x/" for "/x").
        former = former_spellings(record.url)
        spellings = (record.url, former[0] if former else record.url)
        if record.title and record.published_at is not None:
            synthetic = synthetic_key(record.outlet, record.published_at, record.title)
    cleaned = [clean_text(v) for v in (record.title, record.lead, record.text)]
    listed = None
    if not record.url and record.title and record.published_at is not None:
        listed = listing_key(record.outlet, title_key(record.title), record.published_at)
    by_content = bool(
        record.url and record.fetch_id is not None and record.archive_url is None
        and len(cleaned[2]) >= MIN_DEDUP_TEXT
    )  # fmt: skip
    return _Prepared(
        request, record, key, _hash_cleaned(cleaned), spellings, synthetic, listed, by_content,
        has_content=any(cleaned), text_len=len(cleaned[2]),
    )  # fmt: skip


def _find_existing(batch: ItemBatch, p: _Prepared) -> tuple[ItemRow | None, bool]:
    """The stored item ``p`` is, and whether it is a list-only item being merged into it."""
    row = batch.by_key(p.key)
    if row is not None:
        return row, False
    if p.listed is not None:
        # A list-only record (a curated line, a corpus row) of an article already stored by its
        # URL is that article: same outlet, Copenhagen day and title. (The other order, the
        # list first, is merged below when the URL arrives.)
        row = batch.by_listing(p.listed)
        if row is not None:
            return row, False
    if not p.record.url:
        return None, False
    row = batch.by_url(p.spellings)
    if row is not None:
        return row, False
    if p.by_content:
        # The same article body under another URL of the same site (a trailing slash, an AMP
        # variant, a tracking path) is the same item: the second line behind canonical URLs.
        site = _site(p.record.url)
        for row in batch.by_hash(p.chash):
            if _site(str(row.values["url"])) == site:
                return row, False
    if p.synthetic is not None:
        # A list-only (synthetic) item with the same outlet, day and title becomes this item.
        row = batch.by_key(p.synthetic)
        if row is not None:
            return row, True
    return None, False


def store_items(
    con: duckdb.DuckDBPyConnection, requests: Sequence[StoreRequest], *, run_id: int | None
) -> list[UpsertResult]:
    """Store many records at once: the same outcome as :func:`upsert_item` one after another.

    Each record is matched against the stored items (by key, URL, original URL, content on the
    same site, list-only key) and against the records before it in ``requests``; the stored
    items it may match are read once through indexes, and the writes go out set-wise at the
    end. Call inside a transaction for batch atomicity.
    """
    prepared = [_prepare(r) for r in requests]
    batch = ItemBatch(con)
    batch.load(
        keys=[k for p in prepared for k in (p.key, p.synthetic) if k],
        urls=[s for p in prepared for s in p.spellings],
        hashes=[p.chash for p in prepared if p.by_content],
        title_keys=[p.listed[1] for p in prepared if p.listed],
    )
    results = [_store_one(batch, p, run_id) for p in prepared]
    batch.flush()
    return results


def _store_one(batch: ItemBatch, p: _Prepared, run_id: int | None) -> UpsertResult:
    record, now, key, chash = p.record, p.request.now, p.key, p.chash
    relevant, topic_terms = p.request.relevant, p.request.topic_terms
    row, merging = _find_existing(batch, p)
    provenance = json.dumps(record.provenance, ensure_ascii=False) if record.provenance else None
    if row is None:
        row = batch.insert({
            "item_id": item_id_for(key), "item_key": key, "url": record.url,
            "original_url": record.original_url or record.url, "archive_url": record.archive_url,
            "source": record.source, "outlet": record.outlet, "kind": record.kind,
            "title": record.title, "title_key": title_key(record.title), "lead": record.lead,
            "text": record.text, "published_at": record.published_at,
            "published_precision": record.published_precision, "modified_at": record.modified_at,
            "date_source": record.date_source, "authors": list(record.authors) or None,
            "section": record.section, "language": record.language,
            "duration_s": record.duration_s, "provenance": provenance, "first_seen": now,
            "last_seen": now, "content_hash": chash, "is_relevant": relevant,
            "topic_terms": topic_terms, "last_fetch_id": record.fetch_id,
        })  # fmt: skip
        batch.add_version(row, record, chash, now)
        _sighting(batch, row.item_id, record, now, run_id)
        return UpsertResult(row.item_id, created=True, new_version=True)

    current = row.values
    # A record with less content (a feed teaser, a list line) is a sighting, not a new version,
    # unless it brings something the stored item lacks. A fetched live page with text is the
    # page itself: when it is shorter, the article was cut, and that is a version too. An
    # archive capture is evidence of the past, so it never replaces newer text by being later.
    full_page = record.fetch_id is not None and record.archive_url is None and p.text_len > 0
    new_version = bool(
        p.has_content
        and chash != current["content_hash"]
        and (merging or full_page or p.text_len >= len(clean_text(current["text"])))  # type: ignore[arg-type]
    )
    # Every right-hand side reads the row as it was before this record (as one SQL UPDATE).
    before = dict(current)
    updates: dict[str, object] = {"last_seen": now}

    def put(col: str, value: object, *, overwrite: bool) -> None:
        if value is None or value == () or value == []:
            return
        updates[col] = value if overwrite or before[col] is None else before[col]

    if merging:
        put("item_key", key, overwrite=True)
    put("url", record.url, overwrite=merging)
    put("original_url", record.original_url or record.url, overwrite=False)
    put("archive_url", record.archive_url, overwrite=False)
    put("source", record.source, overwrite=merging)
    put("kind", record.kind if record.kind != "article" else None, overwrite=merging)
    sharper = refines_date(
        before["published_at"], before["published_precision"],  # type: ignore[arg-type]
        record.published_at, record.published_precision,
    )  # fmt: skip
    put("published_at", record.published_at, overwrite=sharper)
    put("published_precision", record.published_precision, overwrite=sharper)
    put("date_source", record.date_source, overwrite=sharper)
    put("authors", list(record.authors), overwrite=new_version)
    put("section", record.section, overwrite=new_version)
    put("language", record.language, overwrite=new_version)
    put("duration_s", record.duration_s, overwrite=new_version)
    put("provenance", provenance, overwrite=new_version)
    put("last_fetch_id", record.fetch_id, overwrite=True)
    if new_version:
        put("title", record.title, overwrite=True)
        put("title_key", title_key(record.title) or None, overwrite=True)
        put("lead", record.lead, overwrite=True)
        put("text", record.text, overwrite=True)
        put("modified_at", record.modified_at, overwrite=True)
        updates["content_hash"] = chash
        if relevant is not None:
            updates["is_relevant"] = relevant
            updates["topic_terms"] = topic_terms
    else:
        put("title", record.title, overwrite=False)
        put("lead", record.lead, overwrite=False)
        put("text", record.text, overwrite=False)
        if relevant:
            updates["is_relevant"] = True
            if before["topic_terms"] is None:
                updates["topic_terms"] = topic_terms
        elif relevant is False and before["is_relevant"] is None:
            updates["is_relevant"] = False
    if p.request.revive:
        updates["gone"] = False
    for col, value in updates.items():
        batch.set(row, col, value)
    if new_version:
        batch.add_version(row, record, chash, now)
    _sighting(batch, row.item_id, record, now, run_id)
    return UpsertResult(
        row.item_id, created=False, new_version=new_version, merged_synthetic=merging
    )


def upsert_item(
    con: duckdb.DuckDBPyConnection,
    record: ItemRecord,
    *,
    now: datetime,
    run_id: int | None,
    relevant: bool | None,
    topic_terms: list[str] | None,
    revive: bool = False,
) -> UpsertResult:
    """Insert or update one item, recording a new version when its content changed.

    Fields the record leaves empty never erase what is stored (an import without text does not
    blank a crawled article). Call inside a transaction for batch atomicity. A date outside the
    sane range is dropped with a note in the provenance (see :mod:`mediespor.date_sanity`).
    Many records at once: :func:`store_items`.
    """
    request = StoreRequest(record, now, relevant, topic_terms, revive)
    return store_items(con, [request], run_id=run_id)[0]


class ItemQueue:
    """Records stored together, set-wise, when the store's transaction is about to commit.

    The crawl stores each page inside the frontier's transaction of up to 64 pages; queued
    there (see :meth:`mediespor.store.db.Store.deferring`), a batch costs a handful of
    statements instead of several per page. ``then`` gets each record's result at the flush.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, run_id: int | None):
        self.con = con
        self.run_id = run_id
        self._pending: list[tuple[StoreRequest, Callable[[UpsertResult], None]]] = []

    def add(self, request: StoreRequest, then: Callable[[UpsertResult], None]) -> None:
        """Queue ``request``; ``then(result)`` runs when it is stored."""
        self._pending.append((request, then))

    def flush(self) -> None:
        """Store every queued record now (in the caller's transaction)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        results = store_items(self.con, [r for r, _ in pending], run_id=self.run_id)
        for (_, then), result in zip(pending, results, strict=True):
            then(result)

    def discard(self) -> None:
        """Drop the queued records (their transaction rolled back)."""
        self._pending.clear()


def _sighting(batch: ItemBatch, item_id: str, record: ItemRecord, now, run_id: int | None) -> None:
    seen_url = record.seen_url or record.url or item_key_for(record)
    hint = json.dumps(record.hint, ensure_ascii=False, default=str) if record.hint else None
    batch.add_sighting(item_id, record.source or "", record.via, seen_url, now, run_id, hint)
