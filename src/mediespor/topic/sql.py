"""The topic query as a DuckDB condition, so a corpus or index scan returns only likely rows.

The condition is a superset of the query: every text the query matches passes it, and some texts
it does not match may pass too (a term is looked for as a substring, a phrase as its words, a
``NOT`` is left out). The exact query then runs in Python on the few rows that come back. Each
term is looked for as written and as URL slugs write it (ø → oe), so one condition serves
article text and URL paths alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mediespor.topic.query import And, Node, Not, Or, Phrase, Query, Term
from mediespor.topic.text import ascii_fold, prefix_forms


@dataclass
class SqlCondition:
    """A SQL boolean expression with ``?`` placeholders and the values that fill them."""

    sql: str
    params: list[str] = field(default_factory=list)


_TRUE = SqlCondition("TRUE")


def _stems(term: Term) -> list[str]:
    # Every inflection of a term starts with the term or (for -er/-el words) its syncopated
    # stem, which prefix_forms gives; a prefix term is matched by the same stems.
    stems: list[str] = []
    for stem in prefix_forms(term.text):
        for form in (stem, ascii_fold(stem)):
            if form not in stems:
                stems.append(form)
    return stems


def _simple_terms(node: Node) -> list[Term] | None:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Or):
        out: list[Term] = []
        for child in node.children:
            terms = _simple_terms(child)
            if terms is None:
                return None
            out += terms
        return out
    return None


def _regex(column: str, terms: list[Term]) -> SqlCondition:
    stems = [s for t in terms for s in _stems(t)]
    pattern = "(?i)" + "|".join(re.escape(s) for s in dict.fromkeys(stems))
    return SqlCondition(f"regexp_matches({column}, ?)", [pattern])


def _combine(parts: list[SqlCondition], op: str) -> SqlCondition:
    if op == "OR" and any(p.sql == "TRUE" for p in parts):
        return _TRUE
    parts = [p for p in parts if p.sql != "TRUE"]
    if not parts:
        return _TRUE
    if len(parts) == 1:
        return parts[0]
    return SqlCondition(
        "(" + f" {op} ".join(p.sql for p in parts) + ")",
        [v for p in parts for v in p.params],
    )


def _node(node: Node, column: str) -> SqlCondition:
    terms = _simple_terms(node)
    if terms is not None:
        # A run of OR-ed words is one regular expression: one pass over the text.
        return _regex(column, terms)
    if isinstance(node, Phrase):
        return _combine([_regex(column, [w]) for w in node.words], "AND")
    if isinstance(node, Not):
        return _TRUE  # the negation of a superset is not a superset: leave it to Python
    if isinstance(node, And):
        return _combine([_node(c, column) for c in node.children], "AND")
    if isinstance(node, Or):
        return _combine([_node(c, column) for c in node.children], "OR")
    raise TypeError(f"unknown query node {node!r}")


def sql_condition(query: Query, column: str) -> SqlCondition:
    """A condition on ``column`` (a quoted SQL identifier or expression) that every match passes."""
    return _node(query.root, column)
