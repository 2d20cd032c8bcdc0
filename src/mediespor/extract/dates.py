"""Find a page's publication and modification dates, and say where each came from.

Signals are read in order of trust: JSON-LD, OpenGraph/``article:*`` meta, other meta (Dublin
Core, ``pubdate``, parse.ly), microdata, a full day in the URL, a visible date line (beside
the headline, right under it, introduced by a publication label, or in a date-classed element;
Danish and a few other languages), ``<time datetime>``, a month in the URL, inline script
state, the day the page's text names most often, and the share image's upload day. A bare
"date" meta goes after a visible date line. The most trusted signal wins unless two others
agree on another day; any signal that names a different day is recorded as a disagreement. A
page that only its URL's day dates takes the time of the date line by its headline when that
line names the same day (the URL's day is never moved). A date in the future of the reference
time (beyond a small tolerance) is rejected, and a page without a trustworthy date stays
undated: the fetch date is never used, since it would pile false coverage onto the crawl day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from itertools import islice

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.danish_dates import CPH, MONTHS, find_danish_dates, parse_danish_date, parse_iso
from mediespor.date_sanity import EARLIEST, latest, out_of_range
from mediespor.extract import attr_reads
from mediespor.extract.index import PageIndex, index_page
from mediespor.extract.jsonld import JsonLdArticle
from mediespor.extract.meta import PageMeta
from mediespor.extract.nodes import class_id, comment_named, has_ancestor, outermost
from mediespor.extract.select import css

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "article.published", "pubdate", "publishdate", "publish-date",
    "publish_date", "publication_date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dcterms.created", "dc.date.created", "date", "parsely-pub-date",
    "sailthru.date", "article_date_original", "originalpublicationdate", "cxenseparse:recs:publishtime",
    "og:pubdate", "article.created", "created", "date_published", "displaydate", "citation_publication_date",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "article.updated",
    "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "revised",
)  # fmt: skip
_OG_KEYS = frozenset(PUBLISHED_META[:3])
#: Published-date keys that only say "date", not which one.
_GENERIC_SOURCES = frozenset(f"meta:{key}" for key in ("date", "dc.date", "dcterms.date"))
_ISO_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?Z?$")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# "No digit before" is checked after the first digits, not before them (see _TEXT_DMY): the
# scanner can then skip ahead to the digits.
_URL_DMY = re.compile(r"(?P<d>[0-3](?<!\d[0-3])\d)-(?P<m>[01]\d)-(?P<y>(?:19|20)\d{2})(?!\d)")
_URL_DATE = re.compile(
    r"(?P<y>(?:19|20)(?<!\d..)\d{2})(?P<s>[/_.-])?(?P<m>[01]\d)(?:(?(s)[/_.-]|)(?P<d>[0-3]\d))?(?!\d)"
)
# /2017/6/28/ and /2017-6-8-: one-digit month or day, only between like separators and
# closed by one too (or the end), so the "3" of /2023/10/3-questions-for is no day.
_URL_SHORT_DATE = re.compile(
    r"(?P<y>(?:19|20)(?<!\d..)\d{2})(?P<s>[/_-])(?P<m>1[0-2]|0?[1-9])(?P=s)"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?=$|(?P=s)|\.html?)"
)
_MONTHS = {
    **MONTHS,  # Danish
    # English, German, French, Spanish, Italian, Dutch, Swedish/Norwegian (first letters suffice
    # once Danish forms have been tried by danish_dates).
    "january": 1, "jan": 1, "januar": 1, "janvier": 1, "enero": 1, "gennaio": 1, "januari": 1,
    "february": 2, "feb": 2, "februar": 2, "février": 2, "fevrier": 2, "febrero": 2, "febbraio": 2,
    "februari": 2, "march": 3, "mar": 3, "märz": 3, "maerz": 3, "mars": 3, "marzo": 3, "maart": 3,
    "april": 4, "apr": 4, "avril": 4, "abril": 4, "aprile": 4, "may": 5, "mai": 5, "mayo": 5,
    "maggio": 5, "mei": 5, "maj": 5, "june": 6, "jun": 6, "juni": 6, "juin": 6, "junio": 6,
    "giugno": 6, "july": 7, "jul": 7, "juli": 7, "juillet": 7, "julio": 7, "luglio": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8, "agosto": 8, "augustus": 8, "augusti": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9, "septiembre": 9, "settembre": 9,
    "october": 10, "oct": 10, "oktober": 10, "octobre": 10, "octubre": 10, "ottobre": 10,
    "november": 11, "nov": 11, "novembre": 11, "noviembre": 11, "december": 12, "dec": 12,
    "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12, "dicembre": 12, "dez": 12,
    "oktobre": 10,
    # Romanian and Russian (genitive, as dates are written)
    "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "iunie": 6, "iulie": 7,
    "septembrie": 9, "octombrie": 10, "noiembrie": 11, "decembrie": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
#: Month words of the languages dates are read in (lower case), Danish first.
MONTH_WORDS: frozenset[str] = frozenset(_MONTHS)
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# A pattern that starts with a look-behind is tried at every position of the text; one that
# starts with a digit lets Python's scanner skip to the digits. So "no digit (or word
# character) before the number" is checked just after its first digit: (?<!\w\d) there says
# what (?<!\w) said before it. Same matches, 1.6x to 3.8x faster on 7.7 MB of page text.
_TEXT_DMY = re.compile(
    rf"(?P<d>\d(?<!\w\d)\d?)(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?P<m>{_MONTH_ALT})\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d{{2}})(?!\d)",
    re.I,
)
# A month word opens it, so the pattern is tried at every position; most positions hold no
# letter (spaces, digits, a date line's layout whitespace), and the letter check spares them
# the hundred month words (the same matches, 3x to 6x faster).
_TEXT_MDY = re.compile(
    rf"(?<!\w)(?=[^\W\d_])(?P<m>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)",
    re.I,
)
# What every _TEXT_MDY match ends with ("29, 2017"): starting with a digit, it is found fast,
# and where it is absent the month-led pattern (tried at every word start) need not run.
_MDY_TAIL = re.compile(r"\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}(?!\d)", re.I)
# 4. 2. 2022, 04.02.2022 and 2020年4月17日 as written in running text (thin spaces allowed)
_NUM_DMY = re.compile(
    r"(?P<d>[0-3](?<![\d.][0-3])\d|\d(?<![\d.]\d))\.[\s\u2009\u202f]?(?P<m>[01]?\d)\.[\s\u2009\u202f]?(?P<y>(?:19|20)\d{2})(?!\d)"
)
_CJK_YMD = re.compile(r"(?P<y>(?:19|20)\d{2})\s?年\s?(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?日")
_YEAR_ANCHOR = re.compile(r"(?:(?:19|20)(?<!\d..)\d{2}|\d(?<!\d\d)\d?[./]\d{1,2}[./]\d{2})(?!\d)")
_NUM_YMD = re.compile(r"(?P<y>(?:19|20)(?<!\d..)\d{2})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?!\d)")
# Class cues of date lines (htmldate's list is a guide: Drupal's "submitted", "subline",
# "fecha", "parution"); "date" already covers "dateline" and "PublishDate".
# The headline's ancestors this many levels up make the block searched first for a date line.
_HEADLINE_LEVELS = 3
#: The date-class cues as (attribute, word) parts, in the order of the selector list below.
_DATE_CLASS_PARTS = (
    ("class", "date"), ("class", "time"), ("class", "publi"), ("class", "byline"),
    ("class", "meta"), ("id", "date"), ("class", "posted"), ("class", "datum"),
    ("class", "dato"), ("class", "info"), ("class", "submitted"), ("class", "subline"),
    ("class", "created"), ("class", "fecha"), ("class", "parution"),
)  # fmt: skip
_DATE_CLASSES = ", ".join(f'[{attr}*="{word}" i]' for attr, word in _DATE_CLASS_PARTS)
#: The same parts as the compiled search reads them: (on the id?, the word's bytes).
_DATE_CLASS_BYTES = tuple((attr == "id", word.encode()) for attr, word in _DATE_CLASS_PARTS)
# The compiled date-class search, or None: the switch that an in-process comparison turns off.
_compiled = attr_reads.compiled
#: Every element with a class or id: one cheap part where the date-class list has fifteen dear
#: ones (see :func:`_date_classed`).
_NAMED = ":is([class], [id])"
#: How many of _DATE_CLASS_PARTS a (class, id) pair matches, cached as content.py's verdicts.
_DATE_NAME_COUNTS: dict[tuple[str | None, str | None], int] = {}
_DATE_NAME_COUNTS_MAX = 50_000
#: Lexbor's "i" flag folds ASCII letters only; str.lower() folds others too ("K", Kelvin, to "k").
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


@dataclass(frozen=True)
class DateSignal:
    """One date a page states, and where."""

    source: str
    value: datetime
    precision: str
    raw: str


@dataclass(frozen=True)
class PageDates:
    """The chosen dates, where they came from, and what disagreed or was rejected."""

    published: DateSignal | None
    modified: DateSignal | None
    candidates: tuple[DateSignal, ...]
    disagreements: tuple[DateSignal, ...]
    rejected: tuple[str, ...]


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=CPH)


def _precision_of(text: str) -> str:
    return "time" if re.search(r"\d[:.]\d{2}", text[10:] if len(text) > 10 else "") else "day"


def _text_date(text: str) -> tuple[datetime, str] | None:
    """A date written in words in one of the common languages ("June 29, 2017", "29. März 2017")."""
    found = _text_date_match(text)
    return None if found is None else (found[0], "day")


def _text_date_match(text: str) -> tuple[datetime, re.Match[str]] | None:
    """The first date :func:`_text_date` reads in ``text``, and its match."""
    best: re.Match[str] | None = None
    for pattern in (_TEXT_DMY, _TEXT_MDY, _NUM_YMD):
        if pattern is _TEXT_MDY and _MDY_TAIL.search(text) is None:
            continue
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    month_text = best.group("m")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
    try:
        return datetime(int(best.group("y")), month, int(best.group("d")), tzinfo=CPH), best
    except ValueError:
        return None


def parse_machine_date(text: str) -> tuple[datetime, str] | None:
    """Parse a date as pages put it in metadata: ISO 8601, RFC 2822, epoch, or written out."""
    text = text.strip()
    if not text or len(text) > 200:
        return None
    value = parse_iso(text)
    if value is not None:
        return value, ("time" if "T" in text or " " in text.strip() else "day")
    m = _ISO_COMPACT.match(text)
    if m:
        try:
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
            return datetime(y, mo, d, h, mi, s, tzinfo=UTC if text.endswith("Z") else CPH), (
                "time" if m.group(4) else "day"
            )
        except ValueError:
            return None
    if _EPOCH.match(text):
        seconds = int(text[:10])
        return datetime.fromtimestamp(seconds, UTC), "time"
    if text[:3].isalpha() and "," in text[:5]:
        try:
            return _aware(parsedate_to_datetime(text)), "time"
        except (ValueError, TypeError, IndexError):
            pass
    parsed = parse_danish_date(text)
    if parsed is not None:
        return parsed.value, parsed.precision
    return _text_date(text)


def url_date(url: str) -> DateSignal | None:
    """A date in the URL path: /2017/06/29/, /2017/6/9/, /2017-06-29-, /20170629/ (a month alone
    is kept too)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if "//" in path:
        path = path.split("//", 1)[1]
        path = path[path.find("/") :] if "/" in path else ""
    if "20" not in path and "19" not in path:
        return None  # every pattern below starts its year with 19 or 20
    short = _URL_SHORT_DATE.search(path)
    if short is not None:
        try:
            value = datetime(int(short["y"]), int(short["m"]), int(short["d"]), tzinfo=CPH)
            return DateSignal("url", value, "day", short.group(0))
        except ValueError:
            pass
    for m in _URL_DATE.finditer(path):
        y, mo = int(m.group("y")), int(m.group("m"))
        d = m.group("d")
        try:
            if d is not None:
                return DateSignal("url", datetime(y, mo, int(d), tzinfo=CPH), "day", m.group(0))
            if m.group("s") in ("/", "-", "_"):
                return DateSignal("url", datetime(y, mo, 1, tzinfo=CPH), "month", m.group(0))
        except ValueError:
            continue
    m = _URL_DMY.search(path)
    if m:
        try:
            value = datetime(int(m.group("y")), int(m.group("m")), int(m.group("d")), tzinfo=CPH)
            return DateSignal("url", value, "day", m.group(0))
        except ValueError:
            pass
    return None


