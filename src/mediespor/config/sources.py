"""The model of ``sources.yaml``: crawler settings, the topic query and the sources to follow.

Each source has a ``kind``; the kind decides which discovery module reads it and which keys it
takes. Unknown keys are errors, so a typo never silently disables a setting.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mediespor.config.yamlfile import check_unique, load_yaml, validate
from mediespor.topic import QuerySyntaxError, parse_query

_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_HTTP = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)

DEFAULT_USER_AGENT = (
    "mediespor/0.1 (+https://github.com/mediespor/mediespor; research crawler for press coverage)"
)


def _check_regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
    return value


def _check_url(value: str | None) -> str | None:
    if value is not None and not _HTTP.match(value):
        raise ValueError("expected an http:// or https:// URL")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CrawlSettings(_Model):
    """How politely and how hard to crawl; every value has a safe default."""

    user_agent: str = DEFAULT_USER_AGENT
    contact_url: str | None = None
    #: Minimum seconds between two requests to the same host.
    delay_s: float = Field(1.0, ge=0)
    #: Concurrent requests per host.
    per_host: int = Field(1, ge=1, le=16)
    #: Concurrent requests over all hosts.
    global_concurrency: int = Field(8, ge=1, le=256)
    connect_timeout_s: float = Field(10.0, gt=0)
    read_timeout_s: float = Field(30.0, gt=0)
    total_timeout_s: float = Field(120.0, gt=0)
    max_attempts: int = Field(4, ge=1, le=20)
    max_retry_after_s: float = Field(300.0, ge=0)
    max_body_bytes: int = Field(10 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(10, ge=0, le=50)
    #: Let requests reach private, loopback and link-local addresses (tests, local replays).
    allow_private_addresses: bool = False
    #: Narrower than the above: also allow these networks (CIDR, e.g. "127.0.0.0/8").
    allowed_networks: list[str] = []
    obey_robots: bool = True
    warc_max_bytes: int = Field(1024 * 1024 * 1024, ge=1024 * 1024)
    #: Deadline for all fetching in one run (3 h); what is left waits in the frontier.
    max_run_s: float = Field(3 * 3600.0, gt=0)
    #: Seconds of requests, retries and waits one host may cost a run; then its URLs wait.
    max_host_s: float = Field(600.0, gt=0)
    #: Seconds one page may take to parse and extract before it is cut off and rejected.
    extract_timeout_s: float = Field(20.0, gt=0)

    @field_validator("allowed_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        import ipaddress

        for net in value:
            try:
                ipaddress.ip_network(net, strict=False)
            except ValueError:
                raise ValueError(f"{net!r} is not a network; write e.g. 127.0.0.0/8") from None
        return value


def _check_query(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_query(value)
        except QuerySyntaxError as exc:
            raise ValueError(f"invalid topic query: {exc}") from None
    return value


class ExclusionSettings(_Model):
    """A kind of page that names the subject without being coverage of the dispute."""

    #: Terms that mark the kind (service-page language, biography phrases), OR-ed.
    query: str
    #: How many different terms must occur before the page counts as this kind.
    min_terms: int = Field(default=2, ge=1)
    #: The share of the text's sentences (and lines) that must hold such terms. A page of this
    #: kind is written in that language throughout; a news story is not the kind because a
    #: cookie notice, a "kontakt" footer or a "læs mere om" line made it through extraction.
    min_share: float = Field(default=0.25, ge=0.0, le=1.0)

    @field_validator("query")
    @classmethod
    def _parses(cls, value: str) -> str | None:
        return _check_query(value)


class TopicSettings(_Model):
    """Which items are about the dispute (docs/topic.md, "Relevance").

    Either the scored model (``subject`` anchored in ``place``/``actors``, not outweighed by
    ``elsewhere``, not one of the ``not_about`` kinds) or, in older files, one boolean
    ``query``.
    """

    #: The older single boolean query; with ``subject`` set it is only the pre-filter fallback.
    query: str | None = None
    #: What the dispute is about: førtidspension, fleksjob, jobcentre, case work.
    subject: str | None = None
    #: Words the dispute shares with other matters (sagsbehandling, klagesager): they count as
    #: the subject only next to one of the dispute's people or an occurrence of its events.
    related: str | None = None
    #: Words of a local story that do not name the city ("borgmesteren"): they anchor an item
    #: only when no ``elsewhere`` term occurs.
    local: str | None = None
    #: Where: Copenhagen, its council and administration, its job centres.
    place: str | None = None
    #: The dispute's own people and groups; they anchor an item in Copenhagen like ``place``.
    actors: str | None = None
    #: Other municipalities: when they occur in more sentences than Copenhagen, the story is
    #: theirs.
    elsewhere: str | None = None
    #: Words of the dispute as lived and fought (criticism, protest, a first-person account,
    #: someone quoted): an undated page with none of them, no actor and no occurrence is an
    #: information page on the subject.
    stance: str | None = None
    not_about: dict[str, ExclusionSettings] = {}
    #: Cheap check on what a listing gives (title, summary, URL slug); defaults to ``subject``
    #: or ``query``.
    prefilter: str | None = None

    @field_validator(
        "query",
        "subject",
        "related",
        "local",
        "place",
        "actors",
        "elsewhere",
        "stance",
        "prefilter",
    )
    @classmethod
    def _parses(cls, value: str | None) -> str | None:
        return _check_query(value)

    @model_validator(mode="before")
    @classmethod
    def _fallback_query(cls, data: object) -> object:
        # Code that reads one query (the pre-filter) gets the subject when none is written.
        if isinstance(data, dict) and data.get("query") is None and data.get("subject"):
            data = {**data, "query": data["subject"]}
        return data

    @model_validator(mode="after")
    def _complete(self) -> TopicSettings:
        if self.query is None:
            raise ValueError("give 'subject' and 'place' (or the older single 'query')")
        if self.subject is not None and self.place is None and self.actors is None:
            raise ValueError("'subject' needs 'place' (or 'actors') to anchor it in Copenhagen")
        if self.subject is None and (self.place or self.actors or self.elsewhere or self.related):
            raise ValueError("'place', 'actors', 'related' and 'elsewhere' need 'subject'")
        return self


class SourceBase(_Model):
    """Keys every source has."""

    name: str
    outlet: str = Field(min_length=1)
    enabled: bool = True
    #: Everything from this source is about the dispute; skip the listing pre-filter.
    topical: bool = False
    #: Per-source override of ``crawl.delay_s``.
    delay_s: float | None = Field(None, ge=0)
    #: Hosts this source may fetch from; defaults to the host(s) of its configured URLs.
    allowed_domains: list[str] = []
    #: Ignore items older than this date.
    since: date | None = None
    #: Upper bound on article fetches for this source in one run.
    max_items: int = Field(500, ge=0)
    comment: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("use lower-case letters, digits, '-', '_' or '.' (e.g. tv2lorry-rss)")
        return value


class FeedSource(SourceBase):
    """An RSS or Atom feed."""

    kind: Literal["feed"]
    url: str
    _u = field_validator("url")(classmethod(lambda cls, v: _check_url(v)))


class SitemapSource(SourceBase):
    """A sitemap, sitemap index, Google News sitemap, or the Sitemap: lines of robots.txt."""

    kind: Literal["sitemap"]
    url: str | None = None
    robots_url: str | None = None
    #: Only walk entries whose lastmod/publication date is at or after this date.
    lastmod_since: date | None = None
    max_urls: int = Field(5000, ge=1)
    max_sitemaps: int = Field(200, ge=1)
    #: Only URLs matching this regular expression become candidates.
    url_pattern: str | None = None
    _u = field_validator("url", "robots_url")(classmethod(lambda cls, v: _check_url(v)))

    _r = field_validator("url_pattern")(classmethod(lambda cls, v: _check_regex(v)))

    @model_validator(mode="after")
    def _one_start(self) -> SitemapSource:
        if not self.url and not self.robots_url:
            raise ValueError(
                "give 'url' (a sitemap) or 'robots_url' (robots.txt with Sitemap: lines)"
            )
        return self


class ListingSource(SourceBase):
    """HTML section, tag or search-result pages read with CSS selectors."""

    kind: Literal["listing"]
    url: str
    item_selector: str
    link_selector: str = "a"
    title_selector: str | None = None
    date_selector: str | None = None
    summary_selector: str | None = None
    next_selector: str | None = None
    #: Pagination by template, e.g. "https://example.dk/tag/x?page={page}".
    page_template: str | None = None
    first_page: int = 1
    max_pages: int = Field(5, ge=1, le=1000)
    _u = field_validator("url")(classmethod(lambda cls, v: _check_url(v)))

    @field_validator(
        "item_selector",
        "link_selector",
        "title_selector",
        "date_selector",
        "summary_selector",
        "next_selector",
    )
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        if value is not None:
            from selectolax.lexbor import LexborHTMLParser

            try:
                LexborHTMLParser("<p></p>").css(value)
            except Exception as exc:  # selectolax raises several types for bad selectors
                raise ValueError(f"invalid CSS selector: {exc}") from None
        return value


class WordpressSource(SourceBase):
    """A WordPress site read through its REST API, falling back to /feed/."""

    kind: Literal["wordpress"]
    base_url: str
    search: list[str] = []
    after: date | None = None
    per_page: int = Field(100, ge=1, le=100)
    max_pages: int = Field(20, ge=1)
    _u = field_validator("base_url")(classmethod(lambda cls, v: _check_url(v)))


class WaybackSource(SourceBase):
    """Captures in the Internet Archive's Wayback Machine, found through the CDX API."""

    kind: Literal["wayback"]
    #: URL prefix to look up, e.g. "tv2lorry.dk/artikel/".
    url: str
    match_type: Literal["exact", "prefix", "host", "domain"] = "prefix"
    from_date: date
    to_date: date
    cdx_endpoint: str = "https://web.archive.org/cdx/search/cdx"
    replay_endpoint: str = "https://web.archive.org/web"
    #: Seconds between CDX requests (the API allows about 24 a minute per client).
    cdx_delay_s: float = Field(3.0, ge=0)
    page_size: int = Field(500, ge=1, le=10000)
    max_pages: int = Field(20, ge=1)
    url_pattern: str | None = None
    _r = field_validator("url_pattern")(classmethod(lambda cls, v: _check_regex(v)))
    _u = field_validator("cdx_endpoint", "replay_endpoint")(
        classmethod(lambda cls, v: _check_url(v))
    )

    @model_validator(mode="after")
    def _range(self) -> WaybackSource:
        if self.from_date > self.to_date:
            raise ValueError("from_date is after to_date")
        return self


