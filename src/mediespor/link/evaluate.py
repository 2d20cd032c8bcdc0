"""Measure relevance and event links against a hand-labelled gold set.

The gold set (``tests/fixtures/linking_web_gold.jsonl``; format and labelling rules in
``linking_web_gold.md``) holds items with a class, a ``dev``/``heldout`` split, a date of any
precision, whether the item is about the dispute (``relevant``) and the events it covers. The
older ``linking_gold.jsonl`` (no class, split or relevance; every item relevant) loads too.

Links are compared pairwise, (item, event), micro-averaged, over the links a user sees: every
row of ``item_events`` that is not rejected, suggested links included. The same figures without
suggested links are reported as ``automatic``. Relevance is compared per item. Every ratio
comes with a 95 % Wilson interval.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from mediespor.date_interval import Precision, start_of
from mediespor.models import ItemRecord
from mediespor.store.db import Store, utcnow
from mediespor.store.items import upsert_item
from mediespor.topic.query import Query
from mediespor.topic.relevance import judge

#: The gold file's item kinds and the stored kinds they stand for.
GOLD_KINDS = {
    "article": "article",
    "tv": "video",
    "blog": "blog",
    "press": "press_release",
    "page": "other",
}
#: The source a curated item is stored under: the one ``mediespor run`` gives the known coverage.
CURATED_SOURCE = "known-coverage"
#: Link statuses a user does not see as links.
HIDDEN_STATUSES = ("rejected",)
#: Link statuses that are proposals for an analyst rather than automatic links.
SUGGESTED_STATUSES = ("suggested",)
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class GoldItem:
    """One labelled item."""

    gold_id: str
    record: ItemRecord
    events: frozenset[str]
    not_events: frozenset[str]
    cls: str = "own-2017"
    split: str = "dev"
    relevant: bool = True
    curated: bool = False


@dataclass(frozen=True)
class Prediction:
    """What the pipeline decided for one gold item."""

    relevant: bool
    links: frozenset[str] = frozenset()  # every link a user sees, suggested ones included
    automatic: frozenset[str] = frozenset()  # the same without suggested links


def parse_gold_date(value: str | None) -> tuple[datetime | None, str | None]:
    """The stored instant and precision of a gold ``published`` value.

    ``2017-06-28T14:32:00+02:00`` → time; ``2017-06-28`` → day; ``2017-06`` → month;
    ``2017`` → year; null → undated. Coarse dates are stored as :func:`start_of` gives them.
    """
    if value is None or not value.strip():
        return None, None
    v = value.strip()
    if "T" in v:
        return datetime.fromisoformat(v), Precision.TIME.value
    parts = v.split("-")
    if len(parts) == 3:
        return start_of(date.fromisoformat(v), Precision.DAY), Precision.DAY.value
    if len(parts) == 2:
        return start_of(date(int(parts[0]), int(parts[1]), 1), Precision.MONTH), "month"
    if len(parts) == 1 and len(v) == 4 and v.isdigit():
        return start_of(date(int(v), 1, 1), Precision.YEAR), Precision.YEAR.value
    raise ValueError(
        f"published {value!r} is not a gold date (2017-06-28[T14:32+02:00], 2017-06, 2017)"
    )


def gold_item(g: Mapping[str, object]) -> GoldItem:
    """One gold line as a :class:`GoldItem` (raises KeyError/ValueError on a malformed line)."""
    published_at, precision = parse_gold_date(g.get("published"))  # type: ignore[arg-type]
    curated = bool(g.get("curated", False))
    via = str(g.get("via") or ("import" if curated else "gold"))
    record = ItemRecord(
        outlet=str(g["outlet"]),
        title=str(g["title"]),
        via=via,
        source=CURATED_SOURCE if curated else "gold",
        kind=GOLD_KINDS[str(g.get("kind") or "article")],
        lead=str(g.get("lead") or "") or None,
        text=str(g.get("text") or "") or None,
        published_at=published_at,
        published_precision=precision,
        date_source="import" if curated and published_at else None,
        hint=g.get("hint"),  # type: ignore[arg-type]
        seen_url=f"gold:{g['id']}",
    )
    split = str(g.get("split", "dev"))
    if split not in SPLITS:
        raise ValueError(f"{g['id']}: split {split!r} is not one of {SPLITS}")
    return GoldItem(
        gold_id=str(g["id"]),
        record=record,
        events=frozenset(g["events"]),  # type: ignore[arg-type]
        not_events=frozenset(g.get("not_events", ())),  # type: ignore[arg-type]
        cls=str(g.get("class", "own-2017")),
        split=split,
        relevant=bool(g.get("relevant", True)),
        curated=curated,
    )


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a gold JSONL file (the web-like set or the older one)."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(gold_item(json.loads(line)))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}:{n}: {exc}") from exc
    return out


def store_gold(
    store: Store,
    gold: Sequence[GoldItem],
    query: Query | None = None,
    *,
    labelled_relevance: bool = False,
) -> dict[str, str]:
    """Store the gold items with ``upsert_item``; return gold id → item id.

    With a topic ``query`` each item's relevance is decided as a run decides it (the query's
    verdict, and every curated item is relevant, as the known-coverage import makes it). Without
    one every item is stored as relevant, or, with ``labelled_relevance``, as its label says:
    both measure the linker alone.
    """
    ids = {}
    with store.transaction() as con:
        for g in gold:
            if query is None:
                relevant, terms = (g.relevant if labelled_relevance else True), ["gold"]
            else:
                r = g.record
                verdict = judge(
                    query, r.title, r.lead, r.text,
                    published=r.published_at, precision=r.published_precision, hint=r.hint,
                )  # fmt: skip
                relevant, terms = verdict.relevant or g.curated, verdict.terms
            res = upsert_item(
                con, g.record, now=utcnow(), run_id=None, relevant=relevant, topic_terms=terms
            )
            ids[g.gold_id] = res.item_id
    # Two gold lines the store takes for one item (same outlet, day and title) would share
    # their predictions and be scored twice.
    by_item: dict[str, str] = {}
    for gid, item_id in ids.items():
        if item_id in by_item:
            raise ValueError(f"gold items {by_item[item_id]} and {gid} are stored as one item")
        by_item[item_id] = gid
    return ids


def read_predictions(store: Store, ids: Mapping[str, str]) -> dict[str, Prediction]:
    """The relevance and the links the store holds for each gold item."""
    seen: dict[str, set[str]] = {}
    auto: dict[str, set[str]] = {}
    for item_id, event_id, status in store.con.execute(
        "SELECT item_id, event_id, status FROM item_events"
    ).fetchall():
        if status in HIDDEN_STATUSES:
            continue
        seen.setdefault(item_id, set()).add(event_id)
        if status not in SUGGESTED_STATUSES:
            auto.setdefault(item_id, set()).add(event_id)
    relevant = dict(
        store.con.execute("SELECT item_id, coalesce(is_relevant, FALSE) FROM items").fetchall()
    )
    return {
        gid: Prediction(
            relevant=bool(relevant.get(iid, False)),
            links=frozenset(seen.get(iid, ())),
            automatic=frozenset(auto.get(iid, ())),
        )
        for gid, iid in ids.items()
    }


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """95 % Wilson score interval for ``k`` successes of ``n`` (None when ``n`` is 0)."""
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the ratios they give.

    A ratio over nothing (no prediction, or nothing to find) is None, not 0 or 1.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp)."""
        n = self.tp + self.fp
        return round(self.tp / n, 4) if n else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn)."""
        n = self.tp + self.fn
        return round(self.tp / n, 4) if n else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (None when either is undefined)."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    def as_dict(self) -> dict[str, object]:
        """Figures and intervals, for JSON."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "precision_ci95": wilson(self.tp, self.tp + self.fp),
            "recall_ci95": wilson(self.tp, self.tp + self.fn),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def pair_counts(expected: frozenset[str], got: frozenset[str]) -> Counts:
    """Pairwise counts of one item's links."""
    return Counts(len(expected & got), len(got - expected), len(expected - got))


