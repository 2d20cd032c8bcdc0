"""Feed discovery over real HTTP on 127.0.0.1: normal, Atom, conditional, malformed, hostile."""

from __future__ import annotations

import io
import time
import tracemalloc
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from discover_support import fixture_bytes, with_getter
from mediespor.config.sources import FeedSource
from mediespor.discover import feeds
from mediespor.discover.feeds import parse_feed
from mediespor.progress import Reporter, logging_to


def _src(url: str, **kw) -> FeedSource:
    return FeedSource(name="t-feed", outlet="TV2 Lorry", kind="feed", url=url, **kw)


def test_rss_entries_become_candidates_with_aware_dates(httpserver):
    httpserver.expect_request("/rss").respond_with_data(
        fixture_bytes("tv2lorry-rss.xml"), content_type="application/rss+xml"
    )
    res = with_getter(lambda g: feeds.discover(_src(httpserver.url_for("/rss")), g))
    by_url = {c.url: c for c in res.candidates}
    first = by_url["https://www.tv2lorry.dk/koebenhavn/borgmester-vil-finde-13-millioner"]
    assert first.title == "Borgmester vil finde yderligere 13 millioner til sagsbehandling"
    assert first.published_at == datetime(2017, 6, 29, 12, 32, tzinfo=UTC)
    assert first.summary == "Anna Mee Allerslev vil have flere sagsbehandlere på jobcentrene."
    assert first.via == "feed" and first.outlet == "TV2 Lorry" and first.source == "t-feed"
    # A relative link resolves against the feed's own URL.
    rel = httpserver.url_for("/koebenhavn/demonstration-foran-raadhuset")
    assert by_url[rel].published_at == datetime(2017, 6, 28, 9, 5, tzinfo=UTC)
    assert len(res.candidates) == 3
    assert any("without a usable link" in p.reason for p in res.problems)


def test_a_feed_read_is_one_log_line_with_its_counts(httpserver):
    httpserver.expect_request("/rss").respond_with_data(fixture_bytes("tv2lorry-rss.xml"))
    out = io.StringIO()
    with logging_to(Reporter("logfmt", stream=out)):
        with_getter(lambda g: feeds.discover(_src(httpserver.url_for("/rss")), g))
    (line,) = [line for line in out.getvalue().splitlines() if "event=discover_feed" in line]
    assert "source=t-feed" in line and "entries=3" in line and "candidates=3" in line
    assert "level=info" in line


def test_since_drops_older_entries(httpserver):
    httpserver.expect_request("/rss").respond_with_data(fixture_bytes("tv2lorry-rss.xml"))
    since = datetime(2017, 6, 1, tzinfo=UTC)
    res = with_getter(lambda g: feeds.discover(_src(httpserver.url_for("/rss")), g, since=since))
    assert len(res.candidates) == 2
    assert res.stats.too_old == 1


def test_atom_dates_and_html_title(httpserver):
    httpserver.expect_request("/atom").respond_with_data(fixture_bytes("indland-atom.xml"))
    res = with_getter(lambda g: feeds.discover(_src(httpserver.url_for("/atom")), g))
    (c,) = res.candidates
    assert c.title == "Fleksjobbet & ressourceforløb under lup"
    assert c.published_at == datetime(2017, 7, 19, 6, 15, tzinfo=UTC)
    assert c.extra["updated_at"] == "2017-07-20T09:00:00+00:00"


def test_conditional_get_sends_etag_and_304_yields_nothing(httpserver):
    body = fixture_bytes("tv2lorry-rss.xml")
    httpserver.expect_ordered_request("/rss").respond_with_data(body, headers={"ETag": '"v1"'})
    httpserver.expect_ordered_request("/rss", headers={"If-None-Match": '"v1"'}).respond_with_data(
        b"", status=304
    )

    async def twice(g):
        src = _src(httpserver.url_for("/rss"))
        return await feeds.discover(src, g), await feeds.discover(src, g)

    first, second = with_getter(twice)
    assert len(first.candidates) == 3
    assert second.candidates == [] and second.problems == []
    assert second.stats.stopped == "not modified"


def test_malformed_feed_keeps_parsed_entries_and_records_problem(httpserver):
    httpserver.expect_request("/bad").respond_with_data(fixture_bytes("malformed-rss.xml"))
    res = with_getter(lambda g: feeds.discover(_src(httpserver.url_for("/bad")), g))
    urls = {c.url for c in res.candidates}
    assert "https://www.example.dk/a/1" in urls
    assert any(p.reason.startswith("malformed feed") for p in res.problems)


