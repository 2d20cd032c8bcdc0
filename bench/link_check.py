"""Score relevance and event links on the independent check set, as a run would decide them.

Usage: python bench/link_check.py [--gold tests/fixtures/linking_check_gold.jsonl] [--show-errors]

The check set (tests/fixtures/linking_check_gold.jsonl, rules in its .md) is written by another
author than the dev set and nobody tunes on it. Its items are stored in a fresh in-memory DuckDB
store with ``upsert_item`` (dates with their precision), their relevance decided by the topic
query of sources.yaml (curated items are relevant, as the known-coverage import makes them), and
linked by the run's own link stage against events.yaml. Reported: link precision, recall and F1
(pairwise item-event over every link a user sees, suggested included; also automatic only),
relevance precision and recall, with 95 % Wilson intervals, overall and per class. Errors are
hidden by default: whoever tunes the linker must not read them. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from mediespor.date_interval import Precision, start_of  # noqa: E402
from mediespor.models import ItemRecord  # noqa: E402
from mediespor.paths import resolve_paths  # noqa: E402
from mediespor.pipeline import RunOptions, RunState, load_config, stage_catalog, stage_link  # noqa: E402
from mediespor.progress import Reporter  # noqa: E402
from mediespor.store.db import open_store, utcnow  # noqa: E402
from mediespor.store.items import upsert_item  # noqa: E402
from mediespor.store.runs import start_run  # noqa: E402
from mediespor.topic.relevance import judge  # noqa: E402

CHECK = REPO / "tests" / "fixtures" / "linking_check_gold.jsonl"
KINDS = {
    "article": "article",
    "tv": "video",
    "blog": "blog",
    "press": "press_release",
    "page": "other",
}


@dataclass(frozen=True)
class CheckItem:
    """One labelled item of the check set."""

    gold_id: str
    cls: str
    record: ItemRecord
    curated: bool
    relevant: bool
    events: frozenset[str]


def parse_date(value: str | None) -> tuple[datetime | None, str | None]:
    """A gold ``published`` value as the stored instant and precision."""
    if not value:
        return None, None
    if "T" in value:
        return datetime.fromisoformat(value), Precision.TIME.value
    parts = [int(p) for p in value.split("-")]
    precision = {3: Precision.DAY, 2: Precision.MONTH, 1: Precision.YEAR}[len(parts)]
    return start_of(date(*parts, *[1] * (3 - len(parts))), precision), precision.value


def load_check(path: Path) -> list[CheckItem]:
    """Read the check set's JSONL."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        published, precision = parse_date(g["published"])
        record = ItemRecord(
            outlet=g["outlet"],
            title=g["title"],
            via="import" if g["curated"] else "gold",
            source="known-coverage" if g["curated"] else "gold",
            kind=KINDS[g["kind"]],
            lead=g["lead"] or None,
            text=g["text"] or None,
            published_at=published,
            published_precision=precision,
            date_source="import" if g["curated"] and published else None,
            seen_url=f"gold:{g['id']}",
        )
        out.append(
            CheckItem(
                g["id"], g["class"], record, g["curated"], g["relevant"], frozenset(g["events"])
            )
        )
    return out


