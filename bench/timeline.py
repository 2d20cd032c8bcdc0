"""Benchmark the timeline: render time, file size and time to first paint in headless Chromium.

Synthetic collections of 1k, 10k and 100k items (eight outlets, Danish-looking titles of
50-100 characters, leads of ~200 characters, URLs of ~70 characters, half of the items in
June-July 2017, a third linked to one of the real events of events.yaml) are written straight
into a fresh DuckDB file with one SQL statement per table: going through ``upsert_item`` would
measure the store, not the timeline. It does not use ../shared (no real data is needed).

render_s      ``render_all`` (read the DB, build the figure, write timeline.html and index.html)
size_mb       timeline.html in MB (10^6 bytes)
first_paint_s from navigation start until the plot frame has been drawn: the page sets
              ``window.__mediesporPainted`` in the second animation frame after
              ``Plotly.newPlot`` resolved (headless Chromium, --disable-gpu; lanes above
              ``figure.BIN_THRESHOLD`` items are drawn binned)
items_ready_s when the item table (tooltips, search) is parsed / decompressed
pan_ms        one ``Plotly.relayout`` of the x range (a pan step), after load

The out-of-the-box page ("default": the shipped events.yaml and data/known_coverage.csv, loaded
and linked by the same stages as ``mediespor run`` minus the crawl) gives size_mb_default and
first_paint_s_default. Readability is measured at 1400x900 on the page as a person sees it:
overlapping_labels    pairs of visible labels (event labels, headlines) whose boxes overlap,
                      summed over the default page's opening view and the 400-item page
                      (about 200 items in June-July 2017) on its "juni-juli 2017" preset
headlines_visible_junjul  headlines shown (without hovering) in that June-July view

Targets: at 100k render <= 10 s, file <= 15 MB, first paint <= 3 s; default page <= 1.5 MB and
first paint <= 1 s; no overlapping labels; at least 20 headlines in June-July.
The last output line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mediespor.config.events import load_events
from mediespor.paths import resolve_paths
from mediespor.pipeline import (
    RunOptions,
    RunState,
    load_config,
    stage_catalog,
    stage_known_coverage,
    stage_link,
)
from mediespor.progress import Reporter
from mediespor.store.catalog import sync_events
from mediespor.store.db import open_store
from mediespor.store.runs import start_run
from mediespor.timeline import render_all

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
OUTLETS = [
    "DR", "TV2 Lorry", "Politiken", "Berlingske", "Jyllands-Posten", "Information",
    "Ekstra Bladet", "Reformramtes venner",
]  # fmt: skip
WORDS = [
    "borgere",
    "jobcenter",
    "førtidspension",
    "fleksjob",
    "ressourceforløb",
    "sagsbehandling",
    "kommunen",
    "borgmester",
    "rådhuset",
    "demonstration",
    "kritik",
    "millioner",
    "klagesager",
    "udvalget",
    "reform",
    "syge",
    "Allerslev",
    "København",
    "ankestyrelsen",
    "afgørelse",
    "kontanthjælp",
    "ventetid",
    "rehabilitering",
    "mødet",
    "krav",
    "vrede",
    "politikere",
    "beskæftigelse",
    "forvaltningen",
    "lover",
    "svigt",
    "rapport",
]

ITEMS_SQL = """
INSERT INTO items (item_id, item_key, url, original_url, outlet, kind, title, title_key, lead,
                   published_at, published_precision, first_seen, last_seen, is_relevant)
SELECT printf('%016x', i), url, url, url, outlet,
       CASE WHEN h % 9 = 0 THEN 'video' WHEN outlet = 'Reformramtes venner' THEN 'blog'
            ELSE 'article' END,
       title, lower(replace(title, ' ', '-')), lead, published_at, 'time', now(), now(),
       (h % 5) <> 0
