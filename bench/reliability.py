"""Reliability figures for issue 9: faults survived, kill points identical, fuzzing, payloads.

Run by hand: ``.venv/bin/python bench/reliability.py [--kill-points 20] [--fuzz-examples 2000]``.
Everything runs on loopback (the fixture sites of tests/), in this process or in subprocesses
it starts; name lookups of anything but loopback are refused for the whole run. The last line is
one JSON object with fault_cases, fault_survived, kill_points, kill_identical, fuzz_examples,
payloads, payloads_inert, slow_host_run_s (one dripping and one normal host, 60 s per-host
budget) and deep_page_stall_s (the other host's longest wait while a 10 MB nested page is
processed).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

_real_getaddrinfo = socket.getaddrinfo


def _loopback_only(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name not in (None, "localhost", "::1") and not str(name).startswith("127."):
        raise socket.gaierror(socket.EAI_NONAME, f"the benchmark only reaches loopback: {name}")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _loopback_only


def faults(work: Path) -> tuple[int, int]:
    """Run the fault site once; count fault cases accounted for as the suite demands."""
    import duckdb

    from faultsuite import ARTICLE_FAULTS, FAULT_CASES, A, start_site, write_project
    from mediespor.cli.main import main

    server = start_site()
    try:
        root = write_project(work / "faults", server, REPO)
        code = main(["--project-dir", str(root), "--log-format", "json", "-q", "run",
                     "--no-render"])  # fmt: skip
        con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
        base = server.base(A)
        survived = 0
        for case, _ in ARTICLE_FAULTS:
            if case.name.startswith("good"):
                continue
            url = base + case.path
            item = con.execute("SELECT title FROM items WHERE url = ?", [url]).fetchone()
            reason = (
                con.execute(
                    "SELECT count(*) FROM fetches WHERE url = ? AND (error_kind IS NOT NULL"
                    " OR status >= 400)",
                    [url],
                ).fetchone()[0]
                + con.execute("SELECT count(*) FROM rejects WHERE location = ?", [url]).fetchone()[
                    0
                ]
            )
            ok = item == (case.title,) if case.expect == "item" else (item is None and reason)
            survived += bool(ok)
        per_source = json.loads(
            con.execute("SELECT counts FROM runs ORDER BY run_id DESC").fetchone()[0]
        )["per_source"]
        rejects = dict(con.execute(
            "SELECT source, count(*) FROM rejects GROUP BY source").fetchall())  # fmt: skip
        items = {r[0] for r in con.execute("SELECT url FROM items").fetchall()}
        source_checks = [
            base + "/s/knaekket" in items and rejects.get("knaekket", 0) > 0,
            rejects.get("bombe", 0) > 0,
            base + "/s/dublet" in items,
            rejects.get("selvindeks", 0) > 0,
            per_source["robots500"]["status"] == "failed",
            per_source["dns"]["status"] == "failed",
        ]
        survived += sum(source_checks)
        con.close()
        print(f"faults: run exit {code}; {survived}/{len(FAULT_CASES)} cases accounted for")
    finally:
        server.stop()
    cases, passed = pipeline_scenarios(work)
    return len(FAULT_CASES) + cases, survived + passed


def pipeline_scenarios(work: Path) -> tuple[int, int]:
    """Issue 16's whole-run fault scenarios (tests/faultsuite.py); count those survived."""
    from faultsuite import PIPELINE_SCENARIOS

    survived = 0
    for n, scenario in enumerate(PIPELINE_SCENARIOS):
        problems = scenario.check(work / f"scenario{n}")
        survived += not problems
        print(f"scenario {scenario.name}: {problems if problems else 'ok'}")
    return len(PIPELINE_SCENARIOS), survived


def _run(root: Path) -> tuple[int, float]:
    """``mediespor run --no-render`` in this process: exit code and seconds taken."""
    from mediespor.cli.main import main

    started = time.monotonic()
    code = main(["--project-dir", str(root), "--log-format", "json", "-q", "run", "--no-render"])
    return code, time.monotonic() - started


