"""Small questions about a node's place in the tree, answered by climbing it in Python.

Each step costs a Lexbor node object, so these helpers stop as early as they can.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from mediespor.extract import attr_reads
from mediespor.extract.select import css
from mediespor.extract.tags import TEXT

#: Elements whose class or id mentions comments: possible reader-comment sections.
COMMENT_NAMED = ':is([id*="comment" i], [class*="comment" i])'
#: The same as a plain selector list: a fifth fewer instructions in Lexbor, but an element
#: whose id and class both mention comments is reported twice (see :func:`unique`).
COMMENT_NAMED_LIST = '[id*="comment" i], [class*="comment" i]'
# The same parts as the compiled class search reads them, and its switch (None: the query).
_COMMENT_NAMED_PARTS = ((True, b"comment"), (False, b"comment"))
_compiled = attr_reads.compiled
#: An element's text with all its descendants': for elements the same string as
#: ``node.text(deep=True)`` (compared on every element of the 2071 shared benchmark pages),
#: read by Lexbor's own text_content in about half the time of selectolax's walk with a
#: Python callback. Not for text or comment nodes, where the two differ.
deep_text = LexborNode.text_lexbor


#: A style that hides an element.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def hidden_by_attributes(attrs: dict[str, str | None]) -> bool:
    """Whether an element's attributes hide it from view (``hidden``, ``aria-hidden``, a
    ``display: none`` or ``visibility: hidden`` style)."""
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


# Layers a page keeps hidden until a reader opens them: a class word that starts with one of
# these ("flyout-target", "popup"), or a plain "hidden" (not one beside a
# responsive class such as "lg:block", which shows the element on wide screens).
_CONCEALED_PREFIXES = ("flyout", "popup", "pop-up")
_HIDDEN_WORDS = frozenset({"hidden", "is-hidden"})
#: Verdicts of :func:`concealed_by_name` by (class, id): the pairs repeat across a site's
#: elements and pages. Read directly by callers that climb many ancestors per page.
CONCEALED_NAMES: dict[tuple[str | None, str | None], bool] = {}
_CONCEALED_NAMES_MAX = 50_000


def concealed_by_name(names: tuple[str | None, str | None]) -> bool:
    """Whether an element's (class, id) names a layer the page keeps hidden until a reader
    opens it: a word starting "flyout", "popup" or "pop-up", or a plain "hidden"/"is-hidden"
    that no responsive class ("lg:block") shows on wide screens."""
    found = CONCEALED_NAMES.get(names)
    if found is None:
        words = f"{names[0] or ''} {names[1] or ''}".lower().split()
        found = any(w.startswith(_CONCEALED_PREFIXES) for w in words) or (
            not _HIDDEN_WORDS.isdisjoint(words) and not any(":" in w for w in words)
        )
        if len(CONCEALED_NAMES) >= _CONCEALED_NAMES_MAX:
            CONCEALED_NAMES.clear()
        CONCEALED_NAMES[names] = found
    return found


def class_id(node: LexborNode) -> str:
    """``node``'s class and id attributes, lower-cased, separated by a space."""
    # Lower-cased once here so that the name patterns can run case-sensitively (3x faster).
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def following(node: LexborNode, root: LexborNode) -> LexborNode | None:
    """The first non-text node after ``node``'s subtree inside ``root``.

    That is where ``traverse()`` (which skips text nodes) goes on once past the subtree.
    """
    stop = root.mem_id
    while node is not None and node.mem_id != stop:
        after = node.next
        while after is not None and after.tag_id == TEXT:
            after = after.next
        if after is not None:
            return after
        node = node.parent
    return None


def is_attached(node: LexborNode, root: LexborNode) -> bool:
    """Whether ``node`` still hangs under ``root`` (removal detaches whole subtrees)."""
    key = root.mem_id
    while node is not None:
        if node.mem_id == key:
            return True
        node = node.parent
    return False


def element_from(node: LexborNode | None, step: str) -> LexborNode | None:
    """``node`` if it is an element, else the first element from it on in direction ``step``
    (``"next"`` or ``"prev"``), skipping text and comment nodes."""
    while node is not None and (node.tag_id == TEXT or not node.is_element_node):
        node = getattr(node, step)
    return node


def has_ancestor(node: LexborNode, ids: set[int]) -> bool:
    """Whether any ancestor of ``node`` (not ``node`` itself) has a ``mem_id`` in ``ids``."""
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The elements of ``nodes`` (in document order) that lie inside none of the others.

    An element's ancestors precede it, so only earlier outermost elements can hold it. An
    ancestor met on a climb that reached none of them never will either (those found later
    follow it), so climbs stop there: each ancestor is stepped on about once.
    """
    kept: list[LexborNode] = []
    kept_ids: set[int] = set()
    outside: set[int] = set()
    for node in nodes:
        climbed: list[int] = []
        parent = node.parent
        while parent is not None:
            key = parent.mem_id
            if key in kept_ids:
                break
            if key in outside:
                parent = None
                break
            climbed.append(key)
            parent = parent.parent
        if parent is None:
            outside.update(climbed)
            kept.append(node)
            kept_ids.add(node.mem_id)
    return kept


def unique(nodes: list[LexborNode]) -> list[LexborNode]:
    """``nodes`` in order, each element once (a selector list reports one per part matched)."""
    seen: set[int] = set()
    kept: list[LexborNode] = []
    for node in nodes:
        key = node.mem_id
        if key not in seen:
            seen.add(key)
            kept.append(node)
    return kept


def comment_named(node: LexborNode) -> list[LexborNode]:
    """The elements of ``node``'s subtree (itself included) whose id or class mentions
    comments, each once, in document order: ``unique(css(node, COMMENT_NAMED_LIST))``.

    By the compiled class search when there is one: it walks the subtree once, where the
    selector list walks it once per part.
    """
    if _compiled is not None:
        return unique(_compiled.classed(node, _COMMENT_NAMED_PARTS))
    return unique(css(node, COMMENT_NAMED_LIST))
