"""The run report: typed while the run goes, stored as the runs.counts JSON readers know."""

from __future__ import annotations

import json

from mediespor.run_state import ImportCounts, RunReport
from mediespor.runstats import SourceCounts


def test_only_what_the_stages_reached_is_stored_in_run_order():
    report = RunReport(sources_configured=3, events=12)
    report.known_coverage = ImportCounts(rows=40, created=2, updated=1, rejected=0)
    report.sightings_attached = 5
    report.per_source = {"kk-rss": SourceCounts("kk-rss", "feed", found=4, queued=4)}
    report.lost_items, report.links, report.rendered = 0, 7, True
    report.failed_sources["tv2-sitemap"] = "HTTP 500"
    stored = json.loads(json.dumps(report.as_json()))
    assert list(stored) == [
        "sources_configured", "events", "known_coverage", "sightings_attached", "per_source",
        "lost_items", "links", "rendered", "failed_sources", "failed_stages",
    ]  # fmt: skip
    assert stored["known_coverage"] == {"rows": 40, "created": 2, "updated": 1, "rejected": 0}
    assert stored["per_source"]["kk-rss"]["discovered"] == 4
    assert stored["failed_sources"] == {"tv2-sitemap": "HTTP 500"}
    assert stored["failed_stages"] == {} and stored["lost_items"] == 0


def test_a_run_that_did_nothing_yet_stores_only_its_failure_maps():
    assert RunReport().as_json() == {"failed_sources": {}, "failed_stages": {}}
