"""Listings of other stories told by their structure, whatever the page calls them.

A listing ("Mere fra kommunen", "Latest", a tag page's teasers) is a run of units built from
one template, each under a headline that links to the story it sells, most often with a
summary beside it. An article's sections may have headings too, but they do not link away.
A page that names its listing ("related", "teaser") is found by name; this finds the rest.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from mediespor.extract.tags import A, tag_id, tag_ids
from mediespor.extract.threads import template_units

_HEADINGS = tag_ids(("h2", "h3", "h4", "h5"))
_P = tag_id("p")
# A title link holds this many words at least, and no more characters than a headline.
_TITLE_WORDS = 3
_TITLE_MAX = 150
# A listing has at least this many units, of which this share have a linked headline.
_UNITS_MIN = 3
_LINKED_SHARE = 0.6
# Units looked at, and elements of each looked through for its headline.
_UNITS_READ = 8
_HEAD_ELEMENTS = 8
# Share of a headline's text in links for it to link away (a headline and a comment count).
_LINK_SHARE = 0.8


def _links_away(heading: LexborNode) -> bool:
    text = len(heading.text(deep=True).strip())
    if not text:
        return False
    linked = sum(len(a.text(deep=True).strip()) for a in heading.traverse() if a.tag_id == A)
    return linked >= _LINK_SHARE * text


def _linked_headline(unit: LexborNode) -> bool:
    """Whether ``unit`` opens with a headline that links away (or sits inside a link)."""
    for n, element in enumerate(unit.traverse()):
        if n > _HEAD_ELEMENTS:
            return False
        tid = element.tag_id
        if tid in _HEADINGS:
            return (
                _links_away(element)
                or (element.parent is not None and _in_link(element, unit))
                or _ends_in_more_link(unit)
            )
        if tid == A:
            # A linked title without a heading tag: a few words, no longer than a headline.
            title = element.text(deep=True).strip()
            if len(title) <= _TITLE_MAX and len(title.split()) >= _TITLE_WORDS:
                return True
        elif tid == _P:
            return False  # prose comes first: a section of text, not a teaser
    return False


def _ends_in_more_link(unit: LexborNode) -> bool:
    """Whether the unit's last element is a short link on its own ("Læs mere", "Read more")."""
    last = unit.last_child
    while last is not None and not last.is_element_node:
        last = last.prev
    if last is None or last.tag_id != A:
        return False
    return 0 < len(last.text(deep=True).split()) <= 3


def _in_link(node: LexborNode, stop: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != stop.mem_id:
        if parent.tag_id == A:
            return True
        parent = parent.parent
    return stop.tag_id == A


def is_listing(node: LexborNode) -> bool:
    """Whether ``node``'s children are teasers of other stories: three or more units of one
    template, most of them under a headline that links away."""
    return teasers(template_units(node))


def teasers(units: list[LexborNode]) -> bool:
    """Whether ``units`` (of one template, see ``template_units``) are teasers of stories."""
    if len(units) < _UNITS_MIN:
        return False
    read = units[:_UNITS_READ]
    linked = sum(1 for unit in read if _linked_headline(unit))
    return linked >= _UNITS_MIN and linked >= _LINKED_SHARE * len(read)
