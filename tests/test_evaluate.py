"""Gold-set loading, storing, and the scoring arithmetic (pairs, relevance, splits, classes)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from mediespor.config.events import load_events
from mediespor.danish_dates import CPH
from mediespor.link.evaluate import (
    Counts,
    GoldItem,
    Prediction,
    evaluate,
    evaluate_predictions,
    gold_item,
    load_gold,
    parse_gold_date,
    read_predictions,
    store_gold,
    wilson,
)
from mediespor.models import ItemRecord
from mediespor.store.catalog import sync_events
from mediespor.store.db import open_store
from mediespor.topic import parse_query

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
WEB_GOLD = FIXTURES / "linking_web_gold.jsonl"
OLD_GOLD = FIXTURES / "linking_gold.jsonl"
DEMO = "2017-06-28-demonstration"
MONEY = "2017-06-29-13-millioner"
REFORM = "2013-01-01-reform"


def _gold(gid, cls, split, relevant, events=(), not_events=()):
    record = ItemRecord(outlet="Test", title=f"Emne {gid}", via="gold", seen_url=f"gold:{gid}")
    return GoldItem(
        gid, record, frozenset(events), frozenset(not_events), cls, split, relevant, False
    )


# Four items, two classes, two splits. Worked out by hand below.
GOLD = [
    _gold("a", "X", "dev", True, {"E1", "E2"}),
    _gold("b", "X", "heldout", True, {"E1"}),
    _gold("c", "Y", "dev", False, (), {"E1"}),
    _gold("d", "Y", "heldout", True),
]
PREDICTIONS = {
    # E1 automatic and right, E3 suggested and wrong, E2 missed
    "a": Prediction(True, frozenset({"E1", "E3"}), frozenset({"E1"})),
    # E1 right, but only as a suggestion
    "b": Prediction(True, frozenset({"E1"}), frozenset()),
    # not about the dispute, judged relevant, and linked to its hard negative
    "c": Prediction(True, frozenset({"E1"}), frozenset({"E1"})),
    # "d" has no prediction: not relevant, no links
}


def test_pairs_over_all_items_count_suggested_links_as_seen():
    ev = evaluate_predictions(GOLD, PREDICTIONS)
    # seen links: tp a-E1, b-E1; fp a-E3, c-E1; fn a-E2
    assert ev.all.links == Counts(2, 2, 1)
    assert (ev.precision, ev.recall, ev.f1) == (0.5, 0.6667, 0.5714)
    # automatic only: tp a-E1; fp c-E1; fn a-E2, b-E1
    assert ev.all.automatic == Counts(1, 1, 2)
    assert (ev.all.automatic.precision, ev.all.automatic.recall) == (0.5, 0.3333)
    assert ev.all.automatic.f1 == 0.4
    assert ev.hard_negatives_linked == 1
    assert ev.all.items == 4


def test_relevance_is_scored_per_item():
    ev = evaluate_predictions(GOLD, PREDICTIONS)
    # a, b right; c judged relevant but is not; d is relevant but was not judged so
    assert ev.all.relevance == Counts(2, 1, 1)
    assert ev.all.relevance.precision == ev.all.relevance.recall == 0.6667


def test_splits_and_classes_sum_their_own_items():
    ev = evaluate_predictions(GOLD, PREDICTIONS)
    dev, held = ev.splits["dev"], ev.splits["heldout"]
    assert (dev.items, held.items) == (2, 2)
    assert dev.links == Counts(1, 2, 1)  # a-E1 | a-E3, c-E1 | a-E2
    assert (dev.links.precision, dev.links.recall) == (0.3333, 0.5)
    assert held.links == Counts(1, 0, 0)
    assert held.automatic == Counts(0, 0, 1)
    assert held.automatic.precision is None and held.automatic.recall == 0.0
    assert dev.relevance == Counts(1, 1, 0) and held.relevance == Counts(1, 0, 1)
    assert list(ev.per_class) == ["X", "Y"]
    x, y = ev.per_class["X"], ev.per_class["Y"]
    assert x.links == Counts(2, 1, 1) and x.automatic == Counts(1, 0, 2)
    assert x.automatic.precision == 1.0
    # a look-alike class: nothing to find, so recall and F1 are undefined, not 0 or 1
    assert y.links == Counts(0, 1, 0)
    assert (y.links.precision, y.links.recall, y.links.f1) == (0.0, None, None)
    assert y.relevance == Counts(0, 1, 1) and y.hard_negatives_linked == 1
    # the parts add up to the whole
    assert dev.links + held.links == ev.all.links == x.links + y.links


def test_errors_name_item_event_and_kind():
    ev = evaluate_predictions(GOLD, PREDICTIONS)
    assert set(ev.errors) == {
        ("a", "E3", "fp-suggested"),
        ("a", "E2", "fn"),
        ("c", "E1", "fp"),
        ("c", "", "relevance-fp"),
        ("d", "", "relevance-fn"),
    }


def test_summary_dict_has_the_bench_keys():
    d = evaluate_predictions(GOLD, PREDICTIONS).as_dict()
    for key in ("precision", "recall", "relevance_precision", "relevance_recall"):
        assert key in d and key in d["dev"] and key in d["heldout"] and key in d["per_class"]["X"]
    assert d["automatic"]["recall"] == 0.3333
    assert d["precision_ci95"] == wilson(2, 4)


def test_wilson_interval_matches_textbook_values():
    assert wilson(5, 10) == (0.237, 0.763)
    assert wilson(10, 10) == (0.722, 1.0)
    assert wilson(0, 0) is None


def test_gold_dates_keep_their_precision():
    assert parse_gold_date(None) == (None, None)
    assert parse_gold_date("2018-04") == (datetime(2018, 4, 1, tzinfo=CPH), "month")
    assert parse_gold_date("2017") == (datetime(2017, 1, 1, tzinfo=CPH), "year")
    assert parse_gold_date("2017-06-28") == (datetime(2017, 6, 28, tzinfo=CPH), "day")
    at, precision = parse_gold_date("2017-06-28T22:30:00+00:00")
    assert precision == "time" and at.astimezone(CPH).day == 29
    with pytest.raises(ValueError):
        parse_gold_date("29. juni 2017")


def test_a_malformed_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "x1", "outlet": "A", "title": "T", "published": null, "events": []}\n'
        '{"id": "x2", "outlet": "A", "title": "T", "published": "2017", "events": [],'
        ' "split": "train"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"gold.jsonl:2: x2: split 'train'"):
        load_gold(path)


def test_web_gold_set_is_labelled_with_shipped_events_and_split_by_class():
    gold = load_gold(WEB_GOLD)
    shipped = {e.event_id for e in load_events(REPO / "events.yaml")}
    assert len(gold) >= 260
    assert {ev for g in gold for ev in g.events | g.not_events} <= shipped
    assert {ev for g in gold for ev in g.events} == shipped
    assert all(g.relevant for g in gold if g.events)
    look_alikes = sum(1 for g in gold if not g.relevant or not g.events)
    coarse = sum(1 for g in gold if g.record.published_precision in (None, "month"))
    assert look_alikes >= 0.4 * len(gold) and coarse >= 0.3 * len(gold)
    old = {g.gold_id for g in load_gold(OLD_GOLD)}
    assert old == {g.gold_id for g in gold if g.cls == "own-2017"}
    # Items written later (marked "added") go to dev only: the heldout third of the first
    # 267, split by the SHA-256 of their ids, is never changed to improve a figure.
    added = {
        json.loads(line)["id"]
        for line in WEB_GOLD.read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line).get("added")
    }
    assert all(g.split == "dev" for g in gold if g.gold_id in added)
    first = [g for g in gold if g.gold_id not in added]
    assert len(first) == 267
    classes = {g.cls for g in first}
    assert len(classes) == 14
    for cls in classes:
        members = [g for g in first if g.cls == cls]
        held = sum(g.split == "heldout" for g in members)
        assert abs(held - len(members) / 3) <= 1, cls


def test_stored_gold_items_get_the_runs_relevance_and_precision():
    gold = [
        gold_item(
            {"id": "m1", "class": "month-only", "published": "2017-07", "outlet": "Fagblad",
             "kind": "article", "title": "Protest mod jobcentret",
             "lead": "Syge borgere kræver førtidspension.", "text": "", "relevant": True,
             "events": [DEMO], "not_events": []}
        ),
        gold_item(
            {"id": "t1", "class": "title-only-curated", "published": "2017-06-28",
             "outlet": "TV2 Lorry", "kind": "tv", "curated": True, "title": "Vrede borgere",
             "relevant": True, "events": [DEMO]}
        ),
        gold_item(
            {"id": "u1", "class": "service-page", "published": None, "outlet": "kk.dk",
             "kind": "page", "title": "Parkering i København", "lead": "Sådan får du en licens.",
             "relevant": False, "events": []}
        ),
    ]  # fmt: skip
    with open_store(None) as store:
        ids = store_gold(store, gold, parse_query("førtidspension*"))
        rows = dict(
            (r[0], r[1:])
            for r in store.con.execute(
                "SELECT item_id, is_relevant, published_precision, kind FROM items"
            ).fetchall()
        )
        sources = {
            r[0]: r[1]
            for r in store.con.execute("SELECT item_id, source FROM item_sightings").fetchall()
        }
        # the topic query decides; a curated item is relevant as the known-coverage import makes it
        assert rows[ids["m1"]] == (True, "month", "article")
        assert rows[ids["t1"]] == (True, "day", "video")
        assert rows[ids["u1"]] == (False, None, "other")
        assert sources[ids["t1"]] == "known-coverage"
        preds = read_predictions(store, ids)
    assert [preds[g].relevant for g in ("m1", "t1", "u1")] == [True, True, False]
    assert all(p.links == frozenset() for p in preds.values())


def test_stored_links_are_read_by_status():
    gold = load_gold(OLD_GOLD)[:2]  # g01, g02: the 2013 reform
    with open_store(None) as store:
        sync_events(store.con, load_events(REPO / "events.yaml"))
        ids = store_gold(store, gold)
        store.con.execute(
            "INSERT INTO item_events (item_id, event_id, status, linked_at) VALUES"
            " (?, ?, 'auto', now()), (?, ?, 'suggested', now()), (?, ?, 'rejected', now())",
            [ids["g01"], REFORM, ids["g01"], DEMO, ids["g02"], REFORM],
        )
        ev = evaluate(store, gold, ids)
    assert ev.all.links == Counts(1, 1, 1)  # the suggestion is seen, the rejected link is not
    assert ev.all.automatic == Counts(1, 0, 1)
    assert ("g01", DEMO, "fp-suggested") in ev.errors and ("g02", REFORM, "fn") in ev.errors
    assert ev.all.relevance == Counts(2, 0, 0)  # no query: every item stored relevant


def test_gold_items_the_store_would_merge_are_refused():
    line = {"outlet": "DR", "title": "Samme titel", "published": "2017-06-28", "events": []}
    gold = [gold_item({**line, "id": "x1"}), gold_item({**line, "id": "x2"})]
    with open_store(None) as store, pytest.raises(ValueError, match="x1 and x2"):
        store_gold(store, gold)
