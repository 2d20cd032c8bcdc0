"""One pass over a parsed page that finds every element the extractor reads.

Every Lexbor selector query walks the whole document, and each alternative of a selector list
costs about a walk of its own: the nine-part metadata selector cost a third of the parse. A
Python walk over the page's elements that compares Lexbor tag ids costs about one such walk,
so a single walk now serves both the metadata readers (``<meta>``, JSON-LD, ``<title>``,
``<h1>``, ``<time>``) and the main-text stage (paragraph candidates, and junk elements such as
scripts, navigation and figures whose subtrees never hold article text). Only what needs an
attribute test on arbitrary elements (microdata dates, class names that mean paragraphs) is
left to one small selector query; microdata authors and ``rel=author`` links, which only pages
without author metadata need, to a second one run when they are first asked for. Comment
sections are looked for by the main-text stage, once junk is gone and little more than half of
the page is left to search.

The walk only reads the tree; nothing is removed until the main-text stage runs. A junk
element's subtree (two in five of a page's elements) is stepped over in a loop of its own that
only looks for metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.extract.compiled_walks import load
from mediespor.extract.nodes import following, unique
from mediespor.extract.select import css
from mediespor.extract.tags import BR, DIV, A, tag_id, tag_ids

# The compiled walk, when the install built it and it reads this page as selectolax does.
_compiled = load(
    "lexbor_walk",
    "<html><head><meta charset=utf-8><title>t</title><link rel=canonical href=/c>"
    "<script type=application/ld+json>{}</script></head><body><!--c--><div id=a>x"
    "<time datetime=2017-06-29>d</time><svg><a xlink:href=/s href=/h>s</a></svg>"
    "<p class=b>y<br><custom-tag data-a-rather-long-attribute-name=1>z</custom-tag></p>"
    "<div class='Article-PARAgraph' itemprop=datePublished title>w</div>"
    "<span itemprop=datepublished>v</span></div><script>s</script>tail</body></html>",
)
#: Whether the index is walked by the compiled walk (``lexbor_walk``) rather than in Python.
COMPILED = _compiled is not None

#: Elements that never hold article text; their subtrees are skipped and later removed.
JUNK_TAGS = (
    "script", "style", "noscript", "iframe", "svg", "button", "nav", "footer", "aside",
    "select", "textarea", "input", "template", "object", "embed", "canvas", "dialog", "menu",
    "figure", "figcaption", "picture", "video", "audio", "map", "link", "meta", "label",
    "fieldset", "legend", "datalist",
)  # fmt: skip
#: Elements whose own text is a paragraph of the article.
PARAGRAPH_TAGS = ("p", "pre", "td", "blockquote", "li")
JUNK_IDS = tag_ids(JUNK_TAGS)
PARAGRAPH_IDS = tag_ids(PARAGRAPH_TAGS)
_META = tag_id("meta")
_SCRIPT = tag_id("script")
_LINK = tag_id("link")
_TITLE = tag_id("title")
_H1 = tag_id("h1")
_TIME = tag_id("time")
_ABBR = tag_id("abbr")
#: Elements noted wherever they sit, inside junk subtrees and the head too.
_NOTED_IDS = frozenset({_META, _TITLE, _H1, _TIME, _SCRIPT, _LINK, _ABBR})
# Never microdata: a <meta itemprop> is read as a meta tag, as the readers always have.
_NOT_MICRODATA = frozenset({_META, _SCRIPT, _LINK, _TITLE, _H1})
# Junk elements that cannot hold elements (void, or text-only by the HTML parsing rules):
# the walk needs no look-ahead to step past them. Nearly two thirds of all junk.
_LEAF_JUNK_IDS = tag_ids(("meta", "link", "input", "embed", "script", "style", "textarea"))
# What the walk does with an element, looked up once per element (most elements: nothing).
_K_NOTED, _K_NOTED_JUNK, _K_LEAF_JUNK, _K_JUNK, _K_PARAGRAPH, _K_BR, _K_DIV, _K_QUOTE = range(8)
_KINDS: dict[int, int] = {
    **{tid: _K_JUNK for tid in JUNK_IDS},
    **{tid: _K_LEAF_JUNK for tid in _LEAF_JUNK_IDS},
    **{tid: _K_PARAGRAPH for tid in PARAGRAPH_IDS},
    tag_id("blockquote"): _K_QUOTE,  # a paragraph too, and noted
    BR: _K_BR,
    **{tid: _K_NOTED for tid in _NOTED_IDS - JUNK_IDS},
    **{tid: _K_NOTED_JUNK for tid in _NOTED_IDS & _LEAF_JUNK_IDS},
}
_KINDS_WITH_DIV = {**_KINDS, DIV: _K_DIV}


def _table(kinds: dict[int, int]) -> bytes:
    """``kinds`` as the compiled walk reads it: a byte per tag id, the kind plus one (0: none)."""
    table = bytearray(max(kinds) + 1)
    for tid, kind in kinds.items():
        table[tid] = kind + 1
    return bytes(table)


_KIND_TABLE_WITH_DIV = _table(_KINDS_WITH_DIV)
# The metadata elements that the compiled walk notes itself, as _note does (the rest, rare,
# it hands to _note): their attribute tests cost more through node objects than the walk.
_COMPILED_NOTES = (_SCRIPT, _LINK, _TITLE, _H1, _TIME)
_NOTED_TABLE = _table(dict.fromkeys(_NOTED_IDS, 0))
_NOT_MICRODATA_TABLE = _table(dict.fromkeys(_NOT_MICRODATA, 0))
# Attribute tests on arbitrary elements, cheaper as one selector query than as attribute
# reads in the walk: microdata dates and divs whose class calls them paragraphs. Each part
# of a selector list costs Lexbor about half a walk over the page, so what the walk meets
# anyway (<script> types, <link> rels) is tested there instead, and the author query, which
# only pages without author metadata need, runs when first asked for.
_ATTRIBUTE_SELECTOR = '[itemprop="datePublished"], div[class*="para" i]'
# A div whose class calls it a paragraph: "paragraph" anywhere ("articleParagraph"), or the
# word "para" (the selector's "para" also finds "parallax" and "separator", ruled out here).
_PARAGRAPH_CLASS = re.compile(r"paragraph|(?:^|[\s_-])para(?:$|[\s_-])")
# A plain selector list: Lexbor matches it in one pass, with 13% fewer instructions than
# the same list inside :is() (callgrind), but reports an element once per part it matches.
_AUTHOR_SELECTOR = '[itemprop="author"], a[rel="author"]'


@dataclass
class PageIndex:
    """The elements of one page that extraction reads, each list in document order."""

    jsonld: list[LexborNode] = field(default_factory=list)
    metas: list[LexborNode] = field(default_factory=list)
    canonical: LexborNode | None = None
    title: LexborNode | None = None
    h1: LexborNode | None = None
    date_published: LexborNode | None = None
    time: LexborNode | None = None
    #: hAtom's ``<abbr class="published" title="...">``, the machine time of blogs' templates.
    hatom_published: LexborNode | None = None
    #: Paragraph candidates in the body, outside junk elements.
    candidates: list[LexborNode] = field(default_factory=list)
    #: The outermost junk elements in the body.
    junk: list[LexborNode] = field(default_factory=list)
    #: Whether the body holds a ``<blockquote>`` outside junk: only then can a block named as
    #: boilerplate wrap an embedded post.
    quotes: bool = False
    #: The page's root element, where :attr:`authors` looks.
    root: LexborNode | None = field(default=None, repr=False)
    _authors: list[LexborNode] | None = field(default=None, repr=False)

    @property
    def authors(self) -> list[LexborNode]:
        """Microdata authors and ``rel=author`` links.

        Found on first use, which comes before anything changes the tree (bylines are read
        before the main text); most pages name their authors in metadata and never ask.
        """
        if self._authors is None:
            self._authors = [] if self.root is None else _authors(self.root)
        return self._authors


def _note(index: PageIndex, node: LexborNode, tid: int) -> None:
    """Note a metadata element, a JSON-LD script or the canonical link."""
    if tid == _META:
        index.metas.append(node)
    elif tid == _SCRIPT:
        # Selectors match type and rel values regardless of ASCII case (HTML says so); the
        # readers always took what a selector took, and so do these tests.
        kind = node.attributes.get("type")
        if kind and kind.isascii() and kind.lower() == "application/ld+json":
            index.jsonld.append(node)
    elif tid == _LINK:
        if index.canonical is None:
            # One attribute read through attrs, not a dict of all (a <link> has several):
            # half the cost, over the twenty-odd <link>s of a page's head.
            attrs = node.attrs
            rel = attrs.get("rel")
            if rel and rel.isascii() and rel.lower() == "canonical" and "href" in attrs:
                index.canonical = node
    elif tid == _TITLE:
        if index.title is None:
            index.title = node
    elif tid == _H1:
        if index.h1 is None:
            index.h1 = node
    elif tid == _ABBR:
        if index.hatom_published is None:
            attrs = node.attributes
            cls = attrs.get("class")
            if cls and "title" in attrs and "published" in cls.lower():
                index.hatom_published = node
    elif index.time is None and "datetime" in node.attributes:
        index.time = node


def _paragraph_class(names: str) -> bool:
    """Whether a div's class calls it a paragraph (given that it holds "para" in any case)."""
    return _PARAGRAPH_CLASS.search(names.lower()) is not None


