"""Fetch benchmark: N pages over M loopback hosts, served from a separate process.

Prints three figures, the last output line being one JSON object:
  pages_per_s            pages fetched per second with politeness off (robots.txt still read),
                         including WARC writing, DuckDB fetch logging and frontier commits;
  politeness_ratio       achieved / allowed request rate per host with politeness on (mean
                         over hosts), measured from the server's arrival times;
  politeness_violations  requests that arrived closer than the allowed delay to the previous
                         one on the same host (server-side, 5 ms tolerance for scheduling jitter);
  recrawl_bodies         page bodies sent (status 200) during a second, unchanged crawl that
                         re-queues every URL (conditional requests should make this 0).
Uses no files from ../shared. Usage: python bench/fetch.py [--pages 2000] [--hosts 4]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


from mediespor.config.sources import CrawlSettings  # noqa: E402
from mediespor.crawl.fetch_pass import run_frontier  # noqa: E402
from mediespor.crawl.frontier import Frontier  # noqa: E402
from mediespor.crawl.wiring import open_fetcher  # noqa: E402
from mediespor.models import Candidate  # noqa: E402
from mediespor.progress import Reporter  # noqa: E402
from mediespor.store.db import open_store  # noqa: E402

TOLERANCE_S = 0.005


def serve(ips: list[str], pages: int, body_bytes: int, conn) -> None:
    """Server process: answer /p/<i> with a page and an ETag (304 when it matches)."""
    from loopserver import LoopServer, Reply

    filler = ("<p>Førtidspension og fleksjob i Københavns Kommune. " * 200).encode()
    counts = {"200": 0, "304": 0}

    async def page(req, writer):
        i = req.path.rsplit("/", 1)[1]
        etag = f'"p{i}"'
        if req.headers.get("if-none-match") == etag:
            counts["304"] += 1
            return Reply(304, b"", content_type=None, headers=[("ETag", etag)])
        counts["200"] += 1
        body = f"<html><head><title>Side {i}</title></head><body>".encode() + filler[:body_bytes]
        return Reply(body=body + b"</body></html>", headers=[("ETag", etag)])

    server = LoopServer(tuple(ips))
    for i in range(pages):
        server.route(f"/p/{i}")(page)
    server.start()
    conn.send({ip: server.ports[ip] for ip in ips})
    while True:
        cmd = conn.recv()
        if cmd == "stats":
            log = [(r.host_ip, r.path, r.received_at) for r in server.requests()]
            conn.send({"log": log, "counts": dict(counts)})
            server.log.clear()
            counts.update({"200": 0, "304": 0})
        else:
            server.stop()
            conn.send("bye")
            return


async def crawl(settings, db, warc, urls, reporter, *, revisit=False) -> float:
    """Queue ``urls`` and drain the frontier; return seconds taken."""
    with open_store(db) as store:
        frontier = Frontier(store)
        frontier.add((Candidate(url=u, source="bench", via="bench") for u in urls),
                     revisit=revisit)  # fmt: skip
        async with open_fetcher(settings, store, warc) as fetcher:
            start = time.perf_counter()
            stats = await run_frontier(
                fetcher, store, lambda result, entry: None, frontier=frontier, reporter=reporter
            )
            took = time.perf_counter() - start
        reporter.log("bench_crawl", seconds=round(took, 3), **vars(stats))
        return took


def politeness_figures(log, delay: float) -> tuple[float, int]:
    by_host: dict[str, list[float]] = {}
    for ip, path, t in log:
        if path.startswith("/p/"):
            by_host.setdefault(ip, []).append(t)
    ratios, violations = [], 0
    for times in by_host.values():
        times.sort()
        gaps = [b - a for a, b in itertools.pairwise(times)]
        violations += sum(g < delay - TOLERANCE_S for g in gaps)
        if gaps:
            ratios.append(((len(times) - 1) / (times[-1] - times[0])) / (1 / delay))
    return sum(ratios) / len(ratios), violations


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000, help="pages in the fast crawl")
    ap.add_argument("--hosts", type=int, default=4, help="loopback hosts (127.0.0.2 ...)")
    ap.add_argument("--body-bytes", type=int, default=30_000, help="page size")
    ap.add_argument("--polite-pages", type=int, default=30, help="pages per host, polite crawl")
    ap.add_argument("--per-host", type=int, default=4, help="concurrency per host, fast crawl")
    ap.add_argument("--concurrency", type=int, default=16, help="global concurrency, fast crawl")
    ap.add_argument("--delay", type=float, default=0.25, help="seconds between requests per host")
    args = ap.parse_args()
    reporter = Reporter()
    ips = [f"127.0.0.{i + 2}" for i in range(args.hosts)]
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=serve, args=(ips, args.pages, args.body_bytes, child), daemon=True)
    proc.start()
    ports = parent.recv()
    urls = [
        f"http://{ips[i % len(ips)]}:{ports[ips[i % len(ips)]]}/p/{i}" for i in range(args.pages)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        fast = CrawlSettings(allow_private_addresses=True, delay_s=0, per_host=args.per_host,
                             global_concurrency=args.concurrency)  # fmt: skip
        took = asyncio.run(crawl(fast, tmpdir / "a.duckdb", tmpdir / "warc", urls, reporter))
        parent.send("stats")
        first = parent.recv()
        pages_per_s = args.pages / took
        print(f"politeness off: {args.pages} pages over {args.hosts} hosts in {took:.2f} s = "
              f"{pages_per_s:.0f} pages/s ({first['counts']['200']} bodies served)")  # fmt: skip

        took2 = asyncio.run(
            crawl(fast, tmpdir / "a.duckdb", tmpdir / "warc", urls, reporter, revisit=True)
        )
        parent.send("stats")
        second = parent.recv()
        recrawl_bodies = second["counts"]["200"]
        print(f"unchanged re-crawl: {args.pages} pages in {took2:.2f} s, "
              f"{second['counts']['304']} × 304, {recrawl_bodies} bodies downloaded")  # fmt: skip

        polite = CrawlSettings(allow_private_addresses=True, delay_s=args.delay, per_host=1,
                               global_concurrency=64)  # fmt: skip
        polite_urls = [
            f"http://{ip}:{ports[ip]}/p/{i}" for ip in ips for i in range(args.polite_pages)
        ]
        took3 = asyncio.run(crawl(polite, tmpdir / "b.duckdb", tmpdir / "warc2", polite_urls,
                                  reporter))  # fmt: skip
        parent.send("stats")
        third = parent.recv()
        ratio, violations = politeness_figures(third["log"], args.delay)
        allowed = args.hosts / args.delay
        print(f"politeness on: {len(polite_urls)} pages in {took3:.2f} s; allowed "
              f"{allowed:.0f} req/s over {args.hosts} hosts; achieved/allowed per host "
              f"{ratio:.3f}; violations {violations}")  # fmt: skip
    parent.send("stop")
    parent.recv()
    proc.join(10)
    print(json.dumps({
        "pages_per_s": round(pages_per_s, 1),
        "politeness_ratio": round(ratio, 4),
        "politeness_violations": violations,
        "recrawl_bodies": recrawl_bodies,
        "pages": args.pages,
        "hosts": args.hosts,
        "delay_s": args.delay,
        "recrawl_s": round(took2, 3),
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
