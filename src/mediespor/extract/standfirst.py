"""Where a page puts its standfirst: right under the headline.

A standfirst (the summary line under a headline) need not end a sentence ("Penalties are
to be raised to a maximum of 10,000 for repeat offenders"), so the sentence test that keeps
stray blocks of text out of the article's lead cannot find it. Its place can: the block right
after the page's ``<h1>``, whether the paragraph itself or the box it sits in follows it.

Its text can too: pages put their summary of the story in the meta description, and show it
as the standfirst between headline and body (:func:`described_standfirst`). The text keeps it,
before the body, as Fundus's article body (summary, then sections) and trafilatura's
evaluation do; the article-extraction benchmark's ground truth leaves standfirsts out.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from mediespor.extract.nodes import (
    concealed_by_name,
    deep_text,
    element_from,
    following,
    hidden_by_attributes,
)
from mediespor.extract.select import has_tag, tag_query
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


# A description shorter than this is a name or a slogan, not a summary of the story.
_DESCRIPTION_MIN = 40
# Elements looked at after the headline before giving up: a standfirst sits close to it.
_STEPS = 60
# Blocks of text between headline and standfirst: a byline, a date, a picture's caption.
_PASSED = 3
# Text longer than this (spaces and all) is never one standfirst block.
_LONGEST = 2000
# A block with this many blocks in it is a box of blocks, not one block of text.
_BOX_CHILDREN = 4
_INLINE = frozenset(
    tag_id(t)
    for t in (
        "a", "abbr", "b", "br", "cite", "code", "em", "font", "i", "img", "mark", "q",
        "small", "span", "strong", "sub", "sup", "time", "u", "wbr",
    )
)  # fmt: skip
# How much of a description or paragraph is compared: enough to tell texts apart.
_HEAD = 40
# A block holding the description may add a little (a photo credit, a date), not a story.
_HOLDS_MAX = 1.5
_CUT_HOLDS_MAX = 3
# A block held by the description must be most of it (the description may run on).
_HELD_MIN = 0.6
_ELLIPSES = ("…", "...")
# Quotation marks and apostrophes, as a description may write them plainly and the page
# typographically ("Trump's" / "Trump’s", "Jeder Monat" / „Jeder Monat“): compared as one.
# Replaced one by one: str.translate looks every character up in a dict, and the text of a
# whole article is folded once per page.
_QUOTES = tuple((c, '"') for c in "„“”«»‟″") + tuple((c, "'") for c in "‘’‚‛′‹›")
_WORD = re.compile(r"\w{4,}")
_NOT_TEXT = frozenset(tag_id(t) for t in ("a", "button", "figure", "figcaption", "img", "h1"))
_PICTURES = tag_query("img", "picture", "video")
_SUBHEADINGS = frozenset(tag_id(t) for t in ("h2", "h3"))


def _norm(text: str) -> str:
    if text.isprintable() and "  " not in text:
        return text.strip(" ")  # single-spaced already (the common case): no need to split
    return " ".join(text.split())


def _describes(block: str, description: str, cut: bool) -> bool:
    """Whether a block's text is the description, holds it, or is most of it."""
    if block == description:
        return True
    if description in block:
        # A description cut short ("…") is the start of a standfirst that may run on.
        return len(block) <= (_CUT_HOLDS_MAX if cut else _HOLDS_MAX) * len(description)
    return len(block) >= _HELD_MIN * len(description) and block in description