# The pattern starts at the key itself, not at an optional quote before it: a pattern that may
# start with any character is tried at every position of the script text, one that starts
# with a few known letters is found by Python's prefix scan (4x faster on 6 MB of real
# inline scripts, with the same matches).
# Keys in any case and with or without "_" (dataLayer and app state name them freely), matched
# in lower-cased script text (re.I would cost the prefix scan); the value quoted ISO (or
# Y/M/D), or a bare epoch number as JavaScript writes Date.now().
_SCRIPT_DATE = re.compile(
    r"""(?:date_?published|published_?(?:at|date|time|on)|publish_?(?:date|time|ed)"""
    r"""|pub_?date|first_?published\w*|publication_?(?:date|time)|date_?created"""
    r"""|created_?(?:at|date)|release_?date|post_?date|article_?date|start_?date)"""
    r"""["']?\s*[:=]\s*(?:["'](\d{4}[-/]\d{2}[-/]\d{2}(?:t[\d:.]+|\s[\d:.]+)?(?:z|[+-]\d{2}:?\d{2})?)["']"""
    r"""|(1\d{9}(?:\d{3})?)(?![\d.]))"""
)


def _inline_scripts(tree: LexborHTMLParser) -> list[LexborNode]:
    """The page's inline scripts, in order (where apps keep their state)."""
    return css(tree.root, "script:not([src])")


