"""Score one item against one event: anchors, text, mentioned dates, outlet signal and time.

Each part is a number in [0, 1] that an analyst can check in ``reasons``. The score is
``evidence × time``: evidence says *what* the item is about, the time kernel says whether it
is coverage *of this occurrence* (an item months later about the same topic scores 0).
Subject words the whole dispute shares never make a link on their own: a pair scores 0 unless
the item shows occurrence evidence (an anchor of the event, its date, or a listing that filed
it there). See docs/linking.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from mediespor.config.events import POST_DAYS, PRE_DAYS, Event, pre_days
from mediespor.date_interval import DayInterval, interval, start_of
from mediespor.link.analyse import (
    TITLE_WEIGHT,
    Analysis,
    amounts,
    stem_word,
    stems,
    term_bag,
    with_heads,
    words,
)

#: The kernel's width before an event (the window itself, PRE_DAYS and POST_DAYS, is the
#: event's own knowledge: config/events.py).
SIGMA_PRE = 3.0
#: The kernel's width after an event: follow-up coverage keeps most of its weight for two weeks
#: (11 days after → 0.73) and none after POST_DAYS.
SIGMA_POST = 14.0
#: Time factor when the item's date is unknown; such an item also needs occurrence evidence
#: (a mention of the event's date, or at least ``UNDATED_ANCHORS`` of the event's anchors,
#: found as ``UNDATED_ANCHOR_COUNT`` different anchors: one pair of subject words, such as
#: "Ankestyrelse* + ressourceforløb*", is how a guide or a personal case names the subject).
UNDATED_TIME = 0.6
UNDATED_ANCHORS = 1.0
UNDATED_ANCHOR_COUNT = 2
#: A date known only to its month or year: the kernel at the nearest day of its span, at a
#: discount, because the span may well lie on the other side of the event.
COARSE_FACTOR = {"month": 0.8, "year": 0.6}
#: Cosine at which text similarity counts as full evidence (short news text rarely exceeds it).
TEXT_SATURATION = 0.35

WEIGHTS: Mapping[str, float] = {"anchors": 0.45, "text": 0.30, "dates": 0.15, "outlet": 0.10}
#: Evidence when a linklist or archive import files the item under this very event: an
#: editor's own filing is strong evidence even when the item's text is thin.
OUTLET_FLOOR = 0.75
#: Weight of one anchor hit: a single word or phrase says less than a combination
#: ("demonstr* + Rådhus*") or an amount ("13 millioner").
SINGLE_ANCHOR = 0.6
#: Anchors count this much when every date the item mentions lies more than
#: ``OTHER_DATE_GRACE`` days from the event: it then reports another occurrence of the kind.
OTHER_DATE_FACTOR = 0.5
OTHER_DATE_GRACE = 1
#: Bumped whenever the scoring changes, so stored reasons say which scorer wrote them.
SCORER_VERSION = "2"


@dataclass(frozen=True)
class AnchorPart:
    """One part of an anchor: a stemmed phrase, a word prefix or an amount token."""

    kind: str  # phrase | prefix | amount
    value: str  # " stem stem " for phrases, " prefix" for prefixes, the amount token

    def found_in(self, sequence: str, item_amounts: frozenset[str]) -> bool:
        """True when the part occurs in the item's stem sequence (or its amounts)."""
        if self.kind == "amount":
            return self.value in item_amounts
        return self.value in sequence


@dataclass(frozen=True)
class Anchor:
    """What makes an occurrence unique; all parts must occur in the item."""

    label: str
    parts: tuple[AnchorPart, ...]
    weight: float
    #: Counts only for an item dated to a month or better (events.yaml ``window_anchors``).
    dated_only: bool = False

    def found_in(self, sequence: str, item_amounts: frozenset[str]) -> bool:
        """True when every part occurs."""
        return all(p.found_in(sequence, item_amounts) for p in self.parts)


