"""Benchmark the linker: quality on the hand-labelled gold set, speed on 100,000 synthetic items.

Usage: python bench/link.py [--items 100000] [--events 200] [--skip-speed]

Quality: the gold items (tests/fixtures/linking_gold.jsonl) are stored in a fresh in-memory
database with ``upsert_item``, linked against the real events.yaml, and compared pairwise.
Speed: synthetic relevant items (Danish-looking words, dates spread over 2013-2019) and
synthetic events are written straight into the tables (setup, not timed), then
``link_items`` is timed twice: a first pass that analyses every item, and a re-run that reads
the cached analyses. Peak RSS is reported after each phase. The last line is one JSON object.
This benchmark does not read /work/shared.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from mediespor.config.events import Event, load_events  # noqa: E402
from mediespor.link.bulk import insert_rows  # noqa: E402
from mediespor.link.evaluate import evaluate, load_gold, store_gold  # noqa: E402
from mediespor.link.linker import DEFAULT_THRESHOLD, link_items  # noqa: E402
from mediespor.store.db import open_store  # noqa: E402

GOLD = REPO / "tests" / "fixtures" / "linking_gold.jsonl"

VOCAB = [
    "førtidspension",
    "fleksjob",
    "ressourceforløb",
    "jobcenter",
    "sagsbehandler",
    "borgmester",
    "udvalg",
    "rådhus",
    "kommune",
    "borger",
    "syg",
    "ledig",
    "klage",
    "afgørelse",
    "ankestyrelsen",
    "kontanthjælp",
    "reform",
    "pension",
    "penge",
    "millioner",
    "kroner",
    "budget",
    "forvaltning",
    "kultur",
    "møde",
    "demonstration",
    "protest",
    "forening",
    "brev",
    "krav",
    "politiker",
    "valg",
    "stemme",
    "kandidat",
    "parti",
    "venstre",
    "radikale",
    "socialdemokratiet",
    "ordfører",
    "tilkendelse",
    "afslag",
    "læge",
    "attest",
    "rehabilitering",
    "team",
    "vurdering",
    "sag",
    "behandling",
    "ventetid",
    "kritik",
    "undersøgelse",
    "rapport",
    "speciale",
    "universitet",
    "analyse",
    "tal",
    "statistik",
    "stigning",
    "fald",
    "fordobling",
    "halvering",
    "regering",
    "minister",
    "lov",
    "ændring",
    "evaluering",
    "aftale",
    "forhandling",
    "beslutning",
    "høring",
    "samråd",
    "københavn",
    "aarhus",
    "odense",
    "aalborg",
    "region",
    "hospital",
    "psykiatri",
    "smerte",
    "diagnose",
    "arbejde",
    "timer",
    "løn",
    "tilskud",
    "arbejdsgiver",
    "virksomhed",
    "praktik",
    "uddannelse",
    "ung",
    "gammel",
    "familie",
    "barn",
    "hjem",
]
NAMES = ["Hansen", "Jensen", "Nielsen", "Pedersen", "Larsen", "Madsen", "Kristensen", "Olsen"]


def wilson(k: int, n: int, z: float = 1.96) -> list[float]:
    """95 % Wilson score interval for k successes of n."""
    if n == 0:
        return [0.0, 0.0]
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(centre - half, 3), round(centre + half, 3)]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def quality() -> dict[str, object]:
    """Pairwise P/R/F1 of automatic links on the gold set, and a threshold sweep."""
    events = load_events(REPO / "events.yaml")
    gold = load_gold(GOLD)
    sweep = {}
    result: dict[str, object] = {}
    for th in (0.15, 0.20, DEFAULT_THRESHOLD, 0.30, 0.35, 0.40):
        with open_store(None) as store:
            ids = store_gold(store, gold)
            link_items(store, events, threshold=th)
            m = evaluate(store, gold, ids)
        sweep[f"{th:.2f}"] = {"precision": m.precision, "recall": m.recall, "f1": m.f1}
        if th == DEFAULT_THRESHOLD:
            result = {
                "precision": m.precision,
                "recall": m.recall,
                "f1": m.f1,
                "true_pos": m.true_pos,
                "false_pos": m.false_pos,
                "false_neg": m.false_neg,
                "hard_negatives_linked": m.hard_negatives_linked,
                "p_ci95": wilson(m.true_pos, m.true_pos + m.false_pos),
                "r_ci95": wilson(m.true_pos, m.true_pos + m.false_neg),
                "errors": [list(e) for e in m.errors],
                "gold_items": len(gold),
                "gold_pairs": sum(len(g.events) for g in gold),
            }
    result["threshold"] = DEFAULT_THRESHOLD
    result["sweep"] = sweep
    return result


def synthetic_events(rng: random.Random, n: int) -> list[Event]:
    """``n`` events with dates spread over 2013-2019, some of them ranges."""
    out = []
    for i in range(n):
        start = date(2013, 1, 1) + timedelta(days=rng.randrange(0, 7 * 365))
        end = start + timedelta(days=rng.choice([0, 0, 0, 0, 3, 11]))
        words = rng.sample(VOCAB, 8)
        out.append(
            Event(
                event_id=f"syn-{i:04d}",
                date_start=start,
                date_end=end,
                title=" ".join(words[:6]).capitalize(),
                description=" ".join(rng.sample(VOCAB, 20)) + f" {rng.choice(NAMES)}.",
                kind="other",
                keywords=(*words[5:8], f"{rng.randrange(2, 40)} millioner"),
                source_url=None,
            )
        )
    return out


def synthetic_items(rng: random.Random, n: int):
    """Rows for the items table: relevant items with ~70-word title+lead+text."""
    start = datetime(2013, 1, 1, 6, tzinfo=UTC)
    for i in range(n):
        published = start + timedelta(minutes=rng.randrange(0, 7 * 365 * 24 * 60))
        title = " ".join(rng.sample(VOCAB, 7)).capitalize()
        lead = " ".join(rng.sample(VOCAB, 18)) + f" siger {rng.choice(NAMES)}."
        text = " ".join(rng.choices(VOCAB, k=45)) + f" Det koster {rng.randrange(2, 40)} millioner."
        key = f"https://example.org/syn/{i}"
        yield {
            "item_id": f"s{i:015d}",
            "item_key": key,
            "url": key,
            "outlet": f"Outlet {i % 7}",
            "title": title,
            "lead": lead,
            "text": text,
            "published_at": published.isoformat(),
            "first_seen": published.isoformat(),
            "last_seen": published.isoformat(),
            "content_hash": f"h{i}",
            "is_relevant": True,
        }


ITEM_COLUMNS = {
    "item_id": "VARCHAR",
    "item_key": "VARCHAR",
    "url": "VARCHAR",
    "outlet": "VARCHAR",
    "title": "VARCHAR",
    "lead": "VARCHAR",
    "text": "VARCHAR",
    "published_at": "TIMESTAMPTZ",
    "first_seen": "TIMESTAMPTZ",
    "last_seen": "TIMESTAMPTZ",
    "content_hash": "VARCHAR",
    "is_relevant": "BOOLEAN",
}


def link_phase(db: Path, n_events: int, memory_limit: str | None) -> dict[str, object]:
    """Link an existing benchmark database twice; run in its own process so RSS is its own."""
    events = synthetic_events(random.Random(20170629), n_events)
    store = open_store(db)
    if memory_limit:
        store.con.execute(f"SET memory_limit = '{memory_limit}'")
    rss_open = peak_rss_mb()
    t0 = time.perf_counter()
    first = link_items(store, events)
    t_first = time.perf_counter() - t0
    rss_first = peak_rss_mb()
    t0 = time.perf_counter()
    second = link_items(store, events)
    t_second = time.perf_counter() - t0
    store.close()
    return {
        "seconds_first_pass": round(t_first, 2),
        "seconds_rerun": round(t_second, 2),
        "items": first.items,
        "pairs_scored": first.pairs_scored,
        "links": first.links,
        "unlinked": first.unlinked_items,
        "rerun_changes": second.added + second.updated + second.removed,
        "peak_rss_mb_open": rss_open,
        "peak_rss_mb_first": rss_first,
        "peak_rss_mb_rerun": peak_rss_mb(),
    }


def speed(n_items: int, n_events: int, memory_limits: tuple[str | None, ...] = (None,)) -> dict:
    """Seconds (and peak memory) to link ``n_items`` synthetic items against ``n_events``.

    One fresh process per DuckDB memory limit (None = DuckDB's default, 80 % of RAM).
    """
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        rng = random.Random(20170629)
        synthetic_events(rng, n_events)  # advance the generator as link_phase does
        store = open_store(db)
        t0 = time.perf_counter()
        with store.transaction() as con:
            insert_rows(con, "items", ITEM_COLUMNS, synthetic_items(rng, n_items))
        store.close()
        print(f"setup: {n_items} items written in {time.perf_counter() - t0:.1f} s (not timed)")
        results = {}
        for limit in memory_limits:
            cmd = [sys.executable, __file__, "--phase-link", str(db), "--events", str(n_events)]
            if limit:
                cmd += ["--memory-limit", limit]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            results[limit or "default"] = r
            print(
                f"{n_items} items x {n_events} events (duckdb memory_limit {limit or 'default'}):"
                f" first pass (analyse + score + write) {r['seconds_first_pass']} s,"
                f" {r['pairs_scored']} pairs, {r['links']} links; re-run with cached analyses"
                f" {r['seconds_rerun']} s ({r['rerun_changes']} changes); peak RSS"
                f" {r['peak_rss_mb_open']} MiB after open, {r['peak_rss_mb_first']} after first"
                f" pass, {r['peak_rss_mb_rerun']} after re-run"
            )
            # The second configuration reuses the analyses cached by the first; start clean.
            with open_store(db) as s2:
                s2.con.execute("DELETE FROM item_analysis")
                s2.con.execute("DELETE FROM item_events")
    r = results["default"]
    r["by_memory_limit"] = results
    return r


def main() -> int:
    """Run both parts and print the summary line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=200)
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--phase-link", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--memory-limit", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase_link:
        print(json.dumps(link_phase(a.phase_link, a.events, a.memory_limit)))
        return 0
    q = quality()
    print(f"gold set: {q['gold_items']} items, {q['gold_pairs']} expected links")
    print(
        f"threshold {q['threshold']}: precision {q['precision']} {q['p_ci95']},"
        f" recall {q['recall']} {q['r_ci95']}, f1 {q['f1']}"
        f" (tp {q['true_pos']}, fp {q['false_pos']}, fn {q['false_neg']},"
        f" hard negatives linked {q['hard_negatives_linked']})"
    )
    for th, m in q["sweep"].items():
        print(f"  threshold {th}: P {m['precision']} R {m['recall']} F1 {m['f1']}")
    for e in q["errors"]:
        print(f"  {e[2]}: {e[0]} {e[1]}")
    summary = {k: q[k] for k in ("precision", "recall", "f1", "p_ci95", "r_ci95", "threshold")}
    summary["seconds_100k"] = None
    if not a.skip_speed:
        # A quarter-size run first: if peak memory barely grows from 25k to 100k items,
        # memory is flat in the number of items.
        small = speed(a.items // 4, a.events, (None, "256MB"))
        full = speed(a.items, a.events, (None, "256MB"))
        summary.update(
            {
                "items": a.items,
                "events": a.events,
                "seconds_100k": round(full["seconds_first_pass"] * 100_000 / a.items, 2),
                "seconds_first_pass": full["seconds_first_pass"],
                "seconds_rerun": full["seconds_rerun"],
                "links": full["links"],
                "rerun_changes": full["rerun_changes"],
                "peak_rss_mb": full["peak_rss_mb_rerun"],
                "peak_rss_mb_quarter": small["peak_rss_mb_rerun"],
                "seconds_100k_duckdb_256mb": round(
                    full["by_memory_limit"]["256MB"]["seconds_first_pass"] * 100_000 / a.items, 2
                ),
                "peak_rss_mb_duckdb_256mb": full["by_memory_limit"]["256MB"]["peak_rss_mb_rerun"],
                "peak_rss_mb_quarter_duckdb_256mb": small["by_memory_limit"]["256MB"][
                    "peak_rss_mb_rerun"
                ],
            }
        )
    print(f"load average while running: {os.getloadavg()[0]:.2f} (2 cores, shared)")
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
