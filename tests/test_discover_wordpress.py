"""WordPress discovery over real HTTP on 127.0.0.1: REST paging, search, fallback to /feed/."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discover_support import fixture_bytes, with_getter
from mediespor.config.sources import WordpressSource
from mediespor.discover import wordpress
from mediespor.discover.wordpress import NotAnApiAnswer, parse_posts


def _src(base: str, **kw) -> WordpressSource:
    return WordpressSource(
        name="livoverlov", outlet="Liv Over Lov", kind="wordpress", base_url=base, **kw
    )


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    rows = "".join(
        f"<item><title>{t}</title><link>{u}</link><pubDate>{d}</pubDate></item>"
        for u, t, d in items
    )
    return f'<rss version="2.0"><channel><title>Liv Over Lov</title>{rows}</channel></rss>'.encode()


def test_recorded_rest_pages_are_read_to_the_last_page(httpserver):
    # Real WordPress answers (demo.worona.org); the server says there are 2 pages.
    for n in (1, 2):
        httpserver.expect_request(
            "/wp-json/wp/v2/posts",
            query_string={"per_page": "5", "page": str(n), "_fields": wordpress.FIELDS},
        ).respond_with_data(
            fixture_bytes(f"wp-posts-page-{n}.json"),
            content_type="application/json",
            headers={"X-WP-Total": "10", "X-WP-TotalPages": "2"},
        )
    src = _src(httpserver.url_for("/"), per_page=5)
    res = with_getter(lambda g: wordpress.discover(src, g))
    assert len(res.candidates) == 10
    assert res.stats.requests == 2
    by_url = {c.url: c for c in res.candidates}
    iceland = by_url["https://demo.worona.org/iceland"]  # the slash folded (urls.py)
    assert iceland.title == "The Land of Fire & Ice"
    assert iceland.published_at == datetime(2016, 3, 16, 13, 11, 6, tzinfo=UTC)
    assert iceland.extra["wp_id"] == 1
    assert (
        by_url["https://demo.worona.org/switzerlands-mountains"].title == "Switzerland’s Mountains"
    )


def test_search_and_after_are_sent_and_each_term_is_paged(httpserver):
    post = [
        {
            "id": 7,
            "link": "http://www.livoverlov.nu/2017/10/26/dialogmoede-med-anna-mee-allerslev/",
            "date_gmt": "2017-10-26T10:00:00",
            "title": {"rendered": "Dialogmøde med Anna Mee Allerslev"},
            "excerpt": {"rendered": "<p>Om demonstrationen den 28. juni</p>"},
        }
    ]
    for term in ("førtidspension", "jobcenter"):
        httpserver.expect_request(
            "/wp-json/wp/v2/posts",
            query_string={
                "search": term,
                "after": "2017-01-01T00:00:00",
                "per_page": "100",
                "page": "1",
                "_fields": wordpress.FIELDS,
            },
        ).respond_with_json(post, headers={"X-WP-TotalPages": "1"})
    src = _src(
        httpserver.url_for(""), search=["førtidspension", "jobcenter"], after=date(2017, 1, 1)
    )
    res = with_getter(lambda g: wordpress.discover(src, g))
    assert [c.title for c in res.candidates] == ["Dialogmøde med Anna Mee Allerslev"]
    assert res.candidates[0].summary == "Om demonstrationen den 28. juni"
    assert res.stats.requests == 2 and res.stats.duplicates == 1


def test_api_off_falls_back_to_paged_feed(httpserver):
    httpserver.expect_request("/wp-json/wp/v2/posts").respond_with_json(
        {"code": "rest_disabled", "message": "REST API disabled"}, status=403
    )
    httpserver.expect_request("/feed/", query_string="paged=2").respond_with_data(
        _rss([("http://www.livoverlov.nu/2017/06/20/b/", "B", "Tue, 20 Jun 2017 10:00:00 +0200")]),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/feed/", query_string="paged=3").respond_with_data("", status=404)
    httpserver.expect_request("/feed/").respond_with_data(
        _rss([("http://www.livoverlov.nu/2017/10/26/a/", "A", "Thu, 26 Oct 2017 10:00:00 +0200")]),
        content_type="application/rss+xml",
    )
    res = with_getter(lambda g: wordpress.discover(_src(httpserver.url_for("/")), g))
    assert [c.title for c in res.candidates] == ["A", "B"]
    assert all(c.via == "wordpress-feed" for c in res.candidates)
    assert [p.reason for p in res.problems] == ["REST API unavailable (HTTP 403)"]


def test_html_instead_of_json_falls_back(httpserver):
    httpserver.expect_request("/wp-json/wp/v2/posts").respond_with_data(
        "<html>Cloudflare says hi</html>", content_type="text/html"
    )
    httpserver.expect_request("/feed/").respond_with_data(_rss([]))
    res = with_getter(lambda g: wordpress.discover(_src(httpserver.url_for("/")), g))
    assert res.candidates == []
    assert res.problems[0].reason.startswith("REST API answer unusable: not JSON")


def test_parse_posts_rejects_non_lists_and_skips_bad_posts():
    with pytest.raises(NotAnApiAnswer):
        parse_posts(b'{"code":"rest_no_route"}', base_url="https://x.dk/")
    with pytest.raises(NotAnApiAnswer):
        parse_posts(b'[{"id":1, "link": "https://x.dk/a"', base_url="https://x.dk/")
    page = parse_posts(
        json.dumps([1, {"id": 2}, {"id": 3, "link": "/rel/", "title": {"rendered": ""}}]).encode(),
        base_url="https://x.dk/",
    )
    assert [p.url for p in page.posts] == ["https://x.dk/rel"]
    assert page.posts[0].title is None
    assert len(page.problems) == 2


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda c: (
            st.lists(c, max_size=4)
            | st.dictionaries(
                st.sampled_from(["id", "link", "title", "date_gmt", "excerpt", "rendered"]),
                c,
                max_size=5,
            )
        ),
        max_leaves=20,
    )
)
def test_fuzz_parse_posts_raises_only_not_an_api_answer(value):
    try:
        page = parse_posts(json.dumps(value).encode(), base_url="https://x.dk/")
    except NotAnApiAnswer:
        return
    assert all(p.url.startswith("https://") or p.url.startswith("http://") for p in page.posts)


def _posts(start: int, n: int) -> list[dict]:
    return [
        {"id": i, "link": f"http://www.livoverlov.nu/p/{i}/", "date_gmt": "2017-06-28T10:00:00",
         "title": {"rendered": f"Indlæg {i}"}}
        for i in range(start, start + n)
    ]  # fmt: skip


def test_rest_api_stops_paging_at_max_items(httpserver):
    # 2,000 posts in 20 pages; the default cap of 500 items must cost 5 pages, not 20.
    for n in range(1, 21):
        httpserver.expect_request(
            "/wp-json/wp/v2/posts",
            query_string={"per_page": "100", "page": str(n), "_fields": wordpress.FIELDS},
        ).respond_with_json(_posts((n - 1) * 100, 100), headers={"X-WP-TotalPages": "20"})
    src = _src(httpserver.url_for("/"))
    assert src.max_items == 500
    res = with_getter(lambda g: wordpress.discover(src, g))
    assert len(res.candidates) == 500
    assert res.stats.requests == 5
    assert res.stats.stopped == "max_items (500) reached"
    capped = with_getter(
        lambda g: wordpress.discover(_src(httpserver.url_for("/"), max_items=150), g)
    )
    assert [c.extra["wp_id"] for c in capped.candidates] == list(range(150))
    assert capped.stats.requests == 2


def test_feed_fallback_stops_paging_at_max_items(httpserver):
    httpserver.expect_request("/wp-json/wp/v2/posts").respond_with_data("", status=404)
    for n in range(1, 6):
        items = [(f"http://www.livoverlov.nu/f/{n}-{i}/", f"Indlæg {n}-{i}",
                  "Wed, 28 Jun 2017 12:00:00 +0200") for i in range(10)]  # fmt: skip
        qs = "" if n == 1 else f"paged={n}"
        httpserver.expect_request("/feed/", query_string=qs).respond_with_data(
            _rss(items), content_type="application/rss+xml"
        )
    res = with_getter(lambda g: wordpress.discover(_src(httpserver.url_for("/"), max_items=25), g))
    assert len(res.candidates) == 25
    assert res.stats.stopped == "max_items (25) reached"
    assert not any("paged=4" in r.query_string.decode() for r, _ in httpserver.log)


def test_api_pages_parse_in_the_crawls_pool_and_an_html_answer_still_falls_back(httpserver):
    from mediespor.extract_pool import ExtractPool

    httpserver.expect_request(
        "/wp-json/wp/v2/posts", query_string={"per_page": "100", "page": "1",
                                              "_fields": wordpress.FIELDS}
    ).respond_with_json(_posts(0, 3), headers={"X-WP-TotalPages": "1"})  # fmt: skip
    httpserver.expect_request("/off/wp-json/wp/v2/posts").respond_with_data(
        "<html>Cloudflare says hi</html>", content_type="text/html"
    )
    httpserver.expect_request("/off/feed/").respond_with_data(
        _rss([("http://www.livoverlov.nu/f/1/", "Indlæg", "Wed, 28 Jun 2017 12:00:00 +0200")])
    )

    async def pooled(getter):
        async with ExtractPool(workers=1):
            api = await wordpress.discover(_src(httpserver.url_for("/")), getter)
            off = await wordpress.discover(_src(httpserver.url_for("/off/")), getter)
            return api, off

    api, off = with_getter(pooled)
    assert [c.extra["wp_id"] for c in api.candidates] == [0, 1, 2]
    assert off.problems[0].reason.startswith("REST API answer unusable: not JSON")
    assert [c.via for c in off.candidates] == ["wordpress-feed"]