def anchor_part(text: str) -> AnchorPart | None:
    """Parse one part of an anchor ("Rådhus*", "13 millioner", "forlader politik")."""
    text = text.strip()
    if text.endswith("*"):
        ws = words(text.rstrip("*"))
        if not ws:
            return None
        # Items are matched as stems, and a stem may drop the prefix's own ending
        # ("borgmester" → "borgmest"); the stem is then the prefix to look for.
        stem = stem_word(ws[0])
        return AnchorPart("prefix", " " + (stem if ws[0].startswith(stem) else ws[0]))
    amt = amounts(text)
    if amt:
        return AnchorPart("amount", amt[0])
    st = stems(text)
    return AnchorPart("phrase", " " + " ".join(st) + " ") if st else None


def parse_anchor(text: str) -> Anchor | None:
    """Parse ``"demonstr* + Rådhus*"`` into its parts; None when nothing is left to match."""
    parts = tuple(p for p in (anchor_part(x) for x in text.split("+")) if p is not None)
    if not parts:
        return None
    strong = len(parts) > 1 or parts[0].kind == "amount"
    return Anchor(text.strip(), parts, 1.0 if strong else SINGLE_ANCHOR)


@dataclass(frozen=True)
class EventProfile:
    """An event prepared for scoring."""

    event: Event
    terms: Counter[str]
    anchors: tuple[Anchor, ...]
    title_norm: str
    subject: frozenset[str] = frozenset()
    #: The amounts among the anchors ("13 millioner"): an item naming other amounts and not
    #: these is about another budget.
    amounts: frozenset[str] = frozenset()
    #: The word stems the event is named by (title, subject, anchors; not the description).
    words: frozenset[str] = frozenset()

    @property
    def event_id(self) -> str:
        """The event's id."""
        return self.event.event_id


def event_profile(event: Event) -> EventProfile:
    """Prepare ``event``: its term bag, its anchors and its subject stems."""
    bag = Counter(
        with_heads(stems(event.title) * TITLE_WEIGHT + stems(event.description))
        + [s for k in (*event.keywords, *event.anchors) for s in stems(k.replace("*", ""))]
        + amounts(f"{event.title} {event.description} {' '.join(event.anchors)}")
    )
    anchors = tuple(a for a in (parse_anchor(x) for x in event.anchors) if a is not None)
    anchors += tuple(
        replace(a, dated_only=True)
        for a in (parse_anchor(x) for x in event.window_anchors)
        if a is not None
    )
    subject = frozenset(with_heads([s for k in event.keywords for s in stems(k)]))
    title_norm = " ".join(event.title.casefold().split())
    amount_set = frozenset(p.value for a in anchors for p in a.parts if p.kind == "amount")
    named = [*stems(event.title), *(s for k in (*event.keywords, *event.anchors) for s in stems(k))]
    words = frozenset(with_heads(named))
    return EventProfile(event, bag, anchors, title_norm, subject, amount_set, words)


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
    span: DayInterval | None = None
    precision: str = "day"
    #: Which anchor parts occur, filled as events are scored: events share parts
    #: ("jobcent*"), and an undated item meets every event.
    part_hits: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def has(self, part: AnchorPart) -> bool:
        """Whether ``part`` occurs in the item (memoised per item)."""
        hit = self.part_hits.get(part.value)
        if hit is None:
            hit = self.part_hits[part.value] = part.found_in(self.sequence, self.amounts)
        return hit


#: Sublinear term frequency 1 + ln(c) for the small counts nearly every term has.
_SUBLINEAR = (0.0, *(1.0 + math.log(c) for c in range(1, 64)))


def _tf(c: int) -> float:
    return _SUBLINEAR[c] if c < 64 else 1.0 + math.log(c)


def _weights(bag: Counter[str], idf: Idf) -> tuple[dict[str, float], float]:
    # idf's memo read directly and 1 + ln(c) looked up: this runs for every term of every item.
    memo = idf._memo
    vec = {t: _tf(c) * (memo.get(t) or idf(t)) for t, c in bag.items()}
    return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0


def item_span(local_date: date | None, precision: str | None) -> tuple[DayInterval | None, str]:
    """The days an item's date stands for and its precision ('day' for time and day)."""
    if local_date is None:
        return None, "none"
    p = precision if precision in ("month", "year") else "day"
    return interval(start_of(local_date, p), p), p


