"""Selector queries through one Lexbor selector engine per thread, not one per page.

``node.css()`` goes through an engine that selectolax creates for each parsed document on its
first query; setting one up (a CSS parser, a tokenizer and their memory pools) costs about as
much as a small query. The engine is not tied to a document, so one per thread serves every
page. Not thread-safe itself, hence per thread.
"""

from __future__ import annotations

import threading

from selectolax.lexbor import LexborCSSSelector, LexborNode

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
