"""Tell a page's controls from its text: the label of a toggle is no line of the article.

"Quellen ausblenden", "Bild anzeigen Bild schließen", "Show more": a block whose class or id
names it a toggle and whose text is a short label (no sentence) opens or closes something
for the reader. The block it opens is named otherwise ("-content", "-panel") and stays; a
block named a toggle that holds a paragraph is read as text.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from mediespor.extract.emptied import box_label_left

# Class and id words of a toggle ("js-accordion-toggle", "citation__toggle", "toggleBtn").
_CONTROL_WORD = "toggle"


def names_control(names: tuple[str | None, str | None]) -> bool:
    """Whether a block's class or id (as read) names a toggle."""
    cls, ident = names
    return (cls is not None and _CONTROL_WORD in cls.lower()) or (
        ident is not None and _CONTROL_WORD in ident.lower()
    )


def is_control(node: LexborNode, attrs: dict[str, str | None]) -> bool:
    """Whether a block is a toggle: named so, with a short label for its text."""
    return names_control((attrs.get("class"), attrs.get("id"))) and box_label_left(node)