def _read_attributes(index: PageIndex, root: LexborNode) -> set[int]:
    """Sort the attribute query's matches into ``index``; returns the paragraph divs."""
    paragraph_divs: set[int] = set()
    for node in css(root, _ATTRIBUTE_SELECTOR):
        tid = node.tag_id
        attrs = node.attributes
        if (
            index.date_published is None
            and tid not in _NOT_MICRODATA
            and attrs.get("itemprop") == "datePublished"
        ):
            index.date_published = node
        # An element matching both parts is reported twice; a set takes it once.
        if tid == DIV and _paragraph_class(attrs.get("class") or ""):
            paragraph_divs.add(node.mem_id)
    return paragraph_divs


def _authors(root: LexborNode) -> list[LexborNode]:
    """The author query's matches, each once, in document order (not ``<meta itemprop>``)."""
    authors: list[LexborNode] = []
    for node in unique(css(root, _AUTHOR_SELECTOR)):
        tid = node.tag_id
        if tid in _NOT_MICRODATA:
            continue
        attrs = node.attributes
        itemprop = attrs.get("itemprop")
        if itemprop == "author" or (
            itemprop != "datePublished" and tid == A and attrs.get("rel") == "author"
        ):
            authors.append(node)
    return authors


def _skip_junk(
    index: PageIndex, walk: Iterator[LexborNode], after: LexborNode | None
) -> LexborNode | None:
    """Step ``walk`` past a junk element's subtree, noting metadata in it.

    Returns the element ``after`` the subtree as ``walk`` gives it, or ``None`` when the page
    ends inside the subtree.
    """
    noted = _NOTED_IDS
    # The tag is read anyway; the identity is only asked of elements with the right tag.
    stop, stop_tag = (after.mem_id, after.tag_id) if after is not None else (None, None)
    for node in walk:
        tid = node.tag_id
        if tid == stop_tag and node.mem_id == stop:
            return node
        if tid in noted:
            _note(index, node, tid)
    return None


