"""Listing discovery over real HTTP on 127.0.0.1: selectors, pagination and stop conditions."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from discover_support import with_getter
from mediespor.config.sources import ListingSource
from mediespor.discover import listing
from mediespor.discover.listing import ListingSelectors, parse_listing


def _page(items: list[tuple[str, str, str | None]], next_href: str | None = None) -> str:
    lis = "".join(
        f'<article class="teaser"><h2><a href="{href}">{title}</a></h2>'
        + (f'<time datetime="{when}">{when}</time>' if when else "")
        + "<p class='lead'>Manchet om jobcentret</p></article>"
        for href, title, when in items
    )
    nxt = f'<a class="next" href="{next_href}">Næste</a>' if next_href else ""
    return f"<html><body><main>{lis}</main><nav>{nxt}</nav></body></html>"


def _src(url: str, **kw) -> ListingSource:
    return ListingSource(
        name="t-listing",
        outlet="Avisen.dk",
        kind="listing",
        url=url,
        item_selector="article.teaser",
        link_selector="h2 a",
        date_selector="time",
        summary_selector="p.lead",
        **kw,
    )


def test_parse_listing_reads_link_title_date_summary():
    html = _page([("/a/foertidspension", "Førtidspension  i\n fokus", "2017-06-28T10:00:00+02:00")])
    sel = ListingSelectors("article.teaser", "h2 a", None, "time", "p.lead", "a.next")
    page = parse_listing(html, base_url="https://www.avisen.dk/tag/x", selectors=sel)
    (item,) = page.items
    assert item.url == "https://www.avisen.dk/a/foertidspension"
    assert item.title == "Førtidspension i fokus"
    assert item.published_at == datetime(2017, 6, 28, 8, 0, tzinfo=UTC)
    assert item.summary == "Manchet om jobcentret"
    assert page.next_url is None


def test_next_link_pagination_collects_every_page(httpserver):
    # The more specific handler first: a handler without query_string matches any query.
    httpserver.expect_request("/tag", query_string="side=2").respond_with_data(
        _page([("/a/3", "Tre", None)], None), content_type="text/html"
    )
    httpserver.expect_request("/tag").respond_with_data(
        _page([("/a/1", "Et", None), ("/a/2", "To", None)], "/tag?side=2"),
        content_type="text/html",
    )
    src = _src(httpserver.url_for("/tag"), next_selector="a.next")
    res = with_getter(lambda g: listing.discover(src, g))
    assert [c.title for c in res.candidates] == ["Et", "To", "Tre"]
    assert res.stats.requests == 2 and res.stats.stopped is None


def test_next_link_loop_terminates(httpserver):
    httpserver.expect_request("/p1").respond_with_data(
        _page([("/a/1", "Et", None)], "/p2"), content_type="text/html"
    )
    httpserver.expect_request("/p2").respond_with_data(
        _page([("/a/2", "To", None)], "/p1"), content_type="text/html"
    )
    src = _src(httpserver.url_for("/p1"), next_selector="a.next", max_pages=50)
    res = with_getter(lambda g: listing.discover(src, g))
    assert len(res.candidates) == 2
    assert res.stats.requests == 2
    assert "already visited" in (res.stats.stopped or "")


def test_template_pagination_stops_at_page_with_nothing_new(httpserver):
    same = _page([("/a/1", "Et", None)])
    httpserver.expect_request("/s").respond_with_data(same, content_type="text/html")
    src = _src(
        httpserver.url_for("/s"),
        page_template=httpserver.url_for("/s") + "?page={page}",
        max_pages=10,
    )
    res = with_getter(lambda g: listing.discover(src, g))
    assert len(res.candidates) == 1
    assert res.stats.requests == 2
    assert res.stats.stopped == "a page had nothing new"


def test_stops_when_dates_pass_since(httpserver):
    httpserver.expect_request("/n").respond_with_data(
        _page([("/a/1", "Ny", "2017-07-01"), ("/a/2", "Gammel", "2016-05-01")], "/n2"),
        content_type="text/html",
    )
    httpserver.expect_request("/n2").respond_with_data(
        _page([("/a/3", "Ældre", "2016-01-01")], "/n3"), content_type="text/html"
    )
    src = _src(httpserver.url_for("/n"), next_selector="a.next", max_pages=10)
    res = with_getter(lambda g: listing.discover(src, g, since=datetime(2017, 1, 1, tzinfo=UTC)))
    assert [c.title for c in res.candidates] == ["Ny"]
    assert res.stats.requests == 2  # /n3 is never asked for
    assert "older than 2017-01-01" in (res.stats.stopped or "")


def test_max_pages_and_bad_items_and_empty_page(httpserver):
    for i in range(1, 5):
        httpserver.expect_request(f"/m{i}").respond_with_data(
            _page([(f"/a/{i}", f"Nr {i}", None), ("javascript:void(0)", "x", None)], f"/m{i + 1}"),
            content_type="text/html",
        )
    httpserver.expect_request("/empty").respond_with_data("", content_type="text/html")
    src = _src(httpserver.url_for("/m1"), next_selector="a.next", max_pages=3)
    res = with_getter(lambda g: listing.discover(src, g))
    assert len(res.candidates) == 3
    assert res.stats.stopped == "max_pages (3) reached"
    assert sum("without a usable link" in p.reason for p in res.problems) == 3
    empty = with_getter(lambda g: listing.discover(_src(httpserver.url_for("/empty")), g))
    assert empty.candidates == [] and empty.stats.stopped == "a page had nothing new"


def test_failed_page_is_a_problem(httpserver):
    httpserver.expect_request("/down").respond_with_data("err", status=503)
    res = with_getter(lambda g: listing.discover(_src(httpserver.url_for("/down")), g))
    assert res.candidates == [] and res.problems[0].reason == "HTTP 503"


def test_item_that_is_itself_the_link():
    html = '<div><a class="card" href="/x/1"><h3>Jobcentret</h3></a><a class="card" href="/x/2">To</a></div>'
    sel = ListingSelectors("a.card", "a", "h3", None, None, None)
    page = parse_listing(html, base_url="https://kk.dk/nyheder", selectors=sel)
    assert [(i.url, i.title) for i in page.items] == [
        ("https://kk.dk/x/1", "Jobcentret"),
        ("https://kk.dk/x/2", "To"),  # no <h3>: the link text
    ]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_fuzz_parse_listing_never_raises(text):
    sel = ListingSelectors("article, li", "a", "h2", "time", "p", "a[rel=next]")
    page = parse_listing(text, base_url="https://x.dk/", selectors=sel)
    assert all(i.url.startswith(("http://", "https://")) for i in page.items)


def test_danish_date_text_in_a_listing():
    html = (
        '<article class="teaser"><h2><a href="/a">Demo</a></h2>'
        '<span class="dato">Onsdag d. 28. juni 2017 kl. 14.32</span></article>'
    )
    sel = ListingSelectors("article.teaser", "h2 a", None, "span.dato", None, None)
    (item,) = parse_listing(html, base_url="https://kk.dk/", selectors=sel).items
    assert item.published_at == datetime(2017, 6, 28, 12, 32, tzinfo=UTC)


def test_listing_stops_paging_at_max_items(httpserver):
    for n in range(1, 11):
        items = [(f"/a/{n}-{i}", f"Jobcenter {n}-{i}", None) for i in range(10)]
        httpserver.expect_request("/s", query_string=f"page={n}").respond_with_data(
            _page(items), content_type="text/html"
        )
    base = httpserver.url_for("/s")
    src = _src(base, page_template=base + "?page={page}", max_pages=10, max_items=25)
    res = with_getter(lambda g: listing.discover(src, g))
    assert len(res.candidates) == 25
    assert res.stats.requests == 3
    assert res.stats.stopped == "max_items (25) reached"


def test_pathological_listing_page_is_cut_off_in_the_crawls_worker_pool(httpserver):
    from mediespor.extract_pool import ExtractPool

    deep = "<html><body>" + "<div>" * 400_000 + "</body></html>"
    httpserver.expect_request("/s").respond_with_data(deep, content_type="text/html")

    async def go(getter):
        async with ExtractPool(workers=1, budget_s=1.0) as pool:
            res = await listing.discover(_src(httpserver.url_for("/s")), getter)
            return res, pool.replaced

    res, replaced = with_getter(go)
    assert replaced == 1 and res.candidates == []
    assert res.stats.stopped == "a page could not be parsed"
    assert "longer than 1 s" in res.problems[0].reason


def test_listing_pages_parse_in_the_pool_as_they_would_here(httpserver):
    from mediespor.extract_pool import ExtractPool

    httpserver.expect_request("/s").respond_with_data(
        _page([("/a/1", "Et", "2017-06-28"), ("/a/2", "To", None)]), content_type="text/html"
    )
    src = _src(httpserver.url_for("/s"), max_pages=1)

    async def pooled(getter):
        async with ExtractPool(workers=1):
            return await listing.discover(src, getter)

    here = with_getter(lambda g: listing.discover(src, g))
    there = with_getter(pooled)
    assert there.candidates == here.candidates and len(here.candidates) == 2