def _script_date(scripts: list[LexborNode]) -> DateSignal | None:
    """A publication date in a page's inline script state (apps that render with JavaScript).

    ``scripts`` are the page's inline scripts (:func:`_inline_scripts`), in order.
    """
    for script in scripts:
        text = script.text(deep=True)
        lowered = text.lower()
        m = _SCRIPT_DATE.search(lowered)
        if m is None:
            continue
        if len(lowered) != len(text):  # a few letters lower-case to two; keep offsets true
            text = lowered
        # The value as written ("T", "Z"), not lower-cased.
        value = text[m.start(1) : m.end(1)] if m.group(1) is not None else m.group(2)
        if parsed := parse_machine_date(value):
            # The quote opening a quoted key belongs to what the page said.
            start = m.start()
            if start and text[start - 1] in "\"'":
                start -= 1
            return DateSignal("script", parsed[0], parsed[1], text[start : m.end()][:80])
    return None


#: Words that label a publication date in running text, right before the date.
_PUBLISHED_LABEL = re.compile(
    r"(?<!\w)(?:veröffentlicht|erschienen|publiziert|published|posted|publié|publicado"
    r"|pubblicato|gepubliceerd|publiceret|udgivet|offentliggjort|publicerad|publicerat|publisert"
    r"|datum|date|fecha|dato)(?!\w)(?:\s+(?:am|on|le|el|il|op|den|d\.|the)(?!\w))?\s*:?\s*",
    re.I,
)
#: Words that label a modification date ("Sidst opdateret: 30.06.2017", "Oppdatert 29.06.2017
#: 08:10"), right before the date: such a date dates the page only when nothing else does.
_UPDATED_LABEL = re.compile(
    r"(?<!\w)(?:opdateret|oppdatert|uppdaterad|updated|aktualisiert|geändert|ændret|redigeret"
    r"|modified|bijgewerkt|mis à jour|actualizado|aggiornato)(?!\w)"
    r"(?:\s+(?:am|on|le|el|il|op|den|d\.|at))?\s*:?"
    # English sites put the update's time and weekday between ("Updated 8:10 AM ET, Thu").
    r"(?:\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?\s*,?)?"
    r"(?:\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)?\s*$",
    re.I,
)
#: A print version's stamp ("Artiklen er udskrevet fra avis.dk den 2. juli 2017", "Printed on
#: ..."): the day it was printed, never the page's. The label and its date share a clause.
_PRINTED_LABEL = re.compile(
    # "Printed in the June 28, 2017 edition": a print edition's day is the page's.
    r"(?<!\w)(?:udskrevet|utskrevet|utskrivet|printed|gedruckt|imprimé)(?!\w)"
    r"(?!\s+(?:in|im|i|dans)\s)"
    r"(?:[^.!?]|\.(?!\s)){0,60}$",  # the dots of an address do not end the clause
    re.I,
)
_PRINTED_REACH = 80
#: The longest update label with its "den"/"on", colon, time and weekday.
_UPDATED_REACH = 48
#: How far before a year a label may stand, and how far after a label its date may end.
_LABEL_REACH = 60
_CENTURIES = (re.compile(r"20\d\d(?!\d)"), re.compile(r"19\d\d(?!\d)"))
_PAGE_LEVEL = frozenset(("html", "body", "main", "article"))
#: Blocks whose dates are other pages': asides, navigation and related stories. Not "teaser"
#: or "sidebar", which _in_other_content passes over in date lines: on the date benchmark's
#: pages a "teaser" is as often the article's own head (its date inside) and a "sidebar" may
#: hold the post's date.
_OTHER_PAGES = 'aside, nav, [class*="related" i]'
#: Elements a style hides from view (a replayed capture's archive toolbar, "28 Jun 2017 - 03
#: Mar 2019", until a script shows it): readers see no date in them.
_HIDDEN = '[style*="display:none" i], [style*="display: none" i]'


class _Readable:
    """The page's readable text, made once per page for the text searches that need it.

    Making it removes scripts from the tree (fine once JSON-LD has been read: the main-text
    stage drops them anyway), so the inline scripts are taken first and kept, detached, for
    the script-date step: reading them costs a third of a parse, and only pages that nothing
    else dates need it. ``headline`` is the page's first ``<h1>``, which tells a layout
    wrapper and the article's own asides from other pages' blocks (:func:`_other_pages_blocks`).
    """

    def __init__(self, tree: LexborHTMLParser, headline: LexborNode | None = None) -> None:
        self._tree = tree
        self._headline = headline
        self._text: str | None = None
        self._own_text: str | None = None
        self._scripts: list[LexborNode] | None = None
        self._script: DateSignal | None = None
        self._script_read = False

    @property
    def text(self) -> str:
        """Visible text, layout whitespace collapsed, reader comments cut out."""
        if self._text is None:
            if self._scripts is None:
                self._scripts = _inline_scripts(self._tree)
            self._text = _readable_text(self._tree)
        return self._text

    @property
    def own_text(self) -> str:
        """:attr:`text` without other pages' blocks and hidden elements too (:data:`_OTHER_PAGES`,
        :data:`_HIDDEN`), made when first asked for: only pages that nothing else dates need it (the blocks' query walks
        the page)."""
        if self._own_text is None:
            text = self.text
            blocks = _other_pages_blocks(self._tree, self._headline)
            self._own_text = _cut(_cut(text, blocks), css(self._tree.root, _HIDDEN))
        return self._own_text

    def script_date(self) -> DateSignal | None:
        """The inline-script date, read once (from the scripts as they were before removal)."""
        if not self._script_read:
            if self._scripts is None:
                self._scripts = _inline_scripts(self._tree)
            self._script = _script_date(self._scripts)
            self._script_read = True
        return self._script


def _other_pages_blocks(tree: LexborHTMLParser, headline: LexborNode | None) -> list[LexborNode]:
    """The page's asides, navigation and related-story blocks (:data:`_OTHER_PAGES`) that are
    other pages', not the article's own.

    A block that holds the headline is a layout wrapper whose class names what it also holds
    ("content-area has-related-posts"), unless it is an aside or a navigation (then the
    "headline" is a menu's); one in the headline's ``<article>`` that links nowhere names no
    other page (an aside with the article's own byline and date).
    """
    holds_headline: set[int] = set()
    article: LexborNode | None = None
    node = headline
    while node is not None:
        holds_headline.add(node.mem_id)
        if article is None and node.tag == "article":
            article = node
        node = node.parent
    in_article = {article.mem_id} if article is not None else set()
    return [
        n
        for n in css(tree.root, _OTHER_PAGES)
        if n.tag not in _PAGE_LEVEL
        and (n.mem_id not in holds_headline or n.tag in _OTHER_TAGS)
        and not (has_ancestor(n, in_article) and n.css_first("a[href]") is None)
    ]


