"""The independent check set (tests/fixtures/linking_check_gold.jsonl) stays well-formed.

The set is scored by bench/link_check.py and nobody tunes on it; these tests keep it usable when
events.yaml is rewritten (ids must still match) and keep the shares its .md promises.
"""

from __future__ import annotations

import json
from pathlib import Path

from mediespor.config.events import load_events
from mediespor.date_interval import Precision
from mediespor.link.evaluate import gold_item

REPO = Path(__file__).resolve().parents[1]
CHECK = Path(__file__).parent / "fixtures" / "linking_check_gold.jsonl"
FIELDS = {"id", "class", "split", "published", "outlet", "kind", "curated", "title", "lead",
          "text", "relevant", "events", "not_events"}  # fmt: skip


def _items() -> list[dict]:
    return [json.loads(line) for line in CHECK.read_text(encoding="utf-8").splitlines() if line]


def test_every_item_has_the_dev_sets_fields_and_the_check_split():
    items = _items()
    assert len(items) >= 150
    assert len({g["id"] for g in items}) == len(items)
    for g in items:
        assert set(g) >= FIELDS, g["id"]
        assert g["split"] == "check", g["id"]
        assert g["kind"] in {"article", "tv", "blog", "press", "page"}, g["id"]


def test_labels_name_shipped_events_and_linked_items_are_relevant():
    shipped = {e.event_id for e in load_events(REPO / "events.yaml")}
    items = _items()
    for g in items:
        assert set(g["events"]) | set(g["not_events"]) <= shipped, g["id"]
        assert not set(g["events"]) & set(g["not_events"]), g["id"]
        assert g["relevant"] or not g["events"], g["id"]
    assert {ev for g in items for ev in g["events"]} == shipped


def test_dates_are_what_a_page_gives_and_the_promised_shares_hold():
    items = _items()
    precisions = []
    for g in items:
        p = g["published"]
        if p is None:
            precisions.append(None)
        elif "T" in p:
            precisions.append(Precision.TIME)
        else:
            precisions.append({3: Precision.DAY, 2: Precision.MONTH}[len(p.split("-"))])
    coarse = sum(p in (None, Precision.MONTH) for p in precisions)
    look_alikes = sum(not g["events"] for g in items)
    assert coarse / len(items) >= 0.30
    assert look_alikes / len(items) >= 0.40
    assert all(not g["text"] and not g["lead"] for g in items if g["curated"])


def test_the_dev_sets_reader_reads_every_item_with_its_date_precision():
    for g in _items():
        item = gold_item({**g, "split": "heldout"})  # the reader knows dev/heldout only
        assert item.relevant == g["relevant"] and item.events == frozenset(g["events"])
        if g["published"] is None:
            assert item.record.published_at is None
        elif len(g["published"]) == 7:
            assert item.record.published_precision == Precision.MONTH.value
