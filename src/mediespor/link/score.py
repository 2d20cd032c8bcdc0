"""Score one item against one event: time, text, shared entities, mentioned dates, outlet signal.

Each part is a number in [0, 1] that an analyst can check in ``reasons``. The score is
``evidence × time``: evidence says *what* the item is about, the time kernel says whether it
is coverage *of this occurrence* (an item months later about the same topic scores 0).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from mediespor.config.events import Event
from mediespor.link.analyse import TITLE_WEIGHT, Analysis, amounts, stems, term_bag, with_heads

#: Days before an event that coverage may anticipate it, and the kernel's width there.
PRE_DAYS = 7
SIGMA_PRE = 3.0
#: Days after an event that follow-up coverage still counts, and the kernel's width there.
POST_DAYS = 28
SIGMA_POST = 7.0
#: Time factor for an undated item: text alone must carry it, at a discount.
UNDATED_TIME = 0.5
#: Cosine at which text similarity counts as full evidence (short news text rarely exceeds it).
TEXT_SATURATION = 0.35

WEIGHTS: Mapping[str, float] = {"text": 0.40, "entities": 0.35, "dates": 0.15, "outlet": 0.10}
#: Evidence when a linklist or archive import files the item under this very event: an
#: editor's own filing is strong evidence even when the item's text is thin.
OUTLET_FLOOR = 0.75
#: Bumped whenever the scoring changes, so stored reasons say which scorer wrote them.
SCORER_VERSION = "1"

_NAME = re.compile(r"\b[A-ZÆØÅ][\wæøåÆØÅ]+(?:\s+[A-ZÆØÅ][\wæøåÆØÅ]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)$")


def names(text: str) -> list[str]:
    """Capitalised word runs that look like names; a lone capitalised sentence opener is not one."""
    out = []
    for m in _NAME.finditer(text):
        if " " not in m.group(0) and _SENTENCE_START.search(text[: m.start()]):
            continue
        out.append(m.group(0))
    return out


@dataclass(frozen=True)
class Entity:
    """A name, keyword phrase or amount an event is known by, as stems to look for."""

    label: str
    phrase: tuple[str, ...]
    is_name: bool

    def found_in(self, sequence: str, item_amounts: frozenset[str]) -> str | None:
        """How the entity occurs in an item's stem sequence: 'phrase', 'surname' or None."""
        if self.phrase and self.phrase[0].startswith("amount:"):
            return "amount" if self.phrase[0] in item_amounts else None
        if not self.phrase:
            return None
        if " " + " ".join(self.phrase) + " " in sequence:
            return "phrase"
        # People and bodies are often named by their last word alone ("Allerslev").
        last = self.phrase[-1]
        if self.is_name and len(self.phrase) > 1 and len(last) >= 5 and f" {last} " in sequence:
            return "last-word"
        return None


@dataclass(frozen=True)
class EventProfile:
    """An event prepared for scoring."""

    event: Event
    terms: Counter[str]
    entities: tuple[Entity, ...]
    title_norm: str

    @property
    def event_id(self) -> str:
        """The event's id."""
        return self.event.event_id


def event_profile(event: Event) -> EventProfile:
    """Prepare ``event``: its term bag and the entities (names, keywords, amounts) it is known by."""
    bag = Counter(
        with_heads(stems(event.title) * TITLE_WEIGHT + stems(event.description))
        + [s for k in event.keywords for s in stems(k)]
        + amounts(f"{event.title} {event.description} {' '.join(event.keywords)}")
    )
    ents: dict[tuple[str, ...], Entity] = {}
    for kw in event.keywords:
        amt = amounts(kw)
        phrase = tuple(amt) if amt else tuple(stems(kw))
        if phrase:
            ents.setdefault(phrase, Entity(kw, phrase, is_name=kw[:1].isupper()))
    for text in (event.title, event.description):
        for name in names(text):
            phrase = tuple(stems(name))
            if phrase:
                ents.setdefault(phrase, Entity(name, phrase, is_name=True))
    title_norm = " ".join(event.title.casefold().split())
    return EventProfile(event, bag, tuple(ents.values()), title_norm)


def item_terms(a: Analysis) -> Counter[str]:
    """The item's term bag: title stems count double, compound heads and amounts included."""
    return Counter(term_bag(a))


@dataclass
class Idf:
    """Inverse document frequencies over the relevant items and the events."""

    df: Counter[str] = field(default_factory=Counter)
    n_docs: int = 0

    _memo: dict[str, float] = field(default_factory=dict, repr=False)

    @classmethod
    def from_counts(cls, df: Mapping[str, int], n_docs: int) -> Idf:
        """An IDF from precomputed document frequencies."""
        return cls(Counter(df), n_docs)

    def add(self, terms: Iterable[str]) -> None:
        """Count one document's distinct terms."""
        self.df.update(set(terms))
        self.n_docs += 1
        self._memo.clear()

    def __call__(self, term: str) -> float:
        """Smoothed IDF, always > 0."""
        v = self._memo.get(term)
        if v is None:
            v = math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0
            self._memo[term] = v
        return v


@dataclass(frozen=True)
class ItemFeatures:
    """One item's analysis turned into what scoring reads."""

    item_id: str
    local_date: date | None
    vector: dict[str, float]
    norm: float
    sequence: str
    amounts: frozenset[str]
    dates: tuple[date, ...]
    hint_text: str = ""


