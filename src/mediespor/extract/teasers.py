"""Cut what trails an article: related-story blocks, orphaned headings, comment prompts.

The text walk (:mod:`mediespor.extract.content`) reports every block it meets, in order, with
its kind: prose, a heading, a line that was nearly all links (dropped), or a short label that
names a box of links ("Læs også", "Mehr zum Thema", "Related"). This module decides, from the
order of those kinds alone, which blocks are the article. It knows no site: it looks at
structure and position, as trafilatura's link-density and heading tests do.

- A box of related stories is a short heading followed by a list of links, after most of the
  article's prose. From such a box on, the rest of the container is teasers, site furniture or
  comments, unless real prose follows (a long paragraph, or two sentences with no link between
  them), which ends the cut. What only looks like a box label is none: an attribution line
  ("— Name (@handle) date"), a clause, one dated item of a list, a line over the addresses of
  the article's sources, a label with a sentence right under it.
- A heading with no prose of its own under it (followed only by a link list, another heading
  of the same box, or nothing) names a block that is gone.
- A list of points closing the article under its own heading (demands, steps) stays, up to a
  button under it; a point that links (a document, a source) is no button when points follow.
- Calls to the reader that close the text (newsletter, follow us) go
  (:mod:`mediespor.extract.calls`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mediespor.extract.calls import drop_closing_calls

#: Kinds of block the text walk reports.
PROSE, HEADING, LINKS, LABEL = range(4)

# A label or heading of a related box is short; a paragraph of prose after the box is long.
_SHORT = 80
_PROSE_AFTER = 300
_SENTENCE = 120
# A line this long ending in a full stop is a sentence of the article, not a box's entry.
_CLOSING_SENTENCE = 60
# A box after the last paragraph is a few short lines at most.
_TAIL_MAX = 400
# Linked titles with a summary under each, in a row, that make a list of teaser cards.
_CARD_RUN = 3
# The box comes after most of the article: never cut into its first half.
_AFTER_SHARE = 0.5
# "Label: value" lines; this many of them after the last paragraph are the article's facts.
_FACT = re.compile(r"^[^\W\d][\w .-]{1,30}:\s*\S")
_FACT_LINES = 5
_DIGIT = re.compile(r"\d")
# Lines of a list closing the article under its own heading: this many, of this many words.
_POINTS_MIN = 3
_POINT_WORDS = 3
# A last line this short with no sentence, after this much text, is not the article's.
_STUB_MAX = 40
_STUB_AFTER_BLOCKS = 3
_STUB_AFTER_CHARS = 1000
# An attribution line opens with a dash: it signs the quote or post above it.
_SIGNED = ("—", "–", "―", "- ")
_DIGITS = str.maketrans("0123456789", "0000000000")
_ADDRESS = ("http://", "https://", "www.")
# Full stops of Chinese and Japanese, whose sentences are a third as long in characters.
_CJK_END = ("。", "！", "？")
_STOPS = (".", "!", "?", *_CJK_END)
_SENTENCE_END = (".", "!", "?", ":", "…", '"', "“", "”", "»", "«", *_CJK_END)
# A last line this short ending in a link, after this many lines, points the reader elsewhere.
_LINKED_MAX = 150
_LINKED_AFTER_BLOCKS = 3


class Block(NamedTuple):
    """One block of the walked text: its kind, its single-spaced text, and whether its text
    ends in a link's."""

    kind: int
    text: str
    linked_end: bool = False


def _links_follow(blocks: list[Block], n: int) -> int:
    """How many link-list lines follow block ``n`` directly, up to a bare web address.

    A list of addresses is the article's sources ("Quellen:", "Sources:"), not other stories.
    """
    end = n + 1
    while end < len(blocks) and blocks[end].kind == LINKS:
        if blocks[end].text.startswith(_ADDRESS):
            break
        end += 1
    return end - n - 1


def _section_has_links_only(blocks: list[Block], n: int) -> bool:
    """Whether the blocks under heading ``n`` (up to the next heading) are mostly links, with
    no prose.

    A box of related stories is its links, each with a line or two of summary at most; a
    section of short lines ("Date: ...", "Place: ...") with a link among them is the article's.
    """
    links = lines = 0
    sentence = word = False
    for k in range(n + 1, len(blocks)):  # indices, not a slice: no copy of the list per call
        block = blocks[k]
        if block.kind in (HEADING, LABEL):
            break
        if _is_prose(block):
            return False
        if block.kind == LINKS:
            links += 1
        else:
            lines += 1
        sentence = sentence or (_is_sentence(block) and not block.linked_end)
        word = word or (block.kind == PROSE and " " not in block.text)
    # A sentence is an answer under a question, a step under its heading; beside a lone word
    # ("Ja", "Nej", a button's name) it is a prompt's.
    return links > 0 and 2 * links >= lines and (word or not sentence)


