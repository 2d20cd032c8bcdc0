"""Find teaser cards inside the article's blocks: small blocks that link to one page twice.

A card for another story links its picture, its title and its "read more" to that story; a
paragraph of the article seldom links one address twice, and never within a few lines. So a
block of a few lines holding two links to the same address is a card, whatever its class,
language or position (a row of them under the article, one between its paragraphs). Found
with one selector query per chosen block and a short climb per repeated address.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from mediespor.extract.select import css, has_match
from mediespor.extract.tags import tag_ids

# A card holds a title and a summary of a few lines; a block with more text is not one.
CARD_MAX = 500
# A card shows a picture or a summary of this many characters beside its links.
_SUMMARY_MIN = 40
# Cards are blocks: a paragraph linking one address twice is the article's own sentence.
_CARD_IDS = tag_ids(("div", "li", "article", "section"))
# Links within the page or to no page at all say nothing about other stories.
_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:")


def teaser_cards(
    root: LexborNode, keep: set[int] | frozenset[int] = frozenset()
) -> list[LexborNode]:
    """The cards inside ``root``: blocks of at most ``CARD_MAX`` characters in which two links
    go to the same address (the innermost block holding both). ``keep`` (the article's own
    blocks and their ancestors) are never cards."""
    first: dict[str, LexborNode] = {}
    cards: list[LexborNode] = []
    seen: set[int] = set()
    for anchor in css(root, "a[href]"):
        # attrs[...] reads one attribute; .attributes builds a dict of all (7x slower).
        href = anchor.attrs["href"]
        if not href or href.startswith(_NOT_PAGES):
            continue
        earlier = first.get(href)
        if earlier is None:
            first[href] = anchor
            continue
        card = _common_block(earlier, anchor, root)
        if card is None or card.mem_id in keep or card.mem_id in seen:
            continue
        seen.add(card.mem_id)
        if len(card.text(deep=True).strip()) <= CARD_MAX and _advertises(card):
            cards.append(card)
    return cards


def _advertises(card: LexborNode) -> bool:
    """Whether a block shows a picture or a summary beside its links, as a card does.

    A list item linking a document's title and its "PDF" to one file is the article's own
    list of sources: links and brackets, nothing else.
    """
    if has_match(card, "img"):
        return True
    text = len(card.text(deep=True).strip())
    links = sum(len(a.text(deep=True).strip()) for a in css(card, "a"))
    return text - links >= _SUMMARY_MIN


def _common_block(one: LexborNode, other: LexborNode, root: LexborNode) -> LexborNode | None:
    """The innermost element below ``root`` holding both nodes, if it is a block of a card's kind."""
    stop = root.mem_id
    above: set[int] = set()
    node = one.parent
    while node is not None and node.mem_id != stop:
        above.add(node.mem_id)
        node = node.parent
    node = other.parent
    while node is not None and node.mem_id != stop and node.mem_id not in above:
        node = node.parent
    if node is None or node.mem_id == stop or node.tag_id not in _CARD_IDS:
        return None
    return node
