"""Measure automatic links against a hand-labelled gold set (``linking_gold.jsonl``).

Each gold line is an item (title, lead, published, outlet, optional via/hint) with the events
it should link to (``events``) and hard negatives it must not link to (``not_events``).
Precision and recall are micro-averaged over (item, event) pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mediespor.models import ItemRecord
from mediespor.store.db import Store, utcnow
from mediespor.store.items import upsert_item


@dataclass(frozen=True)
class GoldItem:
    """One labelled item."""

    gold_id: str
    record: ItemRecord
    events: frozenset[str]
    not_events: frozenset[str]


@dataclass(frozen=True)
class Metrics:
    """Pairwise precision/recall/F1 and the pairs behind them."""

    precision: float
    recall: float
    f1: float
    true_pos: int
    false_pos: int
    false_neg: int
    hard_negatives_linked: int
    errors: tuple[tuple[str, str, str], ...]  # (gold id, event id, 'fp' | 'fn')


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read the gold JSONL file."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        record = ItemRecord(
            outlet=g["outlet"],
            title=g["title"],
            via=g.get("via", "gold"),
            source="gold",
            lead=g.get("lead"),
            text=g.get("text"),
            published_at=datetime.fromisoformat(g["published"]),
            published_precision="time",
            hint=g.get("hint"),
            seen_url=f"gold:{g['id']}",
        )
        out.append(GoldItem(g["id"], record, frozenset(g["events"]), frozenset(g["not_events"])))
    return out


def store_gold(store: Store, gold: list[GoldItem]) -> dict[str, str]:
    """Store the gold items as relevant items; return gold id → item id."""
    ids = {}
    with store.transaction() as con:
        for g in gold:
            res = upsert_item(
                con, g.record, now=utcnow(), run_id=None, relevant=True, topic_terms=["gold"]
            )
            ids[g.gold_id] = res.item_id
    return ids


def evaluate(store: Store, gold: list[GoldItem], ids: dict[str, str]) -> Metrics:
    """Compare the effective links in ``item_events`` (rejected left out) with the gold labels."""
    linked: dict[str, set[str]] = {}
    for item_id, event_id in store.con.execute(
        "SELECT item_id, event_id FROM item_events WHERE status <> 'rejected'"
    ).fetchall():
        linked.setdefault(item_id, set()).add(event_id)
    tp = fp = fn = hard = 0
    errors: list[tuple[str, str, str]] = []
    for g in gold:
        got = linked.get(ids[g.gold_id], set())
        for ev in sorted(got):
            if ev in g.events:
                tp += 1
            else:
                fp += 1
                hard += ev in g.not_events
                errors.append((g.gold_id, ev, "fp"))
        for ev in sorted(g.events - got):
            fn += 1
            errors.append((g.gold_id, ev, "fn"))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Metrics(round(p, 4), round(r, 4), round(f1, 4), tp, fp, fn, hard, tuple(errors))
