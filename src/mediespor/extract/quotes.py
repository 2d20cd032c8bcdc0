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
_QUOTE_MARKS = "»«\"“”„‘’‚'‹›"
_CLOSING = ".,;:!?…–—- "
# Longer quotes are counted in the page's words: their pattern costs more than the split.
_PATTERN_WORDS = 60
# Characters of page text stripped of quote marks at a time (see _unquoted).
_SLICE = 8192
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
    return _said_twice(quote, _page_text(box))


# The last page's text, by the parser it was read from (held, so no other parser can take its
# id). A page with several boxes asks once: the whole page's text, scripts and all, cost
# about 2% of all extraction time when read again for each box.
_LAST_PAGE: tuple[object, str] = (None, "")


def _page_text(box: LexborNode) -> str:
    """The text of the page ``box`` is on, without quote marks, as first read for that page:
    whether a quote is said twice is a question about the page as served, not about what
    the extractor has removed from it since."""
    global _LAST_PAGE
    parser, text = _LAST_PAGE
    if parser is not box.parser:
        page = box
        while page.parent is not None and page.tag_id != _HTML:
            page = page.parent
        text = _unquoted(deep_text(page))
        _LAST_PAGE = (box.parser, text)
    return text


def _said_twice(quote: str, text: str) -> bool:
    """Whether ``_plain(text).count(quote) >= 2`` (``text`` already without quote marks),
    mostly without making the plain page.

    ``quote`` is plain: its words stand between single spaces and its ends are no closing
    punctuation, so each word stands as it is in ``text`` less quote marks, and the quote is
    found where those hold its words with any whitespace between them. Where its longest word
    is not there twice, neither is the quote (one count); else a short quote is searched as
    its words, stopping at the second find. Either spares the split of the whole page into
    words, which cost as much as the rest of reading it; a long quote's pattern would cost
    more to compile (half a millisecond for sixty words).
    """
    words = quote.split(" ")
    if text.count(max(words, key=len)) < 2:
        return False
    if len(words) > _PATTERN_WORDS:
        return " ".join(text.split()).count(quote) >= 2
    found = re.finditer(r"\s+".join(map(re.escape, words)), text)
    return next(found, None) is not None and next(found, None) is not None


def _unquoted(text: str) -> str:
    """``text`` without quote marks: a replace() per mark it holds costs a third of one pass
    of a regular expression over a whole page.

    A long text is done in slices. Python stores a string at the width its widest character
    needs, and one emoji in a page's scripts makes all of it four bytes a character, where
    ``in`` and replace() step a character at a time instead of searching bytes with memchr; a
    slice is stored as narrow as its own characters allow. A mark is one character, so slices
    lose the same marks as the whole (a fifth of the time on a 240,000-character page with
    four emoji).
    """
    if len(text) > _SLICE:
        return "".join([_unquoted(text[at : at + _SLICE]) for at in range(0, len(text), _SLICE)])
    for mark in _QUOTE_MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


def _plain(text: str) -> str:
    """``text`` without quote marks, runs of spaces and closing punctuation."""
    # split() and join() rather than a substitution of every run of spaces: the same text
    # (both know the same whitespace) at half the cost, and _plain reads whole pages.
    return " ".join(_unquoted(text).split()).strip(_CLOSING)
