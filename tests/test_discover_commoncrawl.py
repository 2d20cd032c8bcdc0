"""Common Crawl over real HTTP on 127.0.0.1: index lookup and byte-range WARC record fetches."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from werkzeug import Request, Response

from discover_support import with_getter
from mediespor.config.sources import CommonCrawlSource
from mediespor.discover import commoncrawl
from mediespor.discover.commoncrawl import parse_index_lines, unwrap_warc_record

PAGE = "<html><head><title>Førtidspension</title></head><body>Artikel fra 2017</body></html>"


def _warc_file() -> tuple[bytes, list[tuple[str, int, int]]]:
    """A gzipped WARC with a request record and two response records; offsets of the responses."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    spans = []
    for url, html in (
        ("http://www.tv2lorry.dk/artikel/foertidspension", PAGE),
        ("http://www.tv2lorry.dk/artikel/anden", "<html><body>Anden</body></html>"),
    ):
        req = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(req)
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        rec = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html.encode()),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2017-06-29T12:00:00Z"},
        )
        start = buf.tell()
        writer.write_record(rec)
        spans.append((url, start, buf.tell() - start))
    return buf.getvalue(), spans


def _index_line(url: str, offset: int, length: int, **kw) -> str:
    rec = {
        "urlkey": "dk,tv2lorry)/x",
        "timestamp": kw.get("timestamp", "20170629120000"),
        "url": url,
        "mime": kw.get("mime", "text/html"),
        "status": kw.get("status", "200"),
        "digest": "SHA1",
        "length": str(length),
        "offset": str(offset),
        "filename": "crawl-data/CC-MAIN-2017-26/segments/1/warc/file.warc.gz",
    }
    return json.dumps(rec)


def _src(server, **kw) -> CommonCrawlSource:
    return CommonCrawlSource(
        name="tv2lorry-cc",
        outlet="TV2 Lorry",
        kind="commoncrawl",
        url="tv2lorry.dk/artikel/*",
        crawls=["CC-MAIN-2017-26"],
        index_endpoint=server.url_for("/idx"),
        data_endpoint=server.url_for("/data"),
        **kw,
    )


def _range_handler(data: bytes):
    def handler(request: Request) -> Response:
        rng = request.headers.get("Range", "")
        if not rng.startswith("bytes="):
            return Response(data, status=200)
        start, end = (int(x) for x in rng[6:].split("-"))
        return Response(
            data[start : end + 1],
            status=206,
            headers={"Content-Range": f"bytes {start}-{end}/{len(data)}"},
            content_type="application/octet-stream",
        )

    return handler


def test_index_lookup_then_range_fetch_returns_the_archived_page(httpserver):
    warc, spans = _warc_file()
    (u1, o1, l1), (u2, o2, l2) = spans
    lines = [
        _index_line(u1, o1, l1),
        _index_line(u2, o2, l2),
        _index_line("http://www.tv2lorry.dk/artikel/x.jpg", 0, 10, mime="image/jpeg"),
        _index_line("http://www.tv2lorry.dk/artikel/moved", 0, 10, status="301"),
        "{not json",
    ]
    httpserver.expect_request(
        "/idx/CC-MAIN-2017-26-index",
        query_string={"url": "tv2lorry.dk/artikel/*", "output": "json", "showNumPages": "true"},
    ).respond_with_json({"pages": 1, "pageSize": 5, "blocks": 1})
    httpserver.expect_request("/idx/CC-MAIN-2017-26-index").respond_with_data(
        "\n".join(lines) + "\n"
    )
    httpserver.expect_request(
        "/data/crawl-data/CC-MAIN-2017-26/segments/1/warc/file.warc.gz"
    ).respond_with_handler(_range_handler(warc))

    async def run(g):
        res = await commoncrawl.discover(_src(httpserver), g)
        pages = [await commoncrawl.fetch_record(g, c) for c in res.candidates]
        return res, pages, list(g.requested)

    res, pages, requested = with_getter(run)
    assert [c.url for c in res.candidates] == [u1, u2]
    c = res.candidates[0]
    assert (
        c.extra["crawl"] == "CC-MAIN-2017-26"
        and c.extra["offset"] == o1
        and c.extra["length"] == l1
    )
    assert c.extra["filename"].endswith("file.warc.gz") and c.fetch_url is None
    assert c.extra["warc_url"] == httpserver.url_for("/data/" + c.extra["filename"])
    assert res.stats.filtered == 2
    assert any("unreadable" in p.reason for p in res.problems)
    assert pages[0].status == 200 and pages[0].body == PAGE.encode()
    assert pages[0].content_type == "text/html" and pages[0].encoding == "utf-8"
    assert pages[0].captured_at == datetime(2017, 6, 29, 12, tzinfo=UTC)
    assert pages[0].fetched_at.year > 2017  # downloaded now, not in 2017
    assert pages[1].body == b"<html><body>Anden</body></html>"
    ranges = [h.get("Range") for url, h in requested if "/data/" in url]
    assert ranges == [f"bytes={o1}-{o1 + l1 - 1}", f"bytes={o2}-{o2 + l2 - 1}"]


