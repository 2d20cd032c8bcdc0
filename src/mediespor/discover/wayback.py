"""Captures in the Internet Archive's Wayback Machine, found through its CDX API.

The CDX API allows about 24 requests a minute per client and answers more with 429; ignoring a
429 gets the client firewalled for an hour, doubling on repeat. So requests are spaced by
``cdx_delay_s`` (3 s by default) and the first 429 stops the source for the run.

Each capture becomes a candidate keyed by the page's canonical original URL, downloaded from
the raw ``/web/<timestamp>id_/<url>`` capture (no Wayback toolbar or rewritten links).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from mediespor.config.sources import WaybackSource
from mediespor.discover.base import reached_max_items, safe_canonical
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.progress import fields

log = logging.getLogger(__name__)
#: Fields asked for, in this order.
FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
#: The capture timestamp in a Wayback replay URL: /web/20170629101500id_/https://…
_REPLAY_TS = re.compile(r"/web/(\d{4,14})(?:[a-z]{2}_)?/")
RATE_LIMITED = (
    "CDX API answered 429 Too Many Requests: stopped this source for the run "
    "(repeating requests after a 429 gets the client blocked for an hour)"
)


@dataclass(frozen=True)
class CdxRow:
    """One capture from the CDX index."""

    timestamp: str
    original: str
    mimetype: str | None = None
    statuscode: str | None = None
    digest: str | None = None
    length: str | None = None


@dataclass
class CdxPage:
    """One CDX answer: its captures, the key to the next page, and whether it was cut short."""

    rows: list[CdxRow] = field(default_factory=list)
    resume_key: str | None = None
    truncated: bool = False


def _rows_from(records: list[object]) -> CdxPage:
    page = CdxPage()
    header: list[str] | None = None
    after_blank = False
    for rec in records:
        if not isinstance(rec, list):
            continue
        if not rec:
            after_blank = True  # an empty row separates the captures from the resume key
            continue
        if after_blank:
            if len(rec) == 1 and isinstance(rec[0], str):
                page.resume_key = rec[0]
            continue
        if header is None:
            header = [str(h) for h in rec]
            continue
        row = dict(zip(header, rec, strict=False))
        ts, orig = row.get("timestamp"), row.get("original")
        if not isinstance(ts, str) or not isinstance(orig, str):
            continue
        page.rows.append(
            CdxRow(
                ts,
                orig,
                row.get("mimetype"),
                row.get("statuscode"),
                row.get("digest"),
                row.get("length"),
            )
        )
    return page


def parse_cdx_json(text: str) -> CdxPage:
    """Parse ``output=json`` CDX text; a body cut mid-JSON keeps its complete rows.

    The server writes one row per line, so a truncated answer is salvaged line by line and
    marked ``truncated`` (its resume key, if any, is lost with the tail).
    """
    stripped = text.strip()
    if not stripped:
        return CdxPage()
    try:
        data = json.loads(stripped)
    except ValueError:
        records: list[object] = []
        for line in stripped.splitlines():
            line = line.strip().rstrip(",").strip()
            # The outer list's brackets sit on the first and last lines.
            if line.startswith("[["):
                line = line[1:]
            if line.endswith("]]"):
                line = line[:-1]
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            records.append(rec)
        page = _rows_from(records)
        page.truncated = True
        page.resume_key = None
        return page
    if not isinstance(data, list):
        return CdxPage(truncated=True)
    return _rows_from(data)


def _ts(d: date) -> str:
    return d.strftime("%Y%m%d")


def cdx_url(cfg: WaybackSource, *, from_date: date, resume_key: str | None) -> str:
    """The CDX query URL for one page of captures."""
    url, match_type = cfg.lookup
    params = [
        ("url", url),
        ("matchType", match_type),
        ("from", _ts(from_date)),
        ("to", _ts(cfg.to_date)),
        ("output", "json"),
        ("collapse", "urlkey"),
        ("filter", "statuscode:200"),
        ("filter", "mimetype:text/html"),
    ]
    if cfg.slug_pattern:
        params.append(("filter", slug_filter(cfg.slug_pattern)))
    params += [
        ("fl", ",".join(FIELDS)),
        ("limit", str(cfg.page_size)),
        ("showResumeKey", "true"),
    ]
    if resume_key:
        params.append(("resumeKey", resume_key))
    return f"{cfg.cdx_endpoint}?{urlencode(params)}"


def slug_filter(pattern: str) -> str:
    """The CDX ``filter`` that keeps captures whose URL contains a match of ``pattern``.

    The documentation does not say whether the server's (Java) regex must match the whole field
    or a part of it; wrapped in ``.*(?:…).*`` it means the same either way. Case is ignored:
    some outlets capitalise their slugs (politiken.dk/…/art123/Foertidspension-…).
    """
    return f"original:(?i).*(?:{pattern}).*"


def capture_urls(cfg: WaybackSource, row: CdxRow) -> tuple[str, str]:
    """The raw capture URL (``id_``, for fetching) and the replay URL (for people)."""
    base = cfg.replay_endpoint.rstrip("/")
    return f"{base}/{row.timestamp}id_/{row.original}", f"{base}/{row.timestamp}/{row.original}"


def capture_time(ts: str) -> datetime | None:
    """A 14-digit Wayback timestamp as an aware UTC datetime."""
    try:
        return datetime.strptime(ts[:14].ljust(14, "0"), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def replay_capture_time(url: str | None) -> datetime | None:
    """The capture time in a replay URL (``/web/20170629101500id_/https://…``), or None."""
    stamp = _REPLAY_TS.search(url or "")
    return capture_time(stamp.group(1)) if stamp else None


@discovery
async def discover(walker: SourceWalk[WaybackSource]) -> None:
    """Page through the CDX index and return one candidate per archived URL."""
    cfg, st = walker.cfg, walker.stats
    start = cfg.from_date
    bound = walker.cutoff()
    if bound is not None and bound.date() > start:
        start = bound.date()
    if start > cfg.to_date:
        st.stopped = "since is after to_date; nothing to look up"
        return
    pattern = re.compile(cfg.url_pattern) if cfg.url_pattern else None
    # The server applied the slug pattern already; checking again costs little and keeps a
    # stand-in or a server that ignores ``filter`` from flooding the frontier.
    slugs = re.compile(cfg.slug_pattern, re.I) if cfg.slug_pattern else None
    resume: str | None = None
    last_request: float | None = None
    for page_no in range(cfg.max_pages):
        if last_request is not None:
            wait = cfg.cdx_delay_s - (time.monotonic() - last_request)
            if wait > 0:
                await asyncio.sleep(wait)
        url = cdx_url(cfg, from_date=start, resume_key=resume)
        res = await walker.get(url, retry=False)
        # Spacing counts from the end of the answer: gentler than from the start of the request.
        last_request = time.monotonic()
        if res.status == 429:
            walker.problem(url, RATE_LIMITED)
            st.stopped = "rate limited (429)"
            log.warning("wayback_rate_limited", extra=fields(source=cfg.name))
            break
        if not walker.usable(url, res, stop="a CDX request failed"):
            break
        page = parse_cdx_json(res.text())
        if page.truncated:
            walker.problem(url, f"CDX answer cut short; kept its {len(page.rows)} complete rows")
        st.entries += len(page.rows)
        for row in page.rows:
            original = safe_canonical(row.original)
            if original is None:
                walker.problem(url, f"capture of a non-http URL {row.original!r}")
                continue
            if (pattern and not pattern.search(original)) or (slugs and not slugs.search(original)):
                st.filtered += 1
                continue
            if walker.repeat(original):
                continue
            fetch_url, archive_url = capture_urls(cfg, row)
            captured = capture_time(row.timestamp)
            walker.emit(
                original,
                fetch_url=fetch_url,
                archive_url=archive_url,
                extra={
                    "timestamp": row.timestamp,
                    "captured_at": captured.isoformat() if captured else None,
                    "digest": row.digest,
                    "mimetype": row.mimetype,
                },
            )
        log.info(
            "wayback_cdx_page",
            extra=fields(source=cfg.name, page=page_no + 1, rows=len(page.rows)),
        )
        if reached_max_items(cfg, walker.result):
            break
        resume = page.resume_key
        if not resume or page.truncated:
            break
    else:
        st.stopped = f"max_pages ({cfg.max_pages}) reached"
