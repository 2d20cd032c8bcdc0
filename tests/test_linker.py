"""The linker on a real (in-memory) store: threshold, determinism, analysts' rows, staleness."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediespor.config.events import load_events
from mediespor.link.evaluate import evaluate, load_gold, store_gold
from mediespor.link.linker import DEFAULT_THRESHOLD, explain_item, link_items
from mediespor.store.catalog import sync_events
from mediespor.store.db import open_store

REPO = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).parent / "fixtures" / "linking_gold.jsonl"
DEMO = "2017-06-28-demonstration"
MONEY = "2017-06-29-13-millioner"


@pytest.fixture
def events():
    return load_events(REPO / "events.yaml")


@pytest.fixture
def gold_store(events):
    store = open_store(None)
    gold = load_gold(GOLD)
    ids = store_gold(store, gold)
    with store.transaction() as con:
        sync_events(con, events)
    yield store, gold, ids
    store.close()


def _links(store, status=None):
    sql = "SELECT item_id, event_id, score, CAST(reasons AS VARCHAR), status FROM item_events"
    if status:
        sql += f" WHERE status = '{status}'"
    return store.con.execute(sql + " ORDER BY item_id, event_id").fetchall()


def test_links_are_written_with_score_and_reasons(gold_store, events):
    store, gold, ids = gold_store
    report = link_items(store, events)
    assert report.items == len(gold)
    assert report.links == report.added > 0
    rows = _links(store)
    assert all(r[4] == "auto" and DEFAULT_THRESHOLD <= r[2] <= 1.0 for r in rows)
    demo_item = ids["g10"]  # 29 June, about the 28 June meeting with the demonstrators
    linked = {r[1] for r in rows if r[0] == demo_item}
    assert linked == {DEMO}


def test_gold_quality_stays_above_target(gold_store, events):
    store, gold, ids = gold_store
    link_items(store, events)
    m = evaluate(store, gold, ids)
    assert m.precision >= 0.9
    assert m.recall >= 0.9
    assert m.hard_negatives_linked == 0


def test_higher_threshold_gives_a_subset(gold_store, events):
    store, _, _ = gold_store
    link_items(store, events, threshold=0.2)
    low = {(r[0], r[1]) for r in _links(store)}
    report = link_items(store, events, threshold=0.6)
    high = {(r[0], r[1]) for r in _links(store)}
    assert high < low
    assert report.removed == len(low - high)
    assert all(r[2] >= 0.6 for r in _links(store))
    link_items(store, events, threshold=1.0)
    assert _links(store) == []


def test_same_input_gives_identical_links_and_a_rerun_changes_nothing(events):
    outputs = []
    for _ in range(2):
        with open_store(None) as store:
            store_gold(store, load_gold(GOLD))
            link_items(store, events)
            outputs.append([r[:4] for r in _links(store)])
            again = link_items(store, events)
            assert (again.added, again.updated, again.removed) == (0, 0, 0)
            assert again.analysed == 0  # analyses are cached per item version
    assert outputs[0] == outputs[1]


def test_decided_rows_are_never_overwritten(gold_store, events):
    store, _, ids = gold_store
    link_items(store, events)
    item = ids["g13"]  # the 13 million, linked automatically
    store.con.execute(
        "UPDATE item_events SET status = 'rejected', decided_by = 'ane' WHERE item_id = ?"
        " AND event_id = ?",
        [item, MONEY],
    )
    store.con.execute(
        "INSERT INTO item_events (item_id, event_id, status, decided_by, linked_at)"
        " VALUES (?, '2013-01-01-reform', 'added', 'ane', now())",
        [item],
    )
    report = link_items(store, events)
    rows = {(r[1], r[4]) for r in _links(store) if r[0] == item}
    assert rows == {(MONEY, "rejected"), ("2013-01-01-reform", "added")}
    assert report.decisions_kept == 2


def test_stale_auto_links_are_removed(gold_store, events):
    store, _, ids = gold_store
    link_items(store, events)
    item = ids["g07"]
    assert any(r[0] == item for r in _links(store))
    store.con.execute("UPDATE items SET is_relevant = FALSE WHERE item_id = ?", [item])
    report = link_items(store, events)
    assert not any(r[0] == item for r in _links(store))
    assert report.removed >= 1
    # An event dropped from events.yaml takes its automatic links with it.
    link_items(store, [e for e in events if e.event_id != DEMO])
    assert not any(r[1] == DEMO for r in _links(store))


def test_explain_matches_the_stored_score(gold_store, events):
    store, _, ids = gold_store
    link_items(store, events)
    item = ids["g17"]  # covers both adjacent events
    top = explain_item(store, events, item, top=3)
    stored = {r[1]: r[2] for r in _links(store) if r[0] == item}
    assert {DEMO, MONEY} <= set(stored)
    for s in top:
        if s.event_id in stored:
            assert s.score == stored[s.event_id]
    assert {"time", "text", "anchors", "dates", "outlet", "gate"} <= set(top[0].reasons)


def test_an_item_with_evidence_for_three_events_is_a_timeline_and_links_to_none():
    from mediespor.link.linker import MAX_EVENTS, choose_links
    from mediespor.link.score import Score

    def s(ev, score):
        return Score(ev, score, {}, {})

    two = [s("a", 0.6), s("b", 0.55), s("c", 0.1)]
    assert [x.event_id for x in choose_links(two, 0.25)] == ["a", "b"]
    many = [s(ev, 0.5) for ev in "abcd"[:MAX_EVENTS]]
    assert choose_links(many, 0.25) == []


def test_coarse_and_undated_items_are_blocked_by_their_anchors_without_changing_links(events):
    from datetime import date

    from mediespor.link.analyse import analyse_item
    from mediespor.link.linker import build_scorer, choose_links, link_item
    from mediespor.link.score import item_features, score_pair

    scorer = build_scorer(events)
    cases = [
        ("Borgmester finder 13 millioner", "Til sagsbehandling i jobcentret.", None, None),
        ("Kritik af jobcentret", "Borgere klager over sagsbehandlingen.", None, None),
        ("Ankestyrelsen om ressourceforløb", "En principafgørelse.", date(2017, 7, 1), "month"),
        ("Den 28. juni 2017", "Borgere foran Rådhuset.", None, None),
    ]
    for title, lead, day, precision in cases:
        a = analyse_item(title, lead, None, day, precision)
        feats = item_features("x", a, scorer.idf)
        blocked = {ev.profile.event_id for ev in scorer.candidates(a, feats)}
        every = [score_pair(feats, ev, explain=False) for ev in scorer.events]
        # Every event left out scores 0; the links are the same as scoring all events.
        assert all(s.score == 0.0 for s in every if s.event_id not in blocked)
        expected = [s.event_id for s in choose_links(sorted(every, key=lambda s: -s.score), 0.25)]
        assert sorted(s.event_id for s in link_item(scorer, "x", a, "", 0.25)[1]) == sorted(
            expected
        )
        assert len(blocked) < len(events)
