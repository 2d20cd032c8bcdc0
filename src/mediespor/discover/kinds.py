"""The source-kind registry: everything the crawl needs to know about each kind, in one place.

A kind is its config model (which names it: ``kind: Literal[...]`` in ``config/sources.py``),
the discovery that walks it, and a few facts the stages ask about: whether its short lists are
revisited every night, whether it may point at any host, whether what it fetches is an archive
capture, and how a queued entry is fetched when a plain GET would be wrong. Nothing else in the
code names a kind; it asks this registry about a source or a candidate's ``via``.

Adding a kind: a model in ``config/sources.py``, a discovery module, one line here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mediespor.config.sources import (
    CommonCrawlIndexSource,
    CommonCrawlSource,
    CorpusSource,
    FeedSource,
    LinklistSource,
    ListingSource,
    SitemapSource,
    SourceBase,
    WaybackSource,
    WordpressSource,
    kind_name,
)
from mediespor.discover import (
    commoncrawl,
    commoncrawl_index,
    corpus,
    feeds,
    linklist,
    listing,
    sitemaps,
    wayback,
    wordpress,
)
from mediespor.discover.base import DiscoveryResult, Getter
from mediespor.models import Candidate, FetchResult

#: ``discover(cfg, getter, *, since)``: the whole walk, as one result.
Discover = Callable[..., Awaitable[DiscoveryResult]]
#: ``walk(cfg, getter, *, since, stats)``: the walk as a stream of events, for kinds
#: whose walks are too large to hold in memory (a sitemap index of thousands of URLs).
Walk = Callable[..., AsyncIterator[Any]]
#: ``fetch(getter, candidate)``: how a queued entry is fetched when not by a plain GET.
Fetch = Callable[[Getter, Candidate], Awaitable[FetchResult]]
#: The capture time stated by the URL a fetch ended at (a replay URL's timestamp).
ReplayTime = Callable[[str | None], datetime | None]


@dataclass(frozen=True)
class SourceKind:
    """One kind of source and what the stages need to know about it."""

    model: type[SourceBase]
    discover: Discover
    #: The path items come by, as the reports name it (Danish).
    label: str
    #: Its short lists are re-checked every night (conditional GET makes that cheap), so edited
    #: headlines and deleted pages are noticed. Long walks and archives only queue what is new.
    revisits: bool = False
    #: By default its candidates may be on any host (a curated list points at many outlets).
    any_host: bool = False
    #: Its items come from people's lists of coverage (the linker suggests links for them).
    curated: bool = False
    #: What it fetches is an archive capture: read as of the capture time, not the fetch time.
    archived: bool = False
    walk: Walk | None = None
    fetch: Fetch | None = None
    replay_time: ReplayTime | None = None
    #: Its discovery takes the topic pre-filter (``prefilter=``) and applies it in its own query
    #: (SQL over a corpus or an index), so only likely rows are read at all.
    pushdown: bool = False

    @property
    def name(self) -> str:
        """The kind as ``sources.yaml`` writes it."""
        return kind_name(self.model)


REGISTRY: tuple[SourceKind, ...] = (
    SourceKind(FeedSource, feeds.discover, "RSS/Atom", revisits=True),
    SourceKind(SitemapSource, sitemaps.discover, "Sitemap", walk=sitemaps.walk),
    SourceKind(ListingSource, listing.discover, "Oversigtsside", revisits=True),
    SourceKind(WordpressSource, wordpress.discover, "WordPress", revisits=True),
    SourceKind(
        WaybackSource,
        wayback.discover,
        "Wayback Machine",
        archived=True,
        replay_time=wayback.replay_capture_time,
    ),
    SourceKind(
        CommonCrawlSource,
        commoncrawl.discover,
        "Common Crawl",
        archived=True,
        fetch=commoncrawl.fetch_record,
    ),
    SourceKind(
        LinklistSource,
        linklist.discover,
        "Kurateret liste",
        revisits=True,
        any_host=True,
        curated=True,
    ),
    SourceKind(CorpusSource, corpus.discover, "Tekstkorpus", pushdown=True),
    SourceKind(
        CommonCrawlIndexSource,
        commoncrawl_index.discover,
        "Common Crawl-indeks",
        archived=True,
        fetch=commoncrawl.fetch_record,
        pushdown=True,
    ),
)

#: Kinds by name.
KINDS: dict[str, SourceKind] = {k.name: k for k in REGISTRY}
_BY_MODEL: dict[type[SourceBase], SourceKind] = {k.model: k for k in REGISTRY}
#: The vias of kinds whose items come from curated lists.
CURATED_VIAS: tuple[str, ...] = tuple(k.name for k in REGISTRY if k.curated)


def kind_of(cfg: SourceBase) -> SourceKind | None:
    """The kind of a configured source (None for a model no kind is registered for)."""
    return _BY_MODEL.get(type(cfg))


def kind_of_via(via: str | None) -> SourceKind | None:
    """The kind a candidate or item was found through (``via``), if it is a kind."""
    return KINDS.get(via or "")


#: The path of items known without any discovery: a curated list's unlinked lines, an import.
LISTED = "Liste eller import"


def path_label(via: str | None) -> str:
    """How the reports name the path an item came by (``via`` None: a list or an import)."""
    if via is None:
        return LISTED
    kind = KINDS.get(via)
    return kind.label if kind else via
