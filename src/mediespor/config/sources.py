"""The model of ``sources.yaml``: crawler settings, the topic query and the sources to follow.

Each source has a ``kind``; the kind decides which discovery module reads it and which keys it
takes. Unknown keys are errors, so a typo never silently disables a setting.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from mediespor.config.yamlfile import check_unique, load_yaml, validate
from mediespor.topic import QuerySyntaxError, parse_query

_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_HTTP = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")

DEFAULT_USER_AGENT = (
    "mediespor/0.1 (+https://github.com/mediespor/mediespor; research crawler for press coverage)"
)


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    return value


def _check_url(value: str) -> str:
    if not _HTTP.match(value):
        raise ValueError("expected an http:// or https:// URL")
    return value


def _check_query(value: str) -> str:
    try:
        parse_query(value)
    except QuerySyntaxError as exc:
        raise ValueError(f"invalid topic query: {exc}") from None
    return value


def _check_selector(value: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    try:
        LexborHTMLParser("<p></p>").css(value)
    except Exception as exc:  # selectolax raises several types for bad selectors
        raise ValueError(f"invalid CSS selector: {exc}") from None
    return value


def _check_domain(value: str) -> str:
    if not _DOMAIN.match(value):
        raise ValueError(
            f"{value!r} is not a bare domain such as 'tv2lorry.dk' (no scheme or path)"
        )
    return value


def _check_column(value: str) -> str:
    if not _COLUMN.match(value):
        raise ValueError("a column name: letters, digits and '_', not starting with a digit")
    return value


# The kinds of value the file holds, each checked in one place.
#: An http:// or https:// URL.
Url = Annotated[str, AfterValidator(_check_url)]
#: A regular expression (Python syntax).
Pattern = Annotated[str, AfterValidator(_check_regex)]
#: A topic query (docs/topic.md).
TopicQuery = Annotated[str, AfterValidator(_check_query)]
#: A CSS selector.
Selector = Annotated[str, AfterValidator(_check_selector)]
#: A bare domain such as ``tv2lorry.dk``.
Domain = Annotated[str, AfterValidator(_check_domain)]
#: A Parquet column name.
Column = Annotated[str, AfterValidator(_check_column)]


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


class ExclusionSettings(_Model):
    """A kind of page that names the subject without being coverage of the dispute."""

    #: Terms that mark the kind (service-page language, biography phrases), OR-ed.
    query: TopicQuery
    #: How many different terms must occur before the page counts as this kind.
    min_terms: int = Field(default=2, ge=1)
    #: The share of the text's sentences (and lines) that must hold such terms. A page of this
    #: kind is written in that language throughout; a news story is not the kind because a
    #: cookie notice, a "kontakt" footer or a "læs mere om" line made it through extraction.
    min_share: float = Field(default=0.25, ge=0.0, le=1.0)


class TopicSettings(_Model):
    """Which items are about the dispute (docs/topic.md, "Relevance").

    Either the scored model (``subject`` anchored in ``place``/``actors``, not outweighed by
    ``elsewhere``, not one of the ``not_about`` kinds) or, in older files, one boolean
    ``query``.
    """

    #: The older single boolean query; with ``subject`` set it is only the pre-filter fallback.
    query: TopicQuery | None = None
    #: What the dispute is about: førtidspension, fleksjob, jobcentre, case work.
    subject: TopicQuery | None = None
    #: Words the dispute shares with other matters (sagsbehandling, klagesager): they count as
    #: the subject only next to one of the dispute's people or an occurrence of its events.
    related: TopicQuery | None = None
    #: Words of a local story that do not name the city ("borgmesteren"): they anchor an item
    #: only when no ``elsewhere`` term occurs.
    local: TopicQuery | None = None
    #: Where: Copenhagen, its council and administration, its job centres.
    place: TopicQuery | None = None
    #: The dispute's own people and groups; they anchor an item in Copenhagen like ``place``.
    actors: TopicQuery | None = None
    #: Other municipalities: when they occur in more sentences than Copenhagen, the story is
    #: theirs.
    elsewhere: TopicQuery | None = None
    #: Words of the dispute as lived and fought (criticism, protest, a first-person account,
    #: someone quoted): an undated page with none of them, no actor and no occurrence is an
    #: information page on the subject.
    stance: TopicQuery | None = None
    not_about: dict[str, ExclusionSettings] = {}
    #: Cheap check on what a listing gives (title, summary, URL slug); defaults to ``subject``
    #: or ``query``.
    prefilter: TopicQuery | None = None

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

    def entry_urls(self) -> tuple[str, ...]:
        """The configured URLs (or URL prefixes) this source contacts, first the one it starts at.

        Their hosts are the source's default scope; the first is what a dry run names.
        """
        return ()

    def start(self) -> str | None:
        """Where discovery starts, for a dry run: the first entry URL (or a local file)."""
        urls = self.entry_urls()
        return urls[0] if urls else None

    def resolved(self, folder: Path) -> SourceBase:
        """The source with its local files made absolute against ``folder`` (the config's)."""
        return self


class FeedSource(SourceBase):
    """An RSS or Atom feed."""

    kind: Literal["feed"]
    url: Url

    def entry_urls(self) -> tuple[str, ...]:
        """The feed."""
        return (self.url,)


class SitemapSource(SourceBase):
    """A sitemap, sitemap index, Google News sitemap, or the Sitemap: lines of robots.txt."""

    kind: Literal["sitemap"]
    url: Url | None = None
    robots_url: Url | None = None
    #: Only walk entries whose lastmod/publication date is at or after this date.
    lastmod_since: date | None = None
    max_urls: int = Field(5000, ge=1)
    max_sitemaps: int = Field(200, ge=1)
    #: Only URLs matching this regular expression become candidates.
    url_pattern: Pattern | None = None

    @model_validator(mode="after")
    def _one_start(self) -> SitemapSource:
        if not self.url and not self.robots_url:
            raise ValueError(
                "give 'url' (a sitemap) or 'robots_url' (robots.txt with Sitemap: lines)"
            )
        return self

    def entry_urls(self) -> tuple[str, ...]:
        """The sitemap and/or robots.txt."""
        return tuple(u for u in (self.url, self.robots_url) if u)


class ListingSource(SourceBase):
    """HTML section, tag or search-result pages read with CSS selectors."""

    kind: Literal["listing"]
    url: Url
    item_selector: Selector
    link_selector: Selector = "a"
    title_selector: Selector | None = None
    date_selector: Selector | None = None
    summary_selector: Selector | None = None
    next_selector: Selector | None = None
    #: Pagination by template, e.g. "https://example.dk/tag/x?page={page}".
    page_template: str | None = None
    first_page: int = 1
    max_pages: int = Field(5, ge=1, le=1000)

    def entry_urls(self) -> tuple[str, ...]:
        """The first listing page."""
        return (self.url,)


class WordpressSource(SourceBase):
    """A WordPress site read through its REST API, falling back to /feed/."""

    kind: Literal["wordpress"]
    base_url: Url
    search: list[str] = []
    after: date | None = None
    per_page: int = Field(100, ge=1, le=100)
    max_pages: int = Field(20, ge=1)

    def entry_urls(self) -> tuple[str, ...]:
        """The site."""
        return (self.base_url,)


class WaybackSource(SourceBase):
    """Captures in the Internet Archive's Wayback Machine, found through the CDX API."""

    kind: Literal["wayback"]
    #: URL prefix to look up, e.g. "tv2lorry.dk/artikel/"; or give ``domain`` instead.
    url: str | None = None
    #: A whole outlet: every capture on this domain and its subdomains (``matchType=domain``).
    domain: Domain | None = None
    #: Regular expression the archive applies to each capture's URL before answering
    #: (``filter=original:…``), e.g. "foertidspension|fleksjob|jobcent": one query per outlet
    #: returns only the slugs that carry the dispute's words.
    slug_pattern: Pattern | None = None
    match_type: Literal["exact", "prefix", "host", "domain"] = "prefix"
    from_date: date
    to_date: date
    cdx_endpoint: Url = "https://web.archive.org/cdx/search/cdx"
    replay_endpoint: Url = "https://web.archive.org/web"
    #: Seconds between CDX requests (the API allows about 24 a minute per client).
    cdx_delay_s: float = Field(3.0, ge=0)
    page_size: int = Field(500, ge=1, le=10000)
    max_pages: int = Field(20, ge=1)
    url_pattern: Pattern | None = None

    @model_validator(mode="after")
    def _range(self) -> WaybackSource:
        if self.from_date > self.to_date:
            raise ValueError("from_date is after to_date")
        if bool(self.url) == bool(self.domain):
            raise ValueError("give exactly one of 'url' (a URL prefix) or 'domain' (a whole site)")
        return self

    @property
    def lookup(self) -> tuple[str, str]:
        """What the CDX query looks up and how: (url, matchType)."""
        if self.domain:
            return self.domain, "domain"
        return self.url or "", self.match_type

    def entry_urls(self) -> tuple[str, ...]:
        """The URL prefix or domain looked up, then the CDX and replay servers."""
        return (self.lookup[0], self.cdx_endpoint, self.replay_endpoint)


class CommonCrawlSource(SourceBase):
    """Records in Common Crawl's URL index and WARC files."""

    kind: Literal["commoncrawl"]
    url: str
    crawls: list[str] = Field(min_length=1)
    index_endpoint: Url = "https://index.commoncrawl.org"
    data_endpoint: Url = "https://data.commoncrawl.org"
    max_records: int = Field(200, ge=1)
    url_pattern: Pattern | None = None

    def entry_urls(self) -> tuple[str, ...]:
        """The URL looked up, then the index and data servers."""
        return (self.url, self.index_endpoint, self.data_endpoint)


class LinklistSource(SourceBase):
    """A curated page or file listing coverage as lines of outlet, Danish date and title."""

    kind: Literal["linklist"]
    url: Url | None = None
    file: str | None = None
    #: Outlet names as the list writes them → the outlet lane used elsewhere ("TV 2/Lorry": "TV2 Lorry").
    outlet_aliases: dict[str, str] = {}

    @model_validator(mode="after")
    def _one(self) -> LinklistSource:
        if bool(self.url) == bool(self.file):
            raise ValueError("give exactly one of 'url' (a page) or 'file' (a local text file)")
        return self

    def entry_urls(self) -> tuple[str, ...]:
        """The list's page, if it is one."""
        return (self.url,) if self.url else ()

    def start(self) -> str | None:
        """The list's page or local file."""
        return self.url or self.file


class CorpusSource(SourceBase):
    """A licensed text corpus in Parquet (e.g. the Danish Dynaword ``tv2r`` section), read by DuckDB.

    Rows matching the topic pre-filter become items directly: the text starts with the title
    and a Danish date line. Nothing is fetched page by page.
    """

    kind: Literal["corpus"]
    #: A local file or glob (relative to the folder of sources.yaml), or an https:// or hf:// URL.
    path: str
    #: The corpus as it should be cited, e.g. "Danish Dynaword, tv2r".
    corpus: str = Field(min_length=1)
    #: The license the corpus is published under, e.g. "CC BY-SA 4.0".
    license: str = Field(min_length=1)
    #: The attribution the license asks for, shown with every report.
    attribution: str | None = None
    id_column: Column = "id"
    text_column: Column = "text"
    #: Only rows whose ``source_column`` is one of these (a corpus holding several sections).
    sources: list[str] = []
    source_column: Column = "source"
    #: Upper bound on rows read in one run (after the topic filter).
    max_records: int = Field(5000, ge=1)

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if "://" in value and not value.startswith(("https://", "http://", "hf://")):
            raise ValueError("a local path, or an https:// or hf:// URL")
        return value

    def entry_urls(self) -> tuple[str, ...]:
        """The corpus URL when it is read over the network."""
        return (self.path,) if value_is_url(self.path) else ()

    def resolved(self, folder: Path) -> CorpusSource:
        """A relative local ``path`` is read from ``folder``, wherever the run starts."""
        return self.model_copy(update={"path": local_path(self.path, folder)})

    def start(self) -> str | None:
        """The corpus file or URL."""
        return self.path


class CommonCrawlIndexSource(SourceBase):
    """Common Crawl's columnar URL index (Parquet), searched with SQL; records fetched by range."""

    kind: Literal["commoncrawl-index"]
    #: The crawl's index Parquet files: local paths or globs, or https:// URLs (one per file;
    #: ``crawl-data/<CRAWL>/cc-index-table.paths.gz`` lists them).
    index: list[str] = Field(min_length=1)
    #: Registered domains to search (``url_host_registered_domain``), e.g. [tv2lorry.dk].
    domains: list[Domain] = []
    #: Or a whole top-level domain (``url_host_tld``), e.g. "dk".
    tld: str | None = None
    #: Only URL paths matching this regular expression (applied in SQL).
    path_pattern: Pattern | None = None
    from_date: date | None = None
    to_date: date | None = None
    data_endpoint: Url = "https://data.commoncrawl.org"
    max_records: int = Field(500, ge=1)

    @model_validator(mode="after")
    def _scope(self) -> CommonCrawlIndexSource:
        if not self.domains and not self.tld:
            raise ValueError("give 'domains' (e.g. [tv2lorry.dk]) or 'tld' (e.g. dk)")
        if self.from_date and self.to_date and self.from_date > self.to_date:
            raise ValueError("from_date is after to_date")
        return self

    def entry_urls(self) -> tuple[str, ...]:
        """The domains (or the TLD) searched, then the data server the records come from."""
        return (*(self.domains or [self.tld or ""]), self.data_endpoint)

    def start(self) -> str | None:
        """The first index file."""
        return self.index[0]

    def resolved(self, folder: Path) -> CommonCrawlIndexSource:
        """Relative local index files are read from ``folder``, wherever the run starts."""
        return self.model_copy(update={"index": [local_path(i, folder) for i in self.index]})


def value_is_url(value: str) -> bool:
    """True for an http(s) URL (a corpus read over the network rather than from disk)."""
    return bool(_HTTP.match(value))


def local_path(value: str, folder: Path) -> str:
    """``value`` made absolute against ``folder`` when it is a relative local path (or glob)."""
    if "://" in value or Path(value).is_absolute():
        return value
    return str(folder / value)


SourceConfig = Annotated[
    FeedSource
    | SitemapSource
    | ListingSource
    | WordpressSource
    | WaybackSource
    | CommonCrawlSource
    | LinklistSource
    | CorpusSource
    | CommonCrawlIndexSource,
    Field(discriminator="kind"),
]


def kind_name(model: type[SourceBase]) -> str:
    """The ``kind`` a source model is written with in ``sources.yaml``."""
    (name,) = get_args(model.model_fields["kind"].annotation)
    return name


#: Source models by kind name, in the order of the union above.
SOURCE_MODELS: dict[str, type[SourceBase]] = {
    kind_name(m): m for m in get_args(get_args(SourceConfig)[0])
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
    parsed = validate(SourcesFile, data, lines, p, variants=SOURCE_MODELS)
    check_unique([s.name for s in parsed.sources], "source name", "name", "sources", lines, p)
    # Local corpus and index files are named relative to the file that names them, so a run
    # started from another folder (cron, --project-dir) reads the same files.
    folder = p.resolve().parent
    return parsed.model_copy(update={"sources": [s.resolved(folder) for s in parsed.sources]})