@dataclass(frozen=True)
class GroupScore:
    """Link and relevance figures over one group of gold items."""

    items: int
    links: Counts  # links a user sees (suggested included)
    automatic: Counts  # without suggested links
    relevance: Counts  # per item: predicted relevant vs labelled relevant
    hard_negatives_linked: int

    def as_dict(self) -> dict[str, object]:
        """The figures as the bench prints them."""
        links = self.links.as_dict()
        rel = self.relevance.as_dict()
        return {
            "items": self.items,
            **{k: links[k] for k in ("precision", "recall", "f1")},
            "relevance_precision": rel["precision"],
            "relevance_recall": rel["recall"],
            "precision_ci95": links["precision_ci95"],
            "recall_ci95": links["recall_ci95"],
            "relevance_precision_ci95": rel["precision_ci95"],
            "relevance_recall_ci95": rel["recall_ci95"],
            "links": {k: links[k] for k in ("tp", "fp", "fn")},
            "automatic": self.automatic.as_dict(),
            "relevance": {k: rel[k] for k in ("tp", "fp", "fn")},
            "hard_negatives_linked": self.hard_negatives_linked,
        }


def score_group(gold: Iterable[GoldItem], predictions: Mapping[str, Prediction]) -> GroupScore:
    """Sum the pairwise and relevance counts over ``gold``."""
    n = 0
    links = automatic = relevance = Counts()
    hard = 0
    for g in gold:
        p = predictions.get(g.gold_id, Prediction(relevant=False))
        n += 1
        links += pair_counts(g.events, p.links)
        automatic += pair_counts(g.events, p.automatic)
        relevance += Counts(
            int(g.relevant and p.relevant), int(p.relevant and not g.relevant),
            int(g.relevant and not p.relevant),
        )  # fmt: skip
        hard += len(p.links & g.not_events)
    return GroupScore(n, links, automatic, relevance, hard)


