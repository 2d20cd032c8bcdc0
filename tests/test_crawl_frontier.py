"""The DuckDB frontier: queueing, claiming, revisits, retries and final states."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fetch_support import cand, open_test_store
from mediespor.crawl.frontier import Frontier


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path) as s:
        yield s


def test_add_claim_and_revisit(store):
    frontier = Frontier(store, run_id=7)
    assert frontier.add([cand("https://a.dk/1"), cand("https://a.dk/2", title="To")]) == 2
    assert frontier.add([cand("https://a.dk/1")]) == 0  # already queued
    assert frontier.add([cand("https://a.dk/3")], priority=5) == 1
    claimed = frontier.claim(10)
    assert [e.url for e in claimed] == ["https://a.dk/3", "https://a.dk/1", "https://a.dk/2"]
    assert claimed[2].hint["title"] == "To" and claimed[2].fetch_url == "https://a.dk/2"
    assert next(e.url for e in frontier.claim(10, exclude={"https://a.dk/3"})) == "https://a.dk/1"
    frontier.mark_done("https://a.dk/3")
    assert frontier.counts() == {"pending": 2, "done": 1}
    assert frontier.add([cand("https://a.dk/3")]) == 0
    assert frontier.add([cand("https://a.dk/3")], revisit=True) == 1
    assert frontier.counts() == {"pending": 3}
    wb = cand(
        "https://a.dk/gone", fetch_url="https://web.archive.org/web/2017id_/https://a.dk/gone"
    )
    frontier.add([wb])
    entry = next(e for e in frontier.claim(10) if e.url == "https://a.dk/gone")
    assert entry.fetch_url.startswith("https://web.archive.org/")


def test_retry_later_then_fail_after_max_attempts(store):
    now = [datetime(2017, 3, 1, tzinfo=UTC)]
    frontier = Frontier(store, now=lambda: now[0])
    frontier.add([cand("https://a.dk/x")])
    assert frontier.mark_retry("https://a.dk/x", "timeout", after=timedelta(hours=1),
                               max_attempts=2) == "pending"  # fmt: skip
    assert frontier.claim(10) == []  # not due yet
    now[0] += timedelta(hours=2)
    assert [e.attempts for e in frontier.claim(10)] == [1]
    assert frontier.mark_retry("https://a.dk/x", "timeout", after=timedelta(hours=1),
                               max_attempts=2) == "failed"  # fmt: skip
    assert frontier.counts() == {"failed": 1}


def test_pending_lists_what_a_run_would_fetch_best_first(store):
    frontier = Frontier(store)
    frontier.add([cand("https://a.dk/1"), cand("https://b.dk/2", source="b")])
    frontier.add([cand("https://a.dk/3")], priority=5)
    frontier.mark_done("https://a.dk/1")
    assert frontier.pending() == [("https://a.dk/3", "s"), ("https://b.dk/2", "b")]


def test_claim_takes_hosts_in_turn_in_queue_order(store):
    frontier = Frontier(store)
    # Queued source by source, as discovery queues them: all of a.dk, then b.dk, then c.dk.
    frontier.add(cand(f"https://a.dk/{i}") for i in range(3))
    frontier.add(cand(f"https://b.dk/{i}") for i in range(2))
    frontier.add([cand("https://c.dk/0", fetch_url="https://arkiv.dk/web/2017/https://c.dk/0")])
    frontier.add([cand("https://c.dk/1")])  # another host to fetch from than c.dk/0
    got = [e.url for e in frontier.claim(5)]
    assert got == ["https://a.dk/0", "https://b.dk/0", "https://c.dk/0", "https://c.dk/1",
                   "https://a.dk/1"]  # fmt: skip
    rest = [e.url for e in frontier.claim(10, exclude=set(got))]
    assert rest == ["https://a.dk/2", "https://b.dk/1"]
