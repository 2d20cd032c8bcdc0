"""Typed records that cross module boundaries (discovery → fetch → extract → store → link)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

from mediespor.failures import FailureKind

#: What an item is. "video" is a TV segment page.
ItemKind = Literal["article", "video", "blog", "press_release", "agenda", "other"]
ITEM_KINDS: tuple[str, ...] = ("article", "video", "blog", "press_release", "agenda", "other")

#: How precise a published date is: a full time, a day, a month or a year only (the values of
#: :class:`mediespor.date_interval.Precision`).
DatePrecision = Literal["time", "day", "month", "year"]


@dataclass(frozen=True)
class CorpusRef:
    """Where an item taken from a licensed corpus came from: the evidence behind it."""

    corpus: str
    record_id: str
    license: str
    attribution: str | None = None


@dataclass(frozen=True, kw_only=True)
class ItemDescription:
    """What a page says about itself that its stored item keeps unchanged.

    Declared once here: :class:`mediespor.extract.article.Article` reads these from the page
    and :class:`ItemRecord` stores them as they are (:meth:`description` copies them over).
    Keyword-only, so each record keeps its own positional fields in front.
    """

    kind: str = "article"
    lead: str | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    language: str | None = None
    duration_s: float | None = None

    def description(self) -> dict[str, Any]:
        """These fields as keyword arguments for another record, e.g. ``ItemRecord(**...)``."""
        return {f.name: getattr(self, f.name) for f in fields(ItemDescription)}


@dataclass(frozen=True)
class ItemRecord(ItemDescription):
    """An item ready to be stored: from an import, a crawl, or an archive capture.

    ``url`` is the canonical URL when known; without it the store keys the item by
    outlet + date + normalised title, and merges it when a crawl later finds the URL.
    The page's own description (kind, lead, authors, ...) comes from :class:`ItemDescription`.
    """

    outlet: str
    title: str | None
    via: str
    url: str | None = None
    original_url: str | None = None
    archive_url: str | None = None
    source: str | None = None
    text: str | None = None
    published_at: datetime | None = None
    published_precision: str | None = None
    modified_at: datetime | None = None
    date_source: str | None = None
    provenance: dict[str, Any] | None = None
    fetch_id: int | None = None
    seen_url: str | None = None
    hint: dict[str, Any] | None = field(default=None, compare=False)
    #: The corpus record the item was read from (a corpus source), kept as its evidence.
    corpus_ref: CorpusRef | None = None


@dataclass(frozen=True)
class UpsertResult:
    """What storing one item did."""

    item_id: str
    created: bool
    new_version: bool
    merged_synthetic: bool = False


@dataclass
class StoredCounts:
    """How many stored items were new, got a new version, or stayed as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, result: UpsertResult) -> None:
        """Count what storing one item did."""
        if result.created:
            self.created += 1
        elif result.new_version:
            self.updated += 1
        else:
            self.unchanged += 1


@dataclass(frozen=True)
class FetchResult:
    """One HTTP exchange as the rest of the pipeline sees it (the fetcher's output).

    ``body`` holds the decoded (content-encoding removed) bytes for 2xx responses of a kept
    content type; it is ``None`` for 304 Not Modified, errors, refused and skipped requests.
    """

    url: str
    final_url: str | None
    status: int | None
    fetched_at: datetime
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    content_type: str | None = None
    encoding: str | None = None
    not_modified: bool = False
    error_kind: FailureKind | None = None
    error: str | None = None
    redirects: tuple[str, ...] = ()
    fetch_id: int | None = None
    #: When an archive captured the page (a Common Crawl record's WARC-Date); None when the
    #: body is a live response. ``fetched_at`` is always when we downloaded it.
    captured_at: datetime | None = None

    @property
    def ok(self) -> bool:
        """A 2xx response with a body to parse."""
        return self.status is not None and 200 <= self.status < 300 and self.body is not None

    def text(self) -> str:
        """The body decoded with the detected encoding (never raises on bad bytes)."""
        if self.body is None:
            return ""
        return self.body.decode(self.encoding or "utf-8", errors="replace")


@dataclass(frozen=True)
class Candidate:
    """A URL found by discovery, with what the listing already said about it.

    ``url`` is the canonical original URL (the item key). ``fetch_url`` is what to download
    instead when it differs, e.g. a Wayback ``id_`` capture of a page that is gone.
    """

    url: str
    source: str
    via: str
    outlet: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    summary: str | None = None
    fetch_url: str | None = None
    archive_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class WarcPointer:
    """Where one record lives: file name relative to the WARC folder, byte offset and length."""

    file: str
    offset: int
    length: int


@dataclass(frozen=True)
class Hop:
    """One response in a redirect chain."""

    url: str
    status: int | None


@dataclass(frozen=True)
class FetchLogEntry:
    """What is known about one request when it ends."""

    url: str
    fetched_at: datetime
    run_id: int | None = None
    source: str | None = None
    final_url: str | None = None
    status: int | None = None
    redirects: tuple[Hop, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    body_sha256: str | None = None
    body_bytes: int | None = None
    warc: WarcPointer | None = None
    error_kind: FailureKind | None = None
    error: str | None = None
    attempts: int = 1
    elapsed_ms: float | None = None
    #: The frontier URL whose page this request fetched: the row (and its validators) commits
    #: with that page, never before it (see :class:`mediespor.store.fetches.FetchLog`).
    page: str | None = None


@dataclass(frozen=True)
class Validators:
    """What a server said it would recognise on the next request."""

    etag: str | None
    last_modified: str | None
