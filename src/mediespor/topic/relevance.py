"""Decide whether an item is about the dispute, from its title, lead and text, with reasons.

The dispute is a subject (førtidspension, fleksjob, jobcentre, case work) *in Copenhagen*. An
item is relevant when

1. it names the subject (``topic.subject``), or a word the dispute shares with other matters
   (``topic.related``: sagsbehandling, klagesager) next to one of the dispute's people or an
   occurrence of one of its events (a combined anchor from events.yaml: "Ankestyrelse* +
   ressourceforløb*"), or one of its people next to such an occurrence,
2. it is anchored: in Copenhagen, its council and administration, its job centres
   (``topic.place``), the dispute's own people and groups (``topic.actors``), or an
   occurrence of one of its events,
3. it does not name the dispute in one sentence only of a longer text (a passing mention),
4. another municipality (``topic.elsewhere``) does not occur in more sentences than
   Copenhagen does (then it is that municipality's story; a tie is a Copenhagen story that
   compares itself with the country), and
5. it is not one of the ``topic.not_about`` kinds of page (a municipal service page written to
   "du", an encyclopedia biography), which name the subject without covering the dispute, and
6. when it was written more than a year after the last event, it names a year of the dispute's
   events ("i juni 2017"): a later text on Copenhagen's job centres that does not look back is
   about their later business, not the dispute, and
7. when it has no date (or only a year), it names one of the dispute's people or occurrences,
   or takes a side in it (``topic.stance``: criticism, protest, a first-person account, someone
   quoted): an undated page that only explains the subject is an information page.

A listing that filed the item under an event (a link list's heading that is the event's title)
makes it relevant: the editor's own filing is about the dispute, however thin the item's text.

The item's publication date is one signal among these: within an event's window any of the
event's anchors names its occurrence ("principafgørelse" a few days after the decision);
outside it, or undated, only its combined anchors do. An item that names amounts, none of them
the event's own ("16 millioner ... sagsbehandling"), is about another budget, not that event.

Every rule leaves a reason in :attr:`Relevance.terms`, stored in ``items.topic_terms`` so the
reports and ``mediespor link --explain`` can show why. Older files with one boolean ``query``
keep that behaviour. See docs/topic.md ("Relevance") and docs/linking.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from mediespor.amounts import amounts
from mediespor.config.events import POST_DAYS, Event, pre_days
from mediespor.date_interval import DayInterval, interval
from mediespor.topic.query import Query, QuerySyntaxError, parse_query
from mediespor.topic.text import TokenizedText

#: Reason prefixes stored in ``items.topic_terms`` (Danish: the reports show them as they are).
SUBJECT = "emne"
PLACE = "København"
ACTOR = "aktør"
ELSEWHERE = "anden kommune"
RELATED = "beslægtet"
LOCAL = "lokalt"
EVENT = "begivenhed"
NOT_RELEVANT = "ikke relevant"
LATE = "senere"
STANCE = "strid"
#: Undated or year-only: what an information page on the subject is.
INFO_PAGE = "udateret informationsside (ingen aktør, begivenhed eller strid)"
#: Only the first sentences are counted: where a long text goes later says little about what
#: it is about, and counting stays cheap.
MAX_SENTENCES = 80

#: Related words alone make the subject when this many different ones occur in Copenhagen
#: (a page on the city's case work, complaints and administration).
RELATED_ALONE = 2
#: This many different related words make the subject and anchor it, when no other
#: municipality is named (the administration's budget, criticised by the citizens' groups).
RELATED_STRONG = 3
#: A text this long that names the dispute in one sentence, not the first, only mentions it.
PASSING_MIN_SENTENCES = 4

#: The longest date span (a month) that puts an item in an event's window.
MONTH_DAYS = 31
#: An item dated this many days after the last event's end is a later text: it is about the
#: dispute only when it looks back to one of the events' years.
LATE_DAYS = 365

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
#: "<City> Universitet", "<City> Hospital": an institution, not the municipality it is named
#: after (a sick Copenhagener is treated at Hvidovre Hospital).
_INSTITUTION = re.compile(r"\b[^\W\d_]+\s+(?:universitet|hospital)\w*", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class Matcher(Protocol):
    """Anything with the topic query's ``match``: a :class:`Query` or a :class:`Topic`."""

    def match(self, text: str) -> tuple[bool, list[str]]:
        """Whether ``text`` matches, and the terms (or reasons) that say why."""
        ...


@dataclass(frozen=True)
class Relevance:
    """The verdict, the terms and reasons behind it, and a score in [0, 1]."""

    relevant: bool
    terms: list[str]
    score: float = 0.0


