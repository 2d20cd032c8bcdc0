"""Tell a quote that repeats the article (a pull quote) from text of its own.

A pull quote, set in an aside or a click-to-share box, repeats a sentence of the article,
quote marks and all. It is told by its whole text, found again on the page once quote marks,
spacing and closing punctuation are set aside: never by a few opening words, which a fact box
may share with the article ("Reformen af førtidspension og fleksjob ..."), and never by a
label or an icon ("Fakta", an empty paragraph), which every box of a kind has.

A box around a ``<blockquote>`` is mostly an embedded post (a tweet with its attribution);
one that repeats the article (a click-to-share quote) or asks the reader to subscribe (a
newsletter promo set as a quote) is not.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from mediespor.extract.calls import is_call
from mediespor.extract.nodes import deep_text
from mediespor.extract.select import css
from mediespor.extract.tags import tag_id

_HTML = tag_id("html")
# Shorter paragraphs are labels ("Fakta", "Citat"), not a sentence a page could repeat.
_QUOTE_MIN = 30
_QUOTE_MARKS = re.compile(r"[»«\"“”„‘’‚'‹›]")
_SPACES = re.compile(r"\s+")
_CLOSING = ".,;:!?…–—- "
# A box's name that says it sells a subscription: no embedded post is named so.
_SUBSCRIBE_NAME = re.compile(r"newsletter|nyhedsbrev|subscri|sign-?up|abonn|tilmeld|opt-?in", re.I)


def is_promo_quote(box: LexborNode, attrs: dict[str, str | None]) -> bool:
    """Whether ``box`` (with attributes ``attrs``), which wraps a quote, is no embedded post:
    it repeats the page's own text or calls the reader to subscribe."""
    if is_sign_up_box(attrs):
        return True
    # The quote's own words: a post's attribution line ("— Forening (@handle)") names a
    # network, and with a "Tilmeld dig demonstrationen" in the post it would read as a call.
    said = " ".join(deep_text(p) for p in css(box, "p")) or deep_text(box)
    return is_call(_plain(said)) or repeats_page_text(box)


def is_sign_up_box(attrs: dict[str, str | None]) -> bool:
    """Whether a box's class or id (in ``attrs``) says it sells a subscription."""
    return _SUBSCRIBE_NAME.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}") is not None


def repeats_page_text(box: LexborNode) -> bool:
    """Whether the first sentence-long paragraph of ``box`` is said again elsewhere on the
    page: the box is a pull quote of the article. A box with no such paragraph repeats
    nothing."""
    quote = next(
        (text for text in (_plain(deep_text(p)) for p in css(box, "p")) if len(text) >= _QUOTE_MIN),
        None,
    )
    if quote is None:
        quote = _plain(deep_text(box))
        if len(quote) < _QUOTE_MIN:
            return False
    page = box
    while page.parent is not None and page.tag_id != _HTML:
        page = page.parent
    return _plain(deep_text(page)).count(quote) >= 2


def _plain(text: str) -> str:
    """``text`` without quote marks, runs of spaces and closing punctuation."""
    return _SPACES.sub(" ", _QUOTE_MARKS.sub("", text)).strip(_CLOSING)