def _readable_text(tree: LexborHTMLParser) -> str:
    """The page's visible text with whitespace collapsed and reader comments cut out.

    Removes scripts, styles and templates from the tree (their text is build and cache
    dates, not what readers see).
    """
    if tree.body is None:
        return ""
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = tree.body
    # Layout whitespace can fill most of a page's text; collapse it before cutting. Text nodes
    # of ASCII whitespace alone collapse to nothing: skipping them gives the same text sooner.
    raw = body.text(deep=True, separator=" ", skip_empty=True) if body is not None else ""
    text = " ".join(raw.split())
    # Reader comments repeat their own (later) dates and would outvote the article's. Cut
    # their text out rather than their nodes: the comments stage still reads them.
    marked = [n for n in comment_named(tree.root) if n.tag not in _PAGE_LEVEL]
    return _cut(text, marked)


def _cut(text: str, nodes: list[LexborNode]) -> str:
    """``text`` without the text of the outermost of ``nodes`` (in document order)."""
    for node in outermost(nodes):
        chunk = " ".join(node.text(deep=True, separator=" ").split())
        if chunk:
            text = text.replace(chunk, " ")
    return text


def _year_anchors(text: str) -> Iterator[re.Match[str]]:
    """``_YEAR_ANCHOR.finditer(text)``, with the pattern tried only where a match can start.

    A match opens with "19" or "20", or with a digit or two before a "." or "/": those are
    found by Python's fast string search, where the pattern's own scan tries every position
    of the text (three times the cost of the whole date search on a long page). Trying the
    places in order, each past the last match, finds the same matches: the pattern's look-back
    sees the text before the place it is tried at, as in a scan.
    """
    starts: set[int] = set()
    for lead in ("19", "20"):
        at = text.find(lead)
        while at != -1:
            starts.add(at)
            at = text.find(lead, at + 1)
    for separator in "./":
        at = text.find(separator, 1)
        while at != -1:
            # str.isdecimal() is the pattern's \d: Unicode's decimal digits.
            if text[at - 1].isdecimal():
                starts.add(at - 1)
                if at >= 2 and text[at - 2].isdecimal():
                    starts.add(at - 2)
            at = text.find(separator, at + 1)
    end = 0
    for start in sorted(starts):
        if start >= end and (found := _YEAR_ANCHOR.match(text, start)) is not None:
            end = found.end()
            yield found


def _page_text_date(text: str, fetched_at: datetime | None) -> DateSignal | None:
    """The day written most often in the page's readable text (earliest position breaks ties).

    The weakest signal, used only when nothing else dates the page: a byline date usually
    repeats (top and bottom of the article), stray dates in teasers rarely do.
    """
    text = text[:30000]
    found: dict[str, tuple[int, int, DateSignal]] = {}
    matches: list[tuple[int, datetime, str, str]] = []
    # Every date this fallback accepts has a year (four digits, or two in 02.12.19): look only
    # around those places instead of running the date patterns over all of the text.
    seen: set[object] = set()
    for year in _year_anchors(text):
        # Start the window at a word boundary so no pattern sees half a number.
        lo = max(0, text.rfind(" ", 0, max(0, year.start() - 40)))
        window = text[lo : year.end() + 20]
        for parsed in find_danish_dates(window):
            start = lo + parsed.start
            if parsed.precision != "month" and ("d", start) not in seen:
                seen.add(("d", start))
                matches.append((start, parsed.value, parsed.precision, parsed.text))
        for pattern in (_TEXT_DMY, _TEXT_MDY, _NUM_YMD, _NUM_DMY, _CJK_YMD):
            if pattern is _TEXT_MDY and _MDY_TAIL.search(window) is None:
                continue
            for m in pattern.finditer(window):
                start = lo + m.start()
                if start in seen:
                    continue
                seen.add(start)
                month_text = m.group("m")
                month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
                try:
                    value = datetime(int(m.group("y")), month, int(m.group("d")), tzinfo=CPH)
                except ValueError:
                    continue
                matches.append((start, value, "day", m.group(0)))
    limit = latest(fetched_at)
    # A date that an update label introduces ("Updated June 29, 2017 | Originally published
    # June 28, 2017") is counted only when no other date is found, as in a date line.
    matches = [
        m
        for m in matches
        if EARLIEST <= m[1] <= limit
        and _PRINTED_LABEL.search(text, max(0, m[0] - _PRINTED_REACH), m[0]) is None
    ]
    updates = {pos for pos, *_ in matches if _updated_label_before(text, 0, pos) is not None}
    only_updates = all(pos in updates for pos, *_ in matches)
    if only_updates:
        updates = set()
    for pos, value, precision, raw in matches:
        if pos in updates:
            continue
        day = value.date().isoformat()
        count, first, sig = found.get(day, (0, pos, None))
        if sig is None or pos < first:
            sig, first = DateSignal("page_text", value, precision, raw[:80]), pos
        found[day] = (count + 1, first, sig)
    if not found:
        return None
    best = max(found.values(), key=lambda item: (item[0], -item[1]))
    return _as_update(best[2]) if only_updates else best[2]


#: Class or id words of regions that date other pages: comments, sidebars, teaser lists.
#: "comment" counts as a word of its own or in the plural: "ArticleHeaderComment" names an
#: opinion piece's own header, "UserComment" items sit in a "comments" list anyway.
_OTHER_CONTENT = re.compile(
    r"(?<![a-z])comment|comments|sidebar|widget|related|recent|teaser|popular"
)
#: Elements that hold other pages' dates: a link names another page, an aside or nav is not
#: the article.
_OTHER_TAGS = frozenset(("a", "aside", "nav"))


def _in_other_content(node: LexborNode) -> bool:
    """True when the node or a near ancestor is a reader comment, a link or a teaser region."""
    depth = 0
    # Page-level containers may carry state classes such as "comments-open"; they say nothing.
    while node is not None and depth < 10 and node.tag not in _PAGE_LEVEL:
        if node.tag in _OTHER_TAGS or _OTHER_CONTENT.search(class_id(node)):
            return True
        node = node.parent
        depth += 1
    return False


