"""Tell a page's controls from its text: the label of a toggle is no line of the article.

"Quellen ausblenden", "Bild anzeigen Bild schließen", "Show more": a block whose class or id
names it a toggle and whose text is a short label (no sentence) opens or closes something
for the reader. The block it opens is named otherwise ("-content", "-panel") and stays; a
block named a toggle that holds a paragraph is read as text.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from mediespor.extract.emptied import box_label_left

# Class and id words of a toggle ("js-accordion-toggle", "citation__toggle", "toggleBtn"), not
# of the panel it opens ("accordion-toggle-content", "toggle_panel"), whose text is the page's.
_CONTROL_WORD = "toggle"
_CONTROL = re.compile(
    r"toggle(?![-_]*(?:content|panel|body|text|container|inner|target|pane|area|wrap))", re.I
)


def names_control(names: tuple[str | None, str | None]) -> bool:
    """Whether a block's class or id (as read) names a toggle."""
    return any(
        name is not None and _CONTROL_WORD in name.lower() and _CONTROL.search(name) is not None
        for name in names
    )


def is_control(node: LexborNode, attrs: dict[str, str | None]) -> bool:
    """Whether a block is a toggle: named so, with a short label for its text."""
    return names_control((attrs.get("class"), attrs.get("id"))) and box_label_left(node)
