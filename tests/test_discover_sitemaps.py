"""Sitemap discovery over real HTTP on 127.0.0.1: urlsets, indexes, gzip, news, robots, hostile."""

from __future__ import annotations

import contextlib
import gzip
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discover_support import fixture_bytes, with_getter
from mediespor.config.sources import SitemapSource
from mediespor.danish_dates import CPH
from mediespor.discover import sitemaps
from mediespor.discover.sitemaps import (
    SitemapError,
    SitemapRef,
    SitemapUrl,
    byte_chunks,
    parse_robots_sitemaps,
    parse_sitemap,
)

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def _src(**kw) -> SitemapSource:
    return SitemapSource(name="t-sitemap", outlet="TV2 Lorry", kind="sitemap", **kw)


def _urlset(locs: list[tuple[str, str | None]]) -> bytes:
    rows = "".join(
        f"<url><loc>{u}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}</url>" for u, m in locs
    )
    return f'<?xml version="1.0"?><urlset {NS}>{rows}</urlset>'.encode()


def _index(locs: list[tuple[str, str | None]]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{u}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}</sitemap>"
        for u, m in locs
    )
    return f'<?xml version="1.0"?><sitemapindex {NS}>{rows}</sitemapindex>'.encode()


def test_real_sitemap_plain_and_gzip_give_the_same_locs():
    plain = list(parse_sitemap(byte_chunks(fixture_bytes("sitemaps-org-sitemap.xml"), 1000)))
    gz = list(parse_sitemap(byte_chunks(fixture_bytes("sitemaps-org-sitemap.xml.gz"), 333)))
    assert len(plain) == 84
    assert plain == gz
    assert all(isinstance(e, SitemapUrl) for e in plain)
    assert plain[0].loc == "https://www.sitemaps.org/"
    # A date alone is the Copenhagen midnight that starts it (danish_dates' rule).
    assert plain[0].lastmod == datetime(2016, 11, 21, tzinfo=CPH)


def test_google_news_tags_become_title_and_date(httpserver):
    body = (
        f"<urlset {NS} {NEWS}><url><loc>https://www.berlingske.dk/politik/foertidspension</loc>"
        "<news:news><news:publication><news:name>Berlingske</news:name>"
        "<news:language>da</news:language></news:publication>"
        "<news:publication_date>2017-06-28T14:32:00+02:00</news:publication_date>"
        "<news:title>Førtidspensionister demonstrerer</news:title></news:news></url></urlset>"
    ).encode()
    httpserver.expect_request("/news-sitemap.xml").respond_with_data(body)
    res = with_getter(
        lambda g: sitemaps.discover(
            _src(url=httpserver.url_for("/news-sitemap.xml"), allowed_domains=["berlingske.dk"]),
            g,
        )
    )
    (c,) = res.candidates
    assert c.title == "Førtidspensionister demonstrerer"
    assert c.published_at == datetime(2017, 6, 28, 12, 32, tzinfo=UTC)
    assert c.url == "https://www.berlingske.dk/politik/foertidspension"


def test_index_recursion_gzip_child_lastmod_filter_and_pattern(httpserver):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/robots.txt").respond_with_data(
        f"User-agent: *\nDisallow: /search\nSitemap: {base}/index.xml\nsitemap: /index.xml\n"
    )
    httpserver.expect_request("/index.xml").respond_with_data(
        _index(
            [
                (f"{base}/old.xml", "2015-01-01"),
                (f"{base}/2017.xml.gz", "2017-08-01T10:00:00Z"),
                (f"{base}/missing.xml", None),
            ]
        )
    )
    child = _urlset(
        [
            ("https://www.tv2lorry.dk/koebenhavn/foertidspension-demo", "2017-06-28"),
            ("https://www.tv2lorry.dk/koebenhavn/gammel", "2016-12-31"),
            ("https://www.tv2lorry.dk/tag/koebenhavn", "2017-06-28"),
            ("https://elsewhere.example/koebenhavn/x", "2017-06-28"),
        ]
    )
    httpserver.expect_request("/2017.xml.gz").respond_with_data(
        gzip.compress(child), content_type="application/x-gzip"
    )
    httpserver.expect_request("/missing.xml").respond_with_data("", status=404)
    src = _src(
        robots_url=f"{base}/robots.txt",
        lastmod_since=date(2017, 1, 1),
        url_pattern="/koebenhavn/",
        allowed_domains=["tv2lorry.dk"],
    )
    res = with_getter(lambda g: sitemaps.discover(src, g))
    assert [c.url for c in res.candidates] == [
        "https://www.tv2lorry.dk/koebenhavn/foertidspension-demo"
    ]
    assert res.stats.too_old == 2  # old.xml skipped unread, one old URL
    assert res.stats.filtered == 2
    assert [p.reason for p in res.problems] == ["HTTP 404"]
    requested = [r.path for r, _ in httpserver.log]
    assert "/old.xml" not in requested
    assert requested.count("/index.xml") == 1  # listed twice in robots.txt, fetched once


def test_self_referencing_index_terminates(httpserver):
    httpserver.expect_request("/loop.xml").respond_with_data(
        _index([(httpserver.url_for("/loop.xml"), None), (httpserver.url_for("/a.xml"), None)])
    )
    httpserver.expect_request("/a.xml").respond_with_data(
        _index([(httpserver.url_for("/loop.xml"), None), (httpserver.url_for("/a.xml"), None)])
    )
    res = with_getter(lambda g: sitemaps.discover(_src(url=httpserver.url_for("/loop.xml")), g))
    assert res.candidates == []
    assert res.stats.requests == 2