FROM (
  SELECT i, h, outlet,
         'https://www.' || lower(replace(outlet, ' ', '')) || '.dk/nyheder/kobenhavn/' ||
           lower(replace(title, ' ', '-')) || '-' || i AS url,
         title,
         title || '. ' || list_element($words, (h >> 8) % $nw + 1) || ' ' ||
           repeat(list_element($words, (h >> 12) % $nw + 1) || ' ', 18) AS lead,
         CASE WHEN h % 2 = 0
              THEN TIMESTAMPTZ '2017-06-01 00:00:00+02' + to_seconds((h >> 16) % (61 * 86400))
              ELSE TIMESTAMPTZ '2013-01-01 00:00:00+01' + to_seconds((h >> 16) % (6 * 365 * 86400))
         END AS published_at
  FROM (
    SELECT i, hb(i) AS h,
           list_element($outlets, hb(i * 7) % $no + 1) AS outlet,
           array_to_string(list_transform(range(5 + hb(i * 13) % 6),
             k -> list_element($words, hb(i * 31 + k) % $nw + 1)), ' ') AS title
    FROM range($n) t(i)
  )
)
"""

LINKS_SQL = """
INSERT INTO item_events (item_id, event_id, score, reasons, status, linked_at)
SELECT item_id, list_element($events, hb(item_id) % $ne + 1),
       round(0.3 + (hb(item_id) >> 8) % 70 / 100.0, 2),
       '{"time": {"delta_days": 1}, "text_title": {"terms": [["demonstration", 0.2]]}}',
       'auto', now()
FROM items WHERE hb(item_id) % 3 = 0
"""


def _sql_list(values) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def build_db(path: Path, n: int) -> None:
    """A fresh DB with ``n`` synthetic items, the real events and links to a third of the items."""
    store = open_store(path)
    events = load_events(REPO / "events.yaml")
    with store.transaction() as con:
        sync_events(con, events)
        # hash() is UBIGINT; list indexes want BIGINT.
        con.execute("CREATE OR REPLACE TEMP MACRO hb(x) AS CAST(hash(x) >> 1 AS BIGINT)")
        # Constant word lists go in as SQL literals (they are ours, not input).
        con.execute(
            ITEMS_SQL.replace("$words", _sql_list(WORDS)).replace("$outlets", _sql_list(OUTLETS))
            .replace("$nw", str(len(WORDS))).replace("$no", str(len(OUTLETS)))
            .replace("$n", str(int(n)))
        )  # fmt: skip
        ids = [e.event_id for e in events]
        con.execute(LINKS_SQL.replace("$events", _sql_list(ids)).replace("$ne", str(len(ids))))
    store.close()


def build_default_db(path: Path) -> None:
    """The out-of-the-box database: shipped events and known coverage, linked (no crawl)."""
    paths = resolve_paths(REPO, db=path)
    config, events, query = load_config(paths)
    store = open_store(path)
    reporter = Reporter("logfmt", quiet=True)
    run_id = start_run(store.con, "bench", {})
    state = RunState(
        paths, RunOptions(render=False), reporter, config, events, query, store, run_id
    )
    for stage in (stage_catalog, stage_known_coverage, stage_link):
        stage(state)
    store.close()


LABELS_JS = """() => Array.from(document.querySelectorAll('.ms-ev, .ms-hl'))
  .filter(n => !n.hidden && n.offsetParent !== null)
  .map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


def overlapping(boxes: list[list[float]]) -> int:
    """Pairs of boxes that overlap (touching edges do not count)."""
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    )


