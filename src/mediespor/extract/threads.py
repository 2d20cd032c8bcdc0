"""Reader comments told by their structure, whatever the page calls them.

A thread of reader posts is a run of units built from one template, each a short head line
that says who and when beside the post's own text: "Karen B. (3. maj 2019 kl. 21.14)" over a
paragraph. An article's paragraphs do not come that way: a chronology ("28. juni 2017: ...")
writes its dates into the paragraph itself, and where a live blog or a chronology gives its
time or date a line of its own ("kl. 14.05", "28. juni 2017"), that line says when alone. Units whose markup says they are comments (schema.org's ``Comment``, ARIA's ``comment``
role) count whatever their head. A page that names its comment section ("comments") is
found by name; this finds the rest (a "forum", "responses", "reactions").
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from mediespor.extract.dates import MONTH_WORDS
from mediespor.extract.nodes import element_from
from mediespor.extract.tags import tag_id, tag_ids

# When a post was written: a year, or a clock time ("11:29", "11h29", "kl. 14.32").
_WHEN = re.compile(r"(?<!\d)(?:(?:19|20)\d{2}|\d{1,2}[:h.]\d{2})(?!\d)")
# Words a line that says when alone is made of besides digits: month and weekday names and
# the little words of times ("kl. 14.05", "Wed 28 June 2017 at 14:05", "le 3 mai à 9h").
_WHEN_WORDS = MONTH_WORDS | frozenset(
    (
        *("kl", "klokken", "at", "um", "uhr", "am", "pm", "h", "à", "a", "le", "den", "d"),
        *("the", "on", "of", "de", "del", "i", "o", "om"),
        *("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        *("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
        *("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        # Relative days and the words of an update's time line ("i går kl. 14.05",
        # "Opdateret 14.20").
        *("dag", "går", "today", "yesterday", "heute", "gestern", "hier", "aujourd", "hui"),
        *("opdateret", "updated", "aktualisiert", "publiceret", "published", "senest"),
    )
)
#: Month, weekday and time words: what a line that says when is made of besides digits.
WHEN_WORDS = _WHEN_WORDS
_WORDS = re.compile(r"[^\W\d_]+")
# A head line is short; the post beside it must be prose of some length.
_HEAD_MAX = 80
_POST_MIN = 25
# A thread has at least this many units, of which this share show a head line with a time.
_UNITS_MIN = 3
_DATED_SHARE = 0.6
# Blocks a head line comes in (not headings: a chronology's entries have dated headings),
# found among the first elements of a unit: a post's head comes before its text.
_HEAD_TAGS = tag_ids(("div", "p", "header", "time", "cite", "address"))
_HEAD_ELEMENTS = 8
# Blocks that end a head line written straight into the unit ("<b>Name</b> 28. juni 2017").
_BLOCK_IDS = tag_ids(
    ("div", "p", "section", "article", "blockquote", "ul", "ol", "header", "h2", "h3", "h4", "h5")
)
_TIME = tag_id("time")
_HEADING_IDS = tag_ids(("h1", "h2", "h3", "h4", "h5", "h6"))
# Elements a post comes in (a list of them may open with a heading: "8 svar").
_UNIT_IDS = tag_ids(("li", "div", "article", "section"))
_OPENING_IDS = _UNIT_IDS | tag_ids(("h2", "h3", "h4"))
# Units looked at (the verdict is taken on the first ones).
_UNITS_READ = 8


def template_units(node: LexborNode) -> list[LexborNode]:
    """The largest run of ``node``'s element children built from one template (tag, class).

    Empty when ``node`` opens with anything but such a unit or a heading: most blocks that rank
    high hold paragraphs, and are told apart by their first child alone.
    """
    first = element_from(node.first_child, "next")
    if first is None or first.tag_id not in _OPENING_IDS:
        return []
    groups: dict[tuple[int, str | None], list[LexborNode]] = {}
    for child in node.iter():
        if child.tag_id in _UNIT_IDS:
            groups.setdefault((child.tag_id, child.attrs.get("class")), []).append(child)
    return max(groups.values(), key=len, default=[])


def _leading_line(unit: LexborNode) -> str | None:
    """The text ``unit`` opens with before its first block, when a block follows it."""
    parts: list[str] = []
    length = 0
    for child in unit.iter(include_text=True):
        if child.tag_id in _BLOCK_IDS:
            return "".join(parts).strip()
        text = child.text(deep=True)
        length += len(text)
        if length > _HEAD_MAX * 2:
            return None  # far too long for a head line, whatever follows
        parts.append(text)
    return None


def _headed(unit: LexborNode) -> bool:
    """Whether a heading opens ``unit`` (among its first elements)."""
    for n, element in enumerate(unit.traverse()):
        if n > _HEAD_ELEMENTS:
            return False
        if element.tag_id in _HEADING_IDS:
            return True
    return False


def _dated_head(unit: LexborNode) -> bool:
    """Whether ``unit`` opens with a short line or block that says when, with prose beside it,
    and no heading: units under headings are entries of the article itself (a live blog's
    updates, a chronology), not posts of readers."""
    if _headed(unit):
        return False
    head = _leading_line(unit)
    if not (head and len(head) <= _HEAD_MAX and _WHEN.search(head)):
        head = None
        # Short blocks above the one that says when: the writer's name on a line of its own.
        above = ""
        for n, element in enumerate(unit.traverse()):
            if n > _HEAD_ELEMENTS:
                return False
            if element.tag_id not in _HEAD_TAGS or element.mem_id == unit.mem_id:
                continue  # inline elements are part of a sentence ("<b>28. juni 2017:</b> ...")
            text = element.text(deep=True).strip()
            if len(text) <= _HEAD_MAX:
                if element.tag_id == _TIME or _WHEN.search(text):
                    head = text
                    break
                above = f"{above} {text}"
            # A longer block holds the post, or part of it: its children are looked at next.
        if head is None:
            return False
        if not _says_who(f"{above} {head}"):
            return False
        return len(unit.text(deep=True).strip()) - len(head) >= _POST_MIN
    if not _says_who(head):
        return False
    return len(unit.text(deep=True).strip()) - len(head) >= _POST_MIN


def _says_who(head: str) -> bool:
    """Whether a head line holds more than when: a post's head names its writer (or what it
    is), while a live blog's update or a chronology's entry has a line of time alone."""
    return any(word not in _WHEN_WORDS for word in _WORDS.findall(head.lower()))


def is_thread(node: LexborNode) -> bool:
    """Whether ``node``'s children are reader posts: three or more units of one template,
    most of them with a head line that says when, beside the post's text."""
    return posts(template_units(node))


def _marked_comment(unit: LexborNode) -> bool:
    """Whether the unit's markup says it is a comment (schema.org microdata, ARIA role)."""
    attrs = unit.attrs
    return (
        attrs.get("itemprop") == "comment"
        or "Comment" in (attrs.get("itemtype") or "")
        or attrs.get("role") == "comment"
    )


def posts(units: list[LexborNode]) -> bool:
    """Whether ``units`` (of one template, see :func:`template_units`) are reader posts."""
    if len(units) < _UNITS_MIN:
        return False
    read = units[:_UNITS_READ]
    need = max(_UNITS_MIN, _DATED_SHARE * len(read))
    dated = undated = 0
    for unit in read:
        if _marked_comment(unit) or _dated_head(unit):
            dated += 1
            if dated >= need:
                return True
        else:
            undated += 1
            if len(read) - undated < need:
                return False  # too few units left to make a thread
    return False