def deep_page_stall(work: Path, budget_s: float = 20.0, delay_s: float = 0.5) -> float:
    """How long the other host's fetches waited while a 10 MB nested page was processed.

    Host D serves 60 good pages at one every ``delay_s``, which spans the whole extraction
    budget of the nested page on host C; the figure is the longest gap between two of D's
    requests, less the politeness delay (0 when the loop never stalled).
    """
    import duckdb

    from faultsuite import D, deep_project, start_deep_site

    server = start_deep_site(normal_pages=60)
    try:
        root = deep_project(work / "deep-stall", server, f"  extract_timeout_s: {budget_s}\n")
        text = (root / "sources.yaml").read_text(encoding="utf-8")
        d_feed = f'kind: feed, url: "{server.base(D)}'
        (root / "sources.yaml").write_text(
            text.replace(d_feed, f"delay_s: {delay_s}, {d_feed}"), encoding="utf-8"
        )
        code, took = _run(root)
        times = sorted(r.received_at for r in server.requests(ip=D) if r.path.startswith("/d/"))
        con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
        stored = con.execute("SELECT count(*) FROM items WHERE outlet = 'Flad'").fetchone()[0]
        con.close()
    finally:
        server.stop()
    gap = max((b - a for a, b in itertools.pairwise(times)), default=0.0)
    print(f"deep page: run exit {code} in {took:.1f} s; {stored}/60 pages of the other host "
          f"stored; longest gap between its requests {gap:.2f} s (delay {delay_s} s)")  # fmt: skip
    return round(max(gap - delay_s, 0.0), 2)


