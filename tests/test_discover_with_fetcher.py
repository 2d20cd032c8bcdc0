"""Discovery through the production Fetcher over loopback: the Getter boundary holds.

The unit tests of each kind use a small httpx getter; these run the same discovery code through
``mediespor.fetch.Fetcher`` (robots, politeness, WARC, fetch log) to show the two fit together,
and pin down how the Fetcher's retry policy meets the Wayback CDX 429 rule.
"""

from __future__ import annotations

import asyncio
import gzip

from discover_support import fixture_bytes
from fetch_support import fetcher, open_test_store
from mediespor.config.sources import FeedSource, SitemapSource, WaybackSource
from mediespor.discover import discover_source
from mediespor.discover.wayback import RATE_LIMITED

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _run(store, tmp_path, coro_fn):
    async def go():
        async with fetcher(store, tmp_path) as f:
            return await coro_fn(f)

    return asyncio.run(go())


def _urlset(n: int) -> bytes:
    urls = "".join(
        f"<url><loc>https://www.tv2lorry.dk/koebenhavn/{i}</loc></url>" for i in range(n)
    )
    return f"<urlset {NS}>{urls}</urlset>".encode()


def test_feed_and_xml_sitemap_through_the_fetcher(httpserver, tmp_path):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/rss").respond_with_data(
        fixture_bytes("tv2lorry-rss.xml"),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"'},
    )
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        _urlset(3), content_type="application/xml"
    )
    store = open_test_store(tmp_path)
    feed = FeedSource(name="f", outlet="TV2 Lorry", kind="feed", url=httpserver.url_for("/rss"))
    smap = SitemapSource(
        name="s", outlet="TV2 Lorry", kind="sitemap", url=httpserver.url_for("/sitemap.xml")
    )

    async def both(f):
        return await discover_source(feed, f), await discover_source(smap, f)

    fr, sr = _run(store, tmp_path, both)
    assert len(fr.candidates) == 3
    assert sr.problems == []
    assert [c.url for c in sr.candidates] == [
        f"https://www.tv2lorry.dk/koebenhavn/{i}" for i in range(3)
    ]
    # The fetcher archived what discovery read.
    assert any(p.name.endswith(".warc.gz") for p in (tmp_path / "warc").rglob("*"))


def test_robots_sitemap_lines_and_gzipped_sitemap_through_the_fetcher(httpserver, tmp_path):
    httpserver.expect_request("/robots.txt").respond_with_data(
        f"User-agent: *\nAllow: /\nSitemap: {httpserver.url_for('/sitemap.xml.gz')}\n",
        content_type="text/plain",
    )
    httpserver.expect_request("/sitemap.xml.gz").respond_with_data(
        gzip.compress(_urlset(3)), content_type="application/x-gzip"
    )
    store = open_test_store(tmp_path)
    smap = SitemapSource(
        name="s", outlet="TV2 Lorry", kind="sitemap", robots_url=httpserver.url_for("/robots.txt")
    )
    sr = _run(store, tmp_path, lambda f: discover_source(smap, f))
    assert sr.problems == []
    assert len(sr.candidates) == 3


def _cdx_429(httpserver, tmp_path):
    from datetime import date

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/cdx").respond_with_data("slow down", status=429)
    store = open_test_store(tmp_path)
    src = WaybackSource(
        name="w",
        outlet="TV2 Lorry",
        kind="wayback",
        url="tv2lorry.dk/",
        from_date=date(2017, 1, 1),
        to_date=date(2017, 12, 31),
        cdx_endpoint=httpserver.url_for("/cdx"),
        cdx_delay_s=0,
    )
    res = _run(store, tmp_path, lambda f: discover_source(src, f))
    return res, sum(1 for req, _ in httpserver.log if req.path == "/cdx")


def test_cdx_429_through_the_fetcher_stops_the_source(httpserver, tmp_path):
    res, _hits = _cdx_429(httpserver, tmp_path)
    assert res.candidates == []
    assert res.problems[-1].reason == RATE_LIMITED
    assert res.stats.stopped == "rate limited (429)"


def test_cdx_429_is_asked_only_once(httpserver, tmp_path):
    _res, hits = _cdx_429(httpserver, tmp_path)
    assert hits == 1
