"""The backfill paths end to end on 127.0.0.1 and local Parquet: one run, one item per article.

An article is found twice, by an outlet-wide Wayback query (a CDX stand-in that applies the
documented parameters) and by Common Crawl's columnar index (a local Parquet file, the record
fetched by byte range from a loopback data server); a corpus (a local Parquet file with the
Dynaword schema) adds an item known only by its text. The article is stored once, dated from
the capture; the corpus item from its date line; ``archive show`` shows the evidence of each.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

import duckdb
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from werkzeug import Request, Response

from cdx_standin import Capture, CdxStandin
from corpus_support import corpus_row, index_row, write_corpus, write_index

ARTICLE = "/indland/afslag-paa-foertidspension-stiger"
ONLY_IN_CC = "/indland/fleksjob-til-faerre"
ONLY_IN_WAYBACK = "/indland/jobcentret-flytter-fleksjob"
WARC_NAME = "crawl-data/CC-MAIN-2017-30/segments/1/warc/test.warc.gz"
# Our own test text; the only date on the page is year-less, so the capture year decides.
PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>{title} | Testavisen</title></head><body>
<article><h1>{title}</h1>
<p class="dateline">Onsdag 28. juni kl. 14.32</p>
<p>Flere borgere end før får afslag på førtidspension, viser kommunens egne tal for året.</p>
<p>Udvalget vil drøfte sagerne på sit næste møde, og borgmesteren har lovet et svar.</p>
<p>Mange har været i ressourceforløb i flere år uden at få en afklaring af deres sag.</p>
</article></body></html>"""


def _warc(records: list[tuple[str, str, str]]) -> tuple[bytes, list[tuple[int, int]]]:
    buf = io.BytesIO()
    spans = []
    for url, html, when in records:
        start = buf.tell()
        writer = WARCWriter(buf, gzip=True)
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        rec = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=http,
            warc_headers_dict={"WARC-Date": when},
        )  # fmt: skip
        writer.write_record(rec)
        spans.append((start, buf.tell() - start))
    return buf.getvalue(), spans


def _ranged(data: bytes, request: Request) -> Response:
    m = re.fullmatch(r"bytes=(\d+)-(\d+)", request.headers.get("Range", ""))
    if not m:
        return Response(data, content_type="application/octet-stream")
    start, end = int(m.group(1)), int(m.group(2))
    return Response(data[start : end + 1], status=206, content_type="application/octet-stream",
                    headers={"Content-Range": f"bytes {start}-{end}/{len(data)}"})  # fmt: skip


