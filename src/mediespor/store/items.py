"""Write items, their versions and sightings; merge list-only items into crawled ones.

One function, :func:`upsert_item`, is the only way items enter the database, whatever found
them (import, feed, sitemap, archive). It is idempotent: storing the same record twice changes
nothing but ``last_seen``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from datetime import datetime

import duckdb

from mediespor.danish_dates import CPH, sql_local
from mediespor.date_interval import Precision, interval
from mediespor.date_sanity import implausible
from mediespor.models import ItemRecord, UpsertResult
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
    joined = "\x1f".join(clean_text(v) for v in (title, lead, text))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


_ITEM_COLS = (
    "item_id, item_key, url, original_url, archive_url, source, outlet, kind, title, title_key,"
    " lead, text, published_at, published_precision, modified_at, date_source, authors, section,"
    " language, duration_s, provenance, first_seen, last_seen, content_hash, is_relevant,"
    " topic_terms, last_fetch_id"
)


def _find_existing(con: duckdb.DuckDBPyConnection, record: ItemRecord, key: str):
    row = con.execute("SELECT item_id, item_key FROM items WHERE item_key = ?", [key]).fetchone()
    if row:
        return row[0], False
    if not record.url and record.title and record.published_at is not None:
        # A list-only record (a curated line, a corpus row) of an article already stored by its
        # URL is that article: same outlet, Copenhagen day and title. (The other order, the
        # list first, is merged below when the URL arrives.)
        row = con.execute(
            "SELECT item_id FROM items WHERE outlet = ? AND title_key = ? AND url IS NOT NULL"
            f" AND CAST({sql_local('published_at')} AS DATE) = CAST(? AS DATE)"
            " ORDER BY first_seen, item_id LIMIT 1",
            [record.outlet, title_key(record.title), local_date(record.published_at)],
        ).fetchone()
        if row:
            return row[0], False
    if record.url:
        # The same article may already be known by its original (pre-redirect) or archive URL,
        # or by a spelling an older canonicalisation kept apart ("/x/" for "/x").
        # Always two values: a fixed IN list is planned as cheaply as the old equality test.
        former = former_spellings(record.url)
        spellings = [record.url, former[0] if former else record.url]
        row = con.execute(
            "SELECT item_id FROM items WHERE url IN (?, ?) OR original_url IN (?, ?)"
            " ORDER BY first_seen LIMIT 1",
            [*spellings, *spellings],
        ).fetchone()
        if row:
            return row[0], False
        # The same article body under another URL of the same site (a trailing slash, an AMP
        # variant, a tracking path) is the same item: the second line behind canonical URLs.
        same = _same_content_on_site(con, record)
        if same is not None:
            return same, False
        # A list-only (synthetic) item with the same outlet, day and title becomes this item.
        if record.title and record.published_at is not None:
            skey = synthetic_key(record.outlet, record.published_at, record.title)
            row = con.execute("SELECT item_id FROM items WHERE item_key = ?", [skey]).fetchone()
            if row:
                return row[0], True
    return None, False


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


def _same_content_on_site(con: duckdb.DuckDBPyConnection, record: ItemRecord) -> str | None:
    """The item of the same site whose current title, lead and text equal the record's."""
    if not record.url or record.fetch_id is None or record.archive_url is not None:
        return None
    if len(clean_text(record.text)) < MIN_DEDUP_TEXT:
        return None
    chash = content_hash(record.title, record.lead, record.text)
    site = _site(record.url)
    for item_id, url in con.execute(
        "SELECT item_id, url FROM items WHERE content_hash = ? AND url IS NOT NULL"
        " ORDER BY first_seen, item_id",
        [chash],
    ).fetchall():
        if _site(url) == site:
            return item_id
    return None


