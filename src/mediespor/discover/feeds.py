"""RSS 0.9x/1.0/2.0 and Atom feeds through feedparser, fetched with conditional GET."""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser
from selectolax.lexbor import LexborHTMLParser

from mediespor.config.sources import FeedSource
from mediespor.danish_dates import parse_danish_date
from mediespor.discover.base import (
    fetch_problem,
    parse_w3c_datetime,
    safe_canonical,
    strip_internal_dtd,
)
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.extract_pool import ParseCutOff, offload
from mediespor.models import Candidate, FetchResult
from mediespor.progress import fields

log = logging.getLogger(__name__)
#: feedparser keeps summaries whole; a listing only needs enough for the pre-filter.
MAX_SUMMARY_CHARS = 2000


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry as the feed describes it."""

    url: str
    title: str | None
    published_at: datetime | None
    updated_at: datetime | None
    summary: str | None
    entry_id: str | None


@dataclass
class ParsedFeed:
    """A parsed feed: its entries and what was wrong with it (malformed XML, bad links)."""

    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _html_to_text(value: str | None) -> str | None:
    if not value:
        return None
    if "<" not in value and "&" not in value:
        text = value
    else:
        text = LexborHTMLParser(f"<div>{value}</div>").body.text(separator=" ")
    text = " ".join(text.split())
    return text[:MAX_SUMMARY_CHARS] or None


def _entry_date(entry: dict, key: str) -> datetime | None:
    # feedparser normalises every date format it knows to a UTC struct_time; the raw string
    # is the fallback for ISO values it did not recognise.
    # dict.get: feedparser maps a missing updated_parsed to published_parsed, with a warning.
    parsed = dict.get(entry, f"{key}_parsed")
    if parsed:
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
        except (OverflowError, ValueError, OSError):
            pass
    raw = dict.get(entry, key)
    parsed = parse_w3c_datetime(raw)
    if parsed is None and isinstance(raw, str):
        found = parse_danish_date(raw)  # Danish feeds sometimes write "28. juni 2017 14:32"
        parsed = found.value if found else None
    return parsed


def _entry_link(entry: dict) -> str | None:
    link = entry.get("link")
    if link:
        return link
    for alt in entry.get("links") or []:
        if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
            return alt["href"]
    guid = entry.get("id")
    if guid and guid.startswith(("http://", "https://")):
        return guid
    return None


def parse_feed(body: bytes, *, base_url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS/Atom bytes; a malformed feed still yields the entries that parsed."""
    out = ParsedFeed()
    if not body or not body.strip():
        out.problems.append("empty feed")
        return out
    body, stripped = strip_internal_dtd(body)
    if stripped:
        out.problems.append("feed declares its own XML entities; the DOCTYPE was removed unread")
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, resolve_relative_uris=True)
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        out.problems.append(f"malformed feed: {type(exc).__name__}: {exc}"[:500])
    out.title = _html_to_text(parsed.feed.get("title")) if parsed.get("feed") else None
    for entry in parsed.entries:
        raw = _entry_link(entry)
        url = safe_canonical(raw, base_url)
        if url is None:
            out.problems.append(f"entry without a usable link: {str(raw)[:200]!r}")
            continue
        title = _html_to_text(entry.get("title"))
        summary = _html_to_text(entry.get("summary"))
        published = _entry_date(entry, "published")
        updated = _entry_date(entry, "updated")
        out.entries.append(
            FeedEntry(url, title, published or updated, updated, summary, entry.get("id"))
        )
    return out


async def parse_fetched_feed(res: FetchResult) -> ParsedFeed:
    """:func:`parse_feed` of a fetched answer, in the crawl's worker pool when there is one,
    so a pathological feed is cut off (ParseCutOff) instead of stalling the run."""
    return await offload(
        parse_feed, res.body or b"", base_url=res.final_url or res.url,
        content_type=res.content_type,
    )  # fmt: skip


def entries_to_candidates(
    feed: ParsedFeed, walker: SourceWalk, *, since: datetime | None, via: str | None = None
) -> tuple[list[Candidate], int]:
    """Turn feed entries into candidates of ``walker``'s source, dropping those before ``since``.

    ``via`` names the path when it is not the source's kind. Returns the candidates and how
    many entries were too old.
    """
    out: list[Candidate] = []
    too_old = 0
    seen: set[str] = set()
    for e in feed.entries:
        if since is not None and e.published_at is not None and e.published_at < since:
            too_old += 1
            continue
        if e.url in seen:
            continue
        seen.add(e.url)
        extra = {"feed_entry_id": e.entry_id} if e.entry_id else {}
        if e.updated_at is not None:
            extra["updated_at"] = e.updated_at.isoformat()
        out.append(
            walker.candidate(
                e.url,
                via=via or walker.via,
                title=e.title,
                published_at=e.published_at,
                summary=e.summary,
                extra=extra,
            )
        )
    return out, too_old


async def read_entries(
    walker: SourceWalk,
    url: str,
    res: FetchResult,
    *,
    since: datetime | None,
    via: str | None = None,
) -> tuple[list[Candidate], int] | None:
    """Parse one fetched feed page of ``walker``'s source into candidates (see
    :func:`entries_to_candidates`), its entries, old entries and problems counted and recorded.

    None, with the problem recorded, when the parse had to be cut off.
    """
    try:
        feed = await parse_fetched_feed(res)
    except ParseCutOff as exc:
        walker.problem(url, str(exc))
        return None
    walker.problems(url, feed.problems)
    walker.stats.entries += len(feed.entries)
    cands, too_old = entries_to_candidates(feed, walker, since=since, via=via)
    walker.stats.too_old += too_old
    return cands, too_old


@discovery
async def discover(walker: SourceWalk[FeedSource]) -> None:
    """Fetch one feed (conditionally) and return its entries as candidates."""
    url, result = walker.cfg.url, walker.result
    res = await walker.get(url, conditional=True)
    problem = fetch_problem(res)
    if problem:
        walker.problem(url, problem)
        return
    if not res.ok:  # 304: nothing new since the last run
        walker.stats.stopped = "not modified"
        return
    found = await read_entries(walker, url, res, since=walker.cutoff())
    if found is None:
        return
    result.candidates = found[0]
    log.info(
        "discover_feed",
        extra=fields(
            source=walker.cfg.name,
            entries=walker.stats.entries,
            candidates=len(result.candidates),
            problems=len(result.problems),
        ),
    )