def _by_headline(
    tree: LexborHTMLParser, fetched_at: datetime | None, headline: LexborNode
) -> _LineDate | None:
    """The date line by the headline: in a date-classed element of the block around it, else
    in a short line right under (then over) one of the page's first headlines; the first that
    no update label introduces, else the first update's (the first steps of :func:`_visible`).
    """
    region = headline
    for _ in range(_HEADLINE_LEVELS):
        parent = region.parent
        if parent is None or parent.tag in ("html", "body"):
            break
        region = parent
    found = _first_visible(_date_classed(region), fetched_at)
    if found is not None and not found.updated:
        return found
    updated = found
    # The first <h1> may be a hidden logo or a section name; the next ones are looked at too.
    # A date line under a headline is the common form, one over it the rarer.
    # Without an <h1>, the headline found by the <title> (see find_dates).
    h1s = css(tree.root, "h1")[:_HEADLINES] or [headline]
    for above in (False, True):
        for h1 in h1s:
            # Over a site header's logo <h1> sits the site's "today", not a date line.
            if above and len(h1s) > 1 and _in_site_header(h1):
                continue
            if (found := _beside_headline(h1, fetched_at, above=above)) is not None:
                if not found.updated:
                    return found
                updated = updated or found
    return updated


def _visible(
    tree: LexborHTMLParser,
    fetched_at: datetime | None,
    headline: LexborNode | None,
    readable: _Readable,
) -> DateSignal | None:
    """The page's own date as its readers see it: a date line or a labelled date.

    Date lines are short elements whose class says they hold a date or byline. The block
    around the page's headline is searched first: the article's own date line sits
    beside its headline, where a site header's "today" or a teaser's date sits elsewhere
    (and the small search spares the page-wide one, the slowest step of date finding). Then a
    short line right under a headline (or over it, short of a site header), whatever its
    class, then a date that a publication label introduces in the page's readable text
    ("Veröffentlicht am 16.08.2019"), and only then date-classed elements anywhere (once the
    readable text is made, those inside ``<noscript>`` and ``<template>`` are gone with them).
    Dates of other pages are skipped: reader comments (they follow the article, often by days),
    links, asides, navigation and teaser or sidebar lists. A year-less or relative date is read
    as of ``fetched_at``, the reference time (an archived page's capture time).
    """
    updated: _LineDate | None = None  # an update-labelled date, if nothing else is found
    if headline is not None:
        found = _by_headline(tree, fetched_at, headline)
        if found is not None and not found.updated:
            return found.signal
        updated = found
    # A date that a publication label introduces says what it is; a class may be any "info".
    if (labelled := _labelled(readable.text, fetched_at)) is not None:
        return labelled
    found = _first_visible(_date_classed(tree.root), fetched_at)
    if found is not None and not found.updated:
        return found.signal
    updated = updated or found
    return _as_update(updated.signal) if updated is not None else None


#: The end of the source of a date that only an update label introduces: better the day the
#: page was last changed than no day (it existed then), but it says it is no publication day.
UPDATE_MARK = "_updated"


def _as_update(sig: DateSignal) -> DateSignal:
    """``sig`` with its source marked as an update's date (``visible_text_updated``)."""
    return replace(sig, source=sig.source + UPDATE_MARK)


def _labelled(text: str, fetched_at: datetime | None) -> DateSignal | None:
    """The first date that a publication label ("Veröffentlicht am", "Posted on") introduces.

    ``text`` is the page's readable text (:func:`_readable_text`).
    """
    # Every labelled date this reads has a year: look for labels only just before years (a
    # label scan of all of the text cost 5x a parse). A pattern that starts with a literal is
    # found by Python's fast string search: two of them cost a sixth of one for both.
    years = sorted(m.start() for p in _CENTURIES for m in p.finditer(text))
    for year in years:
        if year and text[year - 1].isdigit():
            continue
        for label in _PUBLISHED_LABEL.finditer(text, max(0, year - _LABEL_REACH), year):
            if not _opens_line(text, label.start()):
                continue
            window = text[label.end() : label.end() + _LABEL_REACH]
            found = _date_in_line(window, fetched_at)
            if found is not None and found.span[0] == 0:
                # What the page said: the label and the date it introduces.
                said = text[label.start() : label.end() + found.span[1]]
                return DateSignal("visible_text", found.signal.value, found.signal.precision, said)
    return None


def _opens_line(text: str, start: int) -> bool:
    """Whether the label at ``start`` of the flattened text opens a line of its own.

    A date line's label is capitalised ("Publiceret 28. juni 2017") or follows a separator
    ("Af Mette Holm | udgivet 28.06.2017"); inside a sentence ("Rapporten, der blev
    offentliggjort 13. juni 2016, viste ...") it follows a word or a comma and dates
    something else than the page.
    """
    if text[start].isupper():
        return True
    before = text[:start].rstrip()[-1:]
    return not before or not (before.isalnum() or before == ",")


#: Elements after the headline looked at for a bare date line, and how long such a line is.
_BELOW_HEADLINE = 3
_HEADLINES = 3
_BESIDE_DATE_CHARS = 30
_DATE_LINE_CHARS = 80
_DATE_LINE_ELEMENTS = 12


def _beside_headline(
    headline: LexborNode, fetched_at: datetime | None, *, above: bool = False
) -> _LineDate | None:
    """A short line right after (or ``above``, right before) the headline that holds a date,
    whatever its class.

    Many templates put the date line straight under the headline with no date-like class (a
    plain ``<p><em>10.11.2021</em></p>``), press releases over it ("Pressemeddelelse | 29.
    juni 2017"); the first few elements next to the headline, as siblings of it or of its
    near ancestors, are the article's own.
    """
    node: LexborNode | None = headline
    seen = 0
    updated: _LineDate | None = None
    for _ in range(_HEADLINE_LEVELS):
        if node is None or node.tag in _PAGE_LEVEL:
            return updated
        after = node.prev if above else node.next
        while after is not None and seen < _BELOW_HEADLINE:
            if after.tag == "-text":
                after = after.prev if above else after.next
                continue
            # Over the headline sit site headers and menus, whose text is long to read: a date
            # line there is a small element, and a large one ends the search as a long line does.
            # A site's header before the headline's block holds its "today", not a date line.
            if above and (_large(after) or _site_header(after)):
                return updated
            text = after.text(deep=True, separator=" ").strip()
            if not text:
                after = after.prev if above else after.next
                continue
            seen += 1
            # A line with a machine-readable <time> is read from that, to the minute.
            if (
                len(text) <= _DATE_LINE_CHARS
                and not _in_other_content(after)
                and after.tag != "time"
                and after.css_first("time[datetime]") is None
            ):
                found = _date_in_line(text, fetched_at)
                # Mostly the date: a label or a byline beside it, not a sentence about a day.
                if found is not None and len(text) - _span_len(found.span) <= _BESIDE_DATE_CHARS:
                    # An update ("Opdateret 29. juni", "Listen blev opdateret 3. maj 2016")
                    # gives way to a date in the next lines.
                    if not found.updated:
                        return found
                    updated = updated or found
            after = after.prev if above else after.next
        node = node.parent
    return updated


