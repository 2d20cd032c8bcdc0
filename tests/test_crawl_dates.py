"""Dates through the whole crawl (discover → fetch → extract → store) on 127.0.0.1.

An archived page is read as of its capture time: a 2017 capture whose only date is a year-less
"28. juni kl. 14.32" is stored as 28 June 2017, whatever year the test runs in, and the item's
provenance says which reference time was used. A feed date outside the sane range (9999-12-31)
is dropped with a note; the article is still stored.
"""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

import duckdb
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from werkzeug import Request, Response

ARTICLE_PATH = "/nyheder/demonstration-mod-afslag-paa-foertidspension"
# Our own test text; the only date on the page is year-less.
CAPTURED_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>Borgere demonstrerer mod afslag | Testavisen</title></head><body>
<article><h1>Borgere demonstrerer mod afslag</h1>
<p class="dateline">Onsdag 28. juni kl. 14.32</p>
<p>Omkring hundrede mennesker stod foran rådhuset for at protestere mod afslag på
førtidspension og fleksjob i kommunen.</p>
<p>Udvalget holdt et ekstraordinært møde samme eftermiddag, og borgmesteren lovede svar.</p>
<p>Flere af demonstranterne havde været i ressourceforløb i mange år uden afklaring.</p>
</article></body></html>"""


def _run(project, run_cli, sources: str) -> list[tuple]:
    (project / "sources.yaml").write_text(
        "crawl: {delay_s: 0, allow_private_addresses: true, max_attempts: 1}\n"
        'topic: {query: "førtidspension* OR fleksjob*"}\n'
        "sources:\n" + sources,
        encoding="utf-8",
    )
    (project / "data" / "known_coverage.csv").unlink()
    res = run_cli("run", "--no-render", cwd=project)
    assert res.code == 0, res.err + res.out
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT url, published_at, published_precision, date_source, provenance, first_seen"
        " FROM items"
    ).fetchall()
    con.close()
    return rows


def _serve(httpserver, answer) -> None:
    """Serve robots.txt, ``answer(request)`` where it gives a response, else 404."""

    def handle(request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response("User-agent: *\nAllow: /\n", content_type="text/plain")
        return answer(request) or Response("not found", status=404)

    httpserver.expect_request(re.compile(".*")).respond_with_handler(handle)


def _cph_local(ts: datetime) -> datetime:
    from mediespor.danish_dates import CPH

    return ts.astimezone(CPH).replace(tzinfo=None)


def test_wayback_capture_is_dated_in_its_capture_year(project, run_cli, httpserver):
    base = httpserver.url_for("").rstrip("/")
    original = f"{base}{ARTICLE_PATH}"

    def answer(request: Request) -> Response | None:
        if request.path == "/cdx/search/cdx":
            fields = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest",
                      "length"]  # fmt: skip
            rows = [fields, ["x", "20170629101500", original, "text/html", "200", "D", "900"]]
            return Response(json.dumps(rows), content_type="application/json")
        if request.path == f"/web/20170629101500id_/{original}":
            return Response(CAPTURED_PAGE, content_type="text/html; charset=utf-8")
        return None

    _serve(httpserver, answer)
    rows = _run(
        project,
        run_cli,
        f"""  - name: arkiv
    outlet: Testavisen
    kind: wayback
    url: "{base}/nyheder/"
    from_date: 2017-01-01
    to_date: 2017-12-31
    cdx_endpoint: "{base}/cdx/search/cdx"
    replay_endpoint: "{base}/web"
    cdx_delay_s: 0
