"""Where a page puts its standfirst: right under the headline.

A standfirst (the summary line under a headline) need not end a sentence ("Penalties are
to be raised to a maximum of 10,000 for repeat offenders"), so the sentence test that keeps
stray blocks of text out of the article's lead cannot find it. Its place can: the block right
after the page's ``<h1>``, whether the paragraph itself or the box it sits in follows it.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from mediespor.extract.nodes import element_from
from mediespor.extract.tags import tag_id

_H1 = tag_id("h1")
# The paragraph, or a box around it this many levels up, must be the headline's next element.
_LEVELS = 2


def follows_headline(paragraph: LexborNode) -> bool:
    """Whether ``paragraph``, or a box around it of which it is the first element, comes right
    after an ``<h1>`` (at most two levels up)."""
    node: LexborNode | None = paragraph
    for _ in range(_LEVELS):
        if node is None:
            return False
        before = element_from(node.prev, "prev")
        if before is not None:
            return before.tag_id == _H1
        node = node.parent  # first element of its box: the box's place decides
    return False
