"""Suggest events: bursts of relevant coverage that no curated event explains.

Daily counts of relevant items without an effective link (no link, or only rejected ones) are
run through a two-state Kleinberg automaton with Poisson emissions: state 0 emits at the
baseline rate, state 1 at ``s`` times it, and entering state 1 costs ``gamma · ln(days)``.
The Viterbi path's runs in state 1 are the bursts. Unlike a z-score over a rolling window, a
single busy day does not make a burst unless it is busy enough to pay the entry cost.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mediespor.danish_dates import sql_local
from mediespor.link.analyse import STOPWORDS, stems, words
from mediespor.store.db import Store, utcnow

#: Burst rate as a multiple of the baseline rate.
BURST_SCALE = 3.0
#: Price of entering the burst state, in units of ln(number of days).
GAMMA = 1.0
#: A burst smaller than this is noise, not an event.
MIN_ITEMS = 3
TOP_TERMS = 6


@dataclass(frozen=True)
class Burst:
    """A run of days in the burst state."""

    start: date
    end: date
    items: int
    weight: float  # how much cheaper the burst state explains these days than the baseline


@dataclass(frozen=True)
class Suggestion:
    """A suggested event: a burst with what its coverage is about."""

    suggestion_id: str
    date_start: date
    date_end: date
    peak_day: date
    title: str
    top_terms: tuple[str, ...]
    item_ids: tuple[str, ...]
    outlets: int
    weight: float


def _poisson_cost(count: int, rate: float) -> float:
    return rate - count * math.log(rate) + math.lgamma(count + 1)


def detect_bursts(
    counts: Sequence[int], first_day: date, *, scale: float = BURST_SCALE, gamma: float = GAMMA
) -> list[Burst]:
    """Kleinberg two-state bursts in daily ``counts`` starting at ``first_day``."""
    n = len(counts)
    total = sum(counts)
    if n == 0 or total == 0:
        return []
    base = total / n
    rates = (base, base * scale)
    up = gamma * math.log(max(n, 2))
    # Viterbi over two states; back[t][j] is the best previous state for state j at day t.
    cost = [_poisson_cost(counts[0], rates[0]), _poisson_cost(counts[0], rates[1]) + up]
    back: list[tuple[int, int]] = [(0, 0)]
    for c in counts[1:]:
        e0, e1 = _poisson_cost(c, rates[0]), _poisson_cost(c, rates[1])
        from0 = (cost[0], 0) if cost[0] <= cost[1] else (cost[1], 1)
        from1 = (cost[0] + up, 0) if cost[0] + up < cost[1] else (cost[1], 1)
        back.append((from0[1], from1[1]))
        cost = [from0[0] + e0, from1[0] + e1]
    state = 0 if cost[0] <= cost[1] else 1
    path = [0] * n
    for t in range(n - 1, -1, -1):
        path[t] = state
        state = back[t][state]
    bursts: list[Burst] = []
    t = 0
    while t < n:
        if path[t] == 1:
            s = t
            while t < n and path[t] == 1:
                t += 1
            days = counts[s:t]
            weight = sum(_poisson_cost(c, rates[0]) - _poisson_cost(c, rates[1]) for c in days)
            bursts.append(
                Burst(first_day + timedelta(s), first_day + timedelta(t - 1), sum(days), weight)
            )
        else:
            t += 1
    return bursts


@dataclass(frozen=True)
class _Item:
    item_id: str
    day: date
    outlet: str
    title: str
    lead: str


def _unexplained(store: Store) -> list[_Item]:
    # Only items known to the day: a month- or year-precision date is stored as the first day
    # of its span, and counting it there would make a false burst on the 1st.
    rows = store.con.execute(
        f"SELECT i.item_id, CAST({sql_local('i.published_at')} AS DATE),"
        " i.outlet, coalesce(i.title, ''), coalesce(i.lead, '') FROM items i"
        " WHERE i.is_relevant AND i.published_at IS NOT NULL"
        " AND coalesce(i.published_precision, 'time') IN ('time', 'day') AND NOT EXISTS (SELECT 1 FROM"
        " item_events l WHERE l.item_id = i.item_id AND l.status <> 'rejected')"
        " ORDER BY 2, i.item_id"
    ).fetchall()
    return [_Item(*r) for r in rows]


def _background(store: Store) -> tuple[Counter[str], int]:
    df: Counter[str] = Counter()
    n = 0
    for title, lead in store.con.execute(
        "SELECT coalesce(title, ''), coalesce(lead, '') FROM items WHERE is_relevant"
    ).fetchall():
        df.update(set(stems(f"{title} {lead}")))
        n += 1
    return df, n


def _describe(
    members: list[_Item], background: Counter[str], n_background: int
) -> tuple[list[str], str]:
    """Top terms (as their commonest surface word) by log-odds against all relevant items."""
    df: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for it in members:
        seen = set()
        for w in words(f"{it.title} {it.lead}"):
            if w in STOPWORDS or len(w) < 3 or w.isdigit():
                continue
            st = stems(w)[0] if stems(w) else w
            surface[st][w] += 1
            seen.add(st)
        df.update(seen)
    m = len(members)

    def log_odds(st: str) -> float:
        p_in = (df[st] + 0.5) / (m + 1)
        p_bg = (background.get(st, 0) + 0.5) / (n_background + 1)
        return math.log(p_in / (1 - min(p_in, 0.999))) - math.log(p_bg / (1 - min(p_bg, 0.999)))

    ranked = sorted((st for st in df if df[st] >= 2), key=lambda s: (-log_odds(s), s))
    top = ranked[:TOP_TERMS]
    terms = [max(sorted(surface[st]), key=lambda w: surface[st][w]) for st in top]
    # The title is that of the member sharing the most top terms (ties: earliest, then id).
    topset = set(top)
    best = max(
        members,
        key=lambda it: (len(topset & set(stems(f"{it.title} {it.lead}"))), -it.day.toordinal()),
    )
    return terms, best.title


def suggest_events(
    store: Store, *, scale: float = BURST_SCALE, gamma: float = GAMMA, min_items: int = MIN_ITEMS
) -> list[Suggestion]:
    """Bursts of unexplained relevant coverage, described by top terms and member items."""
    items = _unexplained(store)
    if not items:
        return []
    first, last = items[0].day, items[-1].day
    per_day: Counter[date] = Counter(it.day for it in items)
    counts = [per_day[first + timedelta(d)] for d in range((last - first).days + 1)]
    background, n_bg = _background(store)
    out = []
    for b in detect_bursts(counts, first, scale=scale, gamma=gamma):
        members = [it for it in items if b.start <= it.day <= b.end]
        if len(members) < min_items:
            continue
        terms, title = _describe(members, background, n_bg)
        peak = max(
            sorted(per_day), key=lambda d: (b.start <= d <= b.end, per_day[d], -d.toordinal())
        )
        key = f"{b.start.isoformat()}|{' '.join(sorted(stems(' '.join(terms[:3]))))}"
        sid = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        out.append(
            Suggestion(
                suggestion_id=sid,
                date_start=b.start,
                date_end=b.end,
                peak_day=peak,
                title=title,
                top_terms=tuple(terms),
                item_ids=tuple(it.item_id for it in members),
                outlets=len({it.outlet for it in members}),
                weight=round(b.weight, 3),
            )
        )
    return out


def save_suggestions(store: Store, suggestions: Sequence[Suggestion]) -> int:
    """Replace the open suggestions with ``suggestions``; promoted ones are kept as history."""
    now = utcnow()
    with store.transaction() as con:
        con.execute("DELETE FROM event_suggestions WHERE status = 'open'")
        for s in suggestions:
            con.execute(
                "INSERT INTO event_suggestions (suggestion_id, date_start, date_end, title,"
                " top_terms, item_ids, items, outlets, weight, status, computed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT (suggestion_id)"
                " DO NOTHING",
                [
                    s.suggestion_id, s.date_start, s.date_end, s.title, list(s.top_terms),
                    list(s.item_ids), len(s.item_ids), s.outlets, s.weight, now,
                ],
            )  # fmt: skip
    return len(suggestions)


def load_suggestion(store: Store, suggestion_id: str) -> Suggestion | None:
    """A stored suggestion by id (or unique id prefix), or None."""
    rows = store.con.execute(
        "SELECT suggestion_id, date_start, date_end, title, top_terms, item_ids, outlets, weight"
        " FROM event_suggestions WHERE starts_with(suggestion_id, ?) ORDER BY suggestion_id",
        [suggestion_id],
    ).fetchall()
    if len(rows) != 1:
        return None
    sid, start, end, title, terms, ids, outlets, weight = rows[0]
    return Suggestion(sid, start, end, start, title, tuple(terms), tuple(ids), outlets, weight)
