"""Discovery benchmark: a 50,000-URL sitemap set and a 2,000-entry feed set on loopback.

Serves generated files with ``python -m http.server`` in a child process on 127.0.0.1 (so the
server's memory is not counted), then measures:

* sitemap throughput (URLs/s) walking an index of 1,000-URL child sitemaps (half gzipped),
* peak traced Python memory (tracemalloc) of the streaming walk at 5,000 and at 50,000 URLs;
  the target is a flat profile: peak at 50,000 at most 1.5x the peak at 5,000,
* feed throughput (entries/s) over 20 RSS feeds of 100 entries,
* CDX reader throughput (rows/s): wayback discovery over one 50,000-row CDX JSON answer,
* corpus scan throughput (rows/s): corpus discovery over a 200,000-row local Parquet file with
  the Danish Dynaword columns, the topic pre-filter pushed into DuckDB's SQL (target 100,000).

Needs no network and nothing from ../shared. The last output line is one JSON object.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the loopback httpx getter used by the tests

from helpers_http import HttpxGetter  # noqa: E402
from mediespor.config.sources import (  # noqa: E402
    CorpusSource,
    FeedSource,
    SitemapSource,
    WaybackSource,
)
from mediespor.discover import corpus, feeds, sitemaps, wayback  # noqa: E402
from mediespor.progress import Reporter  # noqa: E402
from mediespor.topic import parse_query  # noqa: E402

PER_SITEMAP = 1000
FEEDS, PER_FEED = 20, 100
CDX_ROWS = 50_000
CORPUS_ROWS, CORPUS_EVERY = 200_000, 100
PREFILTER = parse_query("førtidspension* OR fleksjob* OR ressourceforløb* OR jobcent*")
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def _urlset(start: int, n: int) -> bytes:
    t0 = datetime(2017, 6, 1, tzinfo=UTC)
    rows = []
    for i in range(start, start + n):
        when = (t0 + timedelta(minutes=i)).isoformat()
        rows.append(
            f"<url><loc>https://www.tv2lorry.dk/koebenhavn/artikel-nummer-{i}-om-jobcentret</loc>"
            f"<lastmod>{when}</lastmod><news:news><news:publication>"
            "<news:name>TV2 Lorry</news:name><news:language>da</news:language></news:publication>"
            f"<news:publication_date>{when}</news:publication_date>"
            f"<news:title>Artikel nummer {i} om førtidspension og jobcentret</news:title>"
            "</news:news></url>\n"
        )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NS} {NEWS}>\n{"".join(rows)}</urlset>\n'.encode()


def write_sitemaps(root: Path, total: int) -> str:
    """An index of ``total / 1000`` child sitemaps; every other child is gzipped."""
    d = root / f"s{total}"
    d.mkdir()
    children = []
    for k in range(total // PER_SITEMAP):
        body = _urlset(k * PER_SITEMAP, PER_SITEMAP)
        if k % 2:
            name = f"part-{k}.xml.gz"
            (d / name).write_bytes(gzip.compress(body, 6))
        else:
            name = f"part-{k}.xml"
            (d / name).write_bytes(body)
        children.append(f"<sitemap><loc>{{base}}/s{total}/{name}</loc></sitemap>")
    (d / "index.tmpl").write_text(
        f'<?xml version="1.0"?><sitemapindex {NS}>{"".join(children)}</sitemapindex>'
    )
    return f"s{total}/index.xml"


def write_feeds(root: Path) -> list[str]:
    """20 RSS 2.0 feeds of 100 entries each."""
    d = root / "feeds"
    d.mkdir()
    names = []
    t0 = datetime(2017, 6, 1, tzinfo=UTC)
    for f in range(FEEDS):
        items = []
        for i in range(PER_FEED):
            n = f * PER_FEED + i
            when = (t0 + timedelta(hours=n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
            items.append(
                f"<item><title>Nyhed {n}: fleksjobbet og førtidspensionen</title>"
                f"<link>https://www.tv2lorry.dk/koebenhavn/nyhed-{n}</link>"
                f"<description>&lt;p&gt;Manchet {n} om sagsbehandling på jobcentret.&lt;/p&gt;</description>"
                f"<pubDate>{when}</pubDate><guid>nyhed-{n}</guid></item>"
            )
        body = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F{f}</title>{"".join(items)}</channel></rss>'
        (d / f"f{f}.xml").write_text(body, encoding="utf-8")
        names.append(f"feeds/f{f}.xml")
    return names


def write_cdx(root: Path) -> str:
    """One CDX JSON answer of ``CDX_ROWS`` captures (as ``output=json`` writes it).

    Served as a static file, so the query (limit, resumeKey) is ignored: one answer, one page.
    """
    fields = list(wayback.FIELDS)
    lines = [json.dumps(fields)]
    for i in range(CDX_ROWS):
        url = f"http://www.tv2lorry.dk/koebenhavn/sag-{i}-om-foertidspension"
        lines.append(json.dumps([f"dk,tv2lorry)/koebenhavn/sag-{i}", f"2017{i % 12 + 1:02d}15120000",
                                 url, "text/html", "200", f"D{i}", "9000"]))  # fmt: skip
    (root / "cdx.json").write_text("[" + ",\n".join(lines) + "]\n")
    return "cdx.json"


def write_corpus(root: Path) -> Path:
    """A Parquet corpus with the Dynaword columns; one row in ``CORPUS_EVERY`` is on the topic.

    Every text differs (an md5 body), so the scan cannot ride on dictionary encoding.
    """
    import duckdb

    path = root / "corpus.parquet"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT 'tv2r_' || i AS id,"
        f" 'Overskrift ' || i || CASE WHEN i % {CORPUS_EVERY} = 0"
        " THEN ' om førtidspension' ELSE ' om vejret' END || chr(10)"
        " || '2 april 2017 kl. 17.58' || chr(10)"
        " || list_aggregate(list_transform(range(20), x -> md5(i::VARCHAR || x::VARCHAR)),"
        " 'string_agg', ' ') AS text,"
        " 'tv2r' AS source, DATE '2019-11-13' AS added, '2015-01-01, 2020-01-01' AS created"
        f" FROM range({CORPUS_ROWS}) t(i)) TO '{path}' (FORMAT parquet)"
    )
    con.close()
    return path


async def measure_cdx(base: str, name: str, repeats: int = 3) -> tuple[int, float]:
    """Best-of seconds for wayback discovery to read one CDX answer into candidates."""
    src = WaybackSource(
        name="bench", outlet="TV2 Lorry", kind="wayback", url="tv2lorry.dk/",
        from_date=datetime(2017, 1, 1).date(), to_date=datetime(2017, 12, 31).date(),
        cdx_endpoint=f"{base}/{name}", cdx_delay_s=0, page_size=10_000, max_pages=1,
        max_items=CDX_ROWS,
    )  # fmt: skip
    getter = HttpxGetter(timeout=60)
    best, n = float("inf"), 0
    try:
        for _ in range(repeats):
            t0 = time.perf_counter()
            res = await wayback.discover(src, getter)
            best = min(best, time.perf_counter() - t0)
            n = res.stats.entries
            assert len(res.candidates) == CDX_ROWS, (len(res.candidates), res.problems[:2])
    finally:
        await getter.aclose()
    return n, best


def measure_corpus(path: Path, repeats: int = 3) -> tuple[int, float]:
    """Best-of seconds for corpus discovery over the whole file; returns items found."""
    src = CorpusSource(
        name="bench", outlet="TV 2 regionerne", kind="corpus", path=str(path),
        corpus="bench", license="CC BY-SA 4.0", max_records=CORPUS_ROWS,
    )  # fmt: skip
    best, n = float("inf"), 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        res = asyncio.run(corpus.discover(src, None, prefilter=PREFILTER))
        best = min(best, time.perf_counter() - t0)
        n = len(res.records)
    return n, best


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def walk_count(src: SitemapSource, getter: HttpxGetter) -> int:
    """Stream the walk, counting candidates without keeping them (as a frontier writer would)."""
    n = 0
    async for ev in sitemaps.walk(src, getter):
        if ev.candidate is not None:
            n += 1
        elif ev.problem is not None:
            raise RuntimeError(ev.problem)
    return n


async def measure_peak(src: SitemapSource) -> tuple[int, float]:
    getter = HttpxGetter(timeout=60)
    try:
        await walk_count(src, getter)  # warm up: connection pool, imports, caches
        tracemalloc.start()
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        n = await walk_count(src, getter)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        await getter.aclose()
    return n, (peak - base) / 1e6


def measure_single_file(n: int) -> tuple[int, float, float]:
    """Parse one gzipped n-URL urlset held in memory: count, seconds, peak MB beyond the input."""
    data = gzip.compress(_urlset(0, n), 6)
    t0 = time.perf_counter()
    count = sum(1 for _ in sitemaps.parse_sitemap(sitemaps.byte_chunks(data)))
    secs = time.perf_counter() - t0  # timed without tracemalloc, which slows parsing
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    sum(1 for _ in sitemaps.parse_sitemap(sitemaps.byte_chunks(data)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, secs, (peak - base) / 1e6


async def measure_collect(src: SitemapSource) -> float:
    """Peak MB of sitemaps.discover(), which keeps every candidate in a list."""
    getter = HttpxGetter(timeout=60)
    try:
        tracemalloc.start()
        base, _ = tracemalloc.get_traced_memory()
        res = await sitemaps.discover(src, getter)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(res.candidates) == 50_000, len(res.candidates)
    finally:
        await getter.aclose()
    return (peak - base) / 1e6


async def measure_speed(src: SitemapSource, repeats: int = 3) -> tuple[int, float]:
    getter = HttpxGetter(timeout=60)
    best = float("inf")
    n = 0
    try:
        for _ in range(repeats):
            t0 = time.perf_counter()
            n = await walk_count(src, getter)
            best = min(best, time.perf_counter() - t0)
    finally:
        await getter.aclose()
    return n, best


async def measure_feeds(base: str, names: list[str], repeats: int = 3) -> tuple[int, float]:
    getter = HttpxGetter(timeout=60)
    best = float("inf")
    n = 0
    try:
        for _ in range(repeats):
            t0 = time.perf_counter()
            n = 0
            for name in names:
                src = FeedSource(
                    name="bench", outlet="TV2 Lorry", kind="feed", url=f"{base}/{name}"
                )
                res = await feeds.discover(src, getter)
                n += len(res.candidates)
            best = min(best, time.perf_counter() - t0)
            getter.validators.clear()  # no 304s: every round parses every feed
    finally:
        await getter.aclose()
    return n, best


def main() -> int:
    """Run the benchmark and print its figures; the last line is JSON."""
    reporter = Reporter()
    with tempfile.TemporaryDirectory(prefix="mediespor-bench-") as tmp:
        root = Path(tmp)
        with reporter.stage("generate files", total=5) as st:
            cdx_name = write_cdx(root)
            st.advance()
            corpus_path = write_corpus(root)
            st.advance()
            idx5 = write_sitemaps(root, 5_000)
            st.advance()
            idx50 = write_sitemaps(root, 50_000)
            st.advance()
            feed_names = write_feeds(root)
            st.advance()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        for tmpl in root.glob("s*/index.tmpl"):
            tmpl.with_suffix(".xml").write_text(tmpl.read_text().replace("{base}", base))
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(port),
                "--bind",
                "127.0.0.1",
                "--directory",
                tmp,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/{idx5}", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)

            def src(index: str) -> SitemapSource:
                return SitemapSource(
                    name="bench", outlet="TV2 Lorry", kind="sitemap", url=f"{base}/{index}",
                    max_urls=1_000_000, max_sitemaps=1000,
                )  # fmt: skip

            with reporter.stage("sitemap memory", total=2) as st:
                n5, peak5 = asyncio.run(measure_peak(src(idx5)))
                st.advance()
                n50, peak50 = asyncio.run(measure_peak(src(idx50)))
                st.advance()
            with reporter.stage("sitemap speed", total=1) as st:
                n_speed, secs = asyncio.run(measure_speed(src(idx50)))
                st.advance()
            with reporter.stage("collect-mode memory", total=1) as st:
                collect50 = asyncio.run(measure_collect(src(idx50)))
                st.advance()
            with reporter.stage("feed speed", total=1) as st:
                n_feed, feed_secs = asyncio.run(measure_feeds(base, feed_names))
                st.advance()
            with reporter.stage("cdx speed", total=1) as st:
                n_cdx, cdx_secs = asyncio.run(measure_cdx(base, cdx_name))
                st.advance()
        finally:
            server.terminate()
            server.wait(timeout=10)
        with reporter.stage("corpus scan", total=1) as st:
            n_corpus, corpus_secs = measure_corpus(corpus_path)
            st.advance()
    with reporter.stage("single-file parse", total=2) as st:
        _, _, single5 = measure_single_file(5_000)
        st.advance()
        n_single, single_secs, single50 = measure_single_file(50_000)
        st.advance()
    assert n_single == 50_000
    assert n5 == 5_000 and n50 == 50_000 and n_speed == 50_000, (n5, n50, n_speed)
    assert n_feed == FEEDS * PER_FEED, n_feed
    assert n_cdx == CDX_ROWS and n_corpus == CORPUS_ROWS // CORPUS_EVERY, (n_cdx, n_corpus)
    result = {
        "urls_per_s": round(n_speed / secs),
        "sitemap_seconds_50k": round(secs, 3),
        "peak_mb_5k": round(peak5, 3),
        "peak_mb_50k": round(peak50, 3),
        "peak_ratio": round(peak50 / peak5, 3),
        "flat_memory_ok": peak50 <= 1.5 * peak5,
        "parse_only_urls_per_s": round(n_single / single_secs),
        "single_gz_file_peak_mb_5k": round(single5, 3),
        "single_gz_file_peak_mb_50k": round(single50, 3),
        "collect_mode_peak_mb_50k": round(collect50, 3),
        "feed_entries": n_feed,
        "feed_entries_per_s": round(n_feed / feed_secs),
        "feed_seconds": round(feed_secs, 3),
        "cdx_rows_per_s": round(n_cdx / cdx_secs),
        "corpus_rows_per_s": round(CORPUS_ROWS / corpus_secs),
        "corpus_items": n_corpus,
        "corpus_ok": CORPUS_ROWS / corpus_secs >= 100_000,
    }
    print(
        f"sitemaps: {n_speed} URLs in {secs:.2f} s = {result['urls_per_s']} URLs/s (loopback, best of 3)"
    )
    print(
        f"sitemap walk peak traced memory: {peak5:.2f} MB at 5,000 URLs, {peak50:.2f} MB at 50,000 (x{result['peak_ratio']})"
    )
    print(
        f"one gzipped sitemap file parsed in memory: {result['parse_only_urls_per_s']} URLs/s; "
        f"peak beyond the input {single5:.2f} MB at 5,000 URLs, {single50:.2f} MB at 50,000"
    )
    print(
        f"sitemaps.discover() keeping all 50,000 candidates in a list peaks at {collect50:.1f} MB: "
        "big walks should consume sitemaps.walk() and write to the frontier as they go"
    )
    print(
        f"feeds: {n_feed} entries in {feed_secs:.2f} s = {result['feed_entries_per_s']} entries/s"
    )
    print(
        f"CDX: {n_cdx} rows into candidates in {cdx_secs:.2f} s = {result['cdx_rows_per_s']} rows/s"
    )
    print(
        f"corpus: {CORPUS_ROWS} Parquet rows scanned in {corpus_secs:.2f} s ="
        f" {result['corpus_rows_per_s']} rows/s (target 100,000), {n_corpus} items"
    )
    print(json.dumps(result))
    return 0 if result["flat_memory_ok"] and result["corpus_ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
