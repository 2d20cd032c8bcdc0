"""Lexbor's numeric ids for the HTML tags the extractor tests for.

``node.tag_id`` is an int read straight from the node; ``node.tag`` builds a new str on every
call and costs four times as much. The walks over a page's elements test thousands of tags, so
they compare ids. Standard HTML tags have fixed ids in Lexbor (unknown custom tags get ids of
their own, never one of these); they are read once from a scratch document so that they always
match the installed Lexbor.
"""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

_SCRATCH = LexborHTMLParser("<p>text<!--comment--></p>")


def tag_id(name: str) -> int:
    """Lexbor's id of the HTML tag ``name``."""
    return _SCRATCH.create_node(name).tag_id


def tag_ids(names: Iterable[str]) -> frozenset[int]:
    """Lexbor's ids of the HTML tags ``names``."""
    return frozenset(tag_id(name) for name in names)


def _node_type_id(kind: str) -> int:
    paragraph = _SCRATCH.css_first("p")
    for node in paragraph.iter(include_text=True):
        if node.tag == kind:
            return node.tag_id
    raise RuntimeError(f"Lexbor has no {kind} node id")  # would mean a broken selectolax install


TEXT = _node_type_id("-text")
COMMENT = _node_type_id("-comment")
A = tag_id("a")
BR = tag_id("br")
DIV = tag_id("div")


def id_table(ids: Iterable[int]) -> bytes:
    """A byte per tag id up to the largest of ``ids``, 1 for those in ``ids``: how compiled
    walks look tags up."""
    wanted = frozenset(ids)
    return bytes(int(i in wanted) for i in range(max(wanted, default=-1) + 1))
