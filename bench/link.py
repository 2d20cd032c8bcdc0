"""Benchmark relevance and linking: quality on the web-like gold set, speed on 100,000 items.

Usage: python bench/link.py [--items 100000] [--events 200] [--skip-speed] [--show-heldout-errors]

Quality: the gold items (tests/fixtures/linking_web_gold.jsonl, classes and rules in
linking_web_gold.md) are stored in a fresh in-memory database with ``upsert_item`` (dates
with their precision), their relevance decided by the topic query of sources.yaml as a run
decides it, and linked by the run's own link stage against events.yaml. Link precision, recall
and F1 (pairwise over the links a user sees, suggested ones included; also automatic only),
relevance precision and recall, with 95 % Wilson intervals, for all items, the dev and heldout
splits and each class. Errors are listed for dev items only (heldout is for reporting).
Speed: synthetic relevant items (Danish-looking words; dated to the minute, to the month, or
undated) and synthetic events are written straight into the tables (setup, not timed), then
``link_items`` is timed twice: a first pass that analyses every item, and a re-run that reads
the cached analyses. Peak RSS is reported after each phase. The last line is one JSON object.
This benchmark does not read /work/shared.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
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

from mediespor.config.events import Event  # noqa: E402
from mediespor.date_interval import start_of  # noqa: E402
from mediespor.link.bulk import insert_rows  # noqa: E402
from mediespor.link.evaluate import Evaluation, evaluate, load_gold, store_gold  # noqa: E402
from mediespor.link.linker import link_items  # noqa: E402
from mediespor.paths import resolve_paths  # noqa: E402
from mediespor.pipeline import RunOptions, RunState, load_config, stage_catalog, stage_link  # noqa: E402
from mediespor.progress import Reporter  # noqa: E402
from mediespor.store.db import open_store  # noqa: E402
from mediespor.store.runs import start_run  # noqa: E402

GOLD = REPO / "tests" / "fixtures" / "linking_web_gold.jsonl"
#: Fields the events of this checkout have (anchors arrived with issue 14).
EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}

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


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_on_gold(labelled_relevance: bool = False) -> tuple[list, Evaluation]:
    """Store the gold items and link them as ``mediespor run`` does; score the outcome.

    With ``labelled_relevance`` the items' relevance is their label instead of the topic
    filter's verdict, which measures the linker alone.
    """
    paths = resolve_paths(project_dir=REPO)
    config, events, query = load_config(paths)
    gold = load_gold(GOLD)
    with open_store(None) as store:
        state = RunState(
            paths=paths,
            options=RunOptions(render=False),
            reporter=Reporter(fmt="logfmt", stream=io.StringIO(), quiet=True),
            config=config,
            events=events,
            query=query,
            store=store,
            run_id=start_run(store.con, "bench-link", {}),
        )
        stage_catalog(state)
        if labelled_relevance:
            ids = store_gold(store, gold, labelled_relevance=True)
        else:
            ids = store_gold(store, gold, query)
        stage_link(state)
        return gold, evaluate(store, gold, ids)


def _fmt(v: object) -> str:
    return "  –  " if v is None else f"{v:.3f}"


def print_quality(gold: list, ev: Evaluation, show_heldout_errors: bool) -> None:
    """Human-readable figures: totals, splits, per class, and the dev errors."""
    split_of = {g.gold_id: g.split for g in gold}
    print(
        f"gold set: {len(gold)} items, {sum(len(g.events) for g in gold)} expected links,"
        f" {sum(g.relevant for g in gold)} relevant"
    )
    head = f"{'':20s} {'items':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} {'P-auto':>6s} {'R-auto':>6s}"
    print(head + f" {'relP':>6s} {'relR':>6s}  links tp/fp/fn  relevance tp/fp/fn")
    rows = [("ALL", ev.all), *ev.splits.items(), *ev.per_class.items()]
    for name, s in rows:
        print(
            f"{name:20s} {s.items:5d} {_fmt(s.links.precision):>6s} {_fmt(s.links.recall):>6s}"
            f" {_fmt(s.links.f1):>6s} {_fmt(s.automatic.precision):>6s}"
            f" {_fmt(s.automatic.recall):>6s} {_fmt(s.relevance.precision):>6s}"
            f" {_fmt(s.relevance.recall):>6s}  {s.links.tp:3d}/{s.links.fp:3d}/{s.links.fn:3d}"
            f"       {s.relevance.tp:3d}/{s.relevance.fp:3d}/{s.relevance.fn:3d}"
        )
    a = ev.all.as_dict()
    print(
        f"all: link precision {a['precision']} {a['precision_ci95']}, recall {a['recall']}"
        f" {a['recall_ci95']}; relevance precision {a['relevance_precision']}"
        f" {a['relevance_precision_ci95']}, recall {a['relevance_recall']}"
        f" {a['relevance_recall_ci95']} (95 % Wilson)"
    )
    shown = [e for e in ev.errors if show_heldout_errors or split_of[e[0]] == "dev"]
    print(f"errors ({'all' if show_heldout_errors else 'dev only'}): {len(shown)}")
    for gid, event, kind in shown:
        print(f"  {kind}: {gid} {event}".rstrip())


def synthetic_events(rng: random.Random, n: int) -> list[Event]:
    """``n`` events with dates spread over 2013-2019, some of them ranges.

    Each has occurrence anchors (two words together, an amount) when events can carry them,
    so a linker that needs occurrence evidence still finds links to write.
    """
    out = []
    for i in range(n):
        start = date(2013, 1, 1) + timedelta(days=rng.randrange(0, 7 * 365))
        end = start + timedelta(days=rng.choice([0, 0, 0, 0, 3, 11]))
        words = rng.sample(VOCAB, 8)
        description = " ".join(rng.sample(VOCAB, 20)) + f" {rng.choice(NAMES)}."
        amount = f"{rng.randrange(2, 40)} millioner"
        anchors = (f"{words[0]} + {words[1]}", amount)
        out.append(
            Event(
                event_id=f"syn-{i:04d}",
                date_start=start,
                date_end=end,
                title=" ".join(words[:6]).capitalize(),
                description=description,
                kind="other",
                keywords=(*words[5:8], amount),
                source_url=None,
                **({"anchors": anchors} if "anchors" in EVENT_FIELDS else {}),
            )
        )
    return out


#: Shares of the synthetic items' date precisions, like the web: more than a third coarse.
PRECISION_MIX = (("time", 0.60), ("day", 0.05), ("month", 0.15), ("year", 0.05), (None, 0.15))


def synthetic_date(rng: random.Random) -> tuple[datetime | None, str | None]:
    """A publication instant and its precision drawn from :data:`PRECISION_MIX`."""
    precision = rng.choices([p for p, _ in PRECISION_MIX], [w for _, w in PRECISION_MIX])[0]
    instant = datetime(2013, 1, 1, 6, tzinfo=UTC) + timedelta(
        minutes=rng.randrange(0, 7 * 365 * 24 * 60)
    )
    if precision is None:
        return None, None
    if precision == "time":
        return instant, "time"
    return start_of(instant.date(), precision), precision


def synthetic_items(rng: random.Random, n: int):
    """Rows for the items table: relevant items with ~70-word title+lead+text."""
    seen = datetime(2026, 1, 1, tzinfo=UTC).isoformat()
    for i in range(n):
        published, precision = synthetic_date(rng)
        title = " ".join(rng.sample(VOCAB, 7)).capitalize()
        lead = " ".join(rng.sample(VOCAB, 18)) + f" siger {rng.choice(NAMES)}."
        text = " ".join(rng.choices(VOCAB, k=45)) + f" Det koster {rng.randrange(2, 40)} millioner."
        key = f"https://example.org/syn/{i}"
        first = published.isoformat() if published else seen
        yield {
            "item_id": f"s{i:015d}",
            "item_key": key,
            "url": key,
            "outlet": f"Outlet {i % 7}",
            "title": title,
            "lead": lead,
            "text": text,
            "published_at": published.isoformat() if published else None,
            "published_precision": precision,
            "first_seen": first,
            "last_seen": first,
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
    "published_precision": "VARCHAR",
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
    ap.add_argument(
        "--show-heldout-errors",
        action="store_true",
        help="also list the heldout items' errors (not while tuning the linker)",
    )
    ap.add_argument("--phase-link", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--memory-limit", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase_link:
        print(json.dumps(link_phase(a.phase_link, a.events, a.memory_limit)))
        return 0
    gold, ev = run_on_gold()
    print_quality(gold, ev, a.show_heldout_errors)
    # Speed figures are prefixed or named apart so they never overwrite a quality key.
    summary: dict[str, object] = ev.as_dict()
    _, alone = run_on_gold(labelled_relevance=True)
    summary["links_given_labelled_relevance"] = {
        split: {k: getattr(s.links, k) for k in ("precision", "recall", "f1")}
        for split, s in (("all", alone.all), *alone.splits.items())
    }
    print(
        "links if relevance were as labelled (the linker alone):"
        f" {summary['links_given_labelled_relevance']}"
    )
    summary["seconds_100k"] = None
    if not a.skip_speed:
        # A quarter-size run first: if peak memory barely grows from 25k to 100k items,
        # memory is flat in the number of items.
        small = speed(a.items // 4, a.events, (None, "256MB"))
        full = speed(a.items, a.events, (None, "256MB"))
        summary.update(
            {
                "speed_items": a.items,
                "speed_events": a.events,
                "seconds_100k": round(full["seconds_first_pass"] * 100_000 / a.items, 2),
                "seconds_first_pass": full["seconds_first_pass"],
                "seconds_rerun": full["seconds_rerun"],
                "speed_links": full["links"],
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
