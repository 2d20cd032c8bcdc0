"""One pass over a parsed page that finds every element the extractor reads.

Every Lexbor selector query walks the whole document, and each alternative of a selector list
costs about a walk of its own: the nine-part metadata selector cost a third of the parse. A
Python walk over the page's elements that compares Lexbor tag ids costs about one such walk,
so a single walk now serves both the metadata readers (``<meta>``, JSON-LD, ``<title>``,
``<h1>``, ``<time>``) and the main-text stage (paragraph candidates, and junk elements such as
scripts, navigation and figures whose subtrees never hold article text). Only what needs an
attribute test on arbitrary elements (microdata, ``rel=author``, class names that mean
paragraphs) is left to one small selector query. Comment sections are looked for by the
main-text stage, once junk is gone and little more than half of the page is left to search.

The walk only reads the tree; nothing is removed until the main-text stage runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.extract.nodes import following
from mediespor.extract.select import css
from mediespor.extract.tags import BR, DIV, A, tag_id, tag_ids

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
_METADATA_IDS = frozenset({_META, _TITLE, _H1, _TIME})
# Never microdata: a <meta itemprop> is read as a meta tag, as the readers always have.
_NOT_MICRODATA = frozenset({_META, _SCRIPT, _LINK, _TITLE, _H1})
# Junk elements that cannot hold elements (void, or text-only by the HTML parsing rules):
# the walk needs no look-ahead to step past them. Nearly two thirds of all junk.
_LEAF_JUNK_IDS = tag_ids(("meta", "link", "input", "embed", "script", "style", "textarea"))
# What the walk does with an element, looked up once per element (most elements: nothing).
_K_META, _K_METADATA, _K_LEAF_JUNK, _K_JUNK, _K_PARAGRAPH, _K_BR, _K_DIV = range(7)
_KINDS: dict[int, int] = {
    **{tid: _K_JUNK for tid in JUNK_IDS},
    **{tid: _K_LEAF_JUNK for tid in _LEAF_JUNK_IDS},
    **{tid: _K_PARAGRAPH for tid in PARAGRAPH_IDS},
    BR: _K_BR,
    _TITLE: _K_METADATA,
    _H1: _K_METADATA,
    _TIME: _K_METADATA,
    _META: _K_META,
}
_KINDS_WITH_DIV = {**_KINDS, DIV: _K_DIV}
# Attribute tests, cheaper as one selector query than as attribute reads in the walk: JSON-LD,
# the canonical link, microdata dates and authors, and divs whose class calls them paragraphs.
_ATTRIBUTE_SELECTOR = (
    # A plain selector list: Lexbor matches it in one pass, with 13% fewer instructions than
    # the same list inside :is() (callgrind). It reports an element once per part it matches,
    # in document order; the sorting below takes each element once.
    'script[type="application/ld+json"], link[rel="canonical"][href],'
    ' [itemprop="datePublished"], [itemprop="author"], a[rel="author"],'
    ' div[class*="paragraph" i]'
)


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
    authors: list[LexborNode] = field(default_factory=list)
    #: Paragraph candidates in the body, outside junk elements.
    candidates: list[LexborNode] = field(default_factory=list)
    #: The outermost junk elements in the body.
    junk: list[LexborNode] = field(default_factory=list)


def _note_metadata(index: PageIndex, node: LexborNode, tid: int) -> None:
    if tid == _META:
        index.metas.append(node)
    elif tid == _TITLE:
        if index.title is None:
            index.title = node
    elif tid == _H1:
        if index.h1 is None:
            index.h1 = node
    elif index.time is None and "datetime" in node.attributes:
        index.time = node


def _read_attributes(index: PageIndex, root: LexborNode) -> set[int]:
    """Sort the attribute query's matches into ``index``; returns the paragraph divs."""
    paragraph_divs: set[int] = set()
    found: set[int] = set()
    for node in css(root, _ATTRIBUTE_SELECTOR):
        key = node.mem_id
        if key in found:
            continue  # reported once per part of the selector list it matches
        found.add(key)
        tid = node.tag_id
        attrs = node.attributes
        # Selectors match type and rel values regardless of case (HTML says so); so do these.
        if tid == _SCRIPT:
            if (attrs.get("type") or "").lower() == "application/ld+json":
                index.jsonld.append(node)
        elif (
            tid == _LINK
            and index.canonical is None
            and (attrs.get("rel") or "").lower() == "canonical"
            and "href" in attrs
        ):
            index.canonical = node
        if tid not in _NOT_MICRODATA:
            itemprop = attrs.get("itemprop")
            if itemprop == "datePublished":
                if index.date_published is None:
                    index.date_published = node
            elif itemprop == "author" or (tid == A and attrs.get("rel") == "author"):
                index.authors.append(node)
        if tid == DIV and "paragraph" in (attrs.get("class") or "").lower():
            paragraph_divs.add(key)
    return paragraph_divs


def index_page(tree: LexborHTMLParser) -> PageIndex:
    """Collect the elements extraction reads: one walk over ``tree`` and one small query."""
    index = PageIndex()
    root = tree.root
    if root is None:
        return index
    paragraph_divs = _read_attributes(index, root)
    head, body = tree.head, tree.body
    if body is None or head is None:
        # No body to take text from (a frameset page): metadata only, from anywhere.
        for node in root.traverse():
            tid = node.tag_id
            if tid in _METADATA_IDS:
                _note_metadata(index, node, tid)
        return index
    # The parser puts every element in the head or the body; the head holds no article text.
    for node in head.traverse():
        tid = node.tag_id
        if tid in _METADATA_IDS:
            _note_metadata(index, node, tid)
    metas = index.metas
    candidates = index.candidates
    junk = index.junk
    kind_of = (_KINDS_WITH_DIV if paragraph_divs else _KINDS).get
    seen: set[int] = set()
    skip_to: int | None = None
    skipping = False
    for node in body.traverse():
        tid = node.tag_id
        kind = kind_of(tid)
        if skipping:
            if node.mem_id != skip_to:
                # Inside a junk element: its subtree goes with it, but metadata still counts.
                if kind == _K_META:
                    metas.append(node)
                elif kind == _K_METADATA:
                    _note_metadata(index, node, tid)
                continue
            skipping = False
        if kind is None:
            continue  # most elements: nothing to note
        if kind == _K_META:
            metas.append(node)
            junk.append(node)
        elif kind == _K_METADATA:
            _note_metadata(index, node, tid)
        elif kind == _K_LEAF_JUNK:
            junk.append(node)
        elif kind == _K_JUNK:
            junk.append(node)
            skip_to, skipping = following(node, body), True
        elif kind == _K_PARAGRAPH:
            candidates.append(node)
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
