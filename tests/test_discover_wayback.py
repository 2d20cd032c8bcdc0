"""Wayback CDX discovery over real HTTP on 127.0.0.1: paging, spacing, 429, truncated JSON."""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug import Request, Response

from discover_support import with_getter
from mediespor.config.sources import WaybackSource
from mediespor.discover import wayback
from mediespor.discover.wayback import RATE_LIMITED, parse_cdx_json
from mediespor.progress import Reporter, logging_to

HEADER = list(wayback.FIELDS)


def _row(path: str, ts: str = "20170629120000") -> list[str]:
    return [
        f"dk,tv2lorry){path}",
        ts,
        f"http://www.tv2lorry.dk{path}",
        "text/html",
        "200",
        "D" + path,
        "9000",
    ]


def _body(rows: list[list[str]], resume: str | None = None) -> str:
    lines = [json.dumps(HEADER)] + [json.dumps(r) for r in rows]
    if resume:
        lines += ["[]", json.dumps([resume])]
    return "[" + ",\n".join(lines) + "]\n"


def _src(endpoint: str, **kw) -> WaybackSource:
    kw.setdefault("cdx_delay_s", 0)
    return WaybackSource(
        name="tv2lorry-wayback",
        outlet="TV2 Lorry",
        kind="wayback",
        url="tv2lorry.dk/",
        from_date=date(2017, 1, 1),
        to_date=date(2018, 12, 31),
        cdx_endpoint=endpoint,
        replay_endpoint="https://web.archive.org/web",
        **kw,
    )


def test_default_spacing_is_three_seconds():
    src = WaybackSource(
        name="w",
        outlet="o",
        kind="wayback",
        url="x.dk/",
        from_date=date(2017, 1, 1),
        to_date=date(2017, 2, 1),
    )
    assert src.cdx_delay_s == 3.0


def test_pages_with_resume_key_and_builds_capture_urls(httpserver):
    seen_at: list[float] = []

    def handler(request: Request) -> Response:
        seen_at.append(time.monotonic())
        args = request.args
        assert (
            args["matchType"] == "prefix"
            and args["from"] == "20170101"
            and args["to"] == "20181231"
        )
        assert args.getlist("filter") == ["statuscode:200", "mimetype:text/html"]
        assert args["collapse"] == "urlkey" and args["showResumeKey"] == "true"
        if "resumeKey" not in args:
            body = _body([_row("/artikel/foertidspension"), _row("/koebenhavn/demo")], "KEY1")
        else:
            assert args["resumeKey"] == "KEY1"
            body = _body([_row("/artikel/foertidspension", "20170701000000"), _row("/style.css")])
        return Response(body, content_type="application/json")

    httpserver.expect_request("/cdx").respond_with_handler(handler)
    src = _src(httpserver.url_for("/cdx"), cdx_delay_s=0.3, url_pattern="/(artikel|koebenhavn)/")
    res = with_getter(lambda g: wayback.discover(src, g))
    assert [c.url for c in res.candidates] == [
        "http://www.tv2lorry.dk/artikel/foertidspension",
        "http://www.tv2lorry.dk/koebenhavn/demo",
    ]
    c = res.candidates[0]
    assert (
        c.fetch_url
        == "https://web.archive.org/web/20170629120000id_/http://www.tv2lorry.dk/artikel/foertidspension"
    )
    assert (
        c.archive_url
        == "https://web.archive.org/web/20170629120000/http://www.tv2lorry.dk/artikel/foertidspension"
    )
    assert c.extra["captured_at"] == datetime(2017, 6, 29, 12, tzinfo=UTC).isoformat()
    assert res.stats.requests == 2 and res.stats.duplicates == 1 and res.stats.filtered == 1
    # The second CDX request waited at least the configured spacing after the first.
    assert seen_at[1] - seen_at[0] >= 0.3


def test_429_stops_the_source_and_says_so(httpserver):
    httpserver.expect_ordered_request("/cdx").respond_with_data(_body([_row("/artikel/a")], "K"))
    httpserver.expect_ordered_request("/cdx").respond_with_data("slow down", status=429)
    res = with_getter(lambda g: wayback.discover(_src(httpserver.url_for("/cdx")), g))
    assert len(res.candidates) == 1
    assert res.problems[-1].reason == RATE_LIMITED
    assert res.stats.stopped == "rate limited (429)"
    assert len(httpserver.log) == 2  # nothing after the 429


