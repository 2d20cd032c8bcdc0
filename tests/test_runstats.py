"""The per-source record: what discovery, fetch and store counted, and how it is stored."""

from __future__ import annotations

import json

from mediespor.runstats import SourceCounts


def test_stored_keys_stay_those_that_status_and_health_read():
    counts = SourceCounts("kk-rss", "rss", found=7, dropped=2, queued=5, records=1, problems=2)
    counts.fetched, counts.stored.created, counts.stored.updated = 5, 3, 1
    counts.count_error("timeout")
    counts.count_error("timeout")
    counts.count_error("http_404")
    stored = json.loads(json.dumps(counts.as_json()))
    assert stored == {
        "discovered": 7, "prefiltered_out": 2, "queued": 5, "fetched": 5, "not_modified": 0,
        "new_items": 4, "updated_items": 1, "unchanged_items": 0,
        "errors": {"discover": 2, "timeout": 2, "http_404": 1},
        "status": "ok", "error": None, "seconds": 0.0,
    }  # fmt: skip
    assert list(stored["errors"]) == ["discover", "timeout", "http_404"]


def test_a_source_failed_only_when_nothing_came_out_and_something_went_wrong():
    assert SourceCounts(problems=1).failed
    assert not SourceCounts(problems=1, found=1).failed
    assert not SourceCounts(problems=1, records=1).failed  # a list stored its items
    assert not SourceCounts().failed  # an empty feed is not broken