@dataclass
class Counts:
    """True/false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: Iterable[str], got: Iterable[str]) -> None:
        """Count one item's pairs."""
        e, g = set(expected), set(got)
        self.tp += len(e & g)
        self.fp += len(g - e)
        self.fn += len(e - g)

    def figures(self) -> dict[str, object]:
        """Precision, recall, F1 and 95 % Wilson intervals (None where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
        return {
            "precision": None if p is None else round(p, 4),
            "recall": None if r is None else round(r, 4),
            "f1": None if f1 is None else round(f1, 4),
            "precision_ci95": wilson(self.tp, self.tp + self.fp),
            "recall_ci95": wilson(self.tp, self.tp + self.fn),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def wilson(k: int, n: int, z: float = 1.96) -> list[float] | None:
    """95 % Wilson score interval for ``k`` of ``n``."""
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3)]


def run(gold: list[CheckItem]) -> dict[str, tuple[bool, set[str], set[str]]]:
    """Store, judge and link the items as ``mediespor run`` does; gold id → (relevant, links, auto)."""
    paths = resolve_paths(project_dir=REPO)
    config, events, query = load_config(paths)
    with open_store(None) as store:
        state = RunState(
            paths=paths,
            options=RunOptions(render=False),
            reporter=Reporter(fmt="logfmt", stream=io.StringIO(), quiet=True),
            config=config,
            events=events,
            query=query,
            store=store,
            run_id=start_run(store.con, "bench-link-check", {}),
        )
        stage_catalog(state)
        ids = {}
        with store.transaction() as con:
            for g in gold:
                verdict = judge(query, g.record.title, g.record.lead, g.record.text)
                res = upsert_item(
                    con,
                    g.record,
                    now=utcnow(),
                    run_id=None,
                    relevant=verdict.relevant or g.curated,
                    topic_terms=verdict.terms,
                )
                ids[g.gold_id] = res.item_id
        stage_link(state)
        links: dict[str, set[str]] = {}
        auto: dict[str, set[str]] = {}
        for item_id, event_id, status in store.con.execute(
            "SELECT item_id, event_id, status FROM item_events"
        ).fetchall():
            if status == "rejected":
                continue
            links.setdefault(item_id, set()).add(event_id)
            if status != "suggested":
                auto.setdefault(item_id, set()).add(event_id)
        relevant = dict(
            store.con.execute("SELECT item_id, coalesce(is_relevant, FALSE) FROM items").fetchall()
        )
    return {
        gid: (bool(relevant.get(iid)), links.get(iid, set()), auto.get(iid, set()))
        for gid, iid in ids.items()
    }


def score(gold: list[CheckItem], got: dict) -> tuple[dict, list[tuple[str, str, str]]]:
    """Figures for all items and per class, and the errors behind them."""
    groups: dict[str, dict[str, Counts]] = {}
    errors = []
    for g in gold:
        rel, links, auto = got[g.gold_id]
        for name in ("all", g.cls):
            c = groups.setdefault(name, {"links": Counts(), "automatic": Counts(), "rel": Counts()})
            c["links"].add(g.events, links)
            c["automatic"].add(g.events, auto)
            c["rel"].add({"r"} if g.relevant else set(), {"r"} if rel else set())
        errors += [(g.gold_id, e, "fp" if e in auto else "fp-suggested") for e in links - g.events]
        errors += [(g.gold_id, e, "fn") for e in g.events - links]
        if rel != g.relevant:
            errors.append((g.gold_id, "", "relevance-fp" if rel else "relevance-fn"))
    out = {}
    for name, c in groups.items():
        links, rel = c["links"].figures(), c["rel"].figures()
        out[name] = {
            "items": sum(1 for g in gold if name in ("all", g.cls)),
            **{k: links[k] for k in ("precision", "recall", "f1", "precision_ci95", "recall_ci95")},
            "relevance_precision": rel["precision"],
            "relevance_recall": rel["recall"],
            "relevance_precision_ci95": rel["precision_ci95"],
            "relevance_recall_ci95": rel["recall_ci95"],
            "links": {k: links[k] for k in ("tp", "fp", "fn")},
            "automatic": c["automatic"].figures(),
            "relevance": {k: rel[k] for k in ("tp", "fp", "fn")},
        }
    return out, errors


def _fmt(v: object) -> str:
    return "  –  " if v is None else f"{v:.3f}"


def main() -> int:
    """Score the check set and print the table and the summary line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=CHECK)
    ap.add_argument("--show-errors", action="store_true", help="not for whoever tunes the linker")
    a = ap.parse_args()
    gold = load_check(a.gold)
    figures, errors = score(gold, run(gold))
    print(f"check set: {len(gold)} items, {sum(len(g.events) for g in gold)} expected links")
    print(
        f"{'':22s} {'items':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} {'P-auto':>6s} {'R-auto':>6s}"
        f" {'relP':>6s} {'relR':>6s}  links tp/fp/fn  relevance tp/fp/fn"
    )
    for name, s in figures.items():
        print(
            f"{name:22s} {s['items']:5d} {_fmt(s['precision']):>6s} {_fmt(s['recall']):>6s}"
            f" {_fmt(s['f1']):>6s} {_fmt(s['automatic']['precision']):>6s}"
            f" {_fmt(s['automatic']['recall']):>6s} {_fmt(s['relevance_precision']):>6s}"
            f" {_fmt(s['relevance_recall']):>6s}  {s['links']['tp']:3d}/{s['links']['fp']:3d}"
            f"/{s['links']['fn']:3d}       {s['relevance']['tp']:3d}/{s['relevance']['fp']:3d}"
            f"/{s['relevance']['fn']:3d}"
        )
    if a.show_errors:
        for gid, event, kind in errors:
            print(f"  {kind}: {gid} {event}".rstrip())
    summary = {**figures.pop("all"), "per_class": figures, "gold_items": len(gold)}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
