"""Drop the label a box keeps once its cards or links are removed.

A box of other stories ("Weitere Informationen", "Lesetipp", "Bildstrecke") is a short label
over teaser cards. The cards go as boilerplate or as cards (:mod:`mediespor.extract.content`,
:mod:`mediespor.extract.cards`); the label stays behind as a line of its own between the
article's paragraphs, where no rule on the trailing blocks reaches it. So the block that held
a removed card is looked at once the removals are done: climbing through wrappers left with
no text, the first one with text that holds only a short label (no sentence) is the box, and
goes. A block that still holds a paragraph is the article's, however much was taken from it.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from mediespor.extract.tags import TEXT, tag_ids

# A box's label is a few words ("Mehr zum Thema", "Dieses Skript als PDF herunterladen").
LABEL_MAX = 60
# Wrappers left empty between the removed card and its box's label (a slider's frames).
_CLIMB = 6
_SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")
# A box is a block of blocks; a heading or a paragraph left short is the article's own (a
# heading whose anchor link went).
_BOX_IDS = tag_ids(("div", "section", "article", "aside", "header", "footer", "figure", "li"))


def short_text(node: LexborNode, limit: int = LABEL_MAX) -> str | None:
    """``node``'s text, stripped, when it holds at most ``limit`` characters, else ``None``.

    Read run by run and given up as soon as it runs long: the block that held a removed box is
    often the article's body, whose whole text would cost a walk of it to build.
    """
    runs: list[str] = []
    total = 0
    for child in node.traverse(include_text=True):
        if child.tag_id != TEXT or child.is_empty_text_node:
            continue
        value = child.text_content
        if value:
            total += len(value.strip())
            if total > limit:
                return None
            runs.append(value)
    return "".join(runs).strip()


def box_label_left(node: LexborNode) -> bool:
    """Whether ``node``'s text is only a short label: no sentence, no paragraph of its own."""
    text = short_text(node)
    return bool(text) and not text.endswith(_SENTENCE_ENDS)


def drop_emptied_boxes(parents: list[LexborNode], keep: set[int] | frozenset[int]) -> int:
    """Remove the boxes of which only a label is left, climbing from the blocks in
    ``parents`` that held a removed card (never a block of ``keep``: the article's own and
    their ancestors). Returns how many went."""
    dropped = 0
    seen: set[int] = set()
    for start in parents:
        node: LexborNode | None = start
        for _ in range(_CLIMB):
            if node is None or node.mem_id in seen or node.mem_id in keep:
                break
            if node.parent is None or node.tag_id not in _BOX_IDS:
                break  # removed already, or no box
            seen.add(node.mem_id)
            text = short_text(node)
            if text == "":
                node = node.parent  # an empty wrapper: the label sits further up
                continue
            if text is not None and not text.endswith(_SENTENCE_ENDS):
                node.remove(recursive=True)
                dropped += 1
            break
    return dropped
