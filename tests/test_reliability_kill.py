"""No data loss on crash: SIGKILL `mediespor run` at random points, resume, compare.

For each of KILL_POINTS seeded random moments a run over a loopback news site is killed with
SIGKILL and then run again to the end. The items, their versions and the WARC-backed fetches
must equal those of an uninterrupted run, with no duplicates, and every database and WARC file
must open cleanly each time.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

from conftest import REPO, cli, cli_process
from newsite import Page, Site

KILL_POINTS = int(os.environ.get("MEDIESPOR_KILL_POINTS", "20"))
SEED = 20170628

BODY = (
    "Københavns jobcentre kritiseres for sagsbehandlingen af førtidspension.\n\n"
    "Syge borgere sendes i ressourceforløb, siger kritikerne.\n\n"
    "Borgmesteren lover at se på sagerne."
)


def make_site(server) -> Site:
    site = Site(page_delay_s=0.03)
    for i in range(12):
        slug = f"foertidspension-sag-{i}"
        site.pages[slug] = Page(slug, f"Førtidspension: sag nummer {i}",
                                f"2017-06-{10 + i:02d}T09:00:00+02:00", f"Lead {i}.", BODY)  # fmt: skip
    site.feed_slugs = list(site.pages)[:8]
    site.sitemap_slugs = list(site.pages)[6:]
    site.install(server)
    return site


def make_project(root: Path, base: str) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "events.yaml").write_bytes((REPO / "events.yaml").read_bytes())
    (root / "data" / "known_coverage.csv").write_bytes(
        (REPO / "data" / "known_coverage.csv").read_bytes()
    )
    (root / "sources.yaml").write_text(
        f"""\
crawl: {{delay_s: 0, allow_private_addresses: true, max_attempts: 1}}
topic: {{query: "førtidspension* OR ressourceforløb*"}}
sources:
  - {{name: rss, outlet: Fixture Nyt, kind: feed, url: "{base}/rss"}}
  - {{name: sitemap, outlet: Fixture Nyt, kind: sitemap, url: "{base}/sitemap.xml"}}
""",
        encoding="utf-8",
    )
    return root


def snapshot(root: Path) -> dict[str, object]:
    db = root / "data" / "mediespor.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    try:
        items = con.execute(
            "SELECT item_key, title, content_hash, published_at, is_relevant FROM items"
            " ORDER BY item_key"
        ).fetchall()
        dupes = con.execute(
            "SELECT count(*) - count(DISTINCT item_key) - (count(url) - count(DISTINCT url))"
            " FROM items"
        ).fetchone()[0]
        versions = con.execute(
            "SELECT i.item_key, v.version, v.content_hash FROM item_versions v"
            " JOIN items i USING (item_id) ORDER BY 1, 2"
        ).fetchall()
        fetched = con.execute(
            "SELECT DISTINCT url FROM fetches WHERE status = 200 AND warc_file IS NOT NULL"
            " ORDER BY url"
        ).fetchall()
        pointers = con.execute(
            "SELECT warc_file, warc_offset FROM fetches WHERE warc_file IS NOT NULL"
        ).fetchall()
        links = con.execute("SELECT item_id, event_id FROM item_events ORDER BY 1, 2").fetchall()
    finally:
        con.close()
    return {"items": items, "dupes": dupes, "versions": versions, "fetched": fetched,
            "pointers": pointers, "links": links}  # fmt: skip


def check_warc(root: Path, pointers) -> None:
    """Every WARC file reads to its end, and every pointer lands on a response record."""
    folder = root / "data" / "warc"
    for path in folder.glob("*.warc.gz"):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                record.content_stream().read()
    for name, offset in pointers:
        with open(folder / name, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_type in ("response", "resource", "metadata")


def explain(root: Path, got: dict, expected: dict) -> str:
    """What a resumed run left out, and the state its frontier and runs table ended in."""
    missing = sorted({r[0] for r in expected["items"]} - {r[0] for r in got["items"]})
    con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
    try:
        states = con.execute(
            "SELECT state, count(*) FROM frontier GROUP BY 1 ORDER BY 1"
        ).fetchall()
        runs = con.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall()
        # A missing page answered 304 means its validators were committed without its item.
        answers = con.execute(
            "SELECT url, run_id, status, etag IS NOT NULL FROM fetches"
            " WHERE list_contains(?, url) ORDER BY fetch_id",
            [missing],
        ).fetchall()
    finally:
        con.close()
    return f"missing items {missing}; frontier {states}; runs {runs}; their fetches {answers}"


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("MEDIESPOR_")}
    e["PYTHONPATH"] = str(REPO / "src")
    return e


@pytest.mark.slow
def test_kill_at_random_points_then_resume_equals_uninterrupted_run(tmp_path, httpserver):
    site = make_site(httpserver)
    base_root = make_project(tmp_path / "baseline", site.base)
    started = time.monotonic()
    # A process like the killed ones, so its duration spans the points worth killing at.
    res = cli_process("run", "--no-render", cwd=base_root)
    duration = time.monotonic() - started
    assert res.code == 0, res.err
    expected = snapshot(base_root)
    assert len(expected["items"]) == 7 + 12 and expected["dupes"] == 0
    check_warc(base_root, expected["pointers"])

    rng = random.Random(SEED)
    identical = 0
    for point in range(KILL_POINTS):
        root = make_project(tmp_path / f"kill{point}", site.base)
        delay = rng.uniform(0.05, duration)
        proc = subprocess.Popen(
            [sys.executable, "-m", "mediespor", "run", "--no-render"],
            cwd=root, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        resumed = cli("run", "--no-render", cwd=root)  # in this process: the resume is the check
        assert resumed.code == 0, f"kill point {point} ({delay:.2f} s): {resumed.err[-2000:]}"
        got = snapshot(root)
        check_warc(root, got["pointers"])
        assert got["dupes"] == 0
        for key in ("items", "versions", "fetched", "links"):
            assert got[key] == expected[key], (
                f"kill point {point} ({delay:.2f} s): {key} differ; {explain(root, got, expected)}"
            )
        identical += 1
    assert identical == KILL_POINTS
