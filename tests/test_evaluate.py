"""Gold-set loading and pairwise precision/recall."""

from __future__ import annotations

from pathlib import Path

from mediespor.config.events import load_events
from mediespor.link.evaluate import evaluate, load_gold, store_gold
from mediespor.store.catalog import sync_events
from mediespor.store.db import open_store

REPO = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).parent / "fixtures" / "linking_gold.jsonl"


def test_gold_set_covers_every_shipped_event():
    gold = load_gold(GOLD)
    assert len(gold) >= 40
    shipped = {e.event_id for e in load_events(REPO / "events.yaml")}
    labelled = {ev for g in gold for ev in g.events | g.not_events}
    assert labelled <= shipped
    assert {ev for g in gold for ev in g.events} == shipped
    assert any(g.events == {"2017-06-28-demonstration", "2017-06-29-13-millioner"} for g in gold)


def test_metrics_count_true_false_and_missed_links():
    gold = load_gold(GOLD)[:2]  # two items about the 2013 reform
    with open_store(None) as store:
        sync_events(store.con, load_events(REPO / "events.yaml"))
        ids = store_gold(store, gold)
        con = store.con
        con.execute(
            "INSERT INTO item_events (item_id, event_id, status, linked_at) VALUES"
            " (?, '2013-01-01-reform', 'auto', now()), (?, '2017-06-28-demonstration', 'auto',"
            " now()), (?, '2013-01-01-reform', 'rejected', now())",
            [ids["g01"], ids["g01"], ids["g02"]],
        )
        m = evaluate(store, gold, ids)
    assert (m.true_pos, m.false_pos, m.false_neg) == (1, 1, 1)
    assert m.precision == 0.5 and m.recall == 0.5
    assert ("g02", "2013-01-01-reform", "fn") in m.errors