def measure_labels(path: Path, preset: str | None) -> tuple[int, int]:
    """(overlapping label pairs, visible headlines) at 1400x900, after clicking ``preset``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_function("window.__mediesporItemsReady !== undefined", timeout=120_000)
        if preset:
            page.click(f"button.ms-preset[data-preset='{preset}']")
        page.wait_for_timeout(800)
        boxes = page.evaluate(LABELS_JS)
        headlines = page.evaluate("document.querySelectorAll('.ms-hl').length")
        browser.close()
    return overlapping(boxes), headlines


def measure_page(path: Path) -> dict[str, float]:
    """First paint, item-table readiness and one pan step in headless Chromium."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="mediespor-bench-")
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=ARGS,
                viewport={"width": 1280, "height": 900},
            )  # fmt: skip
            page = ctx.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(path.as_uri(), timeout=120_000)
            page.wait_for_function("window.__mediesporPainted !== undefined", timeout=120_000)
            page.wait_for_function("window.__mediesporItemsReady !== undefined", timeout=120_000)
            painted = page.evaluate("window.__mediesporPainted")
            ready = page.evaluate("window.__mediesporItemsReady")
            pan = page.evaluate(
                """async () => {
                  const gd = document.getElementById('ms-plot');
                  const t0 = performance.now();
                  await Plotly.relayout(gd, {'xaxis.range': ['2017-06-10', '2017-07-10']});
                  await new Promise(r => requestAnimationFrame(r));
                  return performance.now() - t0;
                }"""
            )
            ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if requests != [path.as_uri()]:
        raise SystemExit(f"the page made network requests: {requests[:5]}")
    return {
        "first_paint_s": round(painted / 1000, 3),
        "items_ready_s": round(ready / 1000, 3),
        "pan_ms": round(pan, 1),
    }


def main() -> int:
    """Run the benchmark and print one line per size, then the JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    args = parser.parse_args()
    if not args.no_browser and not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}; browser figures skipped", file=sys.stderr)
        args.no_browser = True
    summary: dict[str, float] = {}
    reporter = Reporter("logfmt", quiet=True)
    overlaps = 0
    work = Path(tempfile.mkdtemp(prefix="mediespor-bench-default-"))
    try:
        build_default_db(work / "default.duckdb")
        store = open_store(work / "default.duckdb", read_only=True)
        report = render_all(store, work / "reports", reporter)
        store.close()
        summary["size_mb_default"] = round(report.timeline_bytes / 1e6, 2)
        if not args.no_browser:
            summary["first_paint_s_default"] = measure_page(report.timeline)["first_paint_s"]
            overlaps += measure_labels(report.timeline, None)[0]
        print(f"default: {report.plotted} items, " + ", ".join(
            f"{k} {v}" for k, v in summary.items()
        ), flush=True)  # fmt: skip
        if not args.no_browser:
            build_db(work / "junjul.duckdb", 400)
            store = open_store(work / "junjul.duckdb", read_only=True)
            report = render_all(store, work / "junjul", reporter)
            store.close()
            junjul_overlaps, headlines = measure_labels(report.timeline, "juni–juli 2017")
            overlaps += junjul_overlaps
            summary["overlapping_labels"] = overlaps
            summary["headlines_visible_junjul"] = headlines
            print(f"june-july, 400 items: {headlines} headlines, {junjul_overlaps} overlaps")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for n in (int(s) for s in args.sizes.split(",")):
        work = Path(tempfile.mkdtemp(prefix=f"mediespor-bench-{n}-"))
        try:
            t0 = time.perf_counter()
            build_db(work / "bench.duckdb", n)
            build_s = time.perf_counter() - t0
            store = open_store(work / "bench.duckdb", read_only=True)
            t0 = time.perf_counter()
            report = render_all(store, work / "reports", reporter)
            render_s = time.perf_counter() - t0
            store.close()
            figures = {
                "render_s": round(render_s, 3),
                "size_mb": round(report.timeline_bytes / 1e6, 2),
                "binned": report.binned,
            }
            if not args.no_browser:
                figures.update(measure_page(report.timeline))
            label = f"{n // 1000}k"
            print(f"{label:>5} items: db {build_s:.1f} s, " + ", ".join(
                f"{k} {v}" for k, v in figures.items()
            ), flush=True)  # fmt: skip
            summary.update({f"{k}_{label}": v for k, v in figures.items() if k != "binned"})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
