"""Sitemaps: indexes, urlsets, gzipped files, Google News tags and robots.txt Sitemap: lines.

The XML is streamed through expat in chunks (gzip inflated chunk by chunk too), so memory does
not grow with the size of a sitemap; only the entries the walk keeps are held. Entity
declarations are refused outright, so an entity-expansion bomb never expands.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin
from xml.parsers import expat

from mediespor.config.sources import SitemapSource
from mediespor.discover.base import (
    DiscoveryResult,
    DiscoveryStats,
    Getter,
    Problem,
    fetch_problem,
    parse_w3c_datetime,
    safe_canonical,
    since_datetime,
)
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.models import Candidate
from mediespor.progress import fields
from mediespor.urls import host_of, on_site

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
#: The sitemap protocol caps a file at 50 MB uncompressed; more is a gzip bomb or an error.
MAX_INFLATED_BYTES = 64 * 1024 * 1024


class SitemapError(ValueError):
    """The sitemap cannot be read further; entries before the error were still yielded."""


@dataclass(frozen=True)
class SitemapUrl:
    """A ``<url>`` of a urlset (with Google News title and date when present)."""

    loc: str
    lastmod: datetime | None = None
    news_title: str | None = None
    news_published: datetime | None = None


@dataclass(frozen=True)
class SitemapRef:
    """A ``<sitemap>`` of a sitemap index."""

    loc: str
    lastmod: datetime | None = None


def _local(name: str) -> str:
    # expat is run with namespace processing: names arrive as "uri local".
    return name.rsplit(" ", 1)[-1]


def inflate_chunks(chunks: Iterable[bytes], limit: int = MAX_INFLATED_BYTES) -> Iterator[bytes]:
    """Yield the content of ``chunks``, gunzipping on the fly when it starts with gzip magic."""
    it = iter(chunks)
    first = b""
    for c in it:
        if c:
            first = c
            break
    if not first:
        return
    if not first.startswith(b"\x1f\x8b"):
        yield first
        yield from it
        return
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    total = 0
    for c in _chain(first, it):
        while c:
            try:
                out = d.decompress(c, CHUNK)
            except zlib.error as exc:
                raise SitemapError(f"broken gzip data: {exc}") from None
            total += len(out)
            if total > limit:
                raise SitemapError(f"gzip inflates past {limit} bytes; stopped (gzip bomb?)")
            if out:
                yield out
            c = d.unconsumed_tail
    tail = d.flush()
    if tail:
        yield tail


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def byte_chunks(body: bytes, size: int = CHUNK) -> Iterator[bytes]:
    """Slice ``body`` into memoryview-free chunks for the streaming parser."""
    for i in range(0, len(body), size):
        yield body[i : i + size]


def parse_sitemap(chunks: Iterable[bytes]) -> Iterator[SitemapUrl | SitemapRef]:
    """Stream the entries of a sitemap (urlset or index; plain or gzipped; XML or text).

    Raises SitemapError at the first unreadable byte, after yielding what came before it.
    """
    data = inflate_chunks(chunks)
    first = next(data, b"")
    if not first:
        return
    if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        # Plain-text sitemap: one URL per line (sitemaps.org protocol, "Text file").
        yield from _parse_text(_chain(first, data))
        return
    yield from _parse_xml(_chain(first, data))


def _parse_text(chunks: Iterable[bytes]) -> Iterator[SitemapUrl]:
    rest = b""
    for c in chunks:
        rest += c
        *lines, rest = rest.split(b"\n")
        for line in lines:
            s = line.decode("utf-8", "replace").strip()
            if s.startswith(("http://", "https://")):
                yield SitemapUrl(s)
    s = rest.decode("utf-8", "replace").strip()
    if s.startswith(("http://", "https://")):
        yield SitemapUrl(s)


def _parse_xml(chunks: Iterable[bytes]) -> Iterator[SitemapUrl | SitemapRef]:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    pending: list[SitemapUrl | SitemapRef] = []
    stack: list[str] = []
    cur: dict[str, str] = {}
    text: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        local = _local(name)
        stack.append(local)
        if local in ("url", "sitemap"):
            cur.clear()
        text.clear()

    def end(name: str) -> None:
        local = _local(name)
        stack.pop()
        if local in ("url", "sitemap") and (not stack or stack[-1] in ("urlset", "sitemapindex")):
            loc = cur.get("loc", "").strip()
            if loc:
                if local == "url":
                    pending.append(
                        SitemapUrl(
                            loc,
                            parse_w3c_datetime(cur.get("lastmod")),
                            (cur.get("news.title") or "").strip() or None,
                            parse_w3c_datetime(cur.get("news.publication_date")),
                        )
                    )
                else:
                    pending.append(SitemapRef(loc, parse_w3c_datetime(cur.get("lastmod"))))
            cur.clear()
        elif stack and local in ("loc", "lastmod"):
            if stack[-1] in ("url", "sitemap"):
                cur[local] = "".join(text)
        elif local in ("title", "publication_date") and "news" in stack:
            cur["news." + local] = "".join(text)
        text.clear()

    def chars(data: str) -> None:
        text.append(data)

    def refuse_entities(*_args: object) -> None:
        raise SitemapError("the sitemap declares XML entities; refused (entity-expansion guard)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = refuse_entities
    try:
        for c in chunks:
            parser.Parse(c, False)
            if pending:
                yield from pending
                pending.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        yield from pending
        raise SitemapError(f"malformed XML: {exc}") from None
    yield from pending


_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def parse_robots_sitemaps(text: str, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs in a robots.txt, resolved and de-duplicated in order."""
    out: list[str] = []
    for m in _ROBOTS_SITEMAP.finditer(text):
        url = urljoin(base_url, m.group(1))
        if url.startswith(("http://", "https://")) and url not in out:
            out.append(url)
    return out