def described_standfirst(
    h1: LexborNode | None,
    start: LexborNode,
    descriptions: tuple[str | None, ...],
    text: list[str],
    headline: str | None = None,
) -> str | None:
    """The standfirst the page shows between its headline and ``text``, found by its description.

    Pages put a summary of the story in ``<meta name="description">``/``og:description``
    (or JSON-LD's ``description``), and most show it right under the headline as the
    standfirst. A visible block after the ``<h1>`` and before the first paragraph of
    ``text`` whose text is the description (or holds it, or is most of it) is that
    standfirst. Nothing is found when the text already holds the description (the
    description repeats the first paragraph), when no block after the headline shows it
    (a description kept in ``<meta>`` only, a site's slogan in its masthead), or when the
    page has no ``<h1>`` or its ``<h1>`` names something other than the ``headline`` (a
    blog's name, with its slogan under it and as the description of every page).

    ``start`` is the first block the text was taken from: the walk from the headline stays
    inside the box that holds both, and goes into the boxes around ``start`` and into any box
    of several blocks without reading their text whole (it may be the whole article), so
    only the few elements between headline and body are read.
    """
    if h1 is None or not text:
        return None
    wanted: list[str] = []
    cut: set[str] = set()  # descriptions cut short ("…"): the block shows the rest
    seen: set[str] = set()
    for raw in descriptions:
        if not raw or len(raw) < _DESCRIPTION_MIN or raw in seen:
            continue  # pages mostly give one description in two or three places
        seen.add(raw)
        d = _fold(_norm(raw))
        if d.endswith(_ELLIPSES):
            d = d.rstrip(" .…")
            cut.add(d)
        if len(d) >= _DESCRIPTION_MIN and d not in wanted and not _is_headline(d, headline):
            wanted.append(d)
    if not wanted:
        return None
    shown = _fold(" ".join(text))
    for d in wanted:
        if d[:_HEAD] in shown:
            return None  # the text holds it (the description repeats the first paragraph)
    around: set[int] = set()  # the boxes that hold the body
    box = start.parent
    while box is not None:
        around.add(box.mem_id)
        box = box.parent
    if h1.mem_id in around:
        return None  # the headline holds the body: a page's logo, not the article's headline
    around.add(start.mem_id)  # a headline inside the body's block: the walk stays in it
    root = top = h1
    while root is not None and root.mem_id not in around:
        top, root = root, root.parent  # the box holding both: the walk stays inside it
    if root is None:
        root = top  # the body's block was taken out of the page (a fallback's text): all of it
    first = _fold(text[0][:_HEAD])
    node = following(h1, root)
    passed = 0
    # Passed an <h1> that shows the headline: the first <h1> was a site's logo, and what
    # follows is under the article's own headline.
    own_headline = False
    for _ in range(_STEPS):
        if node is None:
            return None
        if node.mem_id in around or _is_box(node):
            # A box holding the body: what comes before it inside may be the standfirst.
            inner = element_from(node.child, "next")
            node = inner if inner is not None else following(node, root)
            continue
        if node.tag_id == _H1 and headline and _same_text(deep_text(node), headline):
            own_headline = True
        if (
            not node.is_element_node
            or node.tag_id in _NOT_TEXT
            or hidden_by_attributes(node.attributes)
        ):
            node = following(node, root)
            continue
        raw = deep_text(node)
        if len(raw) > _LONGEST:
            # Far longer than any standfirst: a box of blocks, looked into.
            inner = element_from(node.child, "next")
            node = inner if inner is not None else following(node, root)
            continue
        block = _norm(raw)
        folded = _fold(block)
        if folded.startswith(first):
            return None  # the body begins: nothing above it showed the description
        concealed = False
        if len(block) >= _DESCRIPTION_MIN and first not in folded:
            for d in wanted:
                if _describes(folded, d, d in cut) and not _beside_picture(node):
                    if _concealed(node, root):
                        concealed = True
                        break
                    lead = _shown_part(block, folded, d, d in cut)
                    if _fold(lead[:_HEAD]) in shown:
                        return None
                    # Asked last (few pages get here): whether the <h1> is the article's.
                    other = headline and not own_headline and _heads_other(h1, headline, node)
                    return None if other else lead
        if concealed:
            node = following(node, root)  # kept for search engines, not shown: walk past it
        elif first in folded or any(d[:_HEAD] in folded for d in wanted):
            # A box holding the body or the description among other blocks: look inside.
            inner = element_from(node.child, "next")
            node = inner if inner is not None else following(node, root)
        else:
            if block:
                passed += 1
                if passed > _PASSED:
                    return None  # too far from the headline for its standfirst
            node = following(node, root)
    return None


def unrepeated(leads: list[str], text: list[str]) -> list[str]:
    """``leads`` less those whose start ``text`` or an earlier lead already shows, compared as
    :func:`described_standfirst` compares a description with the text (spaces and quotation
    marks folded, the first words only): a standfirst under the headline that the body repeats
    as its first paragraph, or that the page shows twice above it, is given once."""
    if not leads:
        return leads
    shown = [_fold(" ".join(text))]
    kept: list[str] = []
    for lead in leads:
        folded = _fold(_norm(lead))
        if not any(folded[:_HEAD] in s for s in shown):
            kept.append(lead)
            shown.append(folded)
    return kept