def index_page(tree: LexborHTMLParser) -> PageIndex:
    """Collect the elements extraction reads: one walk over ``tree`` and one small query.

    Read ``authors`` before changing the tree: they are looked for on first use.
    """
    index = PageIndex()
    root = tree.root
    if root is None:
        return index
    index.root = root
    head, body = tree.head, tree.body
    if _compiled is not None and body is not None and head is not None:
        _compiled.walk(
            root, head, body, _KIND_TABLE_WITH_DIV, _NOTED_TABLE, _NOT_MICRODATA_TABLE,
            _META, DIV, _paragraph_class, _note, index, _COMPILED_NOTES,
        )  # fmt: skip
        return index
    paragraph_divs = _read_attributes(index, root)
    noted = _NOTED_IDS
    if body is None or head is None:
        # No body to take text from (a frameset page): metadata only, from anywhere.
        for node in root.traverse():
            tid = node.tag_id
            if tid in noted:
                _note(index, node, tid)
        return index
    # The parser puts every element in the head or the body; the head holds no article text.
    metas = index.metas
    for node in head.traverse():
        tid = node.tag_id
        if tid == _META:
            metas.append(node)  # most of the head, so without a call
        elif tid in noted:
            _note(index, node, tid)
    candidates = index.candidates
    junk = index.junk
    kinds = _KINDS_WITH_DIV if paragraph_divs else _KINDS
    seen: set[int] = set()
    walk = body.traverse()
    for node in walk:
        tid = node.tag_id
        if tid not in kinds:
            continue  # most elements: nothing to note (a set test costs less than a lookup)
        kind = kinds[tid]
        while kind == _K_JUNK:
            # Its subtree goes with it and is stepped over; metadata in it still counts.
            junk.append(node)
            node = _skip_junk(index, walk, following(node, body))
            if node is None:
                return index
            tid = node.tag_id
            kind = kinds.get(tid)
        if kind is None:
            continue  # the element after a junk subtree may be anything
        if kind == _K_PARAGRAPH:
            candidates.append(node)
        elif kind == _K_LEAF_JUNK:
            junk.append(node)
        elif kind == _K_NOTED_JUNK:
            _note(index, node, tid)
            junk.append(node)
        elif kind == _K_NOTED:
            _note(index, node, tid)
        elif kind == _K_QUOTE:
            candidates.append(node)
            index.quotes = True
        elif kind == _K_BR:
            # <div>line<br>line</div>: the div is a paragraph block.
            parent = node.parent
            if parent is not None and parent.tag_id == DIV and parent.mem_id not in seen:
                seen.add(parent.mem_id)
                candidates.append(parent)
        else:
            key = node.mem_id
            if key in paragraph_divs and key not in seen:
                # A <div> whose class calls it a paragraph is one (some CMSs never emit <p>).
                seen.add(key)
                candidates.append(node)
    return index