def item_features(item_id: str, a: Analysis, idf: Idf, hint_text: str = "") -> ItemFeatures:
    """Build the scoring view of an analysed item."""
    vec, norm = _weights(item_terms(a), idf)
    span, precision = item_span(a.local_date, a.precision)
    return ItemFeatures(
        item_id,
        a.local_date,
        vec,
        norm,
        a.sequence(),
        frozenset(a.amounts),
        a.dates,
        hint_text,
        span,
        precision,
    )


@dataclass(frozen=True)
class PreparedEvent:
    """An event profile with its IDF-weighted vector for one run."""

    profile: EventProfile
    vector: dict[str, float]
    norm: float


def prepare_event(profile: EventProfile, idf: Idf) -> PreparedEvent:
    """Weight the event's terms with this run's IDF."""
    vec, norm = _weights(profile.terms, idf)
    return PreparedEvent(profile, vec, norm)


def day_delta(d: date, event: Event) -> int:
    """Days from the event to ``d``: negative before, 0 inside the range, positive after."""
    if d < event.date_start:
        return (d - event.date_start).days
    if d > event.date_end:
        return (d - event.date_end).days
    return 0


def span_delta(span: DayInterval, event: Event) -> int:
    """Like :func:`day_delta` for the span's day nearest to the event (0 when they overlap)."""
    if span.last < event.date_start:
        return (span.last - event.date_start).days
    if span.first > event.date_end:
        return (span.first - event.date_end).days
    return 0


def time_kernel(delta: int, before: int = PRE_DAYS) -> float:
    """1 on the event (its whole range), a short lead before it, a long tail after it."""
    if delta < -before or delta > POST_DAYS:
        return 0.0
    if delta < 0:
        if before > PRE_DAYS:
            # A declared lead (an election campaign, a mayor named at the council's
            # constitution) falls linearly to one half at its start.
            return 1.0 - 0.5 * (-delta / before)
        return math.exp(-(delta * delta) / (2 * SIGMA_PRE * SIGMA_PRE))
    return math.exp(-(delta * delta) / (2 * SIGMA_POST * SIGMA_POST))


def in_window(d: date | None, event: Event) -> bool:
    """True when an item dated ``d`` can be coverage of ``event`` (undated items always can)."""
    if d is None:
        return True
    return -pre_days(event) <= day_delta(d, event) <= POST_DAYS


def time_factor(item: ItemFeatures, event: Event) -> tuple[float, int | None]:
    """The time kernel for the item's span (or the undated factor) and the day distance."""
    if item.span is None:
        return UNDATED_TIME, None
    delta = span_delta(item.span, event)
    return time_kernel(delta, pre_days(event)) * COARSE_FACTOR.get(item.precision, 1.0), delta


@dataclass(frozen=True)
class Score:
    """The score of one (item, event) pair and its parts."""

    event_id: str
    score: float
    parts: dict[str, float]
    reasons: dict


def occurrence_gate(
    item: ItemFeatures, anchors: float, dates: float, outlet: float, found: int = 0
) -> str:
    """Why the item may be coverage of this occurrence, or '' when only subject words match.

    A dated item needs one occurrence signal (an anchor, the event's date in the text, the
    listing that filed it there); an undated or year-only item needs the date or stronger
    anchors (``found`` different ones), since nothing else ties it to the occurrence.
    """
    if outlet:
        return "outlet"
    if dates:
        return "dates"
    if item.precision in ("none", "year"):
        strong = anchors >= UNDATED_ANCHORS and found >= UNDATED_ANCHOR_COUNT
        return "anchors" if strong else ""
    return "anchors" if anchors > 0 else ""