def _concealed(node: LexborNode, root: LexborNode) -> bool:
    """Whether ``node`` or a box around it below ``root`` has a class name that hides it
    (:func:`~mediespor.extract.nodes.concealed_by_name`: a summary for search engines in a
    ``class="hidden"`` block). Asked only of a block that shows the description (few pages
    get there), so the walk reads no class names."""
    stop = root.mem_id
    while node is not None and node.mem_id != stop:
        attrs = node.attributes
        if attrs and concealed_by_name((attrs.get("class"), attrs.get("id"))):
            return True
        node = node.parent
    return False


def _beside_picture(node: LexborNode) -> bool:
    """Whether ``node`` holds a picture or sits in a box beside one: the picture's caption
    (a ``<figure>``'s is never read), which some pages also give as their description."""
    if has_tag(node, _PICTURES):
        return True
    parent = node.parent
    if parent is None:
        return False
    child = parent.child
    while child is not None:
        if (
            child.is_element_node
            and child.mem_id != node.mem_id
            and not child.text(deep=True).strip()
            and has_tag(child, _PICTURES)
        ):
            return True  # a picture, or a link or box holding only one
        child = child.next
    return False


def _is_headline(description: str, headline: str | None) -> bool:
    """Whether a description only repeats the headline (some sites give it as both)."""
    return headline is not None and description.casefold() in _fold(headline).casefold()


def _heads_other(h1: LexborNode, headline: str, block: LexborNode) -> bool:
    """Whether the ``<h1>`` heads something other than the article: it names something else
    (:func:`_names_other`), or it is not the headline while a lesser heading showing the
    headline follows the ``block`` found under it (a blog named after its topic, "Fleksjob
    i fokus", its slogan, then its post's title): a standfirst is under the article's
    headline, not above it."""
    text = deep_text(h1)
    if _names_other(text, headline):
        return True
    wanted = _norm(headline).casefold()
    if _norm(text).casefold() == wanted:
        return False
    top = block
    while top.parent is not None:
        top = top.parent
    node = following(block, top)
    for _ in range(_STEPS):
        if node is None:
            return False
        if node.tag_id in _SUBHEADINGS and _norm(deep_text(node)).casefold() == wanted:
            return True
        inner = element_from(node.child, "next")
        node = inner if inner is not None else following(node, top)
    return False


def _names_other(h1: str, headline: str) -> bool:
    """Whether the ``<h1>``'s text shares no word of four letters or more with the headline:
    it names something else (the site or blog). A headline reworded for search engines still
    shares a name or two with the one shown; an empty ``<h1>`` (a logo) says nothing."""
    words = set(_WORD.findall(h1.casefold()))
    return bool(words) and not words & set(_WORD.findall(headline.casefold()))


def _fold(text: str) -> str:
    """``text`` with every quotation mark and apostrophe written plainly (one length)."""
    if text.isascii():
        return text
    for mark, plain in _QUOTES:
        if mark in text:
            text = text.replace(mark, plain)
    return text


def _shown_part(block: str, folded: str, description: str, cut: bool) -> str:
    """The standfirst in a block that shows ``description``: the description as the block shows
    it, on to the block's end when the description was cut short. Around it a block holds a
    label or a byline before, a picture credit, a date or "read more" after."""
    if description not in folded:
        return block  # the block is most of the description: all of it is the standfirst
    at = folded.index(description)  # ``folded`` is ``block`` character for character
    return block[at:] if cut else block[at : at + len(description)]


def _is_box(node: LexborNode) -> bool:
    """Whether ``node`` holds several blocks (the body, a list of links), or only wraps one:
    its text is not read whole (it may be the whole article) but block by block. Words set
    in links, bold or italics are one block of text."""
    count = 0
    child = node.child
    while child is not None:
        if child.is_element_node and child.tag_id not in _INLINE:
            count += 1
            if count >= _BOX_CHILDREN:
                return True
        child = child.next
    # A wrapper of one block (with no text of its own) says what that block says.
    return count == 1 and not node.text(deep=False).strip()


def _same_text(text: str, headline: str) -> bool:
    """Whether ``text`` shows ``headline`` (spaces and case aside)."""
    return _norm(text).casefold() == _norm(headline).casefold()