def test_max_urls_caps_and_says_so(httpserver):
    httpserver.expect_request("/s.xml").respond_with_data(
        _urlset([(f"https://www.dr.dk/nyheder/{i}", None) for i in range(50)])
    )
    res = with_getter(
        lambda g: sitemaps.discover(_src(url=httpserver.url_for("/s.xml"), max_urls=10), g)
    )
    assert len(res.candidates) == 10
    assert res.stats.stopped == "max_urls (10) reached"


def test_entity_bomb_is_refused_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<urlset><url><loc>https://x.dk/&c;</loc></url></urlset>"
    )
    with pytest.raises(SitemapError, match="entities"):
        list(parse_sitemap([bomb]))


def test_truncated_sitemap_yields_entries_before_the_break():
    body = _urlset([(f"https://x.dk/{i}", None) for i in range(5)])[:-40]
    got: list = []
    with pytest.raises(SitemapError, match="malformed XML"):
        for e in parse_sitemap(byte_chunks(body, 50)):
            got.append(e)
    assert [e.loc for e in got] == [f"https://x.dk/{i}" for i in range(4)]


def test_gzip_bomb_is_stopped():
    huge = gzip.compress(b"<urlset>" + b" " * (3 * 1024 * 1024))
    with pytest.raises(SitemapError, match="inflates past"):
        _inflate_limited(huge)


def _inflate_limited(data: bytes):
    return list(sitemaps.inflate_chunks([data], limit=1024 * 1024))


def test_index_entries_text_sitemap_and_robots_lines():
    idx = list(parse_sitemap([_index([("https://x.dk/a.xml", "2017-06")])]))
    assert idx == [SitemapRef("https://x.dk/a.xml", datetime(2017, 6, 1, tzinfo=CPH))]
    text = list(parse_sitemap([b"https://x.dk/1\n\nnot a url\r\nhttps://x.dk/2"]))
    assert [e.loc for e in text] == ["https://x.dk/1", "https://x.dk/2"]
    robots = "User-agent: *\nSITEMAP:   /s1.xml\n# Sitemap: /no.xml\nSitemap: https://y.dk/s2.xml\n"
    assert parse_robots_sitemaps(robots, "https://x.dk/robots.txt") == [
        "https://x.dk/s1.xml",
        "https://y.dk/s2.xml",
    ]


def test_empty_and_garbage_bodies_do_not_crash(httpserver):
    httpserver.expect_request("/empty.xml").respond_with_data(b"")
    httpserver.expect_request("/junk.xml").respond_with_data(b"<html><body>Not found</p>")
    src = _src(url=httpserver.url_for("/junk.xml"))
    res = with_getter(lambda g: sitemaps.discover(src, g))
    assert res.candidates == [] and res.problems[0].reason.startswith("malformed XML")
    res2 = with_getter(lambda g: sitemaps.discover(_src(url=httpserver.url_for("/empty.xml")), g))
    assert res2.candidates == [] and res2.problems == []


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.binary(max_size=600))
def test_fuzz_any_bytes_raise_only_sitemap_error(data):
    try:
        for entry in parse_sitemap(byte_chunks(data, 37)):
            assert isinstance(entry, SitemapUrl | SitemapRef)
    except SitemapError:
        pass


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [
                "<url>",
                "</url>",
                "<loc>",
                "</loc>",
                "https://x.dk/a",
                "<sitemap>",
                "</sitemap>",
                "<lastmod>2017-13-99</lastmod>",
                "&amp;",
                "<![CDATA[x]]>",
            ]
        ),
        max_size=30,
    )
)
def test_fuzz_tag_soup_in_a_urlset(parts):
    body = f"<urlset {NS}>{''.join(parts)}</urlset>".encode()
    with contextlib.suppress(SitemapError):
        list(parse_sitemap([body]))


def test_lastmod_and_since_are_read_as_copenhagen_days(httpserver):
    # Both sides follow danish_dates' rule: a date alone is the Copenhagen midnight that starts
    # it and a time without offset is Copenhagen time, so an entry of Copenhagen's 1 January
    # passes lastmod_since 2017-01-01 however it is written, and 31 December never does.
    child = _urlset(
        [
            ("https://www.tv2lorry.dk/a/nytaar", "2017-01-01"),
            ("https://www.tv2lorry.dk/a/nytaarsnat", "2017-01-01T00:30:00+01:00"),
            ("https://www.tv2lorry.dk/a/nytaarsnat-uden-zone", "2017-01-01T00:30:00"),
            ("https://www.tv2lorry.dk/a/nytaarsaften", "2016-12-31T23:30:00"),
            ("https://www.tv2lorry.dk/a/nytaarsaften-utc", "2016-12-31T22:30:00Z"),
            ("https://www.tv2lorry.dk/a/nytaar-utc", "2016-12-31T23:30:00Z"),
        ]
    )
    httpserver.expect_request("/s.xml").respond_with_data(child)
    src = _src(url=httpserver.url_for("/s.xml"), lastmod_since=date(2017, 1, 1))
    res = with_getter(lambda g: sitemaps.discover(src, g))
    assert sorted(c.url.rsplit("/", 1)[1] for c in res.candidates) == [
        "nytaar",
        "nytaar-utc",
        "nytaarsnat",
        "nytaarsnat-uden-zone",
    ]
    assert res.stats.too_old == 2
    entry = next(parse_sitemap([child]))
    assert entry.lastmod == datetime(2017, 1, 1, tzinfo=CPH)
