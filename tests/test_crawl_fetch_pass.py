"""Passes over the frontier: 304s, failures, limits, time budgets, and kill -9 + resume."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fetch_support import cand, dripping, fetcher, open_test_store
from loopserver import LoopServer, Reply
from mediespor.crawl.fetch_pass import PassOptions, run_frontier
from mediespor.crawl.frontier import Frontier
from mediespor.models import ItemRecord
from mediespor.store.db import open_store, utcnow
from mediespor.store.items import upsert_item

REPO = Path(__file__).resolve().parents[1]
WORKER = Path(__file__).resolve().parent / "helpers" / "crawl_worker.py"


def page(i: int) -> bytes:
    return f"<html><head><title>Side {i}</title></head><body>Tekst {i}</body></html>".encode()


@pytest.fixture
def server():
    with LoopServer(("127.0.0.1", "127.0.0.2", "127.0.0.3")) as srv:
        yield srv


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path) as s:
        yield s


def store_item(store):
    calls = []

    def process(result, entry):
        calls.append(entry.url)
        upsert_item(store.con, ItemRecord(outlet="Loop", title=entry.url, via="feed",
                    url=entry.url, text=result.text(), fetch_id=result.fetch_id),
                    now=utcnow(), run_id=None, relevant=None, topic_terms=None)  # fmt: skip

    return process, calls


def test_worker_processes_pages_and_records_every_failure(server, store, tmp_path):
    for i in range(6):
        server.serve_static(f"/p{i}", Reply(body=page(i)))
    server.serve_static("/boom", Reply(body=page(99)))
    server.serve_static("/down", Reply(503, b"down"))
    server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private",
                                             content_type="text/plain"), ip="127.0.0.2")  # fmt: skip
    urls = [server.url(f"/p{i}") for i in range(6)]
    bad = {"missing": server.url("/missing"), "boom": server.url("/boom"),
           "down": server.url("/down"), "private": server.url("/private", "127.0.0.2")}  # fmt: skip
    server.serve_static("/robots.txt", Reply(503, b"later"), ip="127.0.0.3")
    bad["norobots"] = server.url("/p0", "127.0.0.3")
    frontier = Frontier(store)
    frontier.add(cand(u) for u in [*urls, *bad.values()])
    process, calls = store_item(store)

    def picky(result, entry):
        if entry.url == bad["boom"]:
            raise ValueError("cannot parse this page")
        process(result, entry)

    async def go():
        async with fetcher(store, tmp_path, max_attempts=2) as f:
            return await run_frontier(f, store, picky, frontier=frontier)

    stats = asyncio.run(go())
    assert sorted(calls) == sorted(urls)
    assert (stats.processed, stats.skipped, stats.retry_later) == (6, 1, 2)
    assert stats.failed == 2 and stats.process_errors == 1
    assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == 6
    states = dict(store.con.execute("SELECT url, state FROM frontier").fetchall())
    assert states[bad["missing"]] == "failed" and states[bad["boom"]] == "failed"
    assert states[bad["private"]] == "skipped" and states[bad["down"]] == "pending"
    assert states[bad["norobots"]] == "pending"  # robots.txt 503 tonight: asked again later
    rejects = store.con.execute("SELECT location, reason FROM rejects ORDER BY location").fetchall()
    assert {loc for loc, _ in rejects} == {bad["missing"], bad["boom"]}
    assert any("cannot parse this page" in r for _, r in rejects)
    # Re-running now does nothing: the 503 URL waits for its next-try time.
    again = asyncio.run(go())
    assert again.total == 0


def test_recrawl_with_304_touches_items_without_reprocessing(server, store, tmp_path):
    @server.route("/e")
    async def etag(req, writer):
        if req.headers.get("if-none-match") == '"v1"':
            return Reply(304, b"", content_type=None)
        return Reply(body=page(1), headers=[("ETag", '"v1"')])

    frontier = Frontier(store)
    frontier.add([cand(server.url("/e"))])
    process, calls = store_item(store)

    async def go():
        async with fetcher(store, tmp_path) as f:
            return await run_frontier(f, store, process, frontier=frontier)

    asyncio.run(go())
    seen_first = store.con.execute("SELECT last_seen FROM items").fetchone()[0]
    assert frontier.add([cand(server.url("/e"))], revisit=True) == 1
    stats = asyncio.run(go())
    assert stats.not_modified == 1 and calls == [server.url("/e")]
    assert store.con.execute("SELECT last_seen FROM items").fetchone()[0] > seen_first
    assert store.con.execute("SELECT count(*) FROM item_versions").fetchone()[0] == 1


def test_limit_and_source_bound_a_pass(server, store, tmp_path):
    for i in range(6):
        server.serve_static(f"/p{i}", Reply(body=page(i)))
    frontier = Frontier(store)
    frontier.add(cand(server.url(f"/p{i}"), source="a" if i < 4 else "b") for i in range(6))
    process, calls = store_item(store)

    async def go(**kw):
        async with fetcher(store, tmp_path) as f:
            return await run_frontier(f, store, process, frontier=frontier,
                                      options=PassOptions(**kw))  # fmt: skip

    assert asyncio.run(go(limit=2, source="a")).processed == 2
    assert frontier.counts() == {"done": 2, "pending": 4}
    assert asyncio.run(go(source="b")).processed == 2
    assert all(u.endswith(("/p4", "/p5")) for u in calls[2:])
    assert asyncio.run(go()).processed == 2 and frontier.counts() == {"done": 6}


@pytest.mark.parametrize(("limit", "pages", "commits"), [(16, 300, 5), (64, 300, 2), (256, 600, 2)])
def test_results_commit_in_batches_that_grow_with_the_global_limit(
    server, store, tmp_path, limit, pages, commits
):
    # In batches of 64 at a limit of 16 (4 full + the rest), of 4 x 64 = 256 at 64, and never
    # of more than 512 (what the crawl stage keeps at hand to redo a failed batch).
    for i in range(pages):
        server.serve_static(f"/p{i}", Reply(body=page(i)))
    ips = ("127.0.0.1", "127.0.0.2", "127.0.0.3")
    frontier = Frontier(store)
    frontier.add(cand(server.url(f"/p{i}", ips[i % 3])) for i in range(pages))
    process, _calls = store_item(store)

    async def go():
        async with fetcher(store, tmp_path, global_concurrency=limit, per_host=16) as f:
            # No commit by age here: only the batch size decides.
            return await run_frontier(f, store, process, frontier=frontier,
                                      options=PassOptions(commit_interval_s=3600))  # fmt: skip

    assert asyncio.run(go()).processed == pages
    # Each commit marks its URLs done in one statement, with one time.
    marked = store.con.execute(
        "SELECT count(DISTINCT updated_at), count(*) FROM frontier WHERE state = 'done'"
    ).fetchone()
    assert marked == (commits, pages)
    assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == pages
    fetched = "SELECT count(DISTINCT url) FROM fetches WHERE status = 200"
    assert store.con.execute(fetched).fetchone()[0] == pages


def worker(db: Path, warc: Path, urls: list[str]) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.Popen([sys.executable, str(WORKER), str(db), str(warc), *urls],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def items_of(db: Path):
    with open_store(db) as s:
        con = s.con
        items = con.execute("SELECT url, title, text FROM items ORDER BY url").fetchall()
        counts = con.execute(
            "SELECT (SELECT count(*) FROM item_versions), (SELECT count(*) FROM item_sightings),"
            " (SELECT count(*) FROM frontier WHERE state = 'done'),"
            " (SELECT count(*) FROM frontier)"
        ).fetchone()
    return items, counts


@pytest.mark.slow
def test_kill_9_mid_crawl_then_resume_matches_an_uninterrupted_run(server, tmp_path):
    n = 40

    async def slow_page(req, writer):
        await asyncio.sleep(0.02)
        return Reply(body=page(int(req.path.rsplit("/", 1)[1])))

    for i in range(n):
        server.route(f"/a/{i}")(slow_page)
    urls = [server.url(f"/a/{i}") for i in range(n)]

    whole = worker(tmp_path / "whole.duckdb", tmp_path / "warc1", urls)
    out, err = whole.communicate(timeout=120)
    assert whole.returncode == 0, err
    expected, expected_counts = items_of(tmp_path / "whole.duckdb")
    assert len(expected) == n and expected_counts == (n, n, n, n)

    before = len(server.requests())
    killed = worker(tmp_path / "killed.duckdb", tmp_path / "warc2", urls)
    deadline = time.monotonic() + 60
    while len(server.requests()) - before < n // 2 and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(killed.pid, signal.SIGKILL)
    killed.communicate(timeout=30)
    assert killed.returncode == -signal.SIGKILL
    fetched_before_kill = len(server.requests()) - before
    assert fetched_before_kill < n  # it really was interrupted mid-crawl
    committed, _ = items_of(tmp_path / "killed.duckdb")
    assert 0 < len(committed) < n

    resumed = worker(tmp_path / "killed.duckdb", tmp_path / "warc2", urls)
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    got, counts = items_of(tmp_path / "killed.duckdb")
    assert got == expected
    assert counts == expected_counts  # no duplicated versions or sightings, every URL done
    # The resumed run skipped what was committed before the kill.
    assert out.count("stored ") < n


def test_interleave_alternates_hosts_in_order():
    from mediespor.crawl.fetch_pass import _interleave
    from mediespor.crawl.frontier import FrontierEntry

    entries = [FrontierEntry(f"https://{h}.dk/{i}", "s", "v") for h in "aab" for i in range(2)]
    order = [e.url for e in _interleave(entries)]
    assert order == ["https://a.dk/0", "https://b.dk/0", "https://a.dk/1", "https://b.dk/1",
                     "https://a.dk/0", "https://a.dk/1"]  # fmt: skip


def test_urls_of_a_host_out_of_time_stay_pending_with_the_reason(server, store, tmp_path):
    server.route("/slow0", ip="127.0.0.2")(dripping(b"x" * 999, 0.2))
    for i in range(3):
        server.serve_static(f"/p{i}", Reply(body=page(i)))
    slow = [server.url(f"/slow{i}", "127.0.0.2") for i in range(3)]
    frontier = Frontier(store)
    frontier.add(cand(u) for u in [*(server.url(f"/p{i}") for i in range(3)), *slow])
    process, calls = store_item(store)

    async def go():
        async with fetcher(store, tmp_path, max_host_s=1.0, total_timeout_s=30.0) as f:
            return await run_frontier(f, store, process, frontier=frontier)

    stats = asyncio.run(go())
    assert stats.processed == 3 and len(calls) == 3  # the other host is not held up
    assert stats.deferred == 2 and stats.retry_later == 1  # the one cut off counts an attempt
    rows = store.con.execute("SELECT state, attempts, last_error FROM frontier WHERE url IN"
                             " (SELECT unnest(?)) ORDER BY url", [slow]).fetchall()  # fmt: skip
    assert [r[0] for r in rows] == ["pending"] * 3
    assert rows[0][1] == 1 and all(r[1] == 0 for r in rows[1:])
    assert all("max_host_s" in r[2] for r in rows)
    assert len(server.requests(ip="127.0.0.2")) == 2  # robots.txt and the first page only


def test_after_the_run_deadline_the_rest_waits_for_the_next_run(server, store, tmp_path):
    server.serve_static("/p0", Reply(body=page(0), delay_s=2))
    for i in range(1, 4):
        server.serve_static(f"/p{i}", Reply(body=page(i)))
    frontier = Frontier(store)
    frontier.add([cand(server.url("/p0"))], priority=1)
    process, calls = store_item(store)

    async def go():
        async with fetcher(store, tmp_path, max_run_s=1.0, read_timeout_s=5.0) as f:
            await f.get(server.url("/p0"), source="t")  # the run's time goes on this page
            frontier.add(cand(server.url(f"/p{i}")) for i in range(1, 4))
            return await run_frontier(f, store, process, frontier=frontier)

    stats = asyncio.run(go())
    assert calls == [] and stats.deferred == 4
    assert frontier.counts() == {"pending": 4}
    errors = [r[0] for r in store.con.execute("SELECT last_error FROM frontier").fetchall()]
    assert all("max_run_s" in e for e in errors)
    assert all(not server.requests(f"/p{i}") for i in range(1, 4))


def test_a_host_out_of_time_does_not_wait_out_a_delay_per_deferred_url(server, store, tmp_path):
    from fetch_support import SleepLog

    server.route("/slow0", ip="127.0.0.2")(dripping(b"x" * 999, 0.2))
    slow = [server.url(f"/slow{i}", "127.0.0.2") for i in range(6)]
    frontier = Frontier(store)
    frontier.add(cand(u) for u in slow)
    process, _calls = store_item(store)
    waits = SleepLog()

    async def go():
        async with fetcher(store, tmp_path, max_host_s=1.0, total_timeout_s=30.0, delay_s=5.0,
                           sleep=waits) as f:  # fmt: skip
            return await run_frontier(f, store, process, frontier=frontier)

    stats = asyncio.run(go())
    assert stats.deferred == 5 and stats.retry_later == 1
    # robots.txt, then the first page after one delay; the five deferred URLs wait for nothing.
    assert len([w for w in waits.asked if w > 0]) <= 1, waits.asked


def test_the_next_batch_starts_before_a_slow_page_of_the_last_one_ends(server, store, tmp_path):
    urls = [server.url(f"/q/{i:02}") for i in range(12)]
    for url in urls[1:]:
        server.serve_static(url.removeprefix(server.base()), Reply(body=page(1)))
    released = []

    @server.route("/q/00")
    async def held(req, writer):
        # Answers once a page of the second batch (/q/04 ...) has arrived, or after 1.5 s (within
        # the client's timeout): a pass that drains each batch before claiming the next never
        # sends one meanwhile.
        for _ in range(150):
            if any("/q/04" <= r.path < "/q/99" for r in server.requests()):
                break
            await asyncio.sleep(0.01)
        else:
            released.append(False)
            return Reply(body=page(0))
        released.append(True)
        return Reply(body=page(0))

    frontier = Frontier(store)
    frontier.add(cand(u) for u in urls)
    process, calls = store_item(store)

    async def go():
        async with fetcher(store, tmp_path, per_host=4, global_concurrency=4) as f:
            return await run_frontier(f, store, process, frontier=frontier,
                                      options=PassOptions(batch=4))  # fmt: skip

    stats = asyncio.run(go())
    assert released == [True]
    assert stats.processed == 12 and sorted(calls) == urls
    assert frontier.counts() == {"done": 12}
