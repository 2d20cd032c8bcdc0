"""Author names from the visible byline, for pages whose metadata names none."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.extract import attr_reads
from mediespor.extract.index import PageIndex, index_page
from mediespor.extract.names import (
    looks_like_full_name,
    names_a_place,
    reads_as_phrase,
    split_names,
)
from mediespor.extract.nodes import outermost, unique
from mediespor.extract.select import css
from mediespor.extract.threads import WHEN_WORDS

# After the microdata and rel=author elements (found by the page index), elements whose
# class names a byline; one query for all of them, most specific first when sorting out.
_CLASS_SELECTOR = (
    '[class*="author-name" i], [class*="authorname" i], [class*="byline__name" i],'
    ' [class*="byline" i] a, [class*="author" i] a[href*="author"]'
)
# The same query less its two parts that need a class naming a byline. Half the cost of the
# query above is "[class*=byline] a", which climbs from every link of the page; on a page
# where no class names a byline both parts find nothing, and the rest finds the same elements
# in the same order.
_CLASS_SELECTOR_NO_BYLINE = (
    '[class*="author-name" i], [class*="authorname" i], [class*="author" i] a[href*="author"]'
)
#: The words that open a byline ("By", "Af", "Von", ...), in a group to match case-blind.
BYLINE_WORDS = r"(?i:by|af|von|par|por|di|door|av|skrevet af|written by)"
# Last, any element whose class names an author ("article-author", "author") and whose own
# text is a name, as in <span class="article-author">Af Mette Holm</span>: no link, no
# name-specific class. Only names of full-name shape count here, so an author box's bio or
# a "Mere fra forfatteren" heading is not read as a writer (the "author" of _CLASSED_WORDS).
# Every element the class queries find has a class naming an author or a byline, or sits inside
# one that has. One query finds those elements (it costs about what the fallback's query alone
# cost); the class queries then search only under them (a query on a subtree still sees the
# ancestors above it), most pages' elements are never tested, and a page with none of them
# needs no further query. The class words are tested as selectors test them: ASCII letters
# matched regardless of case.
#
# Bylines written as a line of text ("Skrevet af Karen Holm") also sit in elements whose class
# names the writer in another word: Joomla's "createdby", the "posted-by" and "submitted-by" of
# blog themes, "writer" (trafilatura's author xpaths take these), and the author word of other
# languages ("autor", "forfatter"). A date's class ("created", "posted-on") is none of them.
# From these elements only a byline line of full names is read (the last step below), so a
# class word alone names nobody. The search asks for "by", which all the "...by" words and
# "byline" hold, so the words cost three substring tests more, not eight; _WRITER then drops
# what only holds the letters ("adsbygoogle", "share-by-mail").
_CLASSED_WORDS = ("author", "by", "writer", "autor", "forfatter")
_CLASSED = ", ".join(f'[class*="{word}" i]' for word in _CLASSED_WORDS)
_WRITER = re.compile(
    r"author|byline|(?:created|posted|submitted)[-_]?by|writer|autor|forfatter",
    re.IGNORECASE | re.ASCII,
)
# The same words as the compiled class search reads them (lexbor_attrs.classed, which walks
# the page once where the selector list walks it once per part), and its switch: None runs
# the selector query.
_CLASSED_PARTS = tuple((False, word.encode()) for word in _CLASSED_WORDS)
_compiled = attr_reads.compiled
_AUTHOR = re.compile("author", re.IGNORECASE | re.ASCII)
_BYLINE = re.compile("byline", re.IGNORECASE | re.ASCII)
# A verb may come first: "Posted by", "Udgivet af", "Indsendt af".
_OPENING = rf"(?:(?i:posted|indsendt|skrevet|written|udgivet)\s+)?{BYLINE_WORDS}\s+"
_PREFIX = re.compile("^" + _OPENING)
# A label before the name ("Forfatter: Ole Lund", "Author(s): Ole Lund"): a name never
# opens with a word and a colon.
_LABEL = re.compile(r"^[^\W\d_]+(?:\(s\))?:\s*")
_NOT_A_NAME = re.compile(r"[@/\d]|^(?:by|af|von)$", re.I)
# A byline written as a line of text, no link or name element in it: its word (after "Posted",
# "Skrevet", ...) or a "Tekst:" label, the name, then a separator, a date or the line's end
# ("Af Mette Holm · 28. juni 2017", "Posted by Anna Berg on June 28, 2017", "Skrevet af Karen
# Holm"), at the line's start or after a separator ("28. juni 2017 | Af Mette Holm", "Nyhed ·
# 28. juni 2017 · Af Mette Holm og Ole Dam"). The name is taken only when it has a full
# name's shape, so "Indsendt af mads" (a user name) is none.
_BYLINE_LINE = re.compile(
    # A comma only after a date's digit ("June 28, 2017, by Anna Berg"): after words it is a
    # sentence's ("..., announced on Monday, by Mayor Frank Jensen.").
    r"(?:^|[|·•–—/]\s*|(?<=\d),\s*|\s-\s)(?:" + _OPENING + r"|(?i:tekst|text):\s*)"
    r"(?P<name>[^\W\d_][^\W\d_.]*\.?(?:[ -][^\W\d_][^\W\d_.]*\.?){1,5}?)"
    r"(?=\s*(?:[·|,•–—/]|\s-\s|$|\d)|\s(?i:on|den|d\.|am|le|kl\.|at)\s)"
)
_WORD = re.compile(r"[^\W\d_]+")
# Lower-case words after the name that make the line a sentence, not a byline with a title.
_SENTENCE_WORDS = 4
# Such a line is short; the elements right after the headline looked at for one.
_LINE_MAX = 120
_AFTER_HEADLINE = 3


def _clean_name(raw: str) -> str | None:
    name = _PREFIX.sub("", _LABEL.sub("", " ".join(raw.split()))).strip(" ,;:|")
    if not name or len(name) > 60 or len(name.split()) > 6 or _NOT_A_NAME.search(name):
        return None
    if reads_as_phrase(name):
        return None  # a link's words ("Vis hele min profil"), not a writer
    return name


def _names(nodes: list[LexborNode], site: str | None, *, full_only: bool = False) -> list[str]:
    names: list[str] = []
    for node in nodes[:10]:
        for part in split_names(node.text(deep=True)):
            name = _clean_name(part)
            if full_only and not (name and looks_like_full_name(name)):
                continue
            if name and name != site and name not in names:
                names.append(name)
    return names


def _line_names(nodes: list[LexborNode], site: str | None) -> list[str]:
    """The names of the first of ``nodes`` whose text is a byline line (see _BYLINE_LINE)."""
    for node in nodes:
        text = node.text(deep=True, separator=" ")
        if not text or len(text) > _LINE_MAX:
            continue
        line = " ".join(text.split())
        found = _BYLINE_LINE.search(line)
        if found is None or _is_sentence(line, found.end()):
            continue
        # "By Alex Berg Thursday, November 9": the date's first words are no part of the name.
        words = found.group("name").split()
        while words and words[-1].lower() in WHEN_WORDS:
            words.pop()
        names = [n for n in split_names(" ".join(words)) if n != site]
        if names and all(looks_like_full_name(n) for n in names):
            return names
    return []


def _is_sentence(line: str, name_end: int) -> bool:
    """Whether a line that opens as a byline goes on as a sentence: it ends in a full stop and
    words of a sentence follow the name ("Af Region Hovedstadens 2.300 sager om fleksjob blev
    412 afgjort i 2016.", "By New Year, the council expects to ..."); a byline's own words
    after the name are a title or a date ("Af Mette Holm, journalist, 28. juni 2017.")."""
    if not line.endswith("."):
        return False
    lower = [
        word
        for word in _WORD.findall(line, name_end)
        if word[0].islower() and word not in WHEN_WORDS
    ]
    return len(lower) >= _SENTENCE_WORDS


def _after_headline(headline: LexborNode | None) -> list[LexborNode]:
    """The first elements after ``headline`` and after its parent: where a byline line sits."""
    found: list[LexborNode] = []
    node = headline
    for _ in range(2):
        if node is None:
            break
        after, seen = node.next, 0
        while after is not None and seen < _AFTER_HEADLINE:
            if after.tag != "-text":
                found.append(after)
                seen += 1
            after = after.next
        node = node.parent
    return found


def visible_authors(
    tree: LexborHTMLParser, *, site: str | None = None, index: PageIndex | None = None
) -> tuple[str, ...]:
    """Names in the page's byline (none when only the site or an e-mail address is named)."""
    index = index or index_page(tree)
    micro = [n for n in index.authors if n.attributes.get("itemprop") == "author"]
    named = [m for n in micro for m in css(n, '[itemprop="name"]')]
    rel = [n for n in index.authors if n.attributes.get("rel") == "author"]
    for group in (named, micro, rel):
        if names := _names(group, site):
            return tuple(names)
    root = tree.root
    if root is None:
        return ()
    # Both class queries below find only elements inside one whose class names an author or
    # a byline: one cheap query finds those, and the class queries search only under them.
    if _compiled is not None:
        found = _compiled.classed(root, _CLASSED_PARTS)
    else:
        found = css(root, _CLASSED)
    classed = [node for node in unique(found) if _WRITER.search(node.attrs.get("class") or "")]
    if not classed:
        return tuple(_line_names(_after_headline(index.h1), site))
    bylines = any(_BYLINE.search(node.attrs.get("class") or "") for node in classed)
    query = _CLASS_SELECTOR if bylines else _CLASS_SELECTOR_NO_BYLINE
    if names := _names([m for block in outermost(classed) for m in css(block, query)], site):
        return tuple(names)
    # A byline is one place: the first author-class element that holds a name, not every
    # comment's or teaser's author further down the page.
    authors = [node for node in classed if _AUTHOR.search(node.attrs.get("class") or "")]
    for node in authors[:20]:
        if names := _names([node], site, full_only=True):
            return tuple(names)
    return tuple(_line_names([*classed[:20], *_after_headline(index.h1)], site))


# A reader's letter's signature under its last paragraph: the writer's name, two or three
# capitalised words, a comma and the writer's town ("Lise Nielsen, Valby"), nothing else.
_NAME_WORD = r"[^\W\d_a-zæøå][^\W\d_A-ZÆØÅ]+"
_SIGNATURE = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}), {_NAME_WORD}(?:[ -]{_NAME_WORD})?$"
)
_SIGNED_AFTER = 3


def signed_name(paragraphs: tuple[str, ...], site: str | None = None) -> str | None:
    """The writer a text is signed by, when its last line is a signature and nothing else.

    For pages whose byline names nobody: a reader's letter ends "Lise Nielsen, Valby". Only
    under a few paragraphs, and only a full name's shape ("Københavns Kommune" has it too, so
    a page's own byline or metadata always goes first).
    """
    if len(paragraphs) <= _SIGNED_AFTER:
        return None
    found = _SIGNATURE.match(paragraphs[-1])
    if found is None:
        return None
    name = found.group("name").strip()
    if (
        name == site
        or not looks_like_full_name(name)
        or reads_as_phrase(name)
        # A closing venue line ("Borgernes Hus, Odense") has a signature's shape.
        or names_a_place(name)
    ):
        return None
    return name
