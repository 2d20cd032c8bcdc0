"""Score every relevant item against every event and keep ``item_events`` in step.

Automatic rows (status 'auto') are rewritten to match the current scores; rows an analyst
decided on (confirmed, rejected, added) are never touched. The same database and events give
the same links: inputs are sorted, IDF is computed from the relevant items, scores are rounded.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from mediespor.config.events import Event
from mediespor.link.analyse import Analysis
from mediespor.link.analysis_store import (
    document_frequencies,
    iter_analyses,
    load_analyses,
    refresh_analyses,
)
from mediespor.link.bulk import insert_rows
from mediespor.link.score import (
    POST_DAYS,
    UNDATED_ANCHORS,
    AnchorPart,
    Idf,
    ItemFeatures,
    PreparedEvent,
    Score,
    event_profile,
    item_features,
    item_span,
    item_terms,
    pre_days,
    prepare_event,
    score_pair,
    span_delta,
)
from mediespor.link.suggest_curated import CURATED_SQL, curated_suggestions
from mediespor.progress import Reporter, Stage, fields
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
    #: Suggested links of curated, title-only items (included in ``links``).
    suggested: int = 0


@dataclass(frozen=True)
class Scorer:
    """Events and IDF prepared for one pass, with the indexes that block candidates.

    ``by_day`` blocks a dated item by its day. An item whose date is coarse or unknown can only
    link to an event it shows occurrence evidence for (score.occurrence_gate), so ``by_part``
    (anchor part → events) finds those without scoring every event.
    """

    events: tuple[PreparedEvent, ...]
    by_day: dict[date, tuple[PreparedEvent, ...]]
    idf: Idf
    by_part: dict[AnchorPart, tuple[int, ...]] = field(default_factory=dict)
    #: The events whose window meets a coarse span (or all, for None), by span: many items
    #: share a month.
    pools: dict[tuple[date, date] | None, tuple[int, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def candidates(
        self, analysis: Analysis, feats: ItemFeatures | None = None
    ) -> tuple[PreparedEvent, ...]:
        """The events an item of this date can be coverage of.

        Without ``feats``, an undated item gets all events; with them, a coarse or undated
        item gets only the events whose anchors or dates it shows (or all, when a listing
        filed it somewhere).
        """
        span, precision = item_span(analysis.local_date, analysis.precision)
        if span is not None and precision == "day":
            return self.by_day.get(span.first, ())
        key = (span.first, span.last) if span is not None else None
        pool = self.pools.get(key)
        if pool is None:
            pool = self.pools[key] = tuple(
                i
                for i, ev in enumerate(self.events)
                if span is None
                or -pre_days(ev.profile.event) <= span_delta(span, ev.profile.event) <= POST_DAYS
            )
        if feats is not None and not feats.hint_text:
            shown = self._shown(feats)
            pool = tuple(i for i in pool if i in shown or _dated_in(feats, self.events[i]))
        return tuple(self.events[i] for i in pool)

    def _shown(self, feats: ItemFeatures) -> set[int]:
        """The events one of whose anchor parts occurs in the item (what ``feats.has`` says,
        inlined: this runs for every part of every event for each coarse or undated item)."""
        hits, sequence, item_amounts = feats.part_hits, feats.sequence, feats.amounts
        shown: set[int] = set()
        for part, idx in self.by_part.items():
            hit = hits.get(part.value)
            if hit is None:
                hit = hits[part.value] = part.found_in(sequence, item_amounts)
            if hit:
                shown.update(idx)
        return shown


def _dated_in(feats: ItemFeatures, ev: PreparedEvent) -> bool:
    """True when the item names a day of the event."""
    e = ev.profile.event
    return any(e.date_start <= d <= e.date_end for d in feats.dates)


def build_scorer(
    events: Sequence[Event],
    analyses: Iterable[Analysis] = (),
    *,
    df: Mapping[str, int] | None = None,
    n_docs: int = 0,
) -> Scorer:
    """Prepare events with an IDF over the items in scope plus the events themselves.

    The item side of the IDF comes from ``df``/``n_docs`` (computed in the database) and/or
    from ``analyses``.
    """
    profiles = [event_profile(e) for e in sorted(events, key=lambda e: e.event_id)]
    idf = Idf.from_counts(df or {}, n_docs)
    for a in analyses:
        idf.add(item_terms(a))
    for p in profiles:
        idf.add(p.terms)
    prepared = tuple(prepare_event(p, idf) for p in profiles)
    by_day: dict[date, list[PreparedEvent]] = defaultdict(list)
    for ev in prepared:
        e = ev.profile.event
        day = e.date_start - timedelta(days=pre_days(e))
        while day <= e.date_end + timedelta(days=POST_DAYS):
            by_day[day].append(ev)
            day += timedelta(days=1)
    by_part: dict[AnchorPart, list[int]] = defaultdict(list)
    for i, ev in enumerate(prepared):
        for part in {p for a in ev.profile.anchors for p in a.parts}:
            by_part[part].append(i)
    return Scorer(
        prepared,
        {d: tuple(v) for d, v in by_day.items()},
        idf,
        {part: tuple(idx) for part, idx in by_part.items()},
    )


def score_item(
    scorer: Scorer, item_id: str, analysis: Analysis, hint_text: str = ""
) -> list[Score]:
    """Scores of one item against its candidate events, best first (ties by event id)."""
    feats = item_features(item_id, analysis, scorer.idf, hint_text)
    scores = [score_pair(feats, ev) for ev in scorer.candidates(analysis, feats)]
    scores.sort(key=lambda s: (-s.score, s.event_id))
    return scores


def link_item(
    scorer: Scorer,
    item_id: str,
    analysis: Analysis,
    hint_text: str,
    threshold: float,
    margin: float = DEFAULT_MARGIN,
) -> tuple[int, list[Score]]:
    """How many events were scored for one item, and its links with full reasons."""
    feats = item_features(item_id, analysis, scorer.idf, hint_text)
    candidates = scorer.candidates(analysis, feats)
    quick = [score_pair(feats, ev, explain=False) for ev in candidates]
    quick.sort(key=lambda s: (-s.score, s.event_id))
    chosen = {s.event_id for s in choose_links(quick, threshold, margin, undated(feats))}
    links = [score_pair(feats, ev) for ev in candidates if ev.profile.event_id in chosen]
    links.sort(key=lambda s: (-s.score, s.event_id))
    return len(candidates), links


#: An item with occurrence evidence for this many events or more is a timeline, a summary or
#: an "on this day" column: it covers none of them.
MAX_EVENTS = 3


def undated(feats: ItemFeatures) -> bool:
    """True when nothing dates the item to a month or better."""
    return feats.precision in ("none", "year")


def choose_links(
    scores: Sequence[Score],
    threshold: float,
    margin: float = DEFAULT_MARGIN,
    undated: bool = False,
) -> list[Score]:
    """The scores that become links: above ``threshold`` and within ``margin`` of the best.

    None when the item reaches the threshold for ``MAX_EVENTS`` events or more. An
    ``undated`` (or year-only) item that shows strong anchors of an event without passing its
    gate (one anchor only) still names it: a timeline of three events counts them all.
    """
    if not scores:
        return []
    reached = sum(
        s.score >= threshold or (undated and s.parts.get("anchors", 0.0) >= UNDATED_ANCHORS)
        for s in scores
    )
    if reached >= MAX_EVENTS:
        return []
    best = max(s.score for s in scores)
    return [s for s in scores if s.score >= threshold and s.score >= best - margin]


def load_curated(store: Store) -> set[str]:
    """Relevant items that come only as a title from a curated list (see suggest_curated)."""
    return {r[0] for r in store.con.execute(CURATED_SQL).fetchall()}


def load_hints(store: Store, include: str | None = None) -> dict[str, str]:
    """Per relevant item (and ``include``), the case-folded text of what listings said about it."""
    rows = store.con.execute(
        "SELECT s.item_id, string_agg(CAST(s.hint AS VARCHAR), ' ' ORDER BY s.source, s.via,"
        " s.seen_url) FROM item_sightings s JOIN items i ON i.item_id = s.item_id"
        " WHERE (i.is_relevant OR i.item_id = ?) AND s.hint IS NOT NULL GROUP BY s.item_id",
        [include],
    ).fetchall()
    return {item_id: " ".join(text.casefold().split()) for item_id, text in rows}


@dataclass
class _Tally:
    """What scoring found, counted while the rows stream to the database (LinkReport's names)."""

    items: int = 0
    pairs_scored: int = 0
    links: int = 0
    unlinked_items: int = 0
    suggested: int = 0


@dataclass(frozen=True)
class LinkChanges:
    """What writing the linker's rows changed in ``item_events`` (LinkReport's names)."""

    added: int
    updated: int
    removed: int
    decisions_kept: int


def _link_rows(
    scorer: Scorer,
    analyses: Iterable[tuple[str, Analysis]],
    hints: dict[str, str],
    threshold: float,
    margin: float,
    tally: _Tally,
    stage: Stage | None,
    curated: set[str] | frozenset[str] = frozenset(),
) -> Iterator[dict[str, object]]:
    """Score items one by one (in id order) and yield the rows of their automatic links.

    A curated title-only item that links nowhere may still get *suggested* links.
    """
    for item_id, analysis in analyses:
        scored, links = link_item(
            scorer, item_id, analysis, hints.get(item_id, ""), threshold, margin
        )
        status = "auto"
        if not links and item_id in curated:
            links = curated_suggestions(scorer.events, item_id, analysis)
            status = "suggested"
            tally.suggested += len(links)
        tally.items += 1
        tally.pairs_scored += scored
        tally.links += len(links)
        tally.unlinked_items += not links
        if stage is not None and tally.items % 5000 == 0:
            stage.advance(5000)
        for sc in links:
            yield {
                "item_id": item_id,
                "event_id": sc.event_id,
                "score": sc.score,
                "reasons": json.dumps(sc.reasons, ensure_ascii=False, sort_keys=True),
                "status": status,
            }


_NEW_LINK_COLUMNS = {
    "item_id": "VARCHAR",
    "event_id": "VARCHAR",
    "score": "DOUBLE",
    "reasons": "VARCHAR",
    "status": "VARCHAR",
}


def link_items(
    store: Store,
    events: Sequence[Event],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    reporter: Reporter | None = None,
) -> LinkReport:
    """Score all relevant items against ``events`` and write the automatic links.

    Items are streamed twice from the analysis cache (once for IDF, once for scoring), so
    memory does not grow with the number of items.
    """
    started = time.perf_counter()
    analysed = refresh_analyses(store, reporter)
    df, n_docs = document_frequencies(store)
    scorer = build_scorer(events, df=df, n_docs=n_docs)
    hints = load_hints(store)
    curated = load_curated(store)
    tally = _Tally()
    with _scoring_stage(store, reporter) as st:
        rows = _link_rows(
            scorer, iter_analyses(store), hints, threshold, margin, tally, st, curated
        )
        changes = write_links(store, rows)
        if st is not None:
            st.advance(tally.items % 5000)
    return LinkReport(
        **asdict(tally),
        **asdict(changes),
        events=len(events),
        analysed=analysed,
        threshold=threshold,
        seconds=round(time.perf_counter() - started, 3),
    )


def _scoring_stage(store: Store, reporter: Reporter | None) -> AbstractContextManager[Stage | None]:
    """The progress stage of scoring, or none without a reporter (the count costs a query)."""
    if reporter is None:
        return nullcontext()
    total = store.con.execute("SELECT count(*) FROM items WHERE is_relevant").fetchone()[0]
    return reporter.stage("link_score", total=total)


#: Rows the linker owns and rewrites on every pass; analysts' rows are never touched.
_MACHINE = "('auto', 'suggested')"


def write_links(store: Store, rows: Iterable[dict[str, object]]) -> LinkChanges:
    """Make the linker's rows ('auto', 'suggested') of ``item_events`` equal to ``rows``.

    Rows an analyst decided on are never touched (they are counted as kept).
    """
    now = utcnow()
    with store.transaction() as con:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE new_links (item_id VARCHAR, event_id VARCHAR,"
            " score DOUBLE, reasons VARCHAR, status VARCHAR)"
        )
        insert_rows(con, "new_links", _NEW_LINK_COLUMNS, rows)
        removed = con.execute(
            f"DELETE FROM item_events l WHERE l.status IN {_MACHINE} AND NOT EXISTS (SELECT 1"
            " FROM new_links n WHERE n.item_id = l.item_id AND n.event_id = l.event_id)"
        ).fetchone()[0]
        updated = con.execute(
            "UPDATE item_events l SET score = n.score, reasons = CAST(n.reasons AS JSON),"
            " status = n.status, linked_at = ? FROM new_links n WHERE n.item_id = l.item_id"
            f" AND n.event_id = l.event_id AND l.status IN {_MACHINE} AND (l.score IS DISTINCT"
            " FROM n.score OR l.status <> n.status OR CAST(l.reasons AS VARCHAR) IS DISTINCT"
            " FROM n.reasons)",
            [now],
        ).fetchone()[0]
        added = con.execute(
            "INSERT INTO item_events (item_id, event_id, score, reasons, status, linked_at)"
            " SELECT n.item_id, n.event_id, n.score, CAST(n.reasons AS JSON), n.status, ?"
            " FROM new_links n WHERE NOT EXISTS (SELECT 1 FROM item_events l WHERE"
            " l.item_id = n.item_id AND l.event_id = n.event_id) ORDER BY n.item_id, n.event_id",
            [now],
        ).fetchone()[0]
        kept = con.execute(
            f"SELECT count(*) FROM item_events WHERE status NOT IN {_MACHINE}"
        ).fetchone()[0]
        con.execute("DROP TABLE new_links")
    return LinkChanges(int(added), int(updated), int(removed), int(kept))


def explain_item(store: Store, events: Sequence[Event], item_id: str, top: int = 3) -> list[Score]:
    """The item's best ``top`` scores with their parts, against all events (not only nearby).

    IDF comes from all relevant items, as in a linking pass, so the numbers match the stored
    ones; an item that is not relevant is scored as if it were one more item.
    """
    refresh_analyses(store)
    own = load_analyses(store, item_ids=[item_id])
    if item_id not in own:
        raise KeyError(item_id)
    relevant = store.con.execute(
        "SELECT coalesce(is_relevant, FALSE) FROM items WHERE item_id = ?", [item_id]
    ).fetchone()[0]
    df, n_docs = document_frequencies(store)
    scorer = build_scorer(events, [] if relevant else [own[item_id]], df=df, n_docs=n_docs)
    hint = load_hints(store, include=item_id).get(item_id, "")
    feats = item_features(item_id, own[item_id], scorer.idf, hint)
    scores = [score_pair(feats, ev) for ev in scorer.events]
    # Out-of-window events all score 0; among those, show the ones the text points to.
    scores.sort(key=lambda s: (-s.score, -_evidence(s), s.event_id))
    chosen = choose_links(scores, DEFAULT_THRESHOLD, undated=undated(feats))
    if not chosen and item_id in load_curated(store):
        suggested = curated_suggestions(scorer.events, item_id, own[item_id])
        named = {s.event_id for s in suggested}
        scores = suggested + [s for s in scores if s.event_id not in named]
    return scores[:top]


def _evidence(s: Score) -> float:
    return sum(v for k, v in s.parts.items() if k != "time")


#: DuckDB's buffer cache otherwise grows with the database while linking. Measured with
#: bench/link.py on 100k items x 200 events: 21.3 s and 486 MiB peak RSS with this cap against
#: 20.8 s and 1089 MiB without it, and the linker's own working set stays flat.
LINK_MEMORY_LIMIT = "256MB"


def run_link_stage(store: Store, events: Sequence[Event], reporter: Reporter) -> LinkReport:
    """The link stage of the nightly run: link all relevant items and log the outcome."""
    previous = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    store.con.execute(f"SET memory_limit = '{LINK_MEMORY_LIMIT}'")
    try:
        report = link_items(store, events, reporter=reporter)
    finally:
        store.con.execute(f"SET memory_limit = '{previous}'")
    logging.getLogger(__name__).info(
        "link_done",
        extra=fields(
            items=report.items,
            links=report.links,
            suggested=report.suggested,
            added=report.added,
            updated=report.updated,
            removed=report.removed,
            decisions_kept=report.decisions_kept,
            unlinked_items=report.unlinked_items,
            analysed=report.analysed,
            seconds=report.seconds,
        ),
    )
    return report
