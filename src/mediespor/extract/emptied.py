"""Drop the label a box keeps once its cards or links are removed.

A box of other stories ("Weitere Informationen", "Lesetipp", "Bildstrecke") is a short label
over teaser cards. The cards go as boilerplate or as cards (:mod:`mediespor.extract.content`,
:mod:`mediespor.extract.cards`); the label stays behind as a line of its own between the
article's paragraphs, where no rule on the trailing blocks reaches it. So the block that held
a removed card is looked at once the removals are done: climbing through wrappers left with
no text, the first one with text that holds only a short label (no sentence) is the box, and
goes. A block that still holds a paragraph is the article's, however much was taken from it.

A share or social button is no card: it sits beside the article's own subheadings as well
("<div><h2>Kommunen afviser</h2><div class=share>…</div></div>"). A label left in a heading
where only such a button went is the article's subheading and stays; a share bar's own label
("Teilen", "Follow us") is set in no heading and goes as a box's.
"""

from __future__ import annotations

from collections.abc import Sequence

from selectolax.lexbor import LexborNode

from mediespor.extract.select import find_tags, tag_query
from mediespor.extract.tags import tag_ids

# A box's label is a few words ("Mehr zum Thema", "Dieses Skript als PDF herunterladen").
LABEL_MAX = 60
# Wrappers left empty between the removed card and its box's label (a slider's frames).
_CLIMB = 6
_SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")
# A box is a block of blocks; a heading or a paragraph left short is the article's own (a
# heading whose anchor link went), and so is a list item (a chronology's event whose
# timestamp went, a point whose screen reader's number went).
_BOX_IDS = tag_ids(("div", "section", "article", "aside", "header", "footer", "figure"))
_HEADINGS = tag_query("h1", "h2", "h3", "h4", "h5", "h6")


def short_text(node: LexborNode, limit: int = LABEL_MAX) -> str | None:
    """``node``'s text, stripped, when it holds at most ``limit`` characters, else ``None``.

    The limit counts each run of text stripped, and runs of bare whitespace are left out of
    the text, as a label is read between the tags that break it.
    """
    # Joined in C, without a Python step per node: most blocks looked at are wrappers left
    # empty (a walk of all their nodes finds no text) or a short label. Runs of ASCII
    # whitespace are skipped as is_empty_text_node skips them.
    text = node.text(deep=True, skip_empty=True).strip()
    if len(text) <= limit:
        return text  # the runs stripped one by one hold no more than the whole stripped
    # Longer once joined, but the spaces at the runs' edges do not count: the runs stripped
    # one by one decide (rarely: an article's body is long either way).
    if len(node.text(deep=True, strip=True, skip_empty=True)) > limit:
        return None
    return text


def box_label_left(node: LexborNode) -> bool:
    """Whether ``node``'s text is only a short label: no sentence, no paragraph of its own."""
    text = short_text(node)
    return bool(text) and not text.endswith(_SENTENCE_ENDS)


def drop_emptied_boxes(
    parents: list[LexborNode],
    keep: set[int] | frozenset[int],
    beside: Sequence[LexborNode] = (),
) -> int:
    """Remove the boxes of which only a label is left, climbing from the blocks in
    ``parents`` that held a removed card, and from those in ``beside`` that held a removed
    share or social button, where a label set in a heading stays (never a block of ``keep``:
    the article's own and their ancestors). Returns how many went."""
    dropped = 0
    seen: set[int] = set()
    # Cards first: a block that held both a card and a share button is a box of cards.
    starts = [(node, False) for node in parents] + [(node, True) for node in beside]
    for node, by_share in starts:
        for _ in range(_CLIMB):
            key = node.mem_id
            if key in seen or key in keep or node.tag_id not in _BOX_IDS:
                break
            parent = node.parent
            if parent is None:
                break  # removed already
            seen.add(key)
            text = short_text(node)
            if text == "":
                node = parent  # an empty wrapper: the label sits further up
                continue
            if (
                text is not None
                and not text.endswith(_SENTENCE_ENDS)
                and not (by_share and _in_heading(node, text))
            ):
                node.remove(recursive=True)
                dropped += 1
            break
    return dropped


def _in_heading(node: LexborNode, text: str) -> bool:
    """Whether ``node``'s short ``text`` is all set in one heading inside it."""
    headings = find_tags(node, _HEADINGS)
    return bool(headings) and short_text(headings[0]) == text
