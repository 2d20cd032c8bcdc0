"""Scoring one item against one event: each part, the time kernel and the reasons."""

from __future__ import annotations

from datetime import date

import pytest

from mediespor.config.events import Event
from mediespor.link.analyse import analyse_item
from mediespor.link.score import (
    COARSE_FACTOR,
    OUTLET_FLOOR,
    POST_DAYS,
    PRE_DAYS,
    UNDATED_TIME,
    Idf,
    event_profile,
    item_features,
    item_terms,
    prepare_event,
    score_pair,
    time_kernel,
)

DEMO = Event(
    "2017-06-28-demonstration", date(2017, 6, 28), date(2017, 6, 28),
    "Demonstration foran Københavns Rådhus under ekstraordinært udvalgsmøde",
    "Omkring 150 mennesker demonstrerer foran Københavns Rådhus, mens borgmester Anna Mee "
    "Allerslev holder et ekstraordinært møde.",
    "demonstration", ("førtidspension", "jobcenter", "Anna Mee Allerslev"), None,
    ("demonstr*", "demonstr* + rådhus*", "ekstraordinært møde"),
)  # fmt: skip
MONEY = Event(
    "2017-06-29-13-millioner", date(2017, 6, 29), date(2017, 6, 29),
    "Borgmesteren vil finde yderligere 13 millioner kroner til sagsbehandling",
    "Anna Mee Allerslev meddeler, at hun vil finde 13 millioner kroner til sagsbehandling.",
    "announcement", ("sagsbehandling", "førtidspension", "Anna Mee Allerslev"), None,
    ("13 millioner", "millioner + sagsbehandl*"),
)  # fmt: skip
RANGE = Event(
    "2017-07-ankestyrelsen", date(2017, 7, 10), date(2017, 7, 21),
    "Ankestyrelsens principafgørelse om ressourceforløb", "Ankestyrelsen træffer afgørelse.",
    "decision", ("ressourceforløb", "kontanthjælp"), None,
    ("principafgørelse*", "Ankestyrelse* + ressourceforløb*"),
)  # fmt: skip


def _score(title, lead, day, event, others=(DEMO, MONEY), hint="", precision=None):
    a = analyse_item(title, lead, None, day, precision)
    idf = Idf()
    idf.add(item_terms(a))
    profiles = [event_profile(e) for e in others]
    for p in profiles:
        idf.add(p.terms)
    ev = prepare_event(event_profile(event), idf)
    return score_pair(item_features("x", a, idf, hint), ev)


def test_time_kernel_shape():
    assert time_kernel(0) == 1.0
    assert time_kernel(1) > time_kernel(7) > time_kernel(20) > 0
    assert time_kernel(-1) > time_kernel(-3) > 0
    # Coverage before an event fades faster than follow-up coverage after it.
    assert time_kernel(-3) < time_kernel(3)
    assert time_kernel(-PRE_DAYS - 1) == 0.0
    assert time_kernel(POST_DAYS + 1) == 0.0
    assert time_kernel(90) == 0.0
    # Follow-up coverage 11 days after keeps most of its weight (the old kernel kept 30%).
    assert time_kernel(11) > 0.7
    # A longer lead (an election campaign) reaches further back.
    assert time_kernel(-20) == 0.0 < time_kernel(-20, before=28)


def test_money_item_scores_higher_on_money_than_on_demonstration():
    title, lead = "Allerslev finder 13 millioner", "Pengene skal gå til sagsbehandling af klager."
    money = _score(title, lead, date(2017, 6, 29), MONEY)
    demo = _score(title, lead, date(2017, 6, 29), DEMO)
    assert money.score > demo.score + 0.2
    assert "13 millioner" in money.reasons["anchors"]["found"]
    assert money.reasons["time"] == {
        "item_date": "2017-06-29", "precision": "day", "delta_days": 0, "kernel": 1.0,
    }  # fmt: skip
    assert demo.score == 0.0 and demo.reasons["gate"] == "subject-only"


def test_subject_words_alone_never_link():
    title = "Kritik af jobcentret i København"
    lead = "Anna Mee Allerslev forsvarer sagsbehandlingen af førtidspension."
    for event in (DEMO, MONEY):
        s = _score(title, lead, date(2017, 6, 28), event)
        assert s.parts["text"] > 0
        assert s.score == 0.0 and s.reasons["gate"] == "subject-only"


def test_range_event_covers_its_whole_range_and_a_tail():
    title, lead = "Ankestyrelsen: principafgørelse lader vente på sig", "Ressourceforløb."
    inside = _score(title, lead, date(2017, 7, 12), RANGE, others=(RANGE,))
    after = _score(title, lead, date(2017, 8, 1), RANGE, others=(RANGE,))
    assert inside.parts["time"] == 1.0
    assert after.reasons["time"]["delta_days"] == 11
    assert 0.7 < after.parts["time"] < 1.0


