"""Decide whether an item is about the dispute, from its title, lead, text and URL."""

from __future__ import annotations

from dataclasses import dataclass

from mediespor.topic.query import Query


@dataclass(frozen=True)
class Relevance:
    """The verdict and the query terms that matched."""

    relevant: bool
    terms: list[str]


def judge(query: Query, *parts: str | None) -> Relevance:
    """Match ``query`` against the given text parts joined together."""
    text = "\n".join(p for p in parts if p)
    ok, terms = query.match(text)
    return Relevance(ok, terms)
