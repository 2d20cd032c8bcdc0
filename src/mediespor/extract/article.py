"""``extract``: one page in, one :class:`Article` out. Pure: no I/O, never raises on bad input."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.extract.bio import drop_author_bio
from mediespor.extract.byline import signed_name, visible_authors
from mediespor.extract.content import main_content
from mediespor.extract.dates import PageDates, find_dates
from mediespor.extract.html import is_utf8, parse_html, parse_utf8
from mediespor.extract.index import index_page
from mediespor.extract.jsonld import JsonLdArticle, read_jsonld
from mediespor.extract.meta import PageMeta, read_meta
from mediespor.extract.select import css
from mediespor.models import ItemDescription
from mediespor.urls import canonicalize

_TITLE_SPLIT = re.compile(r"\s+[|–—·:»-]\s+")
_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.I,
)
_VIDEO_TYPES = frozenset({"VideoObject", "Clip", "TVEpisode"})
_BLOG_TYPES = frozenset({"BlogPosting", "LiveBlogPosting"})
_PRESS_URL = re.compile(r"press(?:e)?[-_]?(?:release|meddelelse)", re.I)
_AGENDA_URL = re.compile(r"dagsorden|/agenda|/moede", re.I)
# The same for an ASCII URL, lower-cased: an IGNORECASE search tries every character of the
# URL; lower-casing ASCII is exact, and every match holds its literal word.
_PRESS_URL_LOWER = re.compile(_PRESS_URL.pattern)
_AGENDA_WORDS = ("dagsorden", "/agenda", "/moede")


@dataclass(frozen=True)
class Article(ItemDescription):
    """What a page says about itself. Dates are timezone-aware; ``None`` means not found.

    The fields its stored item keeps unchanged (kind, lead, authors, section, language,
    duration) are those of :class:`ItemDescription`.
    """

    url: str
    canonical_url: str | None = None
    title: str | None = None
    text: str = ""
    paragraphs: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    published: datetime | None = None
    published_precision: str | None = None
    modified: datetime | None = None
    date_source: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def undated(self) -> bool:
        """True when no trustworthy publication date was found."""
        return self.published is None

    def to_json(self) -> dict[str, Any]:
        """The Article as plain JSON values (the keys ``mediespor extract --json`` prints)."""
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "title": self.title,
            "lead": self.lead,
            "text": self.text,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "language": self.language,
            "section": self.section,
            "kind": self.kind,
            "date_source": self.date_source,
        }


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    if value.isprintable() and "  " not in value:
        # The space is the only printable whitespace: single-spaced but for its ends, and
        # splitting into words would give it back.
        value = value.strip(" ")
    else:
        value = " ".join(value.split())
    return value or None


def _strip_site(title: str, site: str | None) -> str:
    """Drop a " - Site" / " | Site" suffix that CMSs append to headlines."""
    if site:
        for sep in (" - ", " | ", " – ", " — ", " · ", " › ", " » "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
    return title


def _after_site_name(title: str | None, h1: str) -> str | None:
    """The headline of a ``title`` written "<h1>: Headline", where the ``<h1>`` is the blog's name.

    Blogs (Blogger's templates) set their own name in the ``<h1>`` and the post's title in an
    ``<h2>``/``<h3>``, with "Blog: Headline" in the ``<title>``. The part after the colon is
    the headline when it is the longer one and no further separator follows ("Headline - Site"
    and "Headline - Site - Motto" keep their ``<h1>``).
    """
    title = " ".join(title.split()) if title else ""
    if not title.startswith(h1 + ":"):
        return None
    rest = " ".join(title[len(h1) + 1 :].split())
    if len(rest) <= len(h1) or _TITLE_SPLIT.search(rest):
        return None
    return rest


#: The paths of a site's front page, as a logo links to it.
_FRONT_PAGES = frozenset(("", "index.php", "index.html", "index.htm"))


def _is_site_logo(node: LexborNode | None, h1: str, site: str | None) -> bool:
    """Whether the ``<h1>`` is the site's logo, not a headline: its text is the site's name
    (``og:site_name``), or all of it is one link to the site's front page.

    Old themes (Joomla's, many WordPress ones) set the site's name in the ``<h1>`` of every
    page, linked home, and the article's headline in an ``<h2>``; a headline links to its own
    page if anywhere.
    """
    if site is not None and h1.casefold() == site.casefold():
        return True
    links = css(node, "a[href]") if node is not None else []
    if len(links) != 1 or " ".join(links[0].text(deep=True).split()) != h1:
        return False
    href = (links[0].attributes.get("href") or "").strip()
    if not href or href.startswith("#"):
        return False
    parts = urlsplit(href)
    return not parts.query and parts.path.strip("/") in _FRONT_PAGES


def _title(
    jsonld: JsonLdArticle | None, meta: PageMeta, h1: str | None, node: LexborNode | None = None
) -> tuple[str | None, str]:
    """The page's headline and where it came from: JSON-LD's, the ``<h1>`` that og:title
    holds, og:title, the ``<h1>``, else the ``<title>`` (``node`` is the ``<h1>``, whose text
    ``h1`` is; a site's logo there is passed over for the other sources)."""
    site = _clean(meta.get("og:site_name", "application-name"))
    structured = _clean(jsonld.headline if jsonld is not None else None)
    og = _clean(meta.get("og:title", "twitter:title"))
    if structured:
        return _strip_site(structured, site), "jsonld"
    logo = bool(h1 and (og or meta.title) and _is_site_logo(node, h1, site))
    if og and h1 and h1 in og and not logo:
        return h1, "h1"
    if og:
        # A logo's text is the site's name, as og:title may end with it.
        return _strip_site(og, site or (h1 if logo else None)), "opengraph"
    if h1 and (rest := _after_site_name(meta.title, h1)):
        return rest, "title"
    if h1 and not logo:
        return h1, "h1"
    if meta.title:
        # "<headline> | <site>": the longest part is the headline.
        parts = _TITLE_SPLIT.split(meta.title)
        return _clean(max(parts, key=len)), "title"
    return None, "none"


def _duration(jsonld: JsonLdArticle | None, meta: PageMeta) -> float | None:
    if jsonld is not None and jsonld.duration:
        m = _DURATION.match(jsonld.duration.strip())
        if m and any(m.groupdict().values()):
            parts = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
            return parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    raw = meta.get("video:duration", "og:video:duration")
    if raw:
        try:
            return float(raw)
        except ValueError:
            return None
    return None


def _kind(jsonld: JsonLdArticle | None, meta: PageMeta, url: str) -> str:
    jtype = jsonld.type if jsonld is not None else ""
    og_type = (meta.get("og:type") or "").lower()
    if jtype in _VIDEO_TYPES or og_type.startswith("video"):
        return "video"
    if jtype in _BLOG_TYPES:
        return "blog"
    if url.isascii():
        lowered = url.lower()
        press = "press" in lowered and _PRESS_URL_LOWER.search(lowered) is not None
        agenda = any(word in lowered for word in _AGENDA_WORDS)
    else:  # IGNORECASE also matches letters outside ASCII ("ſ" for "s")
        press = _PRESS_URL.search(url) is not None
        agenda = _AGENDA_URL.search(url) is not None
    if jtype == "PressRelease" or press:
        return "press_release"
    if agenda:
        return "agenda"
    return "article"


def _language(jsonld: JsonLdArticle | None, meta: PageMeta) -> str | None:
    raw = (jsonld.language if jsonld else None) or meta.language or meta.get("og:locale")
    if not raw:
        return None
    primary = raw.strip().replace("_", "-").partition("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _canonical(meta: PageMeta, url: str) -> str | None:
    href = meta.canonical or meta.get("og:url")
    if not href:
        return None
    try:
        return canonicalize(href, base=url)
    except ValueError:
        return None


def _dates_provenance(dates: PageDates) -> dict[str, Any]:
    def sig(s):
        return {"source": s.source, "value": s.value.isoformat(), "raw": s.raw}

    out: dict[str, Any] = {"date_candidates": [sig(s) for s in dates.candidates]}
    if dates.disagreements:
        out["date_disagreements"] = [sig(s) for s in dates.disagreements]
    if dates.rejected:
        out["dates_rejected"] = list(dates.rejected)
    if dates.modified is not None:
        out["modified_source"] = dates.modified.source
    return out


def extract(html: bytes | str, url: str, fetched_at: datetime | None = None) -> Article:
    """Extract an article from one page.

    ``fetched_at`` resolves relative dates ("i går") and bounds future dates (without it, the
    current time bounds them and relative dates are ignored); it is never used as the
    publication date. Bad input gives an Article with little in it and the reason in
    ``provenance["errors"]``, never an exception.
    """
    try:
        if isinstance(html, str):
            return _extract(LexborHTMLParser(html), "unicode", url, fetched_at)
        article = _extract(parse_utf8(html), "utf-8", url, fetched_at)
        if _shows_undecodable(article) and not is_utf8(html):
            tree, encoding = parse_html(html)
            article = _extract(tree, encoding, url, fetched_at)
        return article
    except Exception as exc:  # a broken page must not stop a run; the reason is kept
        return Article(url=url, provenance={"errors": [f"{type(exc).__name__}: {exc}"[:300]]})


def _shows_undecodable(article: Article) -> bool:
    """Whether any text of ``article`` holds U+FFFD, Lexbor's mark for a byte not in UTF-8."""
    mark = "\ufffd"
    return (
        mark in article.text
        or mark in (article.title or "")
        or mark in (article.lead or "")
        or mark in (article.section or "")
        or any(mark in name for name in article.authors)
        or any(mark in comment for comment in article.comments)
    )


def _extract(
    tree: LexborHTMLParser, encoding: str, url: str, fetched_at: datetime | None
) -> Article:
    index = index_page(tree)
    ld = read_jsonld(tree, index)
    meta = read_meta(tree, index)
    h1_node = index.h1
    h1 = _clean(h1_node.text(deep=True)) if h1_node is not None else None
    title, title_source = _title(ld.article, meta, h1, h1_node)
    dates = find_dates(tree, url, ld.article, meta, fetched_at, index)
    site = _clean(meta.get("og:site_name"))
    authors = list((ld.article.authors if ld.article else ()) or meta.authors)
    authors_source = "metadata" if authors else None
    if not authors:
        # Read before the main-text stage, which removes bylines from the tree.
        authors = list(visible_authors(tree, site=site, index=index))
        authors_source = "byline" if authors else None
    described = ld.article.description if ld.article else None
    content = main_content(
        tree,
        headline=title,
        index=index,
        article_body=ld.article.body if ld.article else None,
        descriptions=(described, meta.get("og:description"), meta.get("description")),
    )
    organisations = ld.article.organisations if ld.article else ()
    people = tuple(name for name in authors if name not in organisations)
    if ld.article is not None and ld.article.type == "LiveBlogPosting":
        people = ()  # a live blog's last lines are its oldest update, not a bio
    paragraphs = drop_author_bio(content.paragraphs, people)
    if not authors and (signed := signed_name(paragraphs, site)):
        authors, authors_source = [signed], "signature"
    lead = _clean(
        (ld.article.description if ld.article else None)
        or meta.get("og:description", "description", "twitter:description")
    )
    provenance: dict[str, Any] = {
        "encoding": encoding,
        "title_source": title_source,
        "jsonld_types": list(ld.types),
        **_dates_provenance(dates),
    }
    if ld.errors:
        provenance["errors"] = list(ld.errors)
    if content.source != "container":
        provenance["text_source"] = content.source
    if content.comments:
        provenance["comment_count"] = len(content.comments)
    if authors_source:
        provenance["authors_source"] = authors_source
    section = (ld.article.section if ld.article else None) or meta.get(
        "article:section", "parsely-section", "section"
    )
    published = dates.published
    return Article(
        url=url,
        canonical_url=_canonical(meta, url),
        title=title,
        lead=lead,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        comments=content.comments,
        authors=tuple(authors),
        published=published.value if published else None,
        published_precision=published.precision if published else None,
        modified=dates.modified.value if dates.modified else None,
        language=_language(ld.article, meta),
        section=_clean(section),
        kind=_kind(ld.article, meta, url),
        duration_s=_duration(ld.article, meta),
        date_source=published.source if published else None,
        provenance=provenance,
    )
