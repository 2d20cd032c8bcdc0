"""Score every relevant item against every event and keep ``item_events`` in step.

Automatic rows (status 'auto') are rewritten to match the current scores; rows an analyst
decided on (confirmed, rejected, added) are never touched. The same database and events give
the same links: inputs are sorted, IDF is computed from the relevant items, scores are rounded.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mediespor.config.events import Event
from mediespor.link.analyse import Analysis
from mediespor.link.analysis_store import load_analyses
from mediespor.link.bulk import insert_rows
from mediespor.link.score import (
    POST_DAYS,
    PRE_DAYS,
    Idf,
    PreparedEvent,
    Score,
    event_profile,
    item_features,
    item_terms,
    prepare_event,
    score_pair,
)
from mediespor.progress import Reporter
from mediespor.store.db import Store, utcnow

#: Lowest score written as an automatic link.
DEFAULT_THRESHOLD = 0.25
#: An item links to a second event only when it scores nearly as well there as on its best one;
#: this is what separates the 28 June demonstration from the 29 June announcement.
DEFAULT_MARGIN = 0.15


@dataclass(frozen=True)
class LinkReport:
    """What a linking pass did."""

    items: int
    events: int
    pairs_scored: int
    links: int
    added: int
    updated: int
    removed: int
    decisions_kept: int
    unlinked_items: int
    analysed: int
    threshold: float
    seconds: float


@dataclass(frozen=True)
class Scorer:
    """Events and IDF prepared for one pass, with the day index that blocks candidates by date."""

    events: tuple[PreparedEvent, ...]
    by_day: dict[date, tuple[PreparedEvent, ...]]
    idf: Idf

    def candidates(self, local_date: date | None) -> tuple[PreparedEvent, ...]:
        """The events an item of this date can be coverage of (undated: all of them)."""
        if local_date is None:
            return self.events
        return self.by_day.get(local_date, ())


def build_scorer(events: Sequence[Event], analyses: dict[str, Analysis]) -> Scorer:
    """Prepare events with an IDF over the items in scope plus the events themselves."""
    profiles = [event_profile(e) for e in sorted(events, key=lambda e: e.event_id)]
    idf = Idf()
    for item_id in sorted(analyses):
        idf.add(item_terms(analyses[item_id]))
    for p in profiles:
        idf.add(p.terms)
    prepared = tuple(prepare_event(p, idf) for p in profiles)
    by_day: dict[date, list[PreparedEvent]] = defaultdict(list)
    for ev in prepared:
        e = ev.profile.event
        day = e.date_start - timedelta(days=PRE_DAYS)
        while day <= e.date_end + timedelta(days=POST_DAYS):
            by_day[day].append(ev)
            day += timedelta(days=1)
    return Scorer(prepared, {d: tuple(v) for d, v in by_day.items()}, idf)


def score_item(
    scorer: Scorer, item_id: str, analysis: Analysis, hint_text: str = ""
) -> list[Score]:
    """Scores of one item against its candidate events, best first (ties by event id)."""
    feats = item_features(item_id, analysis, scorer.idf, hint_text)
    scores = [score_pair(feats, ev) for ev in scorer.candidates(analysis.local_date)]
    scores.sort(key=lambda s: (-s.score, s.event_id))
    return scores


def choose_links(
    scores: Sequence[Score], threshold: float, margin: float = DEFAULT_MARGIN
) -> list[Score]:
    """The scores that become links: above ``threshold`` and within ``margin`` of the best."""
    if not scores:
        return []
    best = max(s.score for s in scores)
    return [s for s in scores if s.score >= threshold and s.score >= best - margin]


def load_hints(store: Store) -> dict[str, str]:
    """Per relevant item, the case-folded text of what linklists/imports said about it."""
    rows = store.con.execute(
        "SELECT s.item_id, string_agg(CAST(s.hint AS VARCHAR), ' ' ORDER BY s.source, s.via,"
        " s.seen_url) FROM item_sightings s JOIN items i ON i.item_id = s.item_id"
        " WHERE i.is_relevant AND s.hint IS NOT NULL GROUP BY s.item_id"
    ).fetchall()
    return {item_id: " ".join(text.casefold().split()) for item_id, text in rows}


def iter_links(
    scorer: Scorer,
    analyses: dict[str, Analysis],
    hints: dict[str, str],
    threshold: float,
    margin: float = DEFAULT_MARGIN,
) -> Iterator[tuple[str, int, list[Score]]]:
    """For every item in id order: its id, how many pairs were scored, and its links."""
    for item_id in sorted(analyses):
        scores = score_item(scorer, item_id, analyses[item_id], hints.get(item_id, ""))
        yield item_id, len(scores), choose_links(scores, threshold, margin)


_NEW_LINK_COLUMNS = {
    "item_id": "VARCHAR",
    "event_id": "VARCHAR",
    "score": "DOUBLE",
    "reasons": "VARCHAR",
}


def link_items(
    store: Store,
    events: Sequence[Event],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    reporter: Reporter | None = None,
) -> LinkReport:
    """Score all relevant items against ``events`` and write the automatic links."""
    started = time.perf_counter()
    loaded = load_analyses(store, reporter)
    analyses = loaded.by_item
    scorer = build_scorer(events, analyses)
    hints = load_hints(store)
    rows: list[dict[str, object]] = []
    pairs = unlinked = 0
    if reporter is not None:
        with reporter.stage("link_score", total=len(analyses)) as st:
            for n, (_, scored, links) in enumerate(
                _collect(iter_links(scorer, analyses, hints, threshold, margin), rows), 1
            ):
                pairs += scored
                unlinked += not links
                if n % 5000 == 0:
                    st.advance(5000)
            st.advance(len(analyses) % 5000)
    else:
        for _, scored, links in _collect(
            iter_links(scorer, analyses, hints, threshold, margin), rows
        ):
            pairs += scored
            unlinked += not links
    added, updated, removed, kept = write_links(store, rows)
    return LinkReport(
        items=len(analyses),
        events=len(events),
        pairs_scored=pairs,
        links=len(rows),
        added=added,
        updated=updated,
        removed=removed,
        decisions_kept=kept,
        unlinked_items=unlinked,
        analysed=loaded.analysed_now,
        threshold=threshold,
        seconds=round(time.perf_counter() - started, 3),
    )


def _collect(
    it: Iterator[tuple[str, int, list[Score]]], rows: list[dict[str, object]]
) -> Iterator[tuple[str, int, list[Score]]]:
    for item_id, scored, links in it:
        for s in links:
            rows.append(
                {
                    "item_id": item_id,
                    "event_id": s.event_id,
                    "score": s.score,
                    "reasons": json.dumps(s.reasons, ensure_ascii=False, sort_keys=True),
                }
            )
        yield item_id, scored, links


def write_links(store: Store, rows: list[dict[str, object]]) -> tuple[int, int, int, int]:
    """Make the 'auto' rows of ``item_events`` equal to ``rows``; never touch decided rows.

    Returns (added, updated, removed, decided rows kept).
    """
    now = utcnow()
    with store.transaction() as con:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE new_links (item_id VARCHAR, event_id VARCHAR,"
            " score DOUBLE, reasons VARCHAR)"
        )
        insert_rows(con, "new_links", _NEW_LINK_COLUMNS, rows)
        removed = con.execute(
            "DELETE FROM item_events l WHERE l.status = 'auto' AND NOT EXISTS (SELECT 1 FROM"
            " new_links n WHERE n.item_id = l.item_id AND n.event_id = l.event_id)"
        ).fetchone()[0]
        updated = con.execute(
            "UPDATE item_events l SET score = n.score, reasons = CAST(n.reasons AS JSON),"
            " linked_at = ? FROM new_links n WHERE n.item_id = l.item_id AND"
            " n.event_id = l.event_id AND l.status = 'auto' AND (l.score IS DISTINCT FROM"
            " n.score OR CAST(l.reasons AS VARCHAR) IS DISTINCT FROM n.reasons)",
            [now],
        ).fetchone()[0]
        added = con.execute(
            "INSERT INTO item_events (item_id, event_id, score, reasons, status, linked_at)"
            " SELECT n.item_id, n.event_id, n.score, CAST(n.reasons AS JSON), 'auto', ?"
            " FROM new_links n WHERE NOT EXISTS (SELECT 1 FROM item_events l WHERE"
            " l.item_id = n.item_id AND l.event_id = n.event_id) ORDER BY n.item_id, n.event_id",
            [now],
        ).fetchone()[0]
        kept = con.execute("SELECT count(*) FROM item_events WHERE status <> 'auto'").fetchone()[0]
        con.execute("DROP TABLE new_links")
    return int(added), int(updated), int(removed), int(kept)


def explain_item(store: Store, events: Sequence[Event], item_id: str, top: int = 3) -> list[Score]:
    """The item's best ``top`` scores with their parts, against all events (not only nearby).

    IDF comes from all relevant items, as in a linking pass, so the numbers match the stored ones.
    """
    analyses = dict(load_analyses(store).by_item)
    if item_id not in analyses:
        analyses.update(load_analyses(store, item_ids=[item_id]).by_item)
    scorer = build_scorer(events, analyses)
    hints = load_hints(store)
    feats = item_features(item_id, analyses[item_id], scorer.idf, hints.get(item_id, ""))
    scores = [score_pair(feats, ev) for ev in scorer.events]
    # Out-of-window events all score 0; among those, show the ones the text points to.
    scores.sort(key=lambda s: (-s.score, -_evidence(s), s.event_id))
    return scores[:top]


def _evidence(s: Score) -> float:
    return sum(v for k, v in s.parts.items() if k != "time")


def run_link_stage(store: Store, events: Sequence[Event], reporter: Reporter) -> LinkReport:
    """The link stage of the nightly run: link all relevant items and log the outcome."""
    report = link_items(store, events, reporter=reporter)
    reporter.log(
        "link_done",
        items=report.items,
        links=report.links,
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        decisions_kept=report.decisions_kept,
        unlinked_items=report.unlinked_items,
        analysed=report.analysed,
        seconds=report.seconds,
    )
    return report
