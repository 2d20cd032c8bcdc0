"""Stored link reasons read as short Danish sentences, never as raw scoring data."""

import json

from mediespor.link.explain_da import reason_sentences

REASONS = {
    "score": 0.61,
    "time": {"item_date": "2017-06-29", "delta_days": 1, "kernel": 0.9},
    "text": {"cosine": 0.2, "value": 0.57, "terms": [["demonstr", 0.1], ["rådhus", 0.05]]},
    "entities": {"value": 0.7, "shared": [["Rådhus", "phrase"], ["150", "amount"]]},
    "dates": {"value": 1.0, "mentioned": ["2017-06-28"]},
    "outlet": {"value": 0.0},
    "contributions": {"text": 0.2},
}


def test_sentences_name_shared_things_dates_and_timing():
    got = reason_sentences(REASONS)
    assert got == [
        "nævner Rådhus og 150",
        "nævner datoen 28. juni 2017",
        "1 dag efter begivenheden",
    ]
    # The same reasons stored as a JSON string read the same.
    assert reason_sentences(json.dumps(REASONS)) == got


def test_no_raw_numbers_or_english_keys_reach_the_reader():
    text = " ".join(reason_sentences(REASONS, status="confirmed"))
    for raw in ("contributions", "cosine", "0.61", "kernel", "entities"):
        assert raw not in text
    assert text.startswith("bekræftet af en analytiker")


def test_text_terms_only_when_nothing_named_and_same_day_wording():
    reasons = {**REASONS, "entities": {"value": 0.0, "shared": []}, "dates": {"value": 0.0}}
    reasons["time"] = {"item_date": "2017-06-28", "delta_days": 0, "kernel": 1.0}
    assert reason_sentences(reasons) == [
        "bruger de samme ord som begivenheden (demonstr, rådhus)",
        "samme dag som begivenheden",
    ]
    before = {"time": {"item_date": "2017-06-25", "delta_days": -3}}
    assert reason_sentences(before) == ["3 dage før begivenheden"]


def test_outlet_filing_and_undated():
    reasons = {"outlet": {"value": 1.0}, "time": {"item_date": None, "delta_days": None}}
    assert reason_sentences(reasons) == [
        "kilden har selv sat indslaget under denne begivenhed",
        "udateret",
    ]


def test_malformed_reasons_give_no_sentences_and_never_raise():
    assert reason_sentences(None) == []
    assert reason_sentences("{not json") == []
    assert reason_sentences("[1, 2]") == []
    assert reason_sentences({"entities": {"shared": [[], "x", None]}}) == []
    assert reason_sentences(None, status="added") == ["tilføjet af en analytiker"]


def test_anchors_suggestions_and_coarse_dates_of_the_current_scorer():
    reasons = {
        "gate": "anchors",
        "anchors": {"value": 1.0, "found": ["13 millioner", "millioner + sagsbehandl*"]},
        "time": {"item_date": "2017-06-29", "precision": "day", "delta_days": 0},
    }
    assert reason_sentences(reasons) == [
        "nævner 13 millioner og sagsbehandl…",
        "samme dag som begivenheden",
    ]
    month = {**reasons, "time": {"item_date": "2017-06-01", "precision": "month", "delta_days": 0}}
    assert reason_sentences(month)[-1] == "samme måned som begivenheden"
    suggested = {"suggested": {"reason": "kurateret, samme dag", "shared": ["førtidspension"]}}
    # The pages mark a suggestion themselves ("forslag"); the reason says where it comes from.
    assert reason_sentences(suggested, status="suggested") == ["kurateret, samme dag"]


def test_relevance_reasons_read_as_danish():
    from mediespor.link.explain_da import relevance_sentences

    assert relevance_sentences(
        ["emne: førtidspension*", "København: københavn*", 'aktør: "Anna Mee Allerslev"']
    ) == [
        "handler om førtidspension…",
        "omtaler København (københavn…)",
        "nævner Anna Mee Allerslev",
    ]
    assert relevance_sentences(
        ["emne: fleksjob*", "anden kommune: aarhus*", "ikke relevant: mest om aarhus* (3 mod 1)"]
    ) == [
        "ikke relevant: mest om aarhus… (3 mod 1)",
        "handler om fleksjob…",
        "nævner en anden kommune (aarhus…)",
    ]
    assert relevance_sentences(
        ["emne: jobcent*", "lokalt: borgmester*", "strid: kritik*", "strid: jeg"]
    ) == [
        "handler om jobcent…",
        "en lokal historie (borgmester…)",
        "tager del i striden (kritik… og jeg)",
    ]
    assert relevance_sentences(["fleksjob*"]) == ["handler om fleksjob…"]
    assert relevance_sentences(None) == []


def test_a_pair_with_subject_words_only_says_it_is_not_linked():
    reasons = {
        "gate": "subject-only",
        "text": {"value": 0.9, "terms": [["jobcent", 0.1]]},
        "time": {"item_date": None, "delta_days": None},
    }
    assert reason_sentences(reasons) == [
        "ikke koblet: kun fælles emneord, intet tegn på netop denne begivenhed"
    ]