def upsert_item(
    con: duckdb.DuckDBPyConnection,
    record: ItemRecord,
    *,
    now: datetime,
    run_id: int | None,
    relevant: bool | None,
    topic_terms: list[str] | None,
) -> UpsertResult:
    """Insert or update one item, recording a new version when its content changed.

    Fields the record leaves empty never erase what is stored (an import without text does not
    blank a crawled article). Call inside a transaction for batch atomicity. A date outside the
    sane range is dropped with a note in the provenance (see :mod:`mediespor.date_sanity`).
    """
    record = _sane_dates(record, now)
    key = item_key_for(record)
    chash = content_hash(record.title, record.lead, record.text)
    existing_id, merging = _find_existing(con, record, key)
    provenance = json.dumps(record.provenance, ensure_ascii=False) if record.provenance else None
    if existing_id is None:
        item_id = item_id_for(key)
        con.execute(
            f"INSERT INTO items ({_ITEM_COLS}) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                item_id, key, record.url, record.original_url or record.url, record.archive_url,
                record.source, record.outlet, record.kind, record.title, title_key(record.title),
                record.lead, record.text, record.published_at, record.published_precision,
                record.modified_at, record.date_source, list(record.authors) or None,
                record.section, record.language, record.duration_s, provenance, now, now, chash,
                relevant, topic_terms, record.fetch_id,
            ],
        )  # fmt: skip
        _add_version(con, item_id, 1, record, chash, now)
        _sighting(con, item_id, record, now, run_id)
        return UpsertResult(item_id, created=True, new_version=True)

    item_id = existing_id
    current = con.execute(
        "SELECT content_hash, title, lead, text, published_at, published_precision FROM items"
        " WHERE item_id = ?",
        [item_id],
    ).fetchone()
    has_content = any(clean_text(v) for v in (record.title, record.lead, record.text))
    # A record with less content (a feed teaser, a list line) is a sighting, not a new version,
    # unless it brings something the stored item lacks. A fetched live page with text is the
    # page itself: when it is shorter, the article was cut, and that is a version too. An
    # archive capture is evidence of the past, so it never replaces newer text by being later.
    richer_or_equal = len(clean_text(record.text)) >= len(clean_text(current[3]))
    full_page = (
        record.fetch_id is not None and record.archive_url is None and bool(clean_text(record.text))
    )
    new_version = bool(
        has_content and chash != current[0] and (richer_or_equal or merging or full_page)
    )
    sets = ["last_seen = ?"]
    params: list[object] = [now]

    def put(col: str, value: object, *, overwrite: bool) -> None:
        if value is None or value == () or value == []:
            return
        if overwrite:
            sets.append(f"{col} = ?")
        else:
            sets.append(f"{col} = coalesce({col}, ?)")
        params.append(value)

    if merging:
        put("item_key", key, overwrite=True)
    put("url", record.url, overwrite=merging)
    put("original_url", record.original_url or record.url, overwrite=False)
    put("archive_url", record.archive_url, overwrite=False)
    put("source", record.source, overwrite=merging)
    put("kind", record.kind if record.kind != "article" else None, overwrite=merging)
    sharper = refines_date(current[4], current[5], record.published_at, record.published_precision)
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
        sets.append("content_hash = ?")
        params.append(chash)
        if relevant is not None:
            sets.append("is_relevant = ?")
            params.append(relevant)
            sets.append("topic_terms = ?")
            params.append(topic_terms)
    else:
        put("title", record.title, overwrite=False)
        put("lead", record.lead, overwrite=False)
        put("text", record.text, overwrite=False)
        if relevant:
            sets.append("is_relevant = TRUE")
            sets.append("topic_terms = coalesce(topic_terms, ?)")
            params.append(topic_terms)
        elif relevant is False:
            sets.append("is_relevant = coalesce(is_relevant, FALSE)")
    con.execute(f"UPDATE items SET {', '.join(sets)} WHERE item_id = ?", [*params, item_id])
    if new_version:
        version = con.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM item_versions WHERE item_id = ?", [item_id]
        ).fetchone()[0]
        _add_version(con, item_id, version, record, chash, now)
    _sighting(con, item_id, record, now, run_id)
    return UpsertResult(item_id, created=False, new_version=new_version, merged_synthetic=merging)


def _add_version(con, item_id: str, version: int, record: ItemRecord, chash: str, now) -> None:
    con.execute(
        "INSERT INTO item_versions (item_id, version, seen_at, fetch_id, title, lead, text,"
        " published_at, modified_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            item_id, version, now, record.fetch_id, record.title, record.lead, record.text,
            record.published_at, record.modified_at, chash,
        ],
    )  # fmt: skip


def _sighting(con, item_id: str, record: ItemRecord, now, run_id: int | None) -> None:
    seen_url = record.seen_url or record.url or item_key_for(record)
    hint = json.dumps(record.hint, ensure_ascii=False, default=str) if record.hint else None
    con.execute(
        "INSERT INTO item_sightings (item_id, source, via, seen_url, first_seen, last_seen,"
        " run_id, hint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (item_id, source, via, seen_url) DO UPDATE SET last_seen = excluded.last_seen",
        [item_id, record.source or "", record.via, seen_url, now, now, run_id, hint],
    )