class CommonCrawlSource(SourceBase):
    """Records in Common Crawl's URL index and WARC files."""

    kind: Literal["commoncrawl"]
    url: str
    crawls: list[str] = Field(min_length=1)
    index_endpoint: str = "https://index.commoncrawl.org"
    data_endpoint: str = "https://data.commoncrawl.org"
    max_records: int = Field(200, ge=1)
    url_pattern: str | None = None
    _r = field_validator("url_pattern")(classmethod(lambda cls, v: _check_regex(v)))
    _u = field_validator("index_endpoint", "data_endpoint")(
        classmethod(lambda cls, v: _check_url(v))
    )


class LinklistSource(SourceBase):
    """A curated page or file listing coverage as lines of outlet, Danish date and title."""

    kind: Literal["linklist"]
    url: str | None = None
    file: str | None = None
    #: Outlet names as the list writes them → the outlet lane used elsewhere ("TV 2/Lorry": "TV2 Lorry").
    outlet_aliases: dict[str, str] = {}
    _u = field_validator("url")(classmethod(lambda cls, v: _check_url(v)))

    @model_validator(mode="after")
    def _one(self) -> LinklistSource:
        if bool(self.url) == bool(self.file):
            raise ValueError("give exactly one of 'url' (a page) or 'file' (a local text file)")
        return self


