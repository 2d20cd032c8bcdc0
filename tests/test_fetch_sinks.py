"""What the fetcher hands its fetch log: the kept headers, and a log that needs no database."""

from __future__ import annotations

from datetime import UTC, datetime

from mediespor.fetch.sinks import FetchRecorder, kept_headers
from mediespor.models import FetchLogEntry
from mediespor.store.db import open_store
from mediespor.store.fetches import FetchLog


def test_kept_headers_are_a_lower_case_subset():
    got = kept_headers([("ETag", "x"), ("Set-Cookie", "s"), ("Content-Type", "text/html"),
                        ("etag", "y")])  # fmt: skip
    assert got == {"etag": "x", "content-type": "text/html"}


def test_the_duckdb_fetch_log_is_a_recorder_whose_rows_a_caller_can_take():
    entry = FetchLogEntry(url="https://a.dk/1", final_url="https://a.dk/1", status=200,
                          fetched_at=datetime(2017, 3, 1, tzinfo=UTC), headers={"etag": '"1"'})  # fmt: skip
    with open_store(None) as store:
        log: FetchRecorder = FetchLog(store.con, batch=8)
        fetch_id = log.add(entry)
        assert log.validators("https://a.dk/1").etag == '"1"'  # remembered before it is written
        rows = log.take()
        assert rows == [(fetch_id, entry)] and log.take() == []
        log.put_back(rows)
        log.flush()
        stored = store.con.execute("SELECT fetch_id, etag FROM fetches").fetchall()
    assert stored == [(fetch_id, '"1"')]
