"""Common Crawl's columnar index: SQL over a local Parquet file with the documented columns."""

from __future__ import annotations

import asyncio
from datetime import date

from corpus_support import index_row, write_index
from mediespor.config.sources import CommonCrawlIndexSource
from mediespor.discover import commoncrawl_index
from mediespor.discover.commoncrawl_index import read_index
from mediespor.topic import parse_query

PRE = parse_query("førtidspension* OR fleksjob* OR jobcent*")
F = "crawl-data/CC-MAIN-2017-30/segments/1/warc/x.warc.gz"


def _rows() -> list[tuple]:
    return [
        index_row("https://www.testavisen.dk/indland/afslag-paa-foertidspension", "2017-07-20 10:00:00", F, 0, 900),
        # The same page crawled again: one candidate, the first capture.
        index_row("https://www.testavisen.dk/indland/afslag-paa-foertidspension", "2017-07-25 10:00:00", F, 900, 900),
        index_row("https://www.testavisen.dk/sport/fodbold", "2017-07-20 10:00:00", F, 1800, 900),
        index_row("https://kbh.andenavis.dk/nyt/fleksjob-for-faa", "2017-07-21 10:00:00", F, 2700, 900),
        index_row("https://www.udland.se/fleksjob", "2017-07-21 10:00:00", F, 3600, 900),
        index_row("https://www.testavisen.dk/indland/jobcentret-2016", "2016-07-21 10:00:00", F, 4500, 900),
    ]  # fmt: skip


def _src(path, **kw) -> CommonCrawlIndexSource:
    kw.setdefault("domains", ["testavisen.dk"])
    return CommonCrawlIndexSource(
        name="cc-index", outlet="Testavisen", kind="commoncrawl-index", index=[str(path)],
        data_endpoint="http://127.0.0.1:9/data", **kw,
    )  # fmt: skip


def test_domain_path_and_topic_filters_run_in_sql(tmp_path):
    path = write_index(tmp_path / "part-0.parquet", _rows())
    rows = read_index(_src(path, from_date=date(2017, 1, 1)), PRE, None)
    assert [(r.url, r.offset) for r in rows] == [
        ("https://www.testavisen.dk/indland/afslag-paa-foertidspension", 0)
    ]


def test_a_whole_tld_gives_each_outlet_its_lane(tmp_path):
    path = write_index(tmp_path / "part-0.parquet", _rows())
    res = asyncio.run(
        commoncrawl_index.discover(_src(path, domains=[], tld="dk"), None, prefilter=PRE)
    )
    got = {c.url: c.outlet for c in res.candidates}
    assert got == {
        "https://kbh.andenavis.dk/nyt/fleksjob-for-faa": "andenavis.dk",
        "https://www.testavisen.dk/indland/afslag-paa-foertidspension": "testavisen.dk",
        "https://www.testavisen.dk/indland/jobcentret-2016": "testavisen.dk",
    }


def test_candidates_carry_the_record_location(tmp_path):
    path = write_index(tmp_path / "part-0.parquet", _rows())
    res = asyncio.run(commoncrawl_index.discover(_src(path, path_pattern="^/indland/"), None))
    first = res.candidates[0]
    assert first.via == "commoncrawl-index" and first.fetch_url is None
    assert first.extra["warc_url"] == f"http://127.0.0.1:9/data/{F}"
    assert (first.extra["offset"], first.extra["length"]) == (0, 900)
    assert first.extra["captured_at"] == "2017-07-20T10:00:00+00:00"
    assert len(res.candidates) == 2  # no topic filter given: both /indland/ pages


def test_several_files_and_max_records(tmp_path):
    a = write_index(tmp_path / "a.parquet", _rows()[:3])
    b = write_index(tmp_path / "b.parquet", _rows()[3:])
    src = CommonCrawlIndexSource(
        name="cc", outlet="o", kind="commoncrawl-index", index=[str(a), str(b)], tld="dk",
        max_records=1,
    )  # fmt: skip
    res = asyncio.run(commoncrawl_index.discover(src, None, prefilter=PRE))
    assert len(res.candidates) == 1 and res.stats.stopped == "max_records (1) reached"


def test_an_unreadable_index_is_a_problem(tmp_path):
    res = asyncio.run(commoncrawl_index.discover(_src(tmp_path / "none.parquet"), None))
    assert res.candidates == [] and "cannot read the index" in res.problems[0].reason


def test_rows_without_a_record_location_are_left_out(tmp_path):
    rows = [
        _rows()[0],
        ("https://www.testavisen.dk/indland/fleksjob-uden-sted", "dk", "testavisen.dk",
         "/indland/fleksjob-uden-sted", "2017-07-20 10:00:00", F, None, None),
    ]  # fmt: skip
    path = write_index(tmp_path / "part-0.parquet", rows)
    res = asyncio.run(commoncrawl_index.discover(_src(path), None, prefilter=PRE))
    assert [c.url for c in res.candidates] == [
        "https://www.testavisen.dk/indland/afslag-paa-foertidspension"
    ]
    assert res.problems == []