SourceConfig = Annotated[
    FeedSource
    | SitemapSource
    | ListingSource
    | WordpressSource
    | WaybackSource
    | CommonCrawlSource
    | LinklistSource,
    Field(discriminator="kind"),
]

SOURCE_MODELS: dict[str, type[SourceBase]] = {
    "feed": FeedSource,
    "sitemap": SitemapSource,
    "listing": ListingSource,
    "wordpress": WordpressSource,
    "wayback": WaybackSource,
    "commoncrawl": CommonCrawlSource,
    "linklist": LinklistSource,
}


class SourcesFile(_Model):
    """The whole ``sources.yaml``."""

    crawl: CrawlSettings = CrawlSettings()
    topic: TopicSettings
    sources: list[SourceConfig] = []

    def enabled_sources(self) -> list[SourceBase]:
        """The sources to crawl."""
        return [s for s in self.sources if s.enabled]

    def selected(self, names: tuple[str, ...] = ()) -> list[SourceBase]:
        """The named sources even when disabled (a one-off back-fill), else all enabled ones."""
        if names:
            return [s for s in self.sources if s.name in names]
        return self.enabled_sources()


def load_sources(path: str | Path) -> SourcesFile:
    """Read and validate ``sources.yaml``; raise ConfigError naming file, line and key."""
    p = Path(path)
    data, lines = load_yaml(p)
    parsed = validate(SourcesFile, data, lines, p)
    check_unique([s.name for s in parsed.sources], "source name", "name", "sources", lines, p)
    return parsed