def _names_box(blocks: list[Block], n: int) -> bool:
    """Whether block ``n`` heads a box of links ("Verwandte Artikel", "Read more", ...)."""
    block = blocks[n]
    if block.kind == LABEL:
        return True
    text = block.text
    if block.kind == LINKS or len(text) > _SHORT:
        return False
    if block.kind == HEADING:
        # A heading over links and no prose is a box of links, whatever it says.
        return _section_has_links_only(blocks, n)
    # A short line that is no statement (a question like "Schon gelesen?" may ask), over a
    # list of at least two links, or over the links that end the text; a line ending in a
    # colon announces what follows, so one link will do.
    if text.startswith(_SIGNED):
        return False  # an attribution ("— Name (@handle) June 28, 2017") signs what is above
    if n and blocks[n - 1].kind == PROSE and _same_shape(text, blocks[n - 1].text):
        return False  # the last item of a list ("kl. 17.00: Musik") whose items are above it
    links = _links_follow(blocks, n)
    if text.endswith(":"):
        return links >= 1
    if text.endswith(_SENTENCE_END) and not text.endswith("?"):
        return False
    if ", " in text or "，" in text:
        return False  # a clause ("Without X, we have no future"), where a label names a box
    if links and _same_shape(text, blocks[n + 1].text):
        return False  # one item of a list ("04.11.2022 - Band - Club") whose next are links
    return links >= 2 or (links == 1 and n + 2 == len(blocks))


def _same_shape(line: str, other: str) -> bool:
    """Whether two lines open with a number of one shape ("04.11.2022", "05.11.2022"), or
    with one word and such a number ("kl. 16.40", "kl. 17.00")."""
    shape = _opening_shape(line)
    return shape is not None and shape == _opening_shape(other)


def _opening_shape(line: str) -> str | None:
    """The first word or two of ``line`` up to the first holding a digit, digits made 0."""
    words = line.split(" ", 2)
    if any(char.isdigit() for char in words[0]):
        return words[0].translate(_DIGITS)
    if len(words) > 1 and any(char.isdigit() for char in words[1]):
        return f"{words[0]} {words[1]}".translate(_DIGITS)
    return None


def _box_start(blocks: list[Block]) -> int | None:
    """Index of the first related box after most of the article's prose, if any."""
    total = sum(len(b.text) for b in blocks if b.kind in (PROSE, HEADING))
    if not total:
        return None
    seen = 0
    half = _AFTER_SHARE * total
    for n, (kind, text, _) in enumerate(blocks):
        if kind in (PROSE, HEADING):
            seen += len(text)
        # Most blocks are ruled out here, without a call: this runs on every page.
        if seen < half or kind == LINKS or (kind != LABEL and len(text) > _SHORT):
            continue
        if kind == PROSE and (n + 1 == len(blocks) or blocks[n + 1].kind != LINKS):
            continue  # a line of prose heads a box only with links right under it
        if kind == LABEL and _sentence_follows(blocks, n):
            continue  # the box's links are gone: the article goes on under its label
        if _names_box(blocks, n):
            return n
    return None


def _sentence_follows(blocks: list[Block], n: int) -> bool:
    """Whether a sentence of the article's follows block ``n`` directly."""
    if n + 1 == len(blocks):
        return False
    after = blocks[n + 1]
    return after.kind == PROSE and len(after.text) >= _SHORT and after.text.endswith(".")


