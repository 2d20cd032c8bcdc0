"""Find teaser cards inside the article's blocks: small blocks that link to one page twice.

A card for another story links its picture, its title and its "read more" to that story; a
paragraph of the article seldom links one address twice, and never within a few lines. So a
block of a few lines holding two links to the same address is a card, whatever its class,
language or position (a row of them under the article, one between its paragraphs). Found
with one selector query per chosen block and a short climb per repeated address (or, when
content runs compiled, one walk of :mod:`mediespor.extract.box_walk` that does the same).
"""

from __future__ import annotations

from types import ModuleType

from selectolax.lexbor import LexborNode

from mediespor.extract.nodes import deep_text
from mediespor.extract.select import css, find_tags, has_tag, tag_query
from mediespor.extract.tags import TEXT, A, id_table, tag_ids

# A card holds a title and a summary of a few lines; a block with more text is not one.
CARD_MAX = 500
# A card's links sit at most this many levels inside it.
_CARD_DEPTH = 8
# A card links to its story at most this many times (picture, title, "read more").
_CARD_LINKS_MAX = 3
# A card shows a picture or a summary of this many characters beside its links.
_SUMMARY_MIN = 40
# Cards are blocks: a paragraph linking one address twice is the article's own sentence.
_CARD_IDS = tag_ids(("div", "li", "article", "section"))
_CARD_TABLE = id_table(_CARD_IDS)
# Inline elements: a summary of its own is a block (a <p>, a <div>), not a run of the text.
_INLINE_IDS = tag_ids(("span", "b", "strong", "em", "i", "small", "time", "a"))
# What a card is told by (cards are small: these are walked in Python, see select.py).
_PICTURE = tag_query("img", "picture")
_HEADINGS = tag_query("h2", "h3", "h4", "h5", "h6")
_ANCHOR = tag_query("a")
# Links within the page or to no page at all say nothing about other stories.
_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:")


def teaser_cards(
    root: LexborNode,
    keep: set[int] | frozenset[int] = frozenset(),
    compiled: ModuleType | None = None,
) -> list[LexborNode]:
    """The cards inside ``root``: blocks of at most ``CARD_MAX`` characters in which two links
    go to the same address (the innermost block holding both). ``keep`` (the article's own
    blocks and their ancestors) are never cards.

    ``compiled`` is :mod:`mediespor.extract.box_walk` when the caller runs compiled walks: the
    same cards, found without a node object per link."""
    if compiled is not None:
        found = compiled.teaser_cards(
            root, keep, A, _CARD_TABLE, _CARD_DEPTH, _CARD_LINKS_MAX, CARD_MAX, _NOT_PAGES,
            _advertises,
        )  # fmt: skip
        if found is not None:
            return found
    first: dict[str, LexborNode] = {}
    repeats: dict[str, int] = {}
    cards: list[LexborNode] = []
    seen: set[int] = set()
    for anchor in css(root, "a[href]"):
        # attrs reads one attribute; .attributes builds a dict of all (7x slower). An SVG link
        # may have only xlink:href, which a[href] matches by its local name: no address here.
        href = anchor.attrs.get("href")
        if not href or href.startswith(_NOT_PAGES):
            continue
        earlier = first.get(href)
        if earlier is None:
            first[href] = anchor
            continue
        # The block holding the first link and a later one only grows with every later link
        # (its subtree holds all between): past a card's few links it is no card. Bounding the
        # climbs keeps a page repeating one link a thousand times, deep down, cheap.
        repeats[href] = seen_before = repeats.get(href, 0) + 1
        if seen_before >= _CARD_LINKS_MAX:
            continue
        card = _common_block(earlier, anchor, root)
        if card is None or card.mem_id in keep or card.mem_id in seen:
            continue
        seen.add(card.mem_id)
        text = len(deep_text(card).strip())
        if text <= CARD_MAX and _advertises(card, text):
            cards.append(card)
    return cards


def _advertises(card: LexborNode, text: int) -> bool:
    """Whether a block is shaped as a card: a picture, or a heading with a summary beside its
    links, or a link that opens the block with the summary in an element of its own.

    A paragraph written as a ``<div>`` that names a report twice opens with prose, and a list
    item describing a source ("<a>Report</a> on waiting times, June 2017 (<a>pdf</a>)")
    writes its description in its own line: both are the article's, however they link.
    ``text`` is the length of the card's stripped text.
    """
    if has_tag(card, _PICTURE):
        return True
    links = sum(len(deep_text(a).strip()) for a in find_tags(card, _ANCHOR))
    if text - links < _SUMMARY_MIN:
        # A linked title over a linked summary: the summary is the text beside the heading.
        headings = find_tags(card, _HEADINGS)
        return bool(headings) and text - sum(map(_text_len, headings)) >= _SUMMARY_MIN
    if has_tag(card, _HEADINGS):
        return True
    return _opens_with_link(card) and any(
        child.tag_id not in _INLINE_IDS
        and not has_tag(child, _ANCHOR)
        and len(deep_text(child).strip()) >= _SUMMARY_MIN
        for child in card.iter()
    )


def _text_len(node: LexborNode) -> int:
    return len(deep_text(node).strip())


def _opens_with_link(card: LexborNode) -> bool:
    """Whether the first text of ``card`` lies inside a link."""
    for node in card.traverse(include_text=True):
        if node.tag_id == TEXT and not node.is_empty_text_node and node.text_content.strip():
            parent = node.parent
            while parent is not None and parent.mem_id != card.mem_id:
                if parent.tag_id == A:
                    return True
                parent = parent.parent
            return False
    return False


def _common_block(one: LexborNode, other: LexborNode, root: LexborNode) -> LexborNode | None:
    """The innermost element below ``root`` holding both nodes, if it is a block of a card's kind
    at most ``_CARD_DEPTH`` levels above each (a card's links sit a few levels inside it)."""
    stop = root.mem_id
    above: set[int] = set()
    node = one.parent
    for _ in range(_CARD_DEPTH):
        if node is None or node.mem_id == stop:
            break
        above.add(node.mem_id)
        node = node.parent
    node = other.parent
    for _ in range(_CARD_DEPTH):
        if node is None or node.mem_id == stop:
            return None
        if node.mem_id in above:
            return node if node.tag_id in _CARD_IDS else None
        node = node.parent
    return None