@dataclass(frozen=True)
class Evaluation:
    """Figures for all items, each split and each class, and the errors behind them."""

    all: GroupScore
    splits: dict[str, GroupScore]
    per_class: dict[str, GroupScore]
    #: (gold id, event id or '', kind): kind is 'fp' (a wrong automatic link), 'fp-suggested'
    #: (a wrong suggested link), 'fn' (a missing link), or 'relevance-fp' / 'relevance-fn'
    #: with an empty event.
    errors: tuple[tuple[str, str, str], ...] = field(default=())

    @property
    def precision(self) -> float | None:
        """Link precision over all items (links a user sees)."""
        return self.all.links.precision

    @property
    def recall(self) -> float | None:
        """Link recall over all items (links a user sees)."""
        return self.all.links.recall

    @property
    def f1(self) -> float | None:
        """Link F1 over all items (links a user sees)."""
        return self.all.links.f1

    @property
    def hard_negatives_linked(self) -> int:
        """Links to an event the item is explicitly labelled not to be about."""
        return self.all.hard_negatives_linked

    def as_dict(self) -> dict[str, object]:
        """All figures, for the bench's JSON line."""
        return {
            **self.all.as_dict(),
            **{name: s.as_dict() for name, s in self.splits.items()},
            "per_class": {c: s.as_dict() for c, s in self.per_class.items()},
        }


def evaluate_predictions(
    gold: Sequence[GoldItem], predictions: Mapping[str, Prediction]
) -> Evaluation:
    """Score ``predictions`` against ``gold``: all items, per split, per class (in file order)."""
    classes: dict[str, list[GoldItem]] = {}
    for g in gold:
        classes.setdefault(g.cls, []).append(g)
    errors: list[tuple[str, str, str]] = []
    for g in gold:
        p = predictions.get(g.gold_id, Prediction(relevant=False))
        for ev in sorted(p.links - g.events):
            errors.append((g.gold_id, ev, "fp" if ev in p.automatic else "fp-suggested"))
        for ev in sorted(g.events - p.links):
            errors.append((g.gold_id, ev, "fn"))
        if p.relevant != g.relevant:
            errors.append((g.gold_id, "", "relevance-fp" if p.relevant else "relevance-fn"))
    return Evaluation(
        all=score_group(gold, predictions),
        splits={s: score_group([g for g in gold if g.split == s], predictions) for s in SPLITS},
        per_class={c: score_group(items, predictions) for c, items in classes.items()},
        errors=tuple(errors),
    )


def evaluate(store: Store, gold: Sequence[GoldItem], ids: Mapping[str, str]) -> Evaluation:
    """Compare what the store holds for the gold items with their labels."""
    return evaluate_predictions(gold, read_predictions(store, ids))
