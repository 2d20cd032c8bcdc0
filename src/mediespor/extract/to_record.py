"""Turn an extracted :class:`Article` into the :class:`ItemRecord` the store takes."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from mediespor.danish_dates import in_copenhagen
from mediespor.date_interval import interval
from mediespor.date_sanity import implausible
from mediespor.extract.article import Article
from mediespor.models import ItemRecord
from mediespor.reference_time import ReferenceTime
from mediespor.urls import canonicalize, same_site

#: Comment paragraphs kept in an item's provenance; the rest is counted, not stored.
MAX_COMMENTS = 200


def _canon(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return canonicalize(url)
    except ValueError:
        return None


def _hint_precision(value: datetime) -> str:
    local = in_copenhagen(value)
    return "day" if local.time() == time(0, 0) else "time"


def _within(published: datetime, hint: datetime, hint_precision: str | None) -> bool:
    """True when the page's date falls in the days the hint stands for."""
    span = interval(hint, hint_precision or _hint_precision(hint))
    return span is not None and span.overlaps(interval(published, "day"))


def article_to_record(
    article: Article,
    *,
    outlet: str,
    source: str | None,
    via: str,
    fetch_id: int | None,
    original_url: str | None = None,
    archive_url: str | None = None,
    hint_published: datetime | None = None,
    hint_precision: str | None = None,
    reference: ReferenceTime | None = None,
) -> ItemRecord:
    """Build the item for a fetched page.

    The page's own canonical URL becomes the item URL when it is on the same site as the page
    (a canonical pointing elsewhere is a syndication partner or a mistake, and is kept only in
    provenance). ``hint_published`` (e.g. a feed's pubDate) dates an undated page, and the
    provenance says so; the page's own date always wins over the hint. ``hint_precision`` is
    the hint's own precision when the listing said it (a curated list's "juni 2017" is a month,
    not the 1st); without it a hint at midnight is a day. A hint outside the sane range
    (before 1995, or after the reference time: a feed's 9999-12-31 placeholder) is dropped
    with a note, never the item. ``reference``, the time the page was read as of (the capture
    time of an archived page), goes into the provenance.
    """
    page_url = original_url or article.url
    url = _canon(page_url)
    provenance: dict[str, Any] = dict(article.provenance)
    canonical = article.canonical_url
    if canonical and url and same_site(canonical, page_url):
        url = canonical
    elif canonical:
        provenance["foreign_canonical"] = canonical
    if reference is not None:
        provenance["reference_time"] = reference.as_json()
    if hint_published is not None:
        problem = implausible(hint_published, reference.value if reference else None)
        if problem:
            # New lists: the article's own provenance lists must not change.
            note = f"listing_hint: {hint_published.isoformat()} {problem}"
            provenance["dates_rejected"] = [*provenance.get("dates_rejected", ()), note]
            hint_published = None
    published, precision, date_source = (
        article.published,
        article.published_precision,
        article.date_source,
    )
    if published is None and hint_published is not None:
        published, precision, date_source = (
            hint_published,
            hint_precision or _hint_precision(hint_published),
            "listing_hint",
        )
    elif (
        hint_published is not None
        and published is not None
        and not _within(published, hint_published, hint_precision)
    ):
        hint_sig = {"source": "listing_hint", "value": hint_published.isoformat()}
        provenance["date_disagreements"] = [*provenance.get("date_disagreements", ()), hint_sig]
    if article.comments:
        provenance["comments"] = list(article.comments[:MAX_COMMENTS])
        provenance["comment_count"] = len(article.comments)
    if published is None:
        provenance["undated"] = True
    return ItemRecord(
        **article.description(),
        outlet=outlet,
        title=article.title,
        via=via,
        url=url,
        original_url=_canon(original_url) or _canon(article.url),
        archive_url=archive_url,
        source=source,
        text=article.text or None,
        published_at=published,
        published_precision=precision,
        modified_at=article.modified,
        date_source=date_source,
        provenance=provenance,
        fetch_id=fetch_id,
        seen_url=article.url,
    )
