"""Why an item is linked to an event, in short Danish sentences for activists.

The linker stores its reasons as JSON for analysts (``mediespor link --explain`` shows the raw
numbers). The report pages show people sentences instead: "nævner 13 millioner", "samme dag
som begivenheden". This module is the one place that turns stored reasons into those
sentences, so both pages say the same thing. Unknown reason keys are skipped, never shown raw.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from mediespor.danish_dates import MONTH_NAMES

#: Analysts' decisions, as they read in Danish.
_STATUS = {
    "confirmed": "bekræftet af en analytiker",
    "added": "tilføjet af en analytiker",
}


def _day(iso: str) -> str:
    """ "2017-06-28" → "28. juni 2017"; anything else is returned as it is."""
    try:
        d = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso)
    return f"{d.day}. {MONTH_NAMES[d.month - 1]} {d.year}"


def _time_sentence(delta: object) -> str | None:
    if not isinstance(delta, int):
        return None
    if delta == 0:
        return "samme dag som begivenheden"
    n = abs(delta)
    unit = "dag" if n == 1 else "dage"
    return f"{n} {unit} {'efter' if delta > 0 else 'før'} begivenheden"


def _join(words: Sequence[str]) -> str:
    """Danish list: "a", "a og b", "a, b og c"."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " og " + words[-1]


def reason_sentences(
    reasons: Mapping[str, object] | str | None, status: str | None = None, limit: int = 4
) -> list[str]:
    """Short Danish sentences saying why an item is linked, strongest evidence first.

    ``reasons`` is the JSON the linker stored (a string or an already-parsed mapping);
    ``status`` is the link's status (an analyst's decision is said first). Malformed reasons
    give no sentences rather than an error: the page must render whatever is stored.
    """
    out: list[str] = []
    if status in _STATUS:
        out.append(_STATUS[status])
    if isinstance(reasons, str):
        try:
            reasons = json.loads(reasons)
        except ValueError:
            reasons = None
    if not isinstance(reasons, Mapping):
        return out[:limit]

    outlet = reasons.get("outlet")
    if isinstance(outlet, Mapping) and outlet.get("value"):
        out.append("kilden har selv sat indslaget under denne begivenhed")

    entities = reasons.get("entities")
    if isinstance(entities, Mapping):
        labels = [
            str(pair[0])
            for pair in entities.get("shared") or []
            if isinstance(pair, Sequence) and not isinstance(pair, str) and pair
        ]
        if labels:
            out.append("nævner " + _join(labels[:3]))

    dates = reasons.get("dates")
    if isinstance(dates, Mapping) and dates.get("mentioned"):
        mentioned = [_day(d) for d in dates["mentioned"][:2]]
        out.append("nævner datoen " + _join(mentioned))

    text = reasons.get("text")
    if isinstance(text, Mapping) and not labels_present(out):
        terms = [
            str(t[0])
            for t in text.get("terms") or []
            if isinstance(t, Sequence) and not isinstance(t, str) and t
        ]
        if terms and float(text.get("value") or 0) >= 0.3:
            out.append("bruger de samme ord som begivenheden (" + ", ".join(terms[:3]) + ")")

    time = reasons.get("time")
    if isinstance(time, Mapping):
        sentence = _time_sentence(time.get("delta_days"))
        if sentence:
            out.append(sentence)
        elif time.get("item_date") is None and "delta_days" in time:
            out.append("udateret")
    return out[:limit]


def labels_present(sentences: Sequence[str]) -> bool:
    """True when a sentence already names what the item shares with the event."""
    return any(s.startswith("nævner ") and "datoen" not in s for s in sentences)
