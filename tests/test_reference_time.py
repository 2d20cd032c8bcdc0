"""Which moment a page's dates are read as of: fetch time, capture time, or none."""

from __future__ import annotations

from datetime import UTC, datetime

from mediespor.reference_time import reference_time

NOW = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
CAPTURE = datetime(2017, 6, 29, 10, 15, tzinfo=UTC)


def test_live_page_is_read_as_of_its_fetch():
    ref = reference_time("feed", {"outlet": "X"}, NOW)
    assert (ref.value, ref.basis) == (NOW, "fetch")


def test_wayback_capture_uses_the_cdx_capture_time_not_the_download():
    hint = {"fetch_url": "http://a/web/20170629101500id_/http://b/x",
            "extra": {"captured_at": CAPTURE.isoformat(), "timestamp": "20170629101500"}}  # fmt: skip
    ref = reference_time("wayback", hint, NOW)
    assert (ref.value, ref.basis) == (CAPTURE, "capture")


def test_wayback_capture_without_cdx_row_uses_the_timestamp_in_its_url():
    hint = {"archive_url": "http://a/web/20170629101500/http://b/x"}
    ref = reference_time("wayback", hint, NOW)
    assert (ref.value, ref.basis) == (CAPTURE, "capture")


def test_common_crawl_record_falls_back_to_its_warc_date():
    # The download time is never the reference of an archived record; its WARC-Date is.
    ref = reference_time("commoncrawl", {"extra": {"offset": 0}}, NOW, None, CAPTURE)
    assert (ref.value, ref.basis) == (CAPTURE, "capture")
    ref = reference_time("commoncrawl", {"extra": {"offset": 0}}, NOW)
    assert ref.value is None and ref.basis == "unknown"
    ref = reference_time("commoncrawl", {"extra": {"timestamp": "20170629101500"}}, NOW)
    assert ref.value == CAPTURE


def test_archive_capture_of_unknown_time_has_no_reference():
    ref = reference_time("wayback", {"archive_url": "http://a/snapshot/x"}, NOW)
    assert ref.value is None and ref.basis == "unknown"
    assert ref.as_json() == {"value": None, "basis": "unknown", "why": ref.why}


def test_wayback_redirect_to_another_capture_uses_the_capture_served():
    hint = {"fetch_url": "http://a/web/20170629101500id_/http://b/x",
            "extra": {"captured_at": CAPTURE.isoformat()}}  # fmt: skip
    served = "http://a/web/20170701083000id_/http://b/x"
    ref = reference_time("wayback", hint, NOW, served)
    assert ref.value == datetime(2017, 7, 1, 8, 30, tzinfo=UTC)
    # A live page's or a Common Crawl record's own URL is never read as a capture timestamp.
    ref = reference_time("feed", {}, NOW, "http://b/web/20170701083000/x")
    assert (ref.value, ref.basis) == (NOW, "fetch")
    ref = reference_time("commoncrawl", {}, NOW, "http://b/web/2011/x", CAPTURE)
    assert ref.value == CAPTURE