def test_429_is_a_warning_line_even_for_a_quiet_command(httpserver):
    # The line goes through standard logging to the command's reporter; quiet keeps warnings.
    httpserver.expect_request("/cdx").respond_with_data("slow down", status=429)
    out = io.StringIO()
    with logging_to(Reporter("json", stream=out, quiet=True)):
        with_getter(lambda g: wayback.discover(_src(httpserver.url_for("/cdx")), g))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["event"], r["level"], r["source"]) for r in lines] == [
        ("wayback_rate_limited", "warning", "tv2lorry-wayback")
    ]


def test_response_cut_mid_json_keeps_complete_rows(httpserver):
    full = _body([_row("/artikel/a"), _row("/artikel/b"), _row("/artikel/c")], "K")
    cut = full[: full.index("/artikel/c") + 5]
    httpserver.expect_request("/cdx").respond_with_data(cut, content_type="application/json")
    res = with_getter(lambda g: wayback.discover(_src(httpserver.url_for("/cdx")), g))
    assert [c.url.rsplit("/", 1)[-1] for c in res.candidates] == ["a", "b"]
    assert "cut short" in res.problems[0].reason
    assert res.stats.requests == 1


def test_parse_cdx_json_edge_cases():
    assert parse_cdx_json("").rows == []
    assert parse_cdx_json("[]").rows == []
    assert parse_cdx_json('{"error": "x"}').truncated
    page = parse_cdx_json(_body([], "K"))
    assert page.rows == [] and page.resume_key == "K"
    junk = parse_cdx_json(
        '[["urlkey","timestamp","original"],\n[1,2,3],\n["k","2017","http://a.dk/"]]'
    )
    assert [r.original for r in junk.rows] == ["http://a.dk/"]


def test_empty_index_and_since_after_range(httpserver):
    httpserver.expect_request("/cdx").respond_with_data("", content_type="application/json")
    res = with_getter(lambda g: wayback.discover(_src(httpserver.url_for("/cdx")), g))
    assert res.candidates == [] and res.problems == []
    late = with_getter(
        lambda g: wayback.discover(
            _src(httpserver.url_for("/cdx")), g, since=datetime(2019, 1, 1, tzinfo=UTC)
        )
    )
    assert late.stats.requests == 0 and late.stats.stopped


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=400))
def test_fuzz_parse_cdx_never_raises(text):
    page = parse_cdx_json(text)
    assert all(isinstance(r.original, str) for r in page.rows)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.integers(min_value=1, max_value=400))
def test_any_cut_of_a_real_answer_keeps_only_complete_rows(cut):
    full = _body([_row(f"/artikel/{i}") for i in range(5)], "K")
    page = parse_cdx_json(full[:cut])
    assert all(r.original.startswith("http://www.tv2lorry.dk/artikel/") for r in page.rows)
    assert len(page.rows) <= 5


def test_since_as_a_plain_date_moves_the_window_start(httpserver):
    httpserver.expect_request("/cdx", query_string=None).respond_with_data("")
    from mediespor.discover import discover_source

    res = with_getter(
        lambda g: discover_source(_src(httpserver.url_for("/cdx")), g, since=date(2017, 6, 1))
    )
    assert res.problems == [] and res.stats.requests == 1
    (req, _resp) = httpserver.log[0]
    assert req.args["from"] == "20170601"


def test_cdx_paging_stops_at_max_items(httpserver):
    def handler(request: Request) -> Response:
        page = int(request.args.get("resumeKey", "0"))
        rows = [_row(f"/artikel/{page}-{i}") for i in range(10)]
        return Response(_body(rows, str(page + 1)), content_type="application/json")

    httpserver.expect_request("/cdx").respond_with_handler(handler)
    res = with_getter(lambda g: wayback.discover(_src(httpserver.url_for("/cdx"), max_items=15), g))
    assert len(res.candidates) == 15
    assert res.stats.requests == 2
    assert res.stats.stopped == "max_items (15) reached"


def _outlet_src(endpoint: str, **kw) -> WaybackSource:
    return WaybackSource(
        name="outlet-wayback", outlet="Testavisen", kind="wayback", domain="testavisen.dk",
        slug_pattern="foertidspension|fleksjob|jobcent", from_date=date(2017, 1, 1),
        to_date=date(2017, 12, 31), cdx_endpoint=endpoint, cdx_delay_s=0, **kw,
    )  # fmt: skip