def score_pair(item: ItemFeatures, ev: PreparedEvent, *, explain: bool = True) -> Score:
    """Score ``item`` against ``ev``; ``reasons`` shows every part and its evidence.

    With ``explain=False`` the reasons are left empty (scoring many pairs, most of them
    discarded, is then about twice as fast); the score and parts are identical.
    """
    event = ev.profile.event
    t, delta = time_factor(item, event)

    # Anchors first: without one (or the date, or a listing) the pair cannot link, and the
    # text part is not worth computing.
    found: list[str] = []
    anchors = 0.0
    # Another amount and not the event's: another budget, whatever else it shares.
    other_amount = bool(
        ev.profile.amounts and item.amounts and ev.profile.amounts.isdisjoint(item.amounts)
    )
    if not other_amount:
        has = item.has
        undated = item.precision in ("none", "year")
        for anchor in ev.profile.anchors:
            if undated and anchor.dated_only:
                continue
            for part in anchor.parts:
                if not has(part):
                    break
            else:
                anchors += anchor.weight
                found.append(anchor.label)
    anchors = min(1.0, anchors)
    if not explain and not anchors and not item.dates and not item.hint_text:
        # The common case: nothing ties the item to this occurrence.
        return Score(event.event_id, 0.0, {"anchors": 0.0, "time": t}, {})
    in_range = [d for d in item.dates if event.date_start <= d <= event.date_end]
    dates = 1.0 if in_range else 0.0
    # The item dates what it reports, and not on the event's days: another occurrence of the
    # same kind (another protest, another meeting), unless it is at most a day away.
    elsewhen = (
        bool(item.dates)
        and not in_range
        and all(abs(day_delta(d, event)) > OTHER_DATE_GRACE for d in item.dates)
    )
    if elsewhen:
        anchors *= OTHER_DATE_FACTOR
    outlet = 0.0
    named = ""
    if item.hint_text:
        if event.event_id in item.hint_text:
            outlet, named = 1.0, event.event_id
        elif ev.profile.title_norm and ev.profile.title_norm in item.hint_text:
            outlet, named = 1.0, event.title
    gate = occurrence_gate(item, anchors, dates, outlet, len(found))
    if not gate and not explain:
        return Score(event.event_id, 0.0, {"anchors": anchors, "time": t}, {})

    # Text: cosine of sublinear TF-IDF vectors, explained by the shared terms that carry it.
    small, large = (
        (ev.vector, item.vector) if len(ev.vector) <= len(item.vector) else (item.vector, ev.vector)
    )
    shared = [(term, w * large[term]) for term, w in small.items() if term in large]
    denom = ev.norm * item.norm
    cosine = sum(c for _, c in shared) / denom
    text = min(1.0, cosine / TEXT_SATURATION)

    parts = {"anchors": anchors, "text": text, "dates": dates, "outlet": outlet}
    evidence = sum(WEIGHTS[k] * v for k, v in parts.items())
    if outlet:
        evidence = max(evidence, OUTLET_FLOOR)
    if not gate:
        evidence = 0.0
    score = round(evidence * t, 4)
    if not explain:
        return Score(event.event_id, score, {**parts, "time": t}, {})
    top = sorted(shared, key=lambda x: (-x[1], x[0]))[:5]
    subject = [term for term, _ in top if term in ev.profile.subject]
    reasons = {
        "score": score,
        "evidence": round(evidence, 4),
        "scorer": SCORER_VERSION,
        "gate": gate or "subject-only",
        "time": {
            "item_date": item.local_date.isoformat() if item.local_date else None,
            "precision": item.precision,
            "delta_days": delta,
            "kernel": round(t, 4),
        },
        "anchors": {
            "value": round(anchors, 4),
            "found": found,
            "other_amounts": sorted(item.amounts) if other_amount else [],
            "other_dates": [d.isoformat() for d in item.dates] if elsewhen else [],
        },
        "text": {
            "cosine": round(cosine, 4),
            "value": round(text, 4),
            "terms": [[term, round(c / denom, 4)] for term, c in top],
            "subject": subject,
        },
        "dates": {"value": dates, "mentioned": [d.isoformat() for d in in_range]},
        "outlet": (
            {"value": outlet, "named": named, "floor": OUTLET_FLOOR} if outlet else {"value": 0.0}
        ),
        "contributions": {k: round(WEIGHTS[k] * v * t, 4) for k, v in parts.items()},
    }
    return Score(event.event_id, score, {**parts, "time": t}, reasons)