def test_entity_bomb_does_not_expand():
    body = fixture_bytes("entity-bomb-rss.xml")
    tracemalloc.start()
    t0 = time.process_time()
    parsed = parse_feed(body, base_url="https://www.example.dk/rss")
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    titles = [e.title or "" for e in parsed.entries]
    assert "Ærlig titel" in titles
    assert all("lollol" not in t for t in titles)
    # A billion laughs expands to ~3 GB; anything near that would blow far past this.
    assert peak < 50 * 1024 * 1024, (peak, time.process_time() - t0)
    assert any("entities" in p for p in parsed.problems)


def test_empty_body_and_http_error_are_problems_not_crashes(httpserver):
    httpserver.expect_request("/empty").respond_with_data(b"")
    httpserver.expect_request("/gone").respond_with_data(b"nope", status=404)

    async def both(g):
        return (
            await feeds.discover(_src(httpserver.url_for("/empty")), g),
            await feeds.discover(_src(httpserver.url_for("/gone")), g),
        )

    empty, gone = with_getter(both)
    assert empty.candidates == [] and gone.candidates == []
    assert [p.reason for p in gone.problems] == ["HTTP 404"]
    assert empty.problems  # empty 200 body: recorded, not silently fine


def test_parse_feed_never_raises_on_garbage():
    for junk in (b"\x00\xff" * 100, b"<rss><channel><item>", b"{}", b"<<<>>>"):
        parsed = parse_feed(junk, base_url="https://x.dk/")
        assert parsed.entries == [] or all(e.url.startswith("http") for e in parsed.entries)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.binary(max_size=500))
def test_fuzz_parse_feed_never_raises(data):
    parsed = parse_feed(b'<?xml version="1.0"?><rss><channel>' + data, base_url="https://x.dk/")
    assert all(e.url.startswith(("http://", "https://")) for e in parsed.entries)


def test_danish_pubdate_falls_back_to_the_danish_parser():
    body = (
        b"<rss version='2.0'><channel><title>x</title><item><title>T</title>"
        b"<link>https://www.kk.dk/nyheder/t</link><pubDate>28. juni 2017 14:32</pubDate>"
        b"</item></channel></rss>"
    )
    (e,) = parse_feed(body, base_url="https://www.kk.dk/rss").entries
    assert e.published_at == datetime(2017, 6, 28, 12, 32, tzinfo=UTC)


def test_entity_bomb_after_a_long_prolog_is_removed_too():
    # Comments and processing instructions may come before the DOCTYPE: 5 KB of them here.
    body = fixture_bytes("entity-bomb-rss.xml")
    head, rest = body.split(b"?>", 1)
    body = head + b"?><!-- " + b"forord " * 750 + b"--><?pi x?>" + rest
    parsed = parse_feed(body, base_url="https://www.example.dk/rss")
    titles = [e.title or "" for e in parsed.entries]
    assert "Ærlig titel" in titles and all("lollol" not in t for t in titles)
    assert any("entities" in p for p in parsed.problems)


def test_doctype_without_a_subset_and_quoted_brackets():
    from mediespor.discover.base import strip_internal_dtd

    plain = b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//x//EN" "y.dtd"><rss/>'
    assert strip_internal_dtd(plain) == (plain, False)
    tricky = b'<!DOCTYPE r [<!ENTITY a "]>">]><rss>&a;</rss>'
    assert strip_internal_dtd(tricky) == (b"<rss>&a;</rss>", True)
    unterminated = b'<!DOCTYPE r [<!ENTITY a "never closed'
    assert strip_internal_dtd(unterminated) == (b"", True)


def _big_rss(n: int) -> bytes:
    items = "".join(
        f"<item><title>Førtidspension {i}</title><link>https://x.dk/a/{i}</link>"
        "<pubDate>Wed, 28 Jun 2017 12:00:00 +0200</pubDate></item>"
        for i in range(n)
    )
    return f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def test_feed_parses_in_the_crawls_pool_like_here_and_is_cut_off_past_its_budget(httpserver):
    from mediespor.extract_pool import ExtractPool

    httpserver.expect_request("/small").respond_with_data(
        _big_rss(3), content_type="application/rss+xml"
    )
    httpserver.expect_request("/big").respond_with_data(
        _big_rss(20_000), content_type="application/rss+xml"
    )

    async def pooled(getter, budget_s, path):
        async with ExtractPool(workers=1, budget_s=budget_s):
            return await feeds.discover(_src(httpserver.url_for(path)), getter)

    here = with_getter(lambda g: feeds.discover(_src(httpserver.url_for("/small")), g))
    there = with_getter(lambda g: pooled(g, 20.0, "/small"))
    assert there.candidates == here.candidates and len(here.candidates) == 3
    # 20,000 entries cannot be parsed within a millisecond: the feed is given up, with why.
    cut = with_getter(lambda g: pooled(g, 0.001, "/big"))
    assert cut.candidates == []
    assert "longer than 0.001 s" in cut.problems[0].reason