def test_month_only_items_score_by_the_overlap_of_their_month():
    title, lead = "Borgmester finder 13 millioner", "Til sagsbehandling."
    june = _score(title, lead, date(2017, 6, 1), MONEY, precision="month")
    assert june.reasons["time"]["precision"] == "month"
    assert june.reasons["time"]["delta_days"] == 0  # June overlaps 29 June
    assert june.parts["time"] == pytest.approx(COARSE_FACTOR["month"])
    sept = _score(title, lead, date(2017, 9, 1), MONEY, precision="month")
    assert sept.score == 0.0


def test_demonstration_item_the_day_after_prefers_the_demonstration():
    title = "Se borgmesterens møde med demonstranterne"
    lead = "Mødet mellem Anna Mee Allerslev og ni demonstranter i går varede 33 minutter."
    demo = _score(title, lead, date(2017, 6, 29), DEMO)
    money = _score(title, lead, date(2017, 6, 29), MONEY)
    assert demo.score > money.score
    assert demo.parts["dates"] == 1.0  # "i går" on 29 June is 28 June
    assert demo.reasons["dates"]["mentioned"] == ["2017-06-28"]
    assert demo.reasons["time"]["delta_days"] == 1


def test_same_topic_months_later_scores_zero_but_keeps_its_text_evidence():
    s = _score("Hvad blev der af de 13 millioner?", "Sagsbehandling", date(2017, 9, 15), MONEY)
    assert s.score == 0.0
    assert s.parts["text"] > 0.3  # the text matches; only the date rules it out
    assert s.reasons["time"]["kernel"] == 0.0


def test_undated_items_are_scored_at_a_discount():
    s = _score("Allerslev finder 13 millioner", "sagsbehandling", None, MONEY)
    assert s.parts["time"] == UNDATED_TIME
    assert 0 < s.score <= UNDATED_TIME
    assert s.reasons["gate"] == "anchors"


def test_undated_items_need_the_date_or_strong_anchors():
    # One single-word anchor is enough for a dated item, not for an undated one.
    title, lead = "Demonstration om førtidspension", "Anna Mee Allerslev og jobcentret."
    assert _score(title, lead, date(2017, 6, 28), DEMO).score > 0
    undated = _score(title, lead, None, DEMO)
    assert undated.score == 0.0 and undated.reasons["gate"] == "subject-only"
    dated_text = _score(title, lead + " Det skete 28. juni 2017.", None, DEMO)
    assert dated_text.reasons["gate"] == "dates" and dated_text.score > 0


def test_linklist_heading_naming_the_event_lifts_thin_items():
    plain = _score("Borgere fortæller", "Tre korte vidneudsagn.", date(2017, 6, 30), DEMO)
    hint = " ".join(DEMO.title.casefold().split())
    filed = _score(
        "Borgere fortæller", "Tre korte vidneudsagn.", date(2017, 6, 30), DEMO, hint=hint
    )
    assert plain.score < 0.1
    assert filed.score == pytest.approx(OUTLET_FLOOR * time_kernel(2), abs=1e-4)
    assert filed.reasons["outlet"]["named"] == DEMO.title


def test_score_is_in_unit_interval_and_reasons_add_up():
    s = _score(DEMO.title, DEMO.description, date(2017, 6, 28), DEMO)
    assert 0.0 <= s.score <= 1.0
    assert s.score >= 0.7  # text and anchors full; no date mention, no linklist
    total = sum(s.reasons["contributions"].values())
    assert total == pytest.approx(s.score, abs=1e-3)
    assert s.reasons["text"]["terms"], "shared terms explain the text part"


def test_explain_false_gives_the_same_score():
    a = analyse_item("Allerslev finder 13 millioner", "sagsbehandling", None, date(2017, 6, 29))
    idf = Idf()
    idf.add(item_terms(a))
    ev = prepare_event(event_profile(MONEY), idf)
    f = item_features("x", a, idf)
    assert score_pair(f, ev, explain=False).score == score_pair(f, ev).score
    assert score_pair(f, ev, explain=False).reasons == {}


def test_another_amount_cancels_the_events_anchors():
    other = _score("Kommunen finder 40 millioner", "Til sagsbehandling.", date(2017, 6, 29), MONEY)
    assert other.score == 0.0
    assert other.reasons["anchors"]["other_amounts"] == ["amount:40000000"]
    both = _score(
        "13 millioner nu, 40 millioner senere", "Til sagsbehandling.", date(2017, 6, 29), MONEY
    )
    assert both.score > 0.25 and both.reasons["anchors"]["other_amounts"] == []


def test_an_item_dating_another_occurrence_counts_its_anchors_half():
    title = "Ny demonstration foran Rådhuset"
    same = _score(title, "Borgerne kom igen i dag.", date(2017, 6, 28), DEMO)
    later = _score(title, "Borgerne kom igen i dag.", date(2017, 7, 3), DEMO)
    assert same.reasons["anchors"]["other_dates"] == []
    assert later.reasons["anchors"]["other_dates"] == ["2017-07-03"]
    assert later.parts["anchors"] == pytest.approx(same.parts["anchors"] / 2)