@dataclass(frozen=True)
class Exclusion:
    """A kind of page that names the subject without covering the dispute."""

    name: str
    query: Query
    min_terms: int
    #: Share of the sentences that must hold the kind's terms (its language throughout).
    min_share: float = 0.0

    def found_in(self, whole: TokenizedText, sentences: list[TokenizedText]) -> list[str]:
        """The kind's terms when the text is this kind of page, else an empty list."""
        found = _terms(self.query, whole)
        if len(found) < self.min_terms:
            return []
        if self.min_share and sentences:
            holding = sum(1 for tt in sentences if _hit(self.query, tt))
            if holding < self.min_share * len(sentences):
                return []
        return found


@dataclass(frozen=True)
class EventWindow:
    """An event's anchors as queries, the days its coverage can fall on (the linker's
    window), and the amounts it is known by."""

    days: DayInterval
    #: Every anchor: names the occurrence in an item dated within ``days``.
    anchors: Query
    #: The combined anchors: name it at any date.
    combined: Query | None
    amounts: frozenset[str]

    @classmethod
    def of(cls, event: Event) -> EventWindow | None:
        """The window of ``event``; None when it has no anchor that parses."""
        texts = [t for t in (_anchor_text(a) for a in event.anchors) if t]
        combined = [t for t in texts if " AND " in t]
        # Window anchors name the occurrence in its window only, like a single anchor.
        texts += [t for t in (_anchor_text(a) for a in event.window_anchors) if t]
        try:
            query = parse_query(" OR ".join(f"({t})" for t in texts)) if texts else None
            both = parse_query(" OR ".join(f"({t})" for t in combined)) if combined else None
        except QuerySyntaxError:
            return None
        if query is None:
            return None
        first = event.date_start - timedelta(days=pre_days(event))
        days = DayInterval(first, event.date_end + timedelta(days=POST_DAYS))
        return cls(days, query, both, frozenset(amounts(" ".join(event.anchors))))

    def found(self, whole: TokenizedText, span: DayInterval | None, named: set[str]) -> list[str]:
        """The anchors of this event found in an item dated ``span`` naming ``named`` amounts."""
        if self.amounts and named and not named & self.amounts:
            return []  # another budget: its own amounts, none of this event's
        if span is not None and span.days <= MONTH_DAYS and self.days.overlaps(span):
            # A year is as good as no date here: it meets most windows.
            return _terms(self.anchors, whole)
        return _terms(self.combined, whole)


