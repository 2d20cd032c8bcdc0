"""Typed records that cross module boundaries (discovery → fetch → extract → store → link)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

#: What an item is. "video" is a TV segment page.
ItemKind = Literal["article", "video", "blog", "press_release", "agenda", "other"]
ITEM_KINDS: tuple[str, ...] = ("article", "video", "blog", "press_release", "agenda", "other")

#: How precise a published date is: a full time, a day only, a month only.
DatePrecision = Literal["time", "day", "month"]


@dataclass(frozen=True)
class ItemRecord:
    """An item ready to be stored: from an import, a crawl, or an archive capture.

    ``url`` is the canonical URL when known; without it the store keys the item by
    outlet + date + normalised title, and merges it when a crawl later finds the URL.
    """

    outlet: str
    title: str | None
    via: str
    url: str | None = None
    original_url: str | None = None
    archive_url: str | None = None
    source: str | None = None
    kind: str = "article"
    lead: str | None = None
    text: str | None = None
    published_at: datetime | None = None
    published_precision: str | None = None
    modified_at: datetime | None = None
    date_source: str | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    language: str | None = None
    duration_s: float | None = None
    provenance: dict[str, Any] | None = None
    fetch_id: int | None = None
    seen_url: str | None = None
    hint: dict[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class UpsertResult:
    """What storing one item did."""

    item_id: str
    created: bool
    new_version: bool
    merged_synthetic: bool = False
