"""The walker step every kind shares, over real HTTP on 127.0.0.1: fetch, record, emit, count."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from discover_support import with_getter
from mediespor.config.sources import LinklistSource, ListingSource
from mediespor.discover.walker import SourceWalk, discovery


def _listing(url: str, **kw) -> ListingSource:
    return ListingSource(
        name="t-list", outlet="Kbh Liv", kind="listing", url=url, item_selector="li", **kw
    )


def test_fetch_counts_the_request_and_records_an_unusable_answer(httpserver):
    httpserver.expect_request("/ok").respond_with_data("<ul><li>x</li></ul>")
    httpserver.expect_request("/gone").respond_with_data("nej", status=404)
    ok_url, gone_url = httpserver.url_for("/ok"), httpserver.url_for("/gone")

    async def go(getter):
        walker = SourceWalk(_listing(ok_url), getter)
        ok = await walker.fetch(ok_url, stop="a page could not be fetched")
        assert walker.stats.stopped is None
        gone = await walker.fetch(gone_url, stop="a page could not be fetched")
        return walker, ok, gone

    walker, ok, gone = with_getter(go)
    assert ok is not None and ok.body == b"<ul><li>x</li></ul>"
    assert gone is None
    assert walker.stats.requests == 2
    assert [(p.url, p.reason) for p in walker.result.problems] == [(gone_url, "HTTP 404")]
    assert walker.stats.stopped == "a page could not be fetched"
    # Each URL was asked for once, in order: nothing retried behind the walker's back.
    assert [r.path for r, _ in httpserver.log] == ["/ok", "/gone"]


def test_candidates_carry_source_kind_and_outlet_unless_named():
    walker = SourceWalk(_listing("https://kbhliv.dk/tag/jobcenter"), None)
    walker.emit("https://kbhliv.dk/a/1", title="En")
    walker.emit("https://other.dk/b/2", outlet="Andet Medie", via="listing-archive")
    first, second = walker.result.candidates
    assert (first.source, first.via, first.outlet, first.title) == (
        "t-list", "listing", "Kbh Liv", "En"
    )  # fmt: skip
    assert (second.source, second.via, second.outlet) == ("t-list", "listing-archive",
                                                          "Andet Medie")  # fmt: skip


def test_repeat_counts_a_key_met_again_as_a_duplicate():
    walker = SourceWalk(_listing("https://kbhliv.dk/"), None)
    keys = ["https://kbhliv.dk/1", ("Kbh Liv", "2017-06-28", "Titel"), "https://kbhliv.dk/1"]
    assert [walker.repeat(k) for k in keys] == [False, False, True]
    assert walker.stats.duplicates == 1


def test_cutoff_is_the_latest_of_the_run_the_source_and_the_kinds_bounds():
    walker = SourceWalk(_listing("https://kbhliv.dk/", since=date(2017, 6, 1)), None,
                        since=datetime(2017, 5, 1, tzinfo=UTC))  # fmt: skip
    # The source's date is its Copenhagen midnight: 22:00 UTC the day before.
    assert walker.cutoff() == datetime(2017, 5, 31, 22, tzinfo=UTC)
    assert walker.cutoff(datetime(2017, 7, 1, tzinfo=UTC)) == datetime(2017, 7, 1, tzinfo=UTC)
    assert SourceWalk(_listing("https://kbhliv.dk/"), None).cutoff(None) is None


def test_discovery_gives_a_body_the_common_signature_and_counts_its_candidates():
    seen_options = {}

    @discovery
    async def discover(walker: SourceWalk[LinklistSource], prefilter=None) -> None:
        """Emit two lines."""
        seen_options["prefilter"] = prefilter
        seen_options["since"] = walker.since
        walker.emit("https://a.dk/1")
        walker.emit("https://a.dk/2")

    src = LinklistSource(name="t-ll", outlet="Liste", kind="linklist", file="liste.txt")
    result = asyncio.run(discover(src, None, since=date(2017, 6, 28), prefilter="q"))
    assert [c.via for c in result.candidates] == ["linklist", "linklist"]
    assert result.stats.candidates == 2
    # The run's --since, a date, arrives as its Copenhagen midnight; options pass through.
    assert seen_options == {"prefilter": "q", "since": datetime(2017, 6, 27, 22, tzinfo=UTC)}
    assert discover.__doc__ == "Emit two lines."