""",
    )
    assert len(rows) == 1, rows
    url, published, precision, source, provenance, _first_seen = rows[0]
    assert url == original
    assert _cph_local(published) == datetime(2017, 6, 28, 14, 32)
    assert (precision, source) == ("time", "visible_text")
    ref = json.loads(provenance)["reference_time"]
    assert ref["basis"] == "capture"
    assert ref["value"] == datetime(2017, 6, 29, 10, 15, tzinfo=UTC).isoformat()


def _warc_record(url: str, html: str, warc_date: str) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    rec = writer.create_warc_record(
        url, "response", payload=io.BytesIO(html.encode()), http_headers=http,
        warc_headers_dict={"WARC-Date": warc_date},
    )  # fmt: skip
    writer.write_record(rec)
    return buf.getvalue()


def test_common_crawl_record_is_dated_in_its_capture_year(project, run_cli, httpserver):
    base = httpserver.url_for("").rstrip("/")
    original = f"{base}{ARTICLE_PATH}"
    # "i går" on a page captured on 29 June 2017 is 28 June 2017.
    page = CAPTURED_PAGE.replace("Onsdag 28. juni kl. 14.32", "i går kl. 14.32")
    warc = _warc_record(original, page, "2017-06-29T12:00:00Z")
    index_line = json.dumps({
        "urlkey": "x", "timestamp": "20170629120000", "url": original, "mime": "text/html",
        "status": "200", "digest": "D", "length": str(len(warc)), "offset": "0",
        "filename": "crawl-data/CC-MAIN-2017-26/file.warc.gz",
    })  # fmt: skip

    def answer(request: Request) -> Response | None:
        if request.path == "/idx/CC-MAIN-2017-26-index":
            if request.args.get("showNumPages"):
                return Response(json.dumps({"pages": 1}), content_type="application/json")
            return Response(index_line + "\n", content_type="text/plain")
        if request.path == "/data/crawl-data/CC-MAIN-2017-26/file.warc.gz":
            # As a data server sends a WARC file: a generic binary type.
            return Response(warc, status=206, content_type="application/octet-stream",
                            headers={"Content-Range": f"bytes 0-{len(warc) - 1}/{len(warc)}"})  # fmt: skip
        return None

    _serve(httpserver, answer)
    rows = _run(
        project,
        run_cli,
        f"""  - name: cc
    outlet: Testavisen
    kind: commoncrawl
    url: "{base}/nyheder/*"
    crawls: [CC-MAIN-2017-26]
    index_endpoint: "{base}/idx"
    data_endpoint: "{base}/data"
""",
    )
    assert len(rows) == 1, rows
    _url, published, precision, _source, provenance, first_seen = rows[0]
    assert _cph_local(published) == datetime(2017, 6, 28, 14, 32)
    assert precision == "time"
    ref = json.loads(provenance)["reference_time"]
    assert ref["basis"] == "capture"
    assert ref["value"] == datetime(2017, 6, 29, 12, tzinfo=UTC).isoformat()
    # We first saw it when we downloaded the record, not when the archive captured it.
    assert first_seen.year > 2017


def test_feed_date_in_year_9999_is_dropped_with_a_note_not_the_item(project, run_cli, httpserver):
    base = httpserver.url_for("").rstrip("/")
    undated = CAPTURED_PAGE.replace('<p class="dateline">Onsdag 28. juni kl. 14.32</p>', "")
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<link>{base}/</link><item><title>Borgere demonstrerer mod afslag</title>"
        f"<link>{base}{ARTICLE_PATH}</link>"
        "<pubDate>Fri, 31 Dec 9999 23:59:59 +0000</pubDate></item></channel></rss>"
    )

    def answer(request: Request) -> Response | None:
        if request.path == "/rss":
            return Response(feed, content_type="application/rss+xml; charset=utf-8")
        if request.path == ARTICLE_PATH:
            return Response(undated, content_type="text/html; charset=utf-8")
        return None

    _serve(httpserver, answer)
    rows = _run(
        project, run_cli, f'  - {{name: rss, outlet: Testavisen, kind: feed, url: "{base}/rss"}}\n'
    )
    assert len(rows) == 1, rows
    url, published, _precision, _source, provenance, _first_seen = rows[0]
    assert url == f"{base}{ARTICLE_PATH}"
    assert published is None
    prov = json.loads(provenance)
    assert prov["undated"] is True
    assert any(r.startswith("listing_hint: 9999-12-31") for r in prov["dates_rejected"])