#: Tags a headline is set in on a page without <h1> (a table layout's <font size=4><b>).
_HEADLINE_STYLE = "h2, h3, h4, b, strong, font, big"
#: Such a headline is this long at least, and at least half of the <title> it is found in.
_TITLE_HEADLINE_MIN = 20


def _headline_by_title(tree: LexborHTMLParser, title: str | None) -> LexborNode | None:
    """On a page without ``<h1>``, the headline-styled element whose text the ``<title>`` holds.

    Old templates set the headline in ``<font size=4><b>`` or an ``<h2>`` and repeat it in the
    ``<title>`` beside the site's name; the date line sits beside it as it would beside an
    ``<h1>``. A breadcrumb's or a link's copy of the headline is no headline.
    """
    if not title or tree.body is None:
        return None
    title = " ".join(title.split())
    for node in css(tree.body, _HEADLINE_STYLE):
        text = " ".join(node.text(deep=True).split())
        if len(text) < _TITLE_HEADLINE_MIN or 2 * len(text) < len(title) or text not in title:
            continue
        if not _in_other_content(node):
            return node
    return None


def _in_site_header(node: LexborNode) -> bool:
    """Whether ``node`` sits in a ``<header>`` that no article or main element holds."""
    parent = node.parent
    while parent is not None and parent.tag != "header":
        parent = parent.parent
    return parent is not None and _outside_article(node)


#: Class or id words of a site's header ("header" as a whole word: a blog's "date-header"
#: over its post is a date line).
_SITE_HEADER_NAME = re.compile(r"(?<![\w-])(?:site-?header|header|masthead|top-?bar)(?![\w-])")


def _site_header(node: LexborNode) -> bool:
    """Whether ``node`` is a site's header: a ``<header>`` or an element named for one, that
    no article or main element holds."""
    return (
        node.tag == "header" or _SITE_HEADER_NAME.search(class_id(node)) is not None
    ) and _outside_article(node)


def _outside_article(node: LexborNode) -> bool:
    """Whether no ``<article>`` or ``<main>`` element holds ``node``."""
    parent = node.parent
    while parent is not None:
        if parent.tag in ("article", "main"):
            return False
        parent = parent.parent
    return True


def _large(node: LexborNode) -> bool:
    """Whether ``node`` holds more elements than a date line does."""
    return next(islice(node.traverse(), _DATE_LINE_ELEMENTS, None), None) is not None