def _setup(project, httpserver) -> tuple[str, CdxStandin]:
    base = httpserver.url_for("").rstrip("/")
    article, only_cc = f"{base}{ARTICLE}", f"{base}{ONLY_IN_CC}"
    page = PAGE.format(title="Afslag på førtidspension stiger")
    warc, spans = _warc([
        (article, page, "2017-07-20T10:00:00Z"),
        (only_cc, PAGE.format(title="Fleksjob til færre"), "2017-07-21T10:00:00Z"),
    ])  # fmt: skip
    only_wb = f"{base}{ONLY_IN_WAYBACK}"
    cdx = CdxStandin([
        Capture(article, "20170629101500"),
        Capture(only_wb, "20170905080000"),
        Capture(f"{base}/sport/fodbold-i-parken", "20170629101500"),
    ])  # fmt: skip

    def handle(request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response("User-agent: *\nAllow: /\n", content_type="text/plain")
        if request.path == "/cdx":
            return cdx.handle(request)
        if request.path == f"/web/20170629101500id_/{article}":
            return Response(page, content_type="text/html; charset=utf-8")
        if request.path == f"/web/20170905080000id_/{only_wb}":
            return Response(PAGE.format(title="Jobcentret flytter fleksjob"),
                            content_type="text/html; charset=utf-8")  # fmt: skip
        if request.path == f"/data/{WARC_NAME}":
            return _ranged(warc, request)
        return Response("not found", status=404)

    httpserver.expect_request(re.compile(".*")).respond_with_handler(handle)
    rows = [index_row(u, t, WARC_NAME, o, n)
            for u, t, (o, n) in zip((article, only_cc),
                                    ("2017-07-20 10:00:00", "2017-07-21 10:00:00"), spans,
                                    strict=True)]  # fmt: skip
    rows.append(index_row(f"{base}/sport/fodbold", "2017-07-20 10:00:00", WARC_NAME, 0, 10))
    write_index(project / "data" / "cc-index.parquet", rows)
    write_corpus(project / "data" / "tv2r.parquet", [
        corpus_row(7, "Borgere venter på svar om førtidspension", "02 april 2017 kl. 17.58"),
        corpus_row(8, "Vejret bliver godt i weekenden", "03 april 2017 kl. 08.00"),
    ])  # fmt: skip
    (project / "sources.yaml").write_text(
        "crawl: {delay_s: 0, allow_private_addresses: true, max_attempts: 1}\n"
        'topic: {query: "førtidspension* OR fleksjob*"}\n'
        f"""sources:
  - name: testavisen-wayback
    outlet: Testavisen
    kind: wayback
    domain: localhost
    slug_pattern: "foertidspension|fleksjob"
    from_date: 2017-01-01
    to_date: 2017-12-31
    cdx_endpoint: "{base}/cdx"
    replay_endpoint: "{base}/web"
    cdx_delay_s: 0
  - name: testavisen-cc-index
    outlet: Testavisen
    kind: commoncrawl-index
    index: [data/cc-index.parquet]
    tld: localhost
    from_date: 2017-01-01
    to_date: 2017-12-31
    data_endpoint: "{base}/data"
  - name: tv2r
    outlet: TV 2 regionerne
    kind: corpus
    path: data/tv2r.parquet
    corpus: "Testkorpus, tv2r"
    license: CC BY-SA 4.0
    attribution: "Testkorpus af egne tekster"
""",
        encoding="utf-8",
    )
    (project / "data" / "known_coverage.csv").unlink()
    return base, cdx


def _items(project) -> list[tuple]:
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    try:
        return con.execute(
            "SELECT url, title, published_at, published_precision, source FROM items ORDER BY title"
        ).fetchall()
    finally:
        con.close()


def _one(project, sql: str) -> list[tuple]:
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _cph(ts: datetime) -> datetime:
    from mediespor.danish_dates import CPH

    return ts.astimezone(CPH).replace(tzinfo=None)


def test_three_paths_one_item_per_article_with_evidence(project, run_cli, httpserver):
    base, cdx = _setup(project, httpserver)
    res = run_cli("run", "--no-render", cwd=project)
    assert res.code == 0, res.err + res.out
    items = _items(project)
    titles = [t for _u, t, *_ in items]
    assert titles == [
        "Afslag på førtidspension stiger",
        "Borgere venter på svar om førtidspension",
        "Fleksjob til færre",
        "Jobcentret flytter fleksjob",
    ], items
    by_title = {t: (u, p, prec) for u, t, p, prec, _s in items}
    url, published, precision = by_title["Afslag på førtidspension stiger"]
    assert url == f"{base}{ARTICLE}"
    # Both archives captured it in 2017: the year-less date line is read in that year.
    assert _cph(published) == datetime(2017, 6, 28, 14, 32) and precision == "time"
    _u, published, precision = by_title["Borgere venter på svar om førtidspension"]
    assert _cph(published) == datetime(2017, 4, 2, 17, 58) and _u is None
    # The article was found by both archive paths; it is still one item.
    paths = _one(project, f"SELECT via FROM discoveries WHERE url = '{url}' ORDER BY via")
    assert [p[0] for p in paths] == ["commoncrawl-index", "wayback"]
    # One outlet-wide CDX query, filtered on the server.
    assert len(cdx.queries) == 1 and cdx.queries[0]["matchType"] == ["domain"]

    # The evidence: the WARC record of an archived page, the corpus record of a corpus item.
    shown = run_cli("archive", "show", url, cwd=project)
    assert shown.code == 0, shown.err
    assert "Afslag på førtidspension stiger" in shown.out and "WARC:" in shown.out
    corpus = run_cli("archive", "show", "tv2r_7", cwd=project)
    assert corpus.code == 0, corpus.err
    assert "Corpus: Testkorpus, tv2r" in corpus.out and "License: CC BY-SA 4.0" in corpus.out
    assert "Record: tv2r_7" in corpus.out
    wayback_only = run_cli("archive", "show", f"{base}{ONLY_IN_WAYBACK}", cwd=project)
    assert wayback_only.code == 0, wayback_only.err
    assert (
        "20170905080000id_" in wayback_only.out
        and "Jobcentret flytter fleksjob" in wayback_only.out
    )

    # Recall you can see: per outlet and month, which path each item came by.
    status = run_cli("status", "--paths", cwd=project)
    assert status.code == 0, status.err
    line = next(x for x in status.out.splitlines() if x.startswith("relevant items by path"))
    assert "Wayback Machine 2" in line and "Common Crawl-indeks 2" in line
    assert "Tekstkorpus 1" in line
    report = run_cli("report", cwd=project)
    assert report.code == 0, report.err
    page = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Hvor omtalerne kom fra" in page and "Common Crawl-indeks" in page
    # The corpus license asks for attribution: the report gives it.
    assert "Testkorpus, tv2r" in page and "CC BY-SA 4.0" in page
    assert "Testkorpus af egne tekster" in page

    # A second run finds everything again and stores nothing twice.
    again = run_cli("run", "--no-render", cwd=project)
    assert again.code == 0, again.err + again.out
    assert len(_items(project)) == 4
    assert _one(project, "SELECT count(*) FROM item_corpus_records") == [(1,)]
