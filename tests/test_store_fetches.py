"""The fetches table: rows, validators for conditional requests, archive lookups."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from mediespor.models import FetchLogEntry, Hop, WarcPointer
from mediespor.store.db import open_store
from mediespor.store.fetches import (
    fetches_by_source,
    find_latest,
    latest_validators,
    list_fetches,
    log_fetch,
)

T = datetime(2017, 3, 1, tzinfo=UTC)


def test_rows_validators_and_lookups():
    with open_store(None) as store:
        con = store.con
        url = "https://www.tv2lorry.dk/a"
        final = "https://www.tv2kosmopol.dk/a"
        first = log_fetch(con, FetchLogEntry(
            url=url, final_url=final, fetched_at=T, status=200, redirects=(Hop(url, 301),),
            headers={"etag": '"1"', "last-modified": "Wed, 01 Mar 2017 10:00:00 GMT"},
            warc=WarcPointer("f.warc.gz", 10, 20),
        ))  # fmt: skip
        log_fetch(con, FetchLogEntry(url=final, final_url=final, fetched_at=T, status=500))
        second = log_fetch(con, FetchLogEntry(
            url=final, final_url=final, fetched_at=T, status=200, headers={"etag": '"2"'},
            warc=WarcPointer("f.warc.gz", 30, 20),
        ))  # fmt: skip
        assert second > first
        v = latest_validators(con, final)
        assert v.etag == '"2"' and v.last_modified is None
        assert latest_validators(con, url) is None  # validators belong to the URL that served
        row = con.execute("SELECT redirects FROM fetches WHERE fetch_id = ?", [first]).fetchone()
        assert json.loads(row[0]) == [{"url": url, "status": 301}]
        found = find_latest(con, [url])
        assert found.fetch_id == first and found.warc == WarcPointer("f.warc.gz", 10, 20)
        assert find_latest(con, [final]).fetch_id == second
        assert find_latest(con, ["https://nowhere.dk/"]) is None
        assert [f.fetch_id for f in list_fetches(con, 2)] == [second, second - 1]


def test_fetches_by_source_counts_requests_304s_and_failures_of_one_run():
    with open_store(None) as store:
        con = store.con
        rows = [("a", 200, None), ("a", 304, None), ("a", 404, "http_status"), ("a", None, "timeout"),
                ("b", 200, None), ("b", 503, "http_status")]  # fmt: skip
        for source, status, kind in rows:
            log_fetch(con, FetchLogEntry(url=f"https://{source}.dk/{status}", fetched_at=T,
                                         run_id=4, source=source, status=status,
                                         error_kind=kind))  # fmt: skip
        log_fetch(con, FetchLogEntry(url="https://a.dk/old", fetched_at=T, run_id=3, source="a"))
        got = fetches_by_source(con, 4)
    assert [(s.source, s.fetched, s.not_modified) for s in got] == [("a", 4, 1), ("b", 2, 0)]
    assert got[0].errors == ("http_status", "timeout") and got[1].errors == ("http_status",)