@dataclass(frozen=True)
class WalkEvent:
    """One output of a sitemap walk: a candidate, or a problem with one sitemap."""

    candidate: Candidate | None = None
    problem: Problem | None = None


async def walk(
    source_cfg: SitemapSource,
    getter: Getter,
    *,
    since: datetime | None = None,
    stats: DiscoveryStats | None = None,
) -> AsyncIterator[WalkEvent]:
    """Walk the source's sitemaps depth-first and yield candidates as they are parsed.

    Nothing but the visited-sitemap set grows with the walk, so a caller that writes candidates
    out as they come (to the frontier) uses flat memory. A URL listed in two sitemaps is yielded
    twice; the frontier's unique key absorbs that.
    """
    walker = SourceWalk(
        source_cfg, getter, since_datetime(since), DiscoveryResult(stats=stats or DiscoveryStats())
    )
    st = walker.stats
    cutoff = walker.cutoff(source_cfg.lastmod_since)
    pattern = re.compile(source_cfg.url_pattern) if source_cfg.url_pattern else None
    allowed = list(source_cfg.allowed_domains)
    todo: list[str] = []
    if source_cfg.url:
        todo.append(source_cfg.url)
    if source_cfg.robots_url:
        res = await walker.get(source_cfg.robots_url)
        problem = fetch_problem(res)
        if problem or not res.ok:
            yield WalkEvent(problem=Problem(source_cfg.robots_url, problem or "no robots.txt"))
        else:
            found = parse_robots_sitemaps(res.text(), res.final_url or res.url)
            if not found:
                yield WalkEvent(
                    problem=Problem(source_cfg.robots_url, "robots.txt has no Sitemap: lines")
                )
            todo.extend(found)
    visited: set[str] = set()
    todo.reverse()  # a stack, so pop() walks in the listed order
    emitted = 0
    # Progress is one log line per sitemap file, not a stage of its own: callers run the walk
    # inside their own stage (discover_all's), which a nested bar would only clutter.
    while todo:
        url = todo.pop()
        key = safe_canonical(url) or url
        if key in visited:
            continue
        if len(visited) >= source_cfg.max_sitemaps:
            st.stopped = f"max_sitemaps ({source_cfg.max_sitemaps}) reached"
            break
        visited.add(key)
        res = await walker.get(url)
        problem = fetch_problem(res)
        if problem or not res.ok:
            if problem:
                yield WalkEvent(problem=Problem(url, problem))
            continue
        base = res.final_url or res.url
        body, res = res.body or b"", None  # hold one sitemap's bytes at a time, not two
        children: list[str] = []
        try:
            for entry in parse_sitemap(byte_chunks(body)):
                st.entries += 1
                if isinstance(entry, SitemapRef):
                    if cutoff and entry.lastmod and entry.lastmod < cutoff:
                        st.too_old += 1
                        continue
                    child = urljoin(base, entry.loc.strip())
                    if (safe_canonical(child) or child) not in visited:
                        children.append(child)
                    else:
                        # Say so: a loop in an index is a site bug an operator should see.
                        yield WalkEvent(
                            problem=Problem(url, f"sitemap index refers back to {child[:200]}"
                                            " (already read); not read again")
                        )  # fmt: skip
                    continue
                when = entry.news_published or entry.lastmod
                if cutoff and when and when < cutoff:
                    st.too_old += 1
                    continue
                cand_url = safe_canonical(entry.loc, base)
                if cand_url is None:
                    yield WalkEvent(
                        problem=Problem(url, f"not an http(s) URL: {entry.loc[:200]!r}")
                    )
                    continue
                if (allowed and not on_site(host_of(cand_url), allowed)) or (
                    pattern and not pattern.search(cand_url)
                ):
                    st.filtered += 1
                    continue
                extra: dict[str, object] = {"sitemap": url}
                if entry.lastmod:
                    extra["lastmod"] = entry.lastmod.isoformat()
                yield WalkEvent(
                    candidate=walker.candidate(
                        cand_url,
                        title=entry.news_title,
                        published_at=entry.news_published,
                        extra=extra,
                    )
                )
                emitted += 1
                if emitted >= source_cfg.max_urls:
                    st.stopped = f"max_urls ({source_cfg.max_urls}) reached"
                    return
        except SitemapError as exc:
            yield WalkEvent(problem=Problem(url, str(exc)))
        del body
        log.info(
            "sitemap_read", extra=fields(source=source_cfg.name, sitemap=url, candidates=emitted)
        )
        # Children go on the stack in listed order so the walk stays depth-first.
        todo.extend(reversed(children))


@discovery
async def discover(walker: SourceWalk[SitemapSource]) -> None:
    """Walk the sitemaps and collect the candidates (de-duplicated by URL)."""
    cfg, result = walker.cfg, walker.result
    async for ev in walk(cfg, walker.getter, since=walker.since, stats=result.stats):
        if ev.problem:
            result.problems.append(ev.problem)
        elif ev.candidate:
            if walker.repeat(ev.candidate.url):
                continue
            result.candidates.append(ev.candidate)
    if result.stats.stopped:
        log.info("discover_stopped", extra=fields(source=cfg.name, reason=result.stats.stopped))