@dataclass
class Topic:
    """The scored relevance model of ``topic:`` in sources.yaml."""

    subject: Query
    place: Query | None = None
    actors: Query | None = None
    elsewhere: Query | None = None
    exclusions: tuple[Exclusion, ...] = ()
    related: Query | None = None
    #: Words of a local story that do not name the city ("borgmesteren"): they anchor an item
    #: only when no other municipality is named.
    local: Query | None = None
    #: Words of the dispute as lived and fought: what an undated page needs when it names no
    #: actor and no occurrence.
    stance: Query | None = None
    #: Combined occurrence anchors of the curated events, as queries ("A AND b*").
    occurrences: Query | None = None
    #: The events' windows, for dated items.
    windows: tuple[EventWindow, ...] = ()
    #: The years of the events, which a later text names when it looks back.
    years: frozenset[str] = frozenset()
    #: The last day of the last event (None without events).
    last_event: date | None = None
    #: The events' titles, case-folded, as a listing's heading would name them.
    titles: tuple[str, ...] = ()

    def assess(
        self,
        text: str,
        published: datetime | None = None,
        precision: str | None = None,
        filed: str = "",
    ) -> Relevance:
        """Judge one text (title, lead and body joined by newlines), published when given.

        ``published`` and ``precision`` are the item's stored date (local midnight of its
        first day for a month or year); without them the item is judged as undated.
        ``filed`` is what listings said about the item (their headings).
        """
        whole = TokenizedText.of(text)
        span = interval(published, precision)
        subject_terms = _terms(self.subject, whole)
        related_terms = _terms(self.related, whole)
        place_terms = _terms(self.place, whole)
        actor_terms = _terms(self.actors, whole)
        event_terms = self._occurrence_terms(text, whole, span)
        terms = [f"{SUBJECT}: {t}" for t in subject_terms]
        terms += [f"{RELATED}: {t}" for t in related_terms]
        terms += [f"{PLACE}: {t}" for t in place_terms]
        terms += [f"{ACTOR}: {t}" for t in actor_terms]
        terms += [f"{EVENT}: {t}" for t in event_terms]
        filed_terms = self._filed_under(filed)
        event_terms = [*event_terms, *filed_terms]
        terms += [f"{EVENT}: arkiveret under '{t}'" for t in filed_terms]
        on_subject = bool(
            filed_terms
            or subject_terms
            or (related_terms and (actor_terms or event_terms))
            or (actor_terms and event_terms)
            or (len(related_terms) >= RELATED_ALONE and place_terms)
            or len(related_terms) >= RELATED_STRONG
        )
        if not on_subject:
            return Relevance(False, [*terms, f"{NOT_RELEVANT}: intet emneord"])
        # A university or hospital named after its city is not the city: a researcher from
        # "Aalborg Universitet" on Copenhagen's job centres, a patient at "Hvidovre Hospital".
        away = _INSTITUTION.sub(" ", text)
        other_terms = _terms(self.elsewhere, TokenizedText.of(away))
        local_terms = [] if other_terms else _terms(self.local, whole)
        if len(related_terms) >= RELATED_STRONG and not other_terms:
            # The dispute's own vocabulary, densely, in a story that names no other place.
            local_terms = [*local_terms, f"{len(related_terms)} beslægtede ord"]
        terms += [f"{LOCAL}: {t}" for t in local_terms]
        if not (place_terms or actor_terms or event_terms or local_terms):
            return Relevance(False, [*terms, f"{NOT_RELEVANT}: ikke i København"], 0.25)
        if other_terms:
            sentences = [s for s in _SENTENCE.split(text) if s.strip()][:MAX_SENTENCES]
            tokenised = [TokenizedText.of(s) for s in sentences]
            here = sum(1 for tt in tokenised if _hit(self.place, tt) or _hit(self.actors, tt))
            there = sum(
                1
                for s in sentences
                if _hit(self.elsewhere, TokenizedText.of(_INSTITUTION.sub(" ", s)))
            )
            terms += [f"{ELSEWHERE}: {t}" for t in other_terms]
            if there > here:
                reason = f"{NOT_RELEVANT}: mest om {', '.join(other_terms)} ({there} mod {here})"
                return Relevance(False, [*terms, reason], round(here / (here + there) / 2, 3))
        if self.exclusions:
            sentences = [TokenizedText.of(s) for s in _SENTENCE.split(text) if s.strip()]
            sentences = sentences[:MAX_SENTENCES]
        for ex in self.exclusions:
            found = ex.found_in(whole, sentences)
            if found:
                reason = f"{NOT_RELEVANT}: {ex.name} ({', '.join(found)})"
                return Relevance(False, [*terms, reason], 0.25)
        if self._in_passing(text):
            return Relevance(False, [*terms, f"{NOT_RELEVANT}: kun nævnt i forbifarten"], 0.25)
        if self._late(span) and not self.years & set(_YEAR.findall(text)):
            reason = f"{NOT_RELEVANT}: {LATE} end et år efter sidste begivenhed, ser ikke tilbage"
            return Relevance(False, [*terms, reason], 0.25)
        if self.stance is not None and (span is None or span.days > MONTH_DAYS):
            stance_terms = _terms(self.stance, whole)
            terms += [f"{STANCE}: {t}" for t in stance_terms]
            if not (actor_terms or event_terms or stance_terms):
                return Relevance(False, [*terms, f"{NOT_RELEVANT}: {INFO_PAGE}"], 0.25)
        strength = len(subject_terms) + bool(actor_terms) + bool(event_terms)
        return Relevance(True, terms, round(min(1.0, 0.25 + 0.25 * strength), 3))

    def _occurrence_terms(
        self, text: str, whole: TokenizedText, span: DayInterval | None
    ) -> list[str]:
        """The events' anchors found (see :meth:`EventWindow.found`)."""
        if not self.windows:
            return _terms(self.occurrences, whole)
        named = set(amounts(text))
        found: list[str] = []
        for window in self.windows:
            found += [t for t in window.found(whole, span, named) if t not in found]
        return found

    def _filed_under(self, filed: str) -> list[str]:
        """The event titles a listing filed the item under."""
        if not filed:
            return []
        norm = " ".join(filed.casefold().split())
        return [t for t in self.titles if t in norm]

    def _late(self, span: DayInterval | None) -> bool:
        """True when the item was written more than :data:`LATE_DAYS` after the last event."""
        if span is None or self.last_event is None:
            return False
        return (span.first - self.last_event).days > LATE_DAYS

    def _in_passing(self, text: str) -> bool:
        """True when a longer text names the dispute in one sentence only, after an opening
        (title and first sentence) that names neither the dispute nor Copenhagen."""
        sentences = [s for s in _SENTENCE.split(text) if s.strip()][:MAX_SENTENCES]
        if len(sentences) < PASSING_MIN_SENTENCES:
            return False
        tokenised = [TokenizedText.of(sentence) for sentence in sentences]
        opening = (self.subject, self.related, self.actors, self.occurrences, self.place)
        if any(_hit(g, tt) for tt in tokenised[:2] for g in (*opening, self.local)):
            return False
        hits = [i for i, tt in enumerate(tokenised) if any(_hit(g, tt) for g in opening[:4])]
        return len(hits) == 1

    def match(self, text: str | TokenizedText) -> tuple[bool, list[str]]:
        """The query interface: relevant or not, and the reasons."""
        raw = text if isinstance(text, str) else " ".join(text.words)
        verdict = self.assess(raw)
        return verdict.relevant, verdict.terms


