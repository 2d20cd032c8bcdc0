"""The topic query as a DuckDB condition, so a corpus or index scan returns only likely rows.

The condition is a superset of the query: every text the query matches passes it, and some texts
it does not match may pass too (a term is looked for as a substring, a phrase as its words, a
``NOT`` is left out). The exact query then runs in Python on the few rows that come back. Each
term is looked for as written and as URL slugs write it (ø → oe), so one condition serves
article text and URL paths alike.

Case: a word is found in lower case, with a capital first letter and in capitals (a headline);
a word with capitals inside it ("FørTIDSpension") is not. The condition looks for each stem
without its first letter (its longest run of ASCII letters, the same in both spellings), in
lower case and in capitals, with ``contains``: a plain substring search that DuckDB runs about
twice as fast as a case-insensitive regular expression over the same texts
(bench/discover.py, ``corpus_rows_per_s``).
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


#: The shortest run of ASCII letters that may stand for a whole stem.
MIN_RUN = 4
_ASCII_RUN = re.compile(r"[a-z0-9]+")


def _needles(term: Term) -> list[str]:
    """Lower-case substrings, one of which every form of ``term`` contains (first letter aside).

    Every inflection of a term starts with the term or (for -er/-el words) its syncopated stem,
    which prefix_forms gives. Without its first letter a stem reads the same capitalised or not;
    its longest run of ASCII letters is also the same in both spellings ("rtidspension" in
    "førtidspension" and "foertidspension"), so one needle serves both.
    """
    out: list[str] = []
    for stem in prefix_forms(term.text):
        rest = stem[1:] if len(stem) > 1 else stem
        run = max(_ASCII_RUN.findall(rest), key=len, default="")
        out += [run] if len(run) >= MIN_RUN else [rest, ascii_fold(stem)[1:] or rest]
    return list(dict.fromkeys(out))


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


def _any_stem(column: str, terms: list[Term]) -> SqlCondition:
    needles: list[str] = []
    for needle in (n for t in terms for n in _needles(t)):
        needles += [needle, needle.upper()]  # the capitals catch "FØRTIDSPENSION"
    needles = list(dict.fromkeys(needles))
    sql = " OR ".join(f"contains({column}, ?)" for _ in needles)
    return SqlCondition(f"({sql})", needles)


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
        # A run of OR-ed words is one group of substring tests.
        return _any_stem(column, terms)
    if isinstance(node, Phrase):
        return _combine([_any_stem(column, [w]) for w in node.words], "AND")
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