def _weights(bag: Counter[str], idf: Idf) -> tuple[dict[str, float], float]:
    vec = {t: (1.0 + math.log(c)) * idf(t) for t, c in bag.items()}
    return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0


def item_features(item_id: str, a: Analysis, idf: Idf, hint_text: str = "") -> ItemFeatures:
    """Build the scoring view of an analysed item."""
    vec, norm = _weights(item_terms(a), idf)
    return ItemFeatures(
        item_id, a.local_date, vec, norm, a.sequence(), frozenset(a.amounts), a.dates, hint_text
    )


@dataclass(frozen=True)
class PreparedEvent:
    """An event profile with its IDF-weighted vector for one run."""

    profile: EventProfile
    vector: dict[str, float]
    norm: float
    entity_idf: tuple[float, ...]


def prepare_event(profile: EventProfile, idf: Idf) -> PreparedEvent:
    """Weight the event's terms and entities with this run's IDF."""
    vec, norm = _weights(profile.terms, idf)
    # A phrase is as telling as its rarest word.
    ent_idf = tuple(max(idf(s) for s in e.phrase) for e in profile.entities)
    return PreparedEvent(profile, vec, norm, ent_idf)


def day_delta(d: date, event: Event) -> int:
    """Days from the event to ``d``: negative before, 0 inside the range, positive after."""
    if d < event.date_start:
        return (d - event.date_start).days
    if d > event.date_end:
        return (d - event.date_end).days
    return 0


def time_kernel(delta: int) -> float:
    """High just before the event and in the days after it; 0 beyond the window."""
    if delta < -PRE_DAYS or delta > POST_DAYS:
        return 0.0
    sigma = SIGMA_PRE if delta < 0 else SIGMA_POST
    return math.exp(-(delta * delta) / (2 * sigma * sigma))


def in_window(d: date | None, event: Event) -> bool:
    """True when an item dated ``d`` can be coverage of ``event`` (undated items always can)."""
    if d is None:
        return True
    return -PRE_DAYS <= day_delta(d, event) <= POST_DAYS


@dataclass(frozen=True)
class Score:
    """The score of one (item, event) pair and its parts."""

    event_id: str
    score: float
    parts: dict[str, float]
    reasons: dict


def score_pair(item: ItemFeatures, ev: PreparedEvent, *, explain: bool = True) -> Score:
    """Score ``item`` against ``ev``; ``reasons`` shows every part and its evidence.

    With ``explain=False`` the reasons are left empty (scoring many pairs, most of them
    discarded, is then about twice as fast); the score and parts are identical.
    """
    event = ev.profile.event
    if item.local_date is None:
        t, delta = UNDATED_TIME, None
    else:
        delta = day_delta(item.local_date, event)
        t = time_kernel(delta)

    # Text: cosine of sublinear TF-IDF vectors, explained by the shared terms that carry it.
    small, large = (
        (ev.vector, item.vector) if len(ev.vector) <= len(item.vector) else (item.vector, ev.vector)
    )
    shared = [(term, w * large[term]) for term, w in small.items() if term in large]
    denom = ev.norm * item.norm
    cosine = sum(c for _, c in shared) / denom
    text = min(1.0, cosine / TEXT_SATURATION)

    # Entities: IDF-weighted share of the event's names/keywords/amounts present in the item.
    found: list[list[str]] = []
    hit_w = total_w = 0.0
    for ent, w in zip(ev.profile.entities, ev.entity_idf, strict=True):
        total_w += w
        how = ent.found_in(item.sequence, item.amounts)
        if how:
            hit_w += w * (1.0 if how != "last-word" else 0.8)
            found.append([ent.label, how])
    entities = hit_w / total_w if total_w else 0.0
    # Two or three distinctive shared names already identify an event; do not demand all.
    entities = min(1.0, entities * 2.0)

    in_range = [d for d in item.dates if event.date_start <= d <= event.date_end]
    dates = 1.0 if in_range else 0.0

    outlet = 0.0
    named = ""
    if item.hint_text:
        if event.event_id in item.hint_text:
            outlet, named = 1.0, event.event_id
        elif ev.profile.title_norm and ev.profile.title_norm in item.hint_text:
            outlet, named = 1.0, event.title

    parts = {"text": text, "entities": entities, "dates": dates, "outlet": outlet}
    evidence = sum(WEIGHTS[k] * v for k, v in parts.items())
    if outlet:
        evidence = max(evidence, OUTLET_FLOOR)
    score = round(evidence * t, 4)
    if not explain:
        return Score(event.event_id, score, {**parts, "time": t}, {})
    top = sorted(shared, key=lambda x: (-x[1], x[0]))[:5]
    reasons = {
        "score": score,
        "evidence": round(evidence, 4),
        "scorer": SCORER_VERSION,
        "time": {
            "item_date": item.local_date.isoformat() if item.local_date else None,
            "delta_days": delta,
            "kernel": round(t, 4),
        },
        "text": {
            "cosine": round(cosine, 4),
            "value": round(text, 4),
            "terms": [[term, round(c / denom, 4)] for term, c in top],
        },
        "entities": {"value": round(entities, 4), "shared": found},
        "dates": {"value": dates, "mentioned": [d.isoformat() for d in in_range]},
        "outlet": (
            {"value": outlet, "named": named, "floor": OUTLET_FLOOR} if outlet else {"value": 0.0}
        ),
        "contributions": {k: round(WEIGHTS[k] * v * t, 4) for k, v in parts.items()},
    }
    return Score(event.event_id, score, {**parts, "time": t}, reasons)