def _is_prose(block: Block) -> bool:
    """A paragraph of running text: the article goes on after a box that held it."""
    text = block.text
    return block.kind == PROSE and (
        len(text) >= _PROSE_AFTER
        or (len(text) >= _SENTENCE and text.endswith(_SENTENCE_END))
        # Chinese and Japanese say in one character what takes a word elsewhere.
        or (len(text) >= _SENTENCE // 3 and text.endswith(_CJK_END))
    )


def _trim_box(blocks: list[Block]) -> list[Block]:
    """Drop the trailing related box and what follows it, up to real prose."""
    start = _box_start(blocks)
    if start is None:
        return blocks
    end = start + 1
    while end < len(blocks) and not _is_prose(blocks[end]) and not _sentences_run(blocks, end):
        end += 1
    return blocks[:start] + blocks[end:]


def _sentences_run(blocks: list[Block], n: int) -> bool:
    """Whether block ``n`` and the one after it are sentences with no link between them.

    A box alternates its links with a line of summary each; two sentences in a row are the
    article going on ("Should these updates be on your PC, remove them. Proceed as follows:").
    """
    if n + 1 == len(blocks):
        return False
    return _is_sentence(blocks[n]) and _is_sentence(blocks[n + 1])


def _is_sentence(block: Block) -> bool:
    """A line of prose that ends a sentence: shorter than a paragraph, longer than a label."""
    text = block.text
    return block.kind == PROSE and len(text) >= _SHORT // 2 and text.endswith(_STOPS)


def _trim_tail(blocks: list[Block]) -> list[Block]:
    """Drop a heading after the article's last paragraph and the short lines under it.

    What follows the last paragraph of prose under a heading of its own is a box: a comment
    form, a contact box, "was this helpful?". Short lines with no heading over them (a
    signature, a closing line) stay.
    """
    last = None
    for n in range(len(blocks) - 1, -1, -1):
        if _is_prose(blocks[n]):
            last = n
            break
    if last is None or last + 1 >= len(blocks):
        return blocks
    after = blocks[last + 1]
    if after.kind != LABEL and (after.kind != HEADING or len(after.text) > _SHORT):
        return blocks
    tail = blocks[last + 1 :]
    # A closing section of the article ("The bottom line", a list of results) has sentences
    # or runs long; a box is a few short lines.
    if sum(len(b.text) for b in tail) > _TAIL_MAX or any(
        len(b.text) >= _CLOSING_SENTENCE and b.text.endswith(".") for b in tail
    ):
        return blocks
    if sum(1 for b in tail if b.kind == PROSE and _FACT.match(b.text)) >= _FACT_LINES:
        return blocks  # a list of facts ("Date: ...", "Place: ...") closes the article
    # A list that closes the article under its own heading (demands, steps), up to the links
    # under it (a button): what follows the button is the box's, not the list's.
    end = _list_end(tail)
    lines = [b for b in tail[1:end] if b.kind != LINKS]
    linked = end - 1 - len(lines)
    # A list of points links a few of them (a document, a source); a list of related stories
    # links most of its items.
    if after.kind == HEADING and _is_list_of_points(lines) and linked < len(lines):
        return blocks[: last + 1 + end]
    return blocks[: last + 1]


def _list_end(tail: list[Block]) -> int:
    """Index in ``tail`` (a heading and the lines under it) where the heading's list ends.

    The list ends at a link, unless the link is of words like a point and more points of the
    list follow it: then it is a linked point (a document, a source) and the list goes on. A
    button ("Abbrechen") or a bare address is no point; a button under the list has the box's
    short lines after it ("Hurtigt", "Gratis"), or nothing.
    """
    end = 1
    while end < len(tail):
        if tail[end].kind != LINKS:
            end += 1
            continue
        if " " not in tail[end].text:
            break
        nxt = end + 1
        while nxt < len(tail) and tail[nxt].kind != LINKS:
            nxt += 1
        run = tail[end + 1 : nxt]
        if not run or not all(_may_be_point(b) for b in run):
            break
        end = nxt
    return end


def _is_list_of_points(lines: list[Block]) -> bool:
    """Whether ``lines`` are points of the article's own: a few lines of several words, none
    a single word, a link or a question, where a form or a prompt has single words ("Navn",
    "Ja") and asks ("Var siden nyttig?")."""
    if not all(_may_be_point(b) for b in lines):
        return False
    return sum(1 for b in lines if len(b.text.split()) >= _POINT_WORDS) >= _POINTS_MIN


def _may_be_point(block: Block) -> bool:
    """Whether ``block`` can be a point of a list: prose of words or a figure, no link at its
    end, no question."""
    return (
        block.kind == PROSE
        and not block.linked_end
        and (" " in block.text or _is_figure(block.text))
        and not block.text.endswith("?")
    )


def _is_figure(text: str) -> bool:
    """A number, a time or a date with no word ("16.00", "28.06"): a table's cell beside the
    lines of words in its row, where a form's single words are labels."""
    return _DIGIT.search(text) is not None and not any(char.isalpha() for char in text)


def _trim_cards(blocks: list[Block]) -> list[Block]:
    """Drop runs of teaser cards after most of the article: a linked title, a short summary.

    Three or more such pairs in a row are a list of other stories, whatever they say; a
    single link followed by a paragraph is the article citing a source.
    """
    total = sum(len(b.text) for b in blocks if b.kind in (PROSE, HEADING))
    seen = 0
    n = 0
    while n < len(blocks):
        kind, text, _ = blocks[n]
        if kind in (PROSE, HEADING):
            seen += len(text)
        if kind == LINKS and seen >= _AFTER_SHARE * total:
            end = n
            pairs = 0
            while (
                end + 1 < len(blocks)
                and blocks[end].kind == LINKS
                and _is_title(blocks[end].text)
                and blocks[end + 1].kind == PROSE
                and len(blocks[end + 1].text) < _PROSE_AFTER
            ):
                end += 2
                pairs += 1
            if pairs >= _CARD_RUN:
                return blocks[:n] + blocks[end:]
        n += 1
    return blocks


def _is_title(text: str) -> bool:
    """Whether a linked line can be a card's title: it has words. A number ("#673", a forum
    post's permalink above the post) or a bare symbol links to a place, not to a story."""
    return any(char.isalpha() for char in text)


def _drop_orphan_headings(blocks: list[Block]) -> list[Block]:
    """Drop headings with nothing of the article under them."""
    kept: list[Block] = []
    for n, block in enumerate(blocks):
        if block.kind == HEADING and len(block.text) <= _SHORT:
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            if following is None or following.kind in (LINKS, LABEL):
                continue
        kept.append(block)
    # Headings left at the very end (their box was cut) head nothing either.
    while kept and kept[-1].kind == HEADING:
        kept.pop()
    return kept


def article_paragraphs(blocks: list[Block]) -> list[str]:
    """The texts of ``blocks`` that belong to the article, in order."""
    if not blocks:
        return []
    each = [b.kind for b in blocks]
    kinds = set(each)
    if kinds == {PROSE}:
        return _drop_linked_close(blocks, stub=False)  # no box rule applies to prose
    if LINKS in kinds or LABEL in kinds:
        blocks = _trim_box(blocks)
    if each.count(LINKS) >= _CARD_RUN:
        blocks = _trim_cards(blocks)
    if HEADING in kinds or LABEL in kinds:
        blocks = _drop_orphan_headings(_trim_tail(blocks))
    return _drop_linked_close([b for b in blocks if b.kind in (PROSE, HEADING)])


def _drop_linked_close(blocks: list[Block], *, stub: bool = True) -> list[str]:
    """The texts of ``blocks`` less a closing stub (if ``stub``), closing calls, and short
    closing lines that end in a link.

    "Das Heft können Sie hier bestellen.", "Donate", "Alles über X findest Du hier": a short
    last line whose last words are a link sends the reader elsewhere (a shop, a sign-up, the
    next story). The stub and the calls only ever cut the end, so the blocks left are the
    first ones.
    """
    texts = [b.text for b in blocks]
    texts = drop_closing_calls(_drop_closing_stub(texts) if stub else texts)
    end = len(texts)
    while (
        end > _LINKED_AFTER_BLOCKS
        and blocks[end - 1].linked_end
        and len(texts[end - 1]) < _LINKED_MAX
    ):
        end -= 1
    return texts[:end]


def _drop_closing_stub(texts: list[str]) -> list[str]:
    """Drop a last line of a few words and no sentence after a long article.

    What ends a page's text that way is site furniture: a view counter, a tag, a clock time,
    a user name, a toggle's label. A closing sentence ends in a full stop and stays.
    """
    last = texts[-1] if texts else ""
    if (
        len(texts) > _STUB_AFTER_BLOCKS
        and len(last) < _STUB_MAX
        and not last.endswith(_SENTENCE_END)
        and sum(map(len, texts)) > _STUB_AFTER_CHARS
        # The last point of a list ("Uafhængig klageadgang" under longer demands) ends a run
        # of lines of its kind: several words, no sentence; a count ("5.540 visninger") is
        # the page's.
        and not (" " in last and not _DIGIT.search(last) and _is_point(texts[-2]))
    ):
        return texts[:-1]
    return texts


def _is_point(text: str) -> bool:
    """A line of a list: a few words and no sentence."""
    return (
        len(text.split()) >= _POINT_WORDS
        and len(text) < _SHORT
        and not text.endswith(_SENTENCE_END)
    )
