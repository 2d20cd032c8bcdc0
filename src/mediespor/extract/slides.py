"""An article shown one page at a time: its hidden pages are still its text.

Slideshows and paged articles ("Item 1 of 30") put every page in the markup as blocks of one
template, show the first and hide the rest (class ``hidden``, ``display: none``) until the
reader clicks on. Hidden blocks are otherwise dropped as layers nobody sees; pages of the
article's own block are kept, as trafilatura keeps hidden blocks when dropping them would
take nearly all of the text.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from mediespor.extract.nodes import element_from
from mediespor.extract.tags import tag_ids

# At least this many pages, this many of them hidden and one shown.
_PAGES_MIN = 3
_HIDDEN_MIN = 2
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
_PAGE_IDS = tag_ids(("div", "section", "article", "li"))
_OPENING_IDS = _PAGE_IDS | tag_ids(("h1", "h2", "h3", "header"))


def _hidden(node: LexborNode) -> bool:
    attrs = node.attrs
    if "hidden" in attrs:
        return True
    if "hidden" in (attrs.get("class") or "").split():
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def hidden_pages(block: LexborNode) -> list[LexborNode]:
    """The hidden pages among ``block``'s children: blocks of one make (tag and first class
    word, state classes aside) of which one or more is shown and two or more are hidden."""
    # Told by tag first (most blocks hold paragraphs, not pages, and open with one): class
    # names cost more to read.
    first = element_from(block.first_child, "next")
    if first is None or first.tag_id not in _OPENING_IDS:
        return []
    boxes = [child for child in block.iter() if child.tag_id in _PAGE_IDS]
    if len(boxes) < _PAGES_MIN:
        return []
    groups: dict[tuple[int, str], list[LexborNode]] = {}
    for child in boxes:
        words = (child.attrs.get("class") or "").split()
        if words:
            groups.setdefault((child.tag_id, words[0]), []).append(child)
    pages = max(groups.values(), key=len, default=[])
    if len(pages) < _PAGES_MIN:
        return []
    hidden = [page for page in pages if _hidden(page)]
    if len(hidden) < _HIDDEN_MIN or len(hidden) == len(pages):
        return []
    return hidden
