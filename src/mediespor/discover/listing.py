"""HTML section, tag and search-result pages read with CSS selectors from the config.

Pagination follows a next-link selector or a page-number URL template. The walk stops at
``max_pages``, at a page with nothing new, at a page whose items are all older than ``since``,
and at a next link it has already visited, so a looping pager cannot keep it going.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.config.sources import ListingSource
from mediespor.danish_dates import parse_danish_date
from mediespor.discover.base import (
    parse_w3c_datetime,
    reached_max_items,
    safe_canonical,
)
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.extract_pool import ParseCutOff, offload
from mediespor.progress import fields

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListingSelectors:
    """Where a listing page keeps its items (CSS selectors)."""

    item: str
    link: str = "a"
    title: str | None = None
    date: str | None = None
    summary: str | None = None
    next: str | None = None

    @classmethod
    def of(cls, cfg: ListingSource) -> ListingSelectors:
        """The selectors configured for a listing source."""
        return cls(
            cfg.item_selector,
            cfg.link_selector,
            cfg.title_selector,
            cfg.date_selector,
            cfg.summary_selector,
            cfg.next_selector,
        )


@dataclass(frozen=True)
class ListingItem:
    """One item on a listing page."""

    url: str
    title: str | None
    published_at: datetime | None
    summary: str | None


@dataclass
class ListingPage:
    """The items of one page, the next page's URL and items that could not be read."""

    items: list[ListingItem] = field(default_factory=list)
    next_url: str | None = None
    problems: list[str] = field(default_factory=list)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(text.split()) or None


def _first(node: LexborNode, selector: str | None) -> LexborNode | None:
    if not selector:
        return None
    # Lexbor's css_first includes the node itself, so a selector may name the item node
    # (e.g. when each item is the <a>).
    return node.css_first(selector)


def _node_date(node: LexborNode | None) -> datetime | None:
    if node is None:
        return None
    for attr in ("datetime", "content", "data-date"):
        value = node.attributes.get(attr)
        if value:
            parsed = parse_w3c_datetime(value)
            if parsed:
                return parsed
    text = _clean(node.text())
    if not text:
        return None
    parsed = parse_w3c_datetime(text)
    if parsed is None:
        found = parse_danish_date(text)  # "28. juni 2017", "d. 28/6 2017 kl. 14.32"
        parsed = found.value if found else None
    return parsed


def parse_listing(html: str | bytes, *, base_url: str, selectors: ListingSelectors) -> ListingPage:
    """Read one listing page: item links with title, date and summary, and the next-page link.

    Dates are read from ``datetime``/``content`` attributes, ISO 8601 text or Danish date text
    ("28. juni 2017"); relative dates ("i går") are left for the extractor, which reads the
    article page itself.
    """
    page = ListingPage()
    tree = LexborHTMLParser(html)
    for node in tree.css(selectors.item):
        link = _first(node, selectors.link)
        href = link.attributes.get("href") if link is not None else None
        url = safe_canonical(href, base_url)
        if url is None:
            page.problems.append(f"item without a usable link: {str(href)[:200]!r}")
            continue
        title_node = (_first(node, selectors.title) if selectors.title else None) or link
        title = _clean(title_node.text()) if title_node is not None else None
        summary_node = _first(node, selectors.summary)
        summary = _clean(summary_node.text()) if summary_node is not None else None
        page.items.append(
            ListingItem(url, title, _node_date(_first(node, selectors.date)), summary)
        )
    if selectors.next:
        nxt = tree.css_first(selectors.next)
        if nxt is not None:
            page.next_url = safe_canonical(nxt.attributes.get("href"), base_url)
    return page


def _page_urls(cfg: ListingSource):
    """The page URLs a template source visits, in order."""
    for n in range(cfg.first_page, cfg.first_page + cfg.max_pages):
        yield cfg.page_template.format(page=n) if cfg.page_template else cfg.url


@discovery
async def discover(walker: SourceWalk[ListingSource]) -> None:
    """Walk the listing's pages and collect the item links as candidates."""
    cfg, st = walker.cfg, walker.stats
    cutoff = walker.cutoff()
    selectors = ListingSelectors.of(cfg)
    visited: set[str] = set()
    template_pages = list(_page_urls(cfg)) if cfg.page_template else None
    url: str | None = template_pages[0] if template_pages else cfg.url
    pages = 0
    while url is not None:
        key = safe_canonical(url) or url
        if key in visited:
            st.stopped = f"next page {url} was already visited (pager loop)"
            break
        if pages >= cfg.max_pages:
            st.stopped = f"max_pages ({cfg.max_pages}) reached"
            break
        if reached_max_items(cfg, walker.result):
            break
        visited.add(key)
        pages += 1
        res = await walker.fetch(url, stop="a page could not be fetched")
        if res is None:
            break
        try:
            # In the crawl's worker pool: a pathological page is cut off, not the whole run.
            page = await offload(
                parse_listing, res.text(), base_url=res.final_url or res.url, selectors=selectors
            )
        except ParseCutOff as exc:
            walker.problem(url, str(exc))
            st.stopped = "a page could not be parsed"
            break
        walker.problems(url, page.problems)
        st.entries += len(page.items)
        new = 0
        dated_old = 0
        dated_recent = 0
        for item in page.items:
            if walker.repeat(item.url):
                continue
            new += 1
            if cutoff and item.published_at and item.published_at < cutoff:
                st.too_old += 1
                dated_old += 1
                continue
            if item.published_at:
                dated_recent += 1
            walker.emit(
                item.url,
                title=item.title,
                published_at=item.published_at,
                summary=item.summary,
                extra={"listing_page": url},
            )
        log.info("discover_listing_page", extra=fields(source=cfg.name, url=url, new=new))
        if new == 0:
            st.stopped = "a page had nothing new"
            break
        # Listings run newest first: old dates and no recent ones mean the rest is older still.
        if dated_old and not dated_recent:
            st.stopped = f"every new item on {url} is older than {cutoff:%Y-%m-%d}"
            break
        if template_pages is not None:
            url = template_pages[pages] if pages < len(template_pages) else None
        else:
            url = page.next_url
