"""Score relevance and event links on the independent check set, as a run would decide them.

Usage: python bench/link_check.py [--gold tests/fixtures/linking_check_gold.jsonl] [--show-errors]

The check set (tests/fixtures/linking_check_gold.jsonl, rules in its .md) is written by another
author than the dev set and nobody tunes on it. It is scored exactly as ``bench/link.py`` scores
the dev set, with that script's ``run_on_gold`` (a fresh in-memory store, relevance by the topic
of sources.yaml, the run's own link stage) and ``mediespor.link.evaluate``: link precision,
recall and F1 over every link a user sees (suggested included; automatic only beside it),
relevance precision and recall, with 95 % Wilson intervals, overall and per class. All items
have the split ``check`` (the dev/heldout rows stay empty). Errors are hidden unless
``--show-errors``: whoever tunes the linker must not read them. ``--labelled-relevance`` stores
each item's labelled relevance instead of the topic's verdict, to measure the linker alone. The
last line is one JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import link as link_bench  # noqa: E402  (bench/link.py: the dev set's harness)
from mediespor.link.evaluate import GoldItem, gold_item  # noqa: E402

CHECK = REPO / "tests" / "fixtures" / "linking_check_gold.jsonl"


def load_check(path: Path) -> list[GoldItem]:
    """Read the check set with the dev set's reader; its split ``check`` is kept as a label."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        if g.get("split") != "check":
            raise ValueError(f"{path}:{n}: split {g.get('split')!r}: every check item is 'check'")
        # evaluate.gold_item knows only dev/heldout; read it as heldout (never tuned on), then
        # label it as what it is.
        out.append(dataclasses.replace(gold_item({**g, "split": "heldout"}), split="check"))
    return out


def main() -> int:
    """Score the check set with bench/link.py's harness; print the table and the summary line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=CHECK)
    ap.add_argument("--show-errors", action="store_true", help="not for whoever tunes the linker")
    ap.add_argument(
        "--labelled-relevance",
        action="store_true",
        help="store each item's labelled relevance instead of the topic's verdict (linker alone)",
    )
    a = ap.parse_args()
    check = load_check(a.gold)
    # run_on_gold reads bench/link.py's GOLD through its load_gold: hand it the check set.
    link_bench.load_gold = lambda _path: check
    gold, ev = link_bench.run_on_gold(labelled_relevance=a.labelled_relevance)
    link_bench.print_quality(gold, ev, show_heldout_errors=a.show_errors)
    summary = {**ev.all.as_dict(), "per_class": ev.as_dict()["per_class"], "gold_items": len(gold)}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
