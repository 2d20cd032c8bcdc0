"""discover_source: picks the module for a source's kind and never lets one source end the run."""

from __future__ import annotations

import asyncio

from discover_support import fixture_bytes, with_getter
from mediespor.config.sources import FeedSource
from mediespor.discover import KINDS, discover_source
from mediespor.models import FetchResult


class BrokenGetter:
    """A getter that breaks the Getter contract by raising."""

    async def get(self, url, *, source, conditional=True, headers=None, retry=True) -> FetchResult:
        raise RuntimeError("socket exploded")


def test_every_kind_has_a_module():
    assert set(KINDS) == {
        "feed",
        "sitemap",
        "listing",
        "wordpress",
        "wayback",
        "commoncrawl",
        "linklist",
        "corpus",
        "commoncrawl-index",
    }


def test_dispatches_by_kind(httpserver):
    httpserver.expect_request("/rss").respond_with_data(fixture_bytes("tv2lorry-rss.xml"))
    src = FeedSource(name="f", outlet="TV2 Lorry", kind="feed", url=httpserver.url_for("/rss"))
    res = with_getter(lambda g: discover_source(src, g))
    assert len(res.candidates) == 3


def test_an_exception_becomes_a_problem():
    src = FeedSource(name="f", outlet="o", kind="feed", url="https://example.dk/rss")
    res = asyncio.run(discover_source(src, BrokenGetter()))
    assert res.candidates == []
    assert res.problems[0].reason == "discovery failed: RuntimeError: socket exploded"


def test_is_repeat_counts_the_second_meeting_of_a_key_only():
    from mediespor.discover.base import DiscoveryStats, is_repeat

    stats = DiscoveryStats()
    seen: set[str] = set()
    met = [
        is_repeat(seen, url, stats)
        for url in ("https://a.dk/1", "https://a.dk/2", "https://a.dk/1")
    ]
    assert met == [False, False, True]
    assert stats.duplicates == 1
    assert seen == {"https://a.dk/1", "https://a.dk/2"}


def test_unusable_records_why_a_walker_got_nothing_to_parse():
    from datetime import UTC, datetime

    from mediespor.discover.base import DiscoveryResult

    now = datetime(2017, 6, 1, tzinfo=UTC)
    url = "https://a.dk/liste"
    result = DiscoveryResult()
    ok = FetchResult(url, url, 200, now, body=b"<html></html>")
    gone = FetchResult(url, url, 404, now)
    same = FetchResult(url, url, 304, now, not_modified=True)
    assert [result.unusable(url, r) for r in (ok, gone, same)] == [False, True, True]
    assert [(p.url, p.reason) for p in result.problems] == [
        (url, "HTTP 404"),
        (url, "not modified"),
    ]