def _outlet_captures() -> list:
    from cdx_standin import Capture

    return [
        # Two captures of one article: collapsed to the first by URL key.
        Capture("http://www.testavisen.dk/indland/afslag-paa-foertidspension-stiger", "20170629101500"),
        Capture("https://testavisen.dk/indland/afslag-paa-foertidspension-stiger", "20170701080000"),
        # A subdomain of the outlet, inside the window.
        Capture("http://kbh.testavisen.dk/nyheder/fleksjob-for-faa", "20171003120000"),
        # A capitalised slug still matches: the filter ignores case.
        Capture("http://www.testavisen.dk/indland/art123/Fleksjob-Til-Faerre", "20170801000000"),
        # Not about the dispute: the server's filter leaves it out.
        Capture("http://www.testavisen.dk/sport/fodbold-i-parken", "20170629101500"),
        # About the dispute but captured in 2019: outside from/to.
        Capture("http://www.testavisen.dk/indland/jobcentret-lukker", "20190101000000"),
        # A redirect capture: statuscode filter leaves it out.
        Capture("http://www.testavisen.dk/indland/jobcentre-samles", "20170505000000", statuscode="301"),
        # Another outlet whose name ends the same way is not a subdomain.
        Capture("http://www.andentestavisen.dk/fleksjob-nyt", "20170505000000"),
    ]  # fmt: skip


def test_outlet_wide_query_filters_on_the_server(httpserver):
    from cdx_standin import CdxStandin

    cdx = CdxStandin(_outlet_captures())
    httpserver.expect_request("/cdx").respond_with_handler(cdx.handle)
    res = with_getter(lambda g: wayback.discover(_outlet_src(httpserver.url_for("/cdx")), g))
    assert res.problems == []
    assert sorted(c.url for c in res.candidates) == [
        "http://kbh.testavisen.dk/nyheder/fleksjob-for-faa",
        "http://www.testavisen.dk/indland/afslag-paa-foertidspension-stiger",
        "http://www.testavisen.dk/indland/art123/Fleksjob-Til-Faerre",
    ]
    # One polite query did all the filtering: the server returned only the three rows.
    assert len(cdx.queries) == 1 and res.stats.entries == 3
    q = cdx.queries[0]
    assert q["url"] == ["testavisen.dk"] and q["matchType"] == ["domain"]
    assert "original:(?i).*(?:foertidspension|fleksjob|jobcent).*" in q["filter"]
    assert q["collapse"] == ["urlkey"] and q["from"] == ["20170101"] and q["to"] == ["20171231"]
    first = next(c for c in res.candidates if "foertidspension" in c.url)
    # The first capture of the collapsed pair is fetched raw (id_), dated by its timestamp.
    assert first.fetch_url.endswith("/20170629101500id_/http://www.testavisen.dk/indland/"
                                    "afslag-paa-foertidspension-stiger")  # fmt: skip
    assert first.extra["captured_at"] == "2017-06-29T10:15:00+00:00"
    assert first.via == "wayback" and first.outlet == "Testavisen"


def test_outlet_wide_query_pages_with_the_resume_key(httpserver):
    from cdx_standin import Capture, CdxStandin

    caps = [Capture(f"http://testavisen.dk/a/fleksjob-{n}", "20170601000000") for n in range(5)]
    cdx = CdxStandin(caps)
    httpserver.expect_request("/cdx").respond_with_handler(cdx.handle)
    src = _outlet_src(httpserver.url_for("/cdx"), page_size=2)
    res = with_getter(lambda g: wayback.discover(src, g))
    assert len(res.candidates) == 5 and len(cdx.queries) == 3
    assert [q.get("resumeKey") for q in cdx.queries] == [None, ["2"], ["4"]]


def test_a_server_that_ignores_the_filter_still_yields_only_matching_slugs(httpserver):
    from cdx_standin import CdxStandin

    cdx = CdxStandin(_outlet_captures())

    def ignoring(request: Request) -> Response:
        # Answer as if no filter had been given (an older server, a mirror).
        args = request.args.copy()
        args.setlist("filter", [f for f in args.getlist("filter") if not f.startswith("original")])
        request.args = args
        return cdx.handle(request)

    httpserver.expect_request("/cdx").respond_with_handler(ignoring)
    res = with_getter(lambda g: wayback.discover(_outlet_src(httpserver.url_for("/cdx")), g))
    # The sports page came back and was dropped here; the window and status still applied.
    assert len(res.candidates) == 3 and res.stats.entries == 4 and res.stats.filtered == 1


def test_domain_and_url_are_exclusive():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="exactly one of 'url'"):
        WaybackSource(name="w", outlet="o", kind="wayback", url="x.dk/", domain="x.dk",
                      from_date=date(2017, 1, 1), to_date=date(2017, 2, 1))  # fmt: skip
    with pytest.raises(ValidationError, match="bare domain"):
        WaybackSource(name="w", outlet="o", kind="wayback", domain="https://x.dk/",
                      from_date=date(2017, 1, 1), to_date=date(2017, 2, 1))  # fmt: skip
