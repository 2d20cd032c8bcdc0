"""Stage one of the topic filter: a cheap look at what a listing already gives.

Before anything is fetched from a broad source (a whole news feed or sitemap), each candidate's
title, summary and URL slug are matched against the pre-filter query; candidates that cannot be
about the dispute are dropped. Sources marked ``topical: true`` skip this: everything on them is
about the dispute even when a title does not say so. The full-text check after extraction is
stage two and decides ``is_relevant``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mediespor.config.sources import TopicSettings
from mediespor.models import Candidate
from mediespor.topic import Query, parse_query
from mediespor.topic.text import ascii_fold
from mediespor.urls import url_words


@dataclass
class PrefilterResult:
    """The candidates worth fetching and those dropped (kept for the run report)."""

    kept: list[Candidate] = field(default_factory=list)
    dropped: list[Candidate] = field(default_factory=list)


def prefilter_query(topic: TopicSettings) -> Query:
    """The query for stage one: ``topic.prefilter``, or ``topic.query`` when none is set."""
    return parse_query(topic.prefilter or topic.query)


def candidate_text(candidate: Candidate) -> str:
    """What stage one reads: title, summary and the words of the URL path."""
    parts = [candidate.title or "", candidate.summary or "", url_words(candidate.url)]
    return "\n".join(p for p in parts if p)


def passes(candidate: Candidate, query: Query) -> tuple[bool, list[str]]:
    """Whether the candidate may be about the topic, and the terms that said so.

    URL slugs spell Danish letters in ASCII ("foertidspension"), so when the plain match fails
    the text is matched again with both sides folded that way.
    """
    text = candidate_text(candidate)
    ok, terms = query.match(text)
    if not ok:
        ok, terms = query.folded().match(ascii_fold(text))
    return ok, terms


def prefilter(candidates: list[Candidate], query: Query, *, topical: bool) -> PrefilterResult:
    """Split candidates into kept and dropped; a topical source keeps everything.

    Kept candidates record the matched terms in ``extra["prefilter_terms"]``.
    """
    out = PrefilterResult()
    if topical:
        out.kept = list(candidates)
        return out
    for c in candidates:
        ok, terms = passes(c, query)
        if ok:
            c.extra["prefilter_terms"] = terms
            out.kept.append(c)
        else:
            out.dropped.append(c)
    return out