def pool_cost(pages: int = 300) -> dict[str, float]:
    """Milliseconds per page: extraction in this process vs through the worker pool (2 workers),
    on a realistic article page of about 60 kB."""
    import asyncio

    from faultsuite import LONG_BODY, page
    from mediespor.extract import extract
    from mediespor.extract_pool import ExtractPool

    body = page("Førtidspension: en almindelig side", LONG_BODY * 80).encode()
    started = time.perf_counter()
    for n in range(pages):
        extract(body, f"http://127.0.0.1/a/{n}", None)
    inline = (time.perf_counter() - started) / pages

    async def pooled() -> tuple[float, float, float]:
        async with ExtractPool(workers=2) as pool:
            t0 = time.perf_counter()
            await asyncio.gather(*(pool.extract(b"<p>x</p>", "http://127.0.0.1/w", None)
                                   for _ in range(2)))  # fmt: skip
            startup = time.perf_counter() - t0
            t0 = time.perf_counter()
            for n in range(pages // 3):  # one at a time: the latency a page pays
                await pool.extract(body, f"http://127.0.0.1/s/{n}", None)
            serial = (time.perf_counter() - t0) / (pages // 3)
            t0 = time.perf_counter()
            await asyncio.gather(*(pool.extract(body, f"http://127.0.0.1/a/{n}", None)
                                   for n in range(pages)))  # fmt: skip
            return startup, serial, (time.perf_counter() - t0) / pages

    startup, serial, parallel = asyncio.run(pooled())
    out = {"page_bytes": len(body), "inline_ms": round(inline * 1000, 2),
           "pool_one_at_a_time_ms": round(serial * 1000, 2),
           "pool_two_workers_ms": round(parallel * 1000, 2),
           "pool_startup_s": round(startup, 2)}  # fmt: skip
    print(f"extraction per page: {out}")
    return out


def fetch_faults(work: Path, host_s: float = 60.0) -> tuple[int, int, float]:
    """The fetch-layer fault cases (issue 16), in one run that is also the slow-host run.

    One host drips every page at one byte a second, the others are normal, and each host has
    a time budget of ``host_s``: returns (cases, survived, seconds the run took). The run must
    end within ``host_s`` + 30 s with the normal host's pages all stored.
    """
    from faultsuite import run_fetch_faults

    run = run_fetch_faults(work / "fetchfaults", REPO, host_s=host_s)
    survived = sum(problem is None for problem in run.problems.values())
    for name, problem in run.problems.items():
        if problem is not None:
            print(f"fetch fault not survived: {name}: {problem}")
    print(f"fetch faults: run exit {run.code}; {survived}/{len(run.problems)} cases accounted"
          f" for; slow host run {run.seconds:.1f} s with a {host_s:g} s host budget")  # fmt: skip
    return len(run.problems), survived, run.seconds


def kills(work: Path, points: int) -> tuple[int, int]:
    """Kill `mediespor run` at seeded random moments; count resumes identical to a clean run."""
    from pytest_httpserver import HTTPServer

    from conftest import cli
    from test_reliability_kill import SEED, make_project, make_site, snapshot

    server = HTTPServer()
    server.start()
    try:
        site = make_site(server)
        base_root = make_project(work / "baseline", site.base)
        started = time.monotonic()
        assert cli("run", "--no-render", cwd=base_root).code == 0
        duration = time.monotonic() - started
        expected = snapshot(base_root)
        rng = random.Random(SEED)
        identical = 0
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIESPOR_")}
        env["PYTHONPATH"] = str(REPO / "src")
        for point in range(points):
            root = make_project(work / f"kill{point}", site.base)
            proc = subprocess.Popen([sys.executable, "-m", "mediespor", "run", "--no-render"],
                                    cwd=root, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)  # fmt: skip
            time.sleep(rng.uniform(0.05, duration))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            resumed = cli("run", "--no-render", cwd=root)
            got = snapshot(root) if resumed.code == 0 else None
            same = got is not None and all(
                got[k] == expected[k] for k in ("items", "versions", "fetched", "links")
            )
            identical += same
            if not same:
                differ = [k for k in ("items", "versions", "fetched", "links")
                          if got is not None and got[k] != expected[k]]  # fmt: skip
                print(f"kill point {point}: resumed run exit {resumed.code}; differ: {differ}; "
                      f"{resumed.err[-600:]}")  # fmt: skip
            shutil.rmtree(root, ignore_errors=True)
        print(f"kill points: {identical}/{points} identical to the uninterrupted run "
              f"(run takes {duration:.1f} s)")  # fmt: skip
        return points, identical
    finally:
        server.stop()


def fuzz(examples: int) -> int:
    """Property-test every parser of untrusted input; return how many examples ran."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from mediespor.danish_dates import find_danish_dates
    from mediespor.discover.feeds import parse_feed
    from mediespor.discover.sitemaps import byte_chunks, parse_sitemap
    from mediespor.extract import extract
    from mediespor.topic import QuerySyntaxError, parse_query
    from mediespor.urls import canonicalize

    count = 0
    cfg = settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))  # fmt: skip
    html_bits = st.sampled_from(["<p>", "</p>", "<script>", '<meta charset="x">', "<html>",
                                 '<script type="application/ld+json">{"@type":"NewsArticle"',
                                 "29. juni 2017", "\x00", "ø", "<time datetime='2017'>"])  # fmt: skip

    @cfg
    @given(st.one_of(st.binary(max_size=2000), st.lists(html_bits, max_size=40).map("".join)))
    def t_extract(data):
        nonlocal count
        count += 1
        extract(data, "https://www.tv2lorry.dk/koebenhavn/x", None)

    @cfg
    @given(st.text(max_size=200))
    def t_dates(text):
        nonlocal count
        count += 1
        find_danish_dates(text)

    @cfg
    @given(st.text(max_size=100))
    def t_query(text):
        nonlocal count
        count += 1
        with contextlib.suppress(QuerySyntaxError):
            parse_query(text).match(text)

    @cfg
    @given(st.text(max_size=200))
    def t_url(text):
        nonlocal count
        count += 1
        try:
            once = canonicalize(text, "https://www.dr.dk/nyheder/")
        except ValueError:
            return
        assert canonicalize(once) == once

    @cfg
    @given(st.binary(max_size=3000))
    def t_feed(data):
        nonlocal count
        count += 1
        parse_feed(data, base_url="https://www.dr.dk/")

    @cfg
    @given(st.binary(max_size=3000))
    def t_sitemap(data):
        nonlocal count
        count += 1
        with contextlib.suppress(ValueError):
            list(parse_sitemap(byte_chunks(data)))

    for t in (t_extract, t_dates, t_query, t_url, t_feed, t_sitemap):
        before = count
        t()
        print(f"fuzz {t.__name__[2:]}: {count - before} examples, no unexpected exception")
    return count


def payloads(work: Path) -> tuple[int, int]:
    """Render hostile titles, leads and URLs and check in Chromium that none of them runs."""
    from browser_payloads import check_payloads

    return check_payloads(work)


def main() -> None:
    """Run every part and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kill-points", type=int, default=20)
    ap.add_argument("--fuzz-examples", type=int, default=2000, help="per fuzz target")
    ap.add_argument(
        "--only", choices=["deep", "slow", "faults", "pool", "kills"], help="just one figure"
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mediespor-reliability-"))
    if args.only:
        fns = {"deep": deep_page_stall, "slow": lambda w: fetch_faults(w)[2], "faults": faults,
               "pool": lambda _work: pool_cost(),
               "kills": lambda w: kills(w, args.kill_points)}  # fmt: skip
        try:
            print(json.dumps({args.only: fns[args.only](work)}))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        fault_cases, fault_survived = faults(work)
        fetch_cases, fetch_survived, slow_host_run_s = fetch_faults(work)
        fault_cases, fault_survived = fault_cases + fetch_cases, fault_survived + fetch_survived
        stall = deep_page_stall(work)
        kill_points, kill_identical = kills(work, args.kill_points)
        fuzz_examples = fuzz(args.fuzz_examples)
        tried, inert = payloads(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({
        "fault_cases": fault_cases, "fault_survived": fault_survived,
        "kill_points": kill_points, "kill_identical": kill_identical,
        "fuzz_examples": fuzz_examples, "payloads": tried, "payloads_inert": inert,
        "slow_host_run_s": round(slow_host_run_s, 1),
        "deep_page_stall_s": stall,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