def _span_len(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def _updated_label_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """An update label that ends right at ``end`` (a date's start), not before ``start``."""
    # A label is a few words long: only the end of the gap can hold it.
    return _UPDATED_LABEL.search(text, max(start, end - _UPDATED_REACH), end)


@dataclass(frozen=True)
class _LineDate:
    """A date read in a line of visible text, where it stands, and whether an update label
    ("Opdateret", "Updated") introduces it."""

    signal: DateSignal
    span: tuple[int, int]
    updated: bool = False


def _date_in_line(text: str, fetched_at: datetime | None) -> _LineDate | None:
    """The full date (a day, not a month) in one short line of visible text, and its span.

    A date that an update label introduces is passed over for a later one in the line
    ("Opdateret 29. juni 2017 Publiceret 28. juni 2017"); it is returned, marked, only when
    the line has no other.
    """
    # Most lines hold one date and no update label: the first date alone is read first.
    first = parse_danish_date(text, now=fetched_at)
    if (
        first is not None
        and first.precision != "month"
        and _updated_label_before(text, 0, first.start) is None
    ):
        sig = DateSignal("visible_text", first.value, first.precision, first.text)
        return _LineDate(sig, (first.start, first.end))
    updated: _LineDate | None = None
    end = 0
    for parsed in find_danish_dates(text, now=fetched_at) if first is not None else ():
        if parsed.precision == "month":
            continue
        sig = DateSignal("visible_text", parsed.value, parsed.precision, parsed.text)
        if _updated_label_before(text, end, parsed.start) is None:
            return _LineDate(sig, (parsed.start, parsed.end))
        updated = updated or _LineDate(sig, (parsed.start, parsed.end), updated=True)
        end = parsed.end
    if updated is not None:
        return updated
    end = 0
    while (other := _text_date_match(text[end:])) is not None:
        sig = DateSignal("visible_text", other[0], "day", text.strip()[:80])
        span = (end + other[1].start(), end + other[1].end())
        if _updated_label_before(text, end, span[0]) is None:
            return _LineDate(sig, span)
        updated = updated or _LineDate(sig, span, updated=True)
        end = span[1]
    return updated


def _ascii_lower(value: str) -> str:
    """``value`` with ASCII capitals folded, as Lexbor compares with the "i" flag."""
    return value.lower() if value.isascii() else value.translate(_ASCII_LOWER)


def _date_name_count(names: tuple[str | None, str | None]) -> int:
    """How many of :data:`_DATE_CLASS_PARTS` an element with these class and id matches."""
    cls = _ascii_lower(names[0]) if names[0] else ""
    ident = _ascii_lower(names[1]) if names[1] else ""
    count = sum(word in (ident if attr == "id" else cls) for attr, word in _DATE_CLASS_PARTS)
    if len(_DATE_NAME_COUNTS) >= _DATE_NAME_COUNTS_MAX:
        _DATE_NAME_COUNTS.clear()
    _DATE_NAME_COUNTS[names] = count
    return count


def _date_classed(root: LexborNode) -> list[LexborNode]:
    """``css(root, _DATE_CLASSES)``: the same elements, each as often and in the same order.

    A selector list reports each element, in document order, once per part it matches, and
    :func:`_first_visible` counts every report against its budget, so the answer must repeat
    elements as the list does. The list's fifteen case-insensitive substring parts cost Lexbor
    1.4 bare parses on a whole page; one pass over the elements with a class or id and a cached
    count per (class, id) pair costs half that (the same lists on all 1455 distinct shared pages).
    """
    if _compiled is not None:
        # The same, with the attributes read from Lexbor's tree: a fifth of the cost.
        return _compiled.classed(root, _DATE_CLASS_BYTES)
    found: list[LexborNode] = []
    counts = _DATE_NAME_COUNTS
    for node in css(root, _NAMED):
        attrs = node.attributes
        names = (attrs.get("class"), attrs.get("id"))
        count = counts.get(names)
        if count is None:
            count = _date_name_count(names)
        if count:
            found.extend([node] * count)
    return found


def _first_visible(nodes: list[LexborNode], fetched_at: datetime | None) -> _LineDate | None:
    """The first date in ``nodes`` (date-classed elements, in order) that is the page's own.

    An update-labelled date is returned only when no node holds another.
    """
    checked = 0
    updated: _LineDate | None = None
    for node in nodes:
        if node.tag in ("html", "body", "main", "article", "script", "style", "meta"):
            continue
        text = node.text(deep=True, separator=" ")
        if not text or len(text) > 300 or _in_other_content(node):
            continue
        checked += 1
        if (found := _date_in_line(text, fetched_at)) is not None:
            if not found.updated:
                return found
            updated = updated or found
        if checked > 40:
            break
    return updated


#: A run of entries: the levels climbed from a <time> to its entry, and the entries it takes.
_ENTRY_LEVELS = 3
_ENTRIES_MIN = 3


def _first_entry(
    node: LexborNode, first: DateSignal, headline: LexborNode | None = None
) -> DateSignal:
    """The oldest entry's time when ``node``, the page's first ``<time>``, opens a run of
    entries of one template (tag and class) each dated by a ``<time>``, newest first: a live
    blog without a date line began with its oldest entry, not the latest one shown on top.

    Entries of other pages' lists (teasers, comments) are not the page's: ``first`` stays, as
    it does when the first entry holds the page's ``headline`` (a blog post over its older
    posts, set in the same template: a live blog's headline stands above its entries).
    """
    unit = node
    for _ in range(_ENTRY_LEVELS):
        parent = unit.parent
        if parent is None:
            return first
        key = (unit.tag_id, unit.attributes.get("class"))
        run = [c for c in parent.iter() if (c.tag_id, c.attributes.get("class")) == key]
        if len(run) >= _ENTRIES_MIN:
            break
        unit = parent
    else:
        return first
    if run[0].mem_id != unit.mem_id or _in_other_content(unit):
        return first
    if headline is not None and has_ancestor(headline, {unit.mem_id}):
        return first
    times = [first]
    for entry in run[1:]:
        element = entry.css_first("time[datetime]")
        found = _signal("time_element", element.attributes.get("datetime")) if element else None
        if found is None or found.value >= times[-1].value:
            return first  # not every entry dated, or not newest first
        times.append(found)
    return times[-1]


def _image_url_date(meta: PageMeta) -> DateSignal | None:
    """The day in the share image's upload path (/files/2016/05/04/...), the last resort.

    CMSs file uploads by the day they were made, which for a page's own share image is
    usually the day it went up; only a full day counts, never a month folder.
    """
    for key in ("og:image", "twitter:image", "og:image:url"):
        found = url_date(meta.tags.get(key) or "")
        if found is not None and found.precision == "day":
            return DateSignal("image_url", found.value, "day", found.raw)
    return None


def _signal(source: str, raw: str | None) -> DateSignal | None:
    if not raw:
        return None
    parsed = parse_machine_date(raw)
    if parsed is None:
        return None
    return DateSignal(source, parsed[0], parsed[1], raw[:80])


#: The widest offsets of inhabited time zones (Hawaii to the Line Islands; UTC-12 has no
#: newsrooms): a UTC instant can fall on any local day these reach.
_ZONE_SPAN = (timedelta(hours=-10), timedelta(hours=14))
#: Two timestamps this close apart name the same moment (CMS save vs. render time).
_SAME_MOMENT = timedelta(hours=1)


def _in_local_day(chosen: DateSignal, published: list[DateSignal]) -> DateSignal:
    """Express a UTC timestamp on the newsroom's own calendar day when the page states it.

    Many CMSs write JSON-LD and OpenGraph in UTC, so an evening story in New York or an
    after-midnight story in Rome lands on the wrong day. When another signal carries the
    page's own offset for (about) the same moment, the instant is shown in that offset; when
    the URL names a neighbouring day that the instant reaches in some real time zone, the
    URL's day is the local day and wins.
    """
    offset = chosen.value.utcoffset()
    if chosen.precision != "time" or offset is None or offset:
        return chosen
    value = chosen.value
    # Copenhagen is a whole number of hours from UTC, so its midnight is :00:00 in UTC too
    # (checked first: the zone conversion costs more than the rest of this function).
    if value.minute == value.second == value.microsecond == 0:
        local = value.astimezone(CPH)
        if local.hour == 0:
            # Local midnight to the second, written in UTC: a CMS that stores a day converted it.
            return DateSignal(chosen.source, local, "day", chosen.raw)
    for sig in published:
        zone = sig.value.utcoffset()
        if (
            sig is not chosen
            and sig.precision == "time"
            and sig.source != "url"
            and zone
            # A naive time (parsed as Copenhagen) does not state the page's offset.
            and sig.value.tzinfo is not CPH
            and abs(sig.value - chosen.value) <= _SAME_MOMENT
        ):
            local = chosen.value.astimezone(sig.value.tzinfo)
            return DateSignal(chosen.source, local, chosen.precision, chosen.raw)
    instant = chosen.value.replace(tzinfo=None)
    for sig in published:
        if sig.source == "url" and sig.precision == "day":
            day = sig.value.date()
            if day != instant.date() and any(
                (instant + shift).date() == day for shift in _ZONE_SPAN
            ):
                return sig
    return chosen


def _with_its_hour(chosen: DateSignal, timed: DateSignal | None) -> DateSignal:
    """The <time> element's instant when it names the day the visible date line gives.

    A date line that shows the day only ("14 March 2017", "14 mars 2017") often wraps or
    stands beside a <time> element whose datetime carries the hour; the line decides the
    day, the element only adds the hour it knows.
    """
    if (
        timed is not None
        and chosen.source == "visible_text"
        and chosen.precision == "day"
        and timed.precision == "time"
        and timed.value.date() == chosen.value.date()
    ):
        return timed
    return chosen


#: A capture time this long after a URL's day still reads a year-less date line onto its year.
_YEAR = timedelta(days=365)


def _url_day_timed(
    in_url: DateSignal,
    tree: LexborHTMLParser,
    headline: LexborNode | None,
    fetched_at: datetime | None,
) -> DateSignal | None:
    """The date line by the headline when it names the URL's day and its time too.

    A full day in the URL counts as structured, so the visible date line (the slowest signal)
    is not read to choose the day; here only the line by the headline (:func:`_by_headline`,
    the quick steps: the article's own line sits there) is read, only on pages that the URL's
    day dates, and only for the hour it adds: a line that names another day, an update's day
    or a day without its hour changes nothing.

    The line is read as of the capture time when that falls within a year from the URL's day
    on (a relative "i går kl. 14.32" then reads as it was meant, a year-less "28. juni kl.
    14.32" takes the URL's year), else as of the start of the URL's day, which gives a
    year-less line the URL's year too. A relative line read so names the URL's day only
    because it was made to ("i dag kl. 14.32"; one that counts back, "for 3 timer siden",
    falls before it): such a line moves with the reference time, a written date does not, so a
    line read again a day later must give the same date.
    """
    if headline is None:
        return None
    day = in_url.value
    as_captured = fetched_at is not None and day <= fetched_at < day + _YEAR
    line = _by_headline(tree, fetched_at if as_captured else day, headline)
    if line is None or line.updated:
        return None
    found = line.signal
    if found.precision != "time" or found.value.astimezone(CPH).date() != day.date():
        return None
    if not as_captured:
        again = parse_danish_date(found.raw, now=day + timedelta(days=1))
        if again is None or again.value != found.value:
            return None
    return found


def find_dates(
    tree: LexborHTMLParser,
    url: str,
    jsonld: JsonLdArticle | None,
    meta: PageMeta,
    fetched_at: datetime | None,
    index: PageIndex | None = None,
) -> PageDates:
    """Collect every date signal, then choose the published and modified dates.

    ``fetched_at`` is the reference time (the capture time of an archived page); a naive one is
    taken as UTC.
    """
    if fetched_at is not None and fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=UTC)
    index = index or index_page(tree)
    published: list[DateSignal] = []
    modified: list[DateSignal] = []
    if jsonld is not None:
        for raw in (jsonld.date_published, jsonld.upload_date):
            if s := _signal("jsonld", raw):
                published.append(s)
                break
        if s := _signal("jsonld", jsonld.date_modified):
            modified.append(s)
    for key in PUBLISHED_META:
        raw = meta.tags.get(key)
        if raw and (s := _signal("opengraph" if key in _OG_KEYS else f"meta:{key}", raw)):
            published.append(s)
            break
    for key in MODIFIED_META:
        raw = meta.tags.get(key)
        if raw and (s := _signal(f"meta:{key}", raw)):
            modified.append(s)
            break
    node = index.date_published
    if node is not None:
        raw = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        if s := _signal("microdata", raw):
            published.append(s)
    # A full day in the URL is set by the newsroom's CMS; a <time> element may belong to a
    # comment or a teaser, so the URL goes first.
    in_url = url_date(url)
    if in_url is None and (meta.canonical or meta.tags.get("og:url")):
        # The page's own name for itself may carry the date its fetched URL lacks (an AMP,
        # print or short URL; htmldate reads the canonical link too).
        in_url = url_date(meta.canonical or meta.tags.get("og:url") or "")
    if in_url is not None and in_url.precision == "day":
        published.append(in_url)
    node = index.time
    timed = _signal("time_element", node.attributes.get("datetime")) if node is not None else None
    if timed is None and (node := index.hatom_published) is not None:
        # hAtom's published <abbr> (Blogger's and older WordPress themes) carries its time in
        # its title, as a <time> does in its datetime.
        timed = _signal("microformat", node.attributes.get("title"))
    # The visible date line is the slowest signal to find; read it only when nothing
    # structured dates the page, or only a <time> element does: the first <time> may be a
    # teaser's or a comment's, a date-classed line is the page's own (htmldate reads
    # date-classed elements before <time> too).
    # A bare "date" meta names some day of the page (often when it was generated or edited),
    # not its publication; a date line that readers see goes before it.
    generic = bool(published) and published[0].source in _GENERIC_SOURCES
    readable = _Readable(tree, index.h1)
    headline = index.h1
    if not published or generic:
        headline = headline or _headline_by_title(tree, meta.title)
        if s := _visible(tree, fetched_at, headline, readable):
            published.insert(0, s)
    if timed is not None:
        if not published and index.time is not None and timed.source == "time_element":
            # Only a <time> dates the page: a live blog's first is its latest entry's.
            timed = _first_entry(index.time, timed, index.h1)
        published.append(timed)
    if in_url is not None and in_url.precision != "day":
        published.append(in_url)
    if not published and (s := readable.script_date()):
        published.append(s)
    weak = not published or all(p.precision == "month" for p in published)
    text_date = _page_text_date(readable.own_text, fetched_at) if weak else None
    # A month from the URL narrows the search: only a day in that month confirms it.
    if text_date is not None and (
        not published
        or (text_date.value.year, text_date.value.month)
        == (published[0].value.year, published[0].value.month)
    ):
        published.append(text_date)
    if not published and (s := _image_url_date(meta)):
        published.append(s)

    rejected: list[str] = []
    limit = latest(fetched_at)

    def plausible(sig: DateSignal) -> bool:
        # Years well inside the range need no exact (zone-converting) comparison; a year
        # before the limit's could still pass it by a time-zone offset on New Year's Eve.
        if EARLIEST.year < sig.value.year < limit.year - 1:
            return True
        problem = out_of_range(sig.value, limit)
        if problem:
            rejected.append(f"{sig.source}: {sig.raw} {problem}")
        return problem is None

    published = [s for s in published if plausible(s)]
    modified = [s for s in modified if plausible(s)]
    chosen = published[0] if published else None
    if chosen is not None and chosen.precision != "month":
        # The most trusted signal wins unless two or more others agree on another day: a CMS
        # that fills JSON-LD from the wrong field is outvoted by the page's other signals.
        votes: dict[object, list[DateSignal]] = {}
        for sig in published:
            if sig.precision != "month":
                votes.setdefault(sig.value.date(), []).append(sig)
        top_day = chosen.value.date()
        rival = max(votes.items(), key=lambda kv: len(kv[1]))
        if rival[0] != top_day and len(rival[1]) >= 2 and len(rival[1]) > len(votes[top_day]):
            chosen = rival[1][0]
    # A URL is fixed when the page is made; a structured date more than a day later (beyond
    # any time-zone shift) is a re-publication or an edit stamped as published (htmldate too
    # trusts a complete URL date first).
    if (
        chosen is not None
        and in_url is not None
        and in_url.precision == "day"
        and chosen is not in_url
        and in_url in published
        and in_url.value.date() < chosen.value.astimezone(CPH).date() - timedelta(days=1)
    ):
        chosen = in_url
    if chosen is not None and chosen.precision == "month":
        # A month from the URL is weaker than a day from any later signal.
        chosen = next((s for s in published if s.precision != "month"), chosen)
    if chosen is in_url and in_url is not None and in_url.precision == "day":
        headline = headline or _headline_by_title(tree, meta.title)
        timed_line = _url_day_timed(in_url, tree, headline, fetched_at)
        if timed_line is not None and plausible(timed_line):
            published.insert(published.index(in_url) + 1, timed_line)
            chosen = timed_line
    if chosen is not None:
        chosen = _with_its_hour(chosen, timed)
        chosen = _in_local_day(chosen, published)
    disagreements: tuple[DateSignal, ...] = ()
    if chosen is not None:
        day = chosen.value.astimezone(CPH).date()
        disagreements = tuple(
            s
            for s in published
            if s is not chosen
            and (
                (s.precision != "month" and s.value.astimezone(CPH).date() != day)
                or (
                    s.precision == "month"
                    and (s.value.year, s.value.month) != (day.year, day.month)
                )
            )
        )
    mod = modified[0] if modified else None
    if mod is None and chosen is not None and chosen.source.endswith(UPDATE_MARK):
        mod = chosen  # the day an update label gave is the page's modification day
    return PageDates(chosen, mod, tuple(published), disagreements, tuple(rejected))
