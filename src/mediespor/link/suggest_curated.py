"""Suggest links for curated, title-only items: same day as an event, on the same subject.

A segment on an activists' list ("Kampen om Førtidspension i København", TV2 Lorry, 28 June
2017) often has nothing but a title in the dispute's own words, so no anchor can tie it to the
occurrence. Its date can: a curated item dated on an event's day (or the day after, for evening
broadcasts) whose title shares a word with the event (its subject, title or anchors) is
*suggested* for it, for an analyst to confirm (`mediespor link confirm`). Same-day events win
over the day before's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from mediespor.config.events import Event
from mediespor.discover.kinds import CURATED_VIAS
from mediespor.link.analyse import Analysis, with_heads
from mediespor.link.score import SCORER_VERSION, PreparedEvent, Score

#: Relevant items that came from a curated list and still have no text: the activists' list
#: (source 'known-coverage') or a linklist source, before a crawl found the page itself.
CURATED_SQL = (
    "SELECT DISTINCT i.item_id FROM items i JOIN item_sightings s ON s.item_id = i.item_id"
    " WHERE i.is_relevant AND (s.source = 'known-coverage' OR s.via IN ("
    + ", ".join(f"'{via}'" for via in (*CURATED_VIAS, "curated"))
    + "))"
    " AND coalesce(trim(i.text), '') = ''"
)
SAME_DAY = "kurateret, samme dag"
DAY_AFTER = "kurateret, dagen efter"


def on_day(event: Event, day: date) -> bool:
    """True when ``day`` is one of the event's days."""
    return event.date_start <= day <= event.date_end


def curated_suggestions(
    events: Sequence[PreparedEvent], item_id: str, analysis: Analysis
) -> list[Score]:
    """Suggested links of one curated item (empty when its date names no day)."""
    if analysis.local_date is None or analysis.precision in ("month", "year"):
        return []
    words = set(with_heads(list(analysis.title_stems + analysis.body_stems)))
    for offset, reason in ((0, SAME_DAY), (1, DAY_AFTER)):
        day = analysis.local_date - timedelta(days=offset)
        out = []
        for ev in events:
            shared = words & ev.profile.words
            if on_day(ev.profile.event, day) and shared:
                reasons = {
                    "score": 0.0,
                    "scorer": SCORER_VERSION,
                    "gate": "curated",
                    "suggested": {
                        "reason": reason,
                        "day_offset": offset,
                        "item_date": analysis.local_date.isoformat(),
                        "shared": sorted(shared),
                    },
                }
                out.append(Score(ev.profile.event_id, 0.0, {"suggested": 1.0}, reasons))
        if out:
            return sorted(out, key=lambda s: s.event_id)
    return []