def test_wrong_range_gives_an_error_result_not_an_exception(httpserver):
    warc, spans = _warc_file()
    url, off, length = spans[0]
    httpserver.expect_request("/data/f.warc.gz").respond_with_handler(_range_handler(warc))
    from mediespor.models import Candidate

    bad = Candidate(
        url=url,
        source="s",
        via="commoncrawl",
        extra={
            "warc_url": httpserver.url_for("/data/f.warc.gz"),
            "offset": off + 3,
            "length": length,
        },
    )
    other = Candidate(
        url="http://www.tv2lorry.dk/artikel/anden-side",
        source="s",
        via="commoncrawl",
        extra={"warc_url": httpserver.url_for("/data/f.warc.gz"), "offset": off, "length": length},
    )

    async def run(g):
        return await commoncrawl.fetch_record(g, bad), await commoncrawl.fetch_record(g, other)

    r1, r2 = with_getter(run)
    assert r1.error_kind == "warc" and r1.body is None
    assert r2.error_kind == "warc" and "not http://www.tv2lorry.dk/artikel/anden-side" in r2.error


def test_no_captures_and_max_records(httpserver):
    lines = [_index_line(f"http://www.tv2lorry.dk/artikel/{i}", 0, 10) for i in range(5)]
    httpserver.expect_request("/idx/CC-MAIN-2017-26-index").respond_with_data("\n".join(lines))
    httpserver.expect_request("/idx/CC-MAIN-2017-30-index").respond_with_json(
        {"message": "No Captures found"}, status=404
    )
    src = _src(httpserver, max_records=3)
    res = with_getter(lambda g: commoncrawl.discover(src, g))
    assert len(res.candidates) == 3 and res.stats.stopped == "max_records (3) reached"
    none = with_getter(
        lambda g: commoncrawl.discover(
            CommonCrawlSource(**{**src.model_dump(), "crawls": ["CC-MAIN-2017-30"]}), g
        )
    )
    assert none.candidates == [] and none.problems == []


def test_parse_index_lines_and_unwrap_reject_junk():
    page = parse_index_lines(
        '{"url":"http://a.dk/","timestamp":"2017","filename":"f","offset":"-1","length":"5"}\n\n[]\n'
    )
    assert page.records == [] and len(page.problems) == 2
    try:
        unwrap_warc_record(b"not a warc at all")
    except ValueError as exc:
        assert "WARC" in str(exc) or "warc" in str(exc).lower()
    else:
        raise AssertionError("junk accepted as a WARC record")


def test_index_pages_are_all_read(httpserver):
    pages = {
        "0": [_index_line(f"http://www.tv2lorry.dk/artikel/p0-{i}", 0, 10) for i in range(2)],
        "1": [_index_line(f"http://www.tv2lorry.dk/artikel/p1-{i}", 0, 10) for i in range(2)],
    }
    httpserver.expect_request(
        "/idx/CC-MAIN-2017-26-index",
        query_string={"url": "tv2lorry.dk/artikel/*", "output": "json", "showNumPages": "true"},
    ).respond_with_json({"pages": 2, "pageSize": 5, "blocks": 2})
    for n, lines in pages.items():
        httpserver.expect_request(
            "/idx/CC-MAIN-2017-26-index",
            query_string={"url": "tv2lorry.dk/artikel/*", "output": "json", "page": n},
        ).respond_with_data("\n".join(lines))
    res = with_getter(lambda g: commoncrawl.discover(_src(httpserver), g))
    assert [c.url.rsplit("/", 1)[-1] for c in res.candidates] == ["p0-0", "p0-1", "p1-0", "p1-1"]
    assert res.stats.requests == 3


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=400))
def test_fuzz_index_lines_never_raise(text):
    page = parse_index_lines(text)
    assert all(r.length > 0 and r.offset >= 0 for r in page.records)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=400))
def test_fuzz_unwrap_raises_only_value_error(data):
    with contextlib.suppress(ValueError):
        unwrap_warc_record(data)


def test_a_record_that_times_out_stays_pending_and_a_missing_file_fails(tmp_path):
    """A slow WARC server is a transient failure (tried again next run), not a permanent one."""
    import asyncio

    from fetch_support import fetcher, open_test_store
    from loopserver import LoopServer, Reply
    from mediespor.crawl.fetch_pass import run_frontier
    from mediespor.crawl.frontier import Frontier
    from mediespor.failures import FailureKind
    from mediespor.models import Candidate

    def record(url: str, path: str) -> Candidate:
        return Candidate(url=url, source="s", via="commoncrawl",
                         extra={"warc_url": server.url(path), "offset": 0, "length": 100})  # fmt: skip

    with LoopServer(("127.0.0.1",)) as server, open_test_store(tmp_path) as store:
        server.serve_static("/slow.warc.gz", Reply(206, b"x" * 100, delay_s=1.0))
        slow = record("http://www.tv2lorry.dk/artikel/langsom", "/slow.warc.gz")
        gone = record("http://www.tv2lorry.dk/artikel/borte", "/missing.warc.gz")
        by_url = {c.url: c for c in (slow, gone)}
        frontier = Frontier(store, run_id=1)
        frontier.add([slow, gone])

        async def go():
            async with fetcher(store, tmp_path, read_timeout_s=0.2, max_attempts=1) as f:
                direct = await commoncrawl.fetch_record(f, slow)
                stats = await run_frontier(
                    f, store, lambda r, e: None, frontier=frontier,
                    fetch=lambda e: commoncrawl.fetch_record(f, by_url[e.url]),
                )  # fmt: skip
                return direct, stats

        direct, stats = asyncio.run(go())
        states = dict(store.con.execute("SELECT url, state FROM frontier").fetchall())
    assert direct.error_kind is FailureKind.TIMEOUT and direct.error_kind.transient
    assert direct.url == slow.url and direct.body is None
    assert (stats.retry_later, stats.failed) == (1, 1)
    assert states == {slow.url: "pending", gone.url: "failed"}