def anchor_query(anchor: str) -> Query | None:
    """An events.yaml anchor with two or more parts as a topic query ("a + b*" → a AND b*).

    Single-part anchors ("demonstr*", "13 millioner") name an action or an amount that other
    matters share, so only combinations speak for the dispute (at any date; a single anchor
    counts only in its event's window, see :class:`EventWindow`).
    """
    text = _anchor_text(anchor)
    if text is None or " AND " not in text:
        return None
    try:
        return parse_query(text)
    except QuerySyntaxError:
        return None


def _anchor_text(anchor: str) -> str | None:
    """An anchor as query text ("a + b*" → a AND b*); None when it has no part."""
    parts = [p.strip() for p in anchor.split("+") if p.strip()]
    if not parts:
        return None
    # A single plain word stays bare (inflection-aware); names with hyphens and phrases are
    # quoted.
    quoted = [p if p.endswith("*") or re.fullmatch(r"[^\W_]+", p) else f'"{p}"' for p in parts]
    return " AND ".join(quoted)


def _terms(query: Query | None, tt: TokenizedText) -> list[str]:
    if query is None:
        return []
    return query.match(tt)[1]


def _hit(query: Query | None, tt: TokenizedText) -> bool:
    return query is not None and query.match(tt)[0]


class TopicConfig(Protocol):
    """The parts of ``TopicSettings`` this module reads."""

    query: str | None
    subject: str | None
    related: str | None
    local: str | None
    place: str | None
    actors: str | None
    elsewhere: str | None
    stance: str | None
    not_about: Mapping[str, object]


def relevance_model(
    settings: TopicConfig, anchors: Iterable[str] = (), events: Iterable[Event] = ()
) -> Matcher:
    """The matcher ``topic:`` describes: the scored model, or the older single query.

    ``anchors`` are the events' occurrence anchors (events.yaml); their combinations count as
    the dispute's occurrences. With ``events``, a dated item is judged against their windows
    and dates (their anchors are then taken from the events).
    """
    if settings.subject is None:
        assert settings.query is not None
        return parse_query(settings.query)
    events = list(events)
    anchors = [*anchors, *(a for e in events for a in e.anchors)]
    combined = sorted({q.text for q in (anchor_query(a) for a in anchors) if q is not None})
    windows = tuple(w for w in (EventWindow.of(e) for e in events) if w is not None)
    years = {str(y) for e in events for y in range(e.date_start.year, e.date_end.year + 1)}
    return Topic(
        subject=parse_query(settings.subject),
        place=_parse(settings.place),
        actors=_parse(settings.actors),
        elsewhere=_parse(settings.elsewhere),
        exclusions=tuple(
            Exclusion(name, parse_query(ex.query), ex.min_terms, ex.min_share)  # type: ignore[attr-defined]
            for name, ex in settings.not_about.items()
        ),
        related=_parse(settings.related),
        local=_parse(settings.local),
        stance=_parse(settings.stance),
        occurrences=parse_query(" OR ".join(f"({q})" for q in combined)) if combined else None,
        windows=windows,
        years=frozenset(years),
        last_event=max((e.date_end for e in events), default=None),
        titles=tuple(" ".join(e.title.casefold().split()) for e in events),
    )


def _parse(text: str | None) -> Query | None:
    return parse_query(text) if text else None


def judge(
    query: Matcher,
    *parts: str | None,
    published: datetime | None = None,
    precision: str | None = None,
    hint: Mapping[str, object] | None = None,
) -> Relevance:
    """Judge the given text parts joined together (title, lead, text), published when given
    (the stored instant and its precision) and with what a listing said about the item
    (``hint``: its heading); see :meth:`Topic.assess`."""
    text = "\n".join(p for p in parts if p)
    if isinstance(query, Topic):
        filed = " ".join(str(v) for v in hint.values() if isinstance(v, str)) if hint else ""
        return query.assess(text, published, precision, filed)
    ok, terms = query.match(text)
    return Relevance(ok, terms, 1.0 if ok else 0.0)
