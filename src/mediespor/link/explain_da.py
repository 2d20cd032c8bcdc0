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


_COARSE = {"month": "måned", "year": "år"}


def anchor_words(label: str) -> str:
    """An anchor as readers say it: "demonstr* + rådhus*" → "demonstr… og rådhus…"."""
    parts = [p.strip().replace("*", "…") for p in label.split("+") if p.strip()]
    return " og ".join(parts)


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

    if reasons.get("gate") == "subject-only":
        # Scored but not linkable: say so, rather than list the words it shares.
        out.append("ikke koblet: kun fælles emneord, intet tegn på netop denne begivenhed")
        return out[:limit]

    suggested = reasons.get("suggested")
    if isinstance(suggested, Mapping) and suggested.get("reason"):
        out.append(str(suggested["reason"]))

    outlet = reasons.get("outlet")
    if isinstance(outlet, Mapping) and outlet.get("value"):
        out.append("kilden har selv sat indslaget under denne begivenhed")

    anchors = reasons.get("anchors")
    if isinstance(anchors, Mapping):
        words: list[str] = []
        for anchor in anchors.get("found") or []:
            for part in anchor_words(str(anchor)).split(" og "):
                # "millioner" adds nothing after "13 millioner".
                if part and not any(part in w for w in words):
                    words.append(part)
        if words:
            out.append("nævner " + _join(words[:3]))

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
        coarse = _COARSE.get(str(time.get("precision")))
        if sentence and coarse:
            # A month-only date overlapping the event is "samme måned", not "samme dag".
            sentence = (
                f"samme {coarse} som begivenheden"
                if time.get("delta_days") == 0
                else f"dateret til {coarse}en, nær begivenheden"
            )
        if sentence:
            out.append(sentence)
        elif time.get("item_date") is None and "delta_days" in time:
            out.append("udateret")
    return out[:limit]


#: How the roles of ``items.topic_terms`` (see mediespor.topic.relevance) read to activists.
_RELEVANCE_ROLES = (
    ("emne: ", "handler om {}"),
    ("beslægtet: ", "nævner {}"),
    ("København: ", "omtaler København ({})"),
    ("aktør: ", "nævner {}"),
    ("begivenhed: ", "beskriver en af sagens begivenheder ({})"),
    ("anden kommune: ", "nævner en anden kommune ({})"),
    ("lokalt: ", "en lokal historie ({})"),
    ("strid: ", "tager del i striden ({})"),
)


def relevance_sentences(topic_terms: Sequence[str] | None, limit: int = 4) -> list[str]:
    """Why an item is (not) about the dispute, from ``items.topic_terms``, in Danish.

    "handler om førtidspension…", "omtaler København (københavn…)", and for an item judged
    not relevant its reason ("ikke relevant: mest om aarhus…"). Plain query terms from older
    files read as "handler om …".
    """
    out: list[str] = []
    grouped: dict[str, list[str]] = {}
    verdict = None
    for raw in topic_terms or []:
        term = str(raw)
        if term.startswith("ikke relevant: "):
            verdict = term.replace("*", "…")
            continue
        for prefix, template in _RELEVANCE_ROLES:
            if term.startswith(prefix):
                grouped.setdefault(template, []).append(term[len(prefix) :])
                break
        else:
            grouped.setdefault("handler om {}", []).append(term)
    for template, words in grouped.items():
        shown = [w.strip('"').replace("*", "…") for w in words[:3]]
        out.append(template.format(_join(shown)))
    if verdict:
        out = [verdict, *out[: limit - 1]]
    return out[:limit]


def labels_present(sentences: Sequence[str]) -> bool:
    """True when a sentence already names what the item shares with the event."""
    return any(s.startswith("nævner ") and "datoen" not in s for s in sentences)
