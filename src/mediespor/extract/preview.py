"""The full article behind a preview: JSON-LD ``articleBody`` when the page shows only its start.

Paywalled pages and pages that cut their text at a "read more" show a few paragraphs, yet
many give the whole article to search engines in the JSON-LD ``articleBody``. When that body
is far longer than what the page shows and holds what it shows, it is the same article in
full; a body that does not hold the shown paragraphs (a site's description, another story)
or is not much longer than them is not taken.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from selectolax.lexbor import LexborNode

from mediespor.extract.invisible import without_invisible
from mediespor.extract.select import css

_MARKUP = re.compile(
    r"</?(?:p|br|div|h[1-6]|li|ul|strong|em|b|i|a|span|figure|blockquote)\b[^>]*>", re.I
)
# Where a line ends: after a block, and on either side of a picture's box (its caption is a
# line of its own, not the start of the next paragraph).
_BREAK = re.compile(
    r"</(?:p|div|h[1-6]|li|figcaption|tr)>|</?(?:figure|blockquote)\b[^>]*>|<br\s*/?>", re.I
)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# A body written in markdown: a heading's hashes, bold words or a link to a page. Its marks
# go (the words stay); a lone "#" (a hashtag) or "*" is no sign of it.
_MARKDOWN = re.compile(r"^#{1,6} |\*\*\S|\]\((?:https?://|/)", re.M)
_MD_HEADING = re.compile(r"^#{1,6} +", re.M)
_MD_BOLD = re.compile(r"\*\*(\S(?:[^\n]*?\S)?)\*\*")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
# The body must be this many times the shown text: a little more is an edited copy.
_FULL_GAIN = 3
# Lines shorter than this ("Annonce", "Log ind") say nothing about which article is shown.
_SHOWN_MIN = 25
# This share of the shown text (in characters of its lines) must be in the body.
_SHOWN_HELD = 0.5
# How much of a shown paragraph must open a paragraph of the body.
_HEAD = 60
# A label before a related headline ("Læs også:", "Se også |"): a few words and a mark.
_LABEL = re.compile(r"^(?:\S+ ){0,2}\S+ ?[:|»›>–-] ")


def _plain(text: str) -> str:
    """One line of text as the page's own text gives it: one spelling of each character, none
    unseen (soft hyphens), whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", without_invisible(text)).split())


def body_paragraphs(article_body: str) -> list[str]:
    """The paragraphs of a structured-data body: its lines, whitespace collapsed, invisible
    characters (soft hyphens) gone, empty ones dropped. Some CMSs put the article's HTML
    there: its paragraphs and breaks end lines, its tags go; others its markdown: its marks
    (headings' hashes, bold, links' addresses) go."""
    if _MARKUP.search(article_body):
        article_body = _TAG.sub("", _BREAK.sub("\n", article_body))
    elif _MARKDOWN.search(article_body):
        article_body = _MD_LINK.sub(r"\1", _MD_BOLD.sub(r"\1", _MD_HEADING.sub("", article_body)))
    lines = (_plain(line) for line in article_body.splitlines())
    return [line for line in lines if line]


def full_body(shown: list[str], article_body: str | None) -> list[str] | None:
    """The paragraphs of ``article_body`` when ``shown`` (the page's visible text) is a preview
    of it: the body is at least three times as long and holds most of the shown text (a
    paragraph counts by its start, which a cut leaves); else ``None``. A first shown paragraph
    the body does not hold (a standfirst) is kept before it."""
    if not article_body or not shown:
        return None
    length = sum(len(t) for t in shown)
    if len(article_body) < _FULL_GAIN * length:
        return None  # not even the raw body is long enough: no need to split it
    lines = body_paragraphs(article_body)
    if sum(len(line) for line in lines) < _FULL_GAIN * length:
        return None
    whole = " ".join(lines)
    lines_shown = [t for t in shown if len(t) >= _SHOWN_MIN]
    total = sum(len(t) for t in lines_shown)
    # A preview cuts its last paragraph anywhere (with or without an ellipsis): its start
    # says which paragraph of the body it is.
    held = sum(len(t) for t in lines_shown if t[:_HEAD] in whole)
    if not total or held < _SHOWN_HELD * total:
        return None
    # A paragraph the page shows first that the body does not hold is the standfirst (bodies
    # mostly leave it out): it stays before the body. Short lines are a section's label or a
    # share button; what follows a standfirst before the body is a byline or a date.
    if lines_shown and lines_shown[0][:_HEAD] not in whole:
        return [lines_shown[0], *lines]
    return lines


def article_lines(
    lines: list[str], shown: list[str], roots: Iterable[LexborNode], comments: Iterable[str]
) -> list[str]:
    """The lines of a full body that are the article's: a line the page shows as a link's text
    (a related headline, alone or after a short label such as "Læs også:") or as a reader
    comment came with the body from the site's templates, not from the article. Links count
    only when long enough to name a story; a sentence that merely holds a linked phrase stays,
    and so does a line the page shows as its text (``shown``), linked or not.

    ``roots`` are the page's parts whose links are read (the page and the junk taken out of
    it): read only here, on the few pages whose full body replaces the shown text."""
    links = {
        text
        for root in roots
        for link in css(root, "a")
        if len(text := _plain(link.text(deep=True, separator=" "))) >= _SHOWN_MIN
    }
    said = {_plain(c) for c in comments}
    if not links and not said:
        return lines
    # A comment's words in the body may follow its writer and date ("Karen, 29. juni: ...");
    # only words long enough to be a comment's own are sought that way.
    worded = [c for c in said if len(c) >= _SHOWN_MIN]

    own = set(shown)

    def foreign(line: str) -> bool:
        if line in own:
            return False
        label = _LABEL.match(line)
        unlabelled = line[label.end() :] if label else line
        return (
            line in links
            or unlabelled in links
            or line in said
            or any(line.endswith(c) for c in worded)
        )

    return [line for line in lines if not foreign(line)]
