"""Selector queries through one Lexbor selector engine per thread, not one per page.

``node.css()`` goes through an engine that selectolax creates for each parsed document on its
first query; setting one up (a CSS parser, a tokenizer and their memory pools) costs about as
much as a small query. The engine is not tied to a document, so one per thread serves every
page. Not thread-safe itself, hence per thread.

What a query costs, in bare parses of the same pages (the shared pages, CPU time; measure with
``bench/extract_queries.py``): a selector list is one walk that tests every part on every element
and reports an element once per part it matches. On a whole page the walk with one cheap part
(``div``, ``[itemprop]``) costs about 0.06, each further tag part about 0.015, and each
``[class*=... i]`` part 0.05 to 0.08: the fifteen-part date-class list costs 1.2 per call.
``:is()`` around a list is no cheaper, searching the body rather than the root saves a twentieth,
and each call parses its selector anew (1.5 µs for ``p``, 4 µs for a long list). Reading attributes
in Python costs about 0.35 µs an element, so it pays only against a long list: the date-class list's
exact answer from ``:is([class], [id])`` and a cached count per (class, id) pair costs 0.7 parses to
the list's 1.4 (``extract/dates.py``). What does not pay: ruling a query out by its word in the
page's bytes (0.07 parses a word).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from selectolax.lexbor import LexborCSSSelector, LexborNode

from mediespor.extract.tags import tag_ids

_LOCAL = threading.local()


def _engine() -> LexborCSSSelector:
    engine = getattr(_LOCAL, "engine", None)
    if engine is None:
        engine = _LOCAL.engine = LexborCSSSelector()
    return engine


def css(node: LexborNode, query: str) -> list[LexborNode]:
    """The elements in ``node``'s subtree (itself included) that match ``query``, in order."""
    return _engine().find(query, node)


def has_match(node: LexborNode, query: str) -> bool:
    """Whether any element in ``node``'s subtree (itself included) matches ``query``."""
    return bool(_engine().any_matches(query, node))


#: A query's fixed cost (its selector parsed anew, the walk set up, ~1.3 µs) is that of a Python
#: walk over about 20 elements (0.06 µs each): :func:`find_tags` and :func:`has_tag` walk a
#: subtree in Python up to this many elements, and query Lexbor only for a larger one (the
#: walk so far then costs ~0.9 µs more). Most blocks they are asked about (an ad slot, a
#: comment section's wrapper, a header, a card) are a few elements.
_SMALL_SUBTREE = 16


@dataclass(frozen=True)
class TagQuery:
    """A selector list of plain tag names (``"img, picture"``) and the Lexbor ids of those tags:
    an element matches it exactly when its ``tag_id`` is one of ``ids``."""

    query: str
    ids: frozenset[int]


def tag_query(*names: str) -> TagQuery:
    """The :class:`TagQuery` for the HTML tags ``names``."""
    return TagQuery(", ".join(names), tag_ids(names))


def find_tags(node: LexborNode, tags: TagQuery) -> list[LexborNode]:
    """``css(node, tags.query)``: walked in Python on a small subtree."""
    ids = tags.ids
    found: list[LexborNode] = []
    for n, element in enumerate(node.traverse()):
        if n == _SMALL_SUBTREE:
            return css(node, tags.query)
        if element.tag_id in ids:
            found.append(element)
    return found


def has_tag(node: LexborNode, tags: TagQuery) -> bool:
    """``has_match(node, tags.query)``: walked in Python on a small subtree, or up to the
    first match."""
    ids = tags.ids
    for n, element in enumerate(node.traverse()):
        if element.tag_id in ids:
            return True
        if n == _SMALL_SUBTREE:
            return has_match(node, tags.query)
    return False
