"""Blocks of other text than the article, told by structure: they never win nor join.

Reader threads (:mod:`mediespor.extract.threads`) and listings of other stories
(:mod:`mediespor.extract.listings`) can hold more prose than a short article beside them.
A name gives most of them away (``comments``, ``related``); these tests find the rest. Only
the winning block is tested on every page; the leading blocks are tested when it fails.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from mediespor.extract.listings import teasers
from mediespor.extract.nodes import has_ancestor
from mediespor.extract.threads import posts, template_units

# Leading blocks of the ranking tested, and the share of a block's prose that foreign blocks
# may hold before the block counts as one of them (a wrapper around the comments).
_CHECKS = 5
_SHARE = 0.5
# Blocks of the ranking ever read by the choice (see content._outside_comments).
_KEPT = 30
# Levels looked down from a block for a foreign block that makes up most of it.
_DEPTH = 4


def is_foreign(node: LexborNode) -> bool:
    """Whether ``node`` is a thread of reader posts or a listing of other stories."""
    units = template_units(node)
    return bool(units) and (posts(units) or teasers(units))


def outside_foreign(
    ranked: list[int], nodes: dict[int, LexborNode], held: dict[int, int]
) -> tuple[list[int], set[int], set[int]]:
    """``ranked`` (block keys, best first) less foreign blocks; the foreign blocks' keys; and
    the keys of the blocks made mostly of them (they and their wrappers).

    The leading blocks are tested; a block inside a foreign one, or holding more prose of
    foreign blocks than of its own, goes too. ``ranked`` comes back as it was when every block
    would go.
    """
    foreign = {key for key in ranked[:_CHECKS] if is_foreign(nodes[key])}
    if not foreign:
        return ranked, foreign, foreign
    # Foreign prose held by every foreign block and each of its ancestors.
    within: dict[int, int] = dict.fromkeys(foreign, 0)
    for key in foreign:
        within[key] += held.get(key, 0)
        node = nodes[key].parent
        while node is not None:
            within[node.mem_id] = within.get(node.mem_id, 0) + held.get(key, 0)
            node = node.parent
    mostly = {key for key, amount in within.items() if amount > _SHARE * held.get(key, 0)}
    kept = [
        key for key in ranked[:_KEPT] if key not in mostly and not has_ancestor(nodes[key], foreign)
    ]
    return (kept or ranked), foreign, mostly


def holds_foreign(node: LexborNode, held: dict[int, int]) -> bool:
    """Whether ``node`` is foreign, or most of its prose (``held``, by key) lies in such a block.

    Followed down through the child holding most of the prose: a comment section is often a
    wrapper around a heading ("8 svar") and the list of posts.
    """
    for _ in range(_DEPTH):
        if is_foreign(node):
            return True
        amount = held.get(node.mem_id, 0)
        widest: LexborNode | None = None
        for child in node.iter():
            if held.get(child.mem_id, 0) > _SHARE * amount:
                widest = child
                break
        if widest is None:
            return False
        node = widest
    return False
