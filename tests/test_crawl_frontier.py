"""The DuckDB frontier: queueing, claiming, revisits, retries and final states."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from fetch_support import cand, open_test_store
from mediespor.crawl.frontier import CLAIM_ORDER_SQL, Frontier


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


def reference(store, now, limit, exclude=(), source=None):
    """The claim as one statement over every pending row: the definition of its order."""
    rows = store.con.execute(
        CLAIM_ORDER_SQL, [now, source, source, json.dumps(sorted(exclude)), limit]
    ).fetchall()
    return [(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6] or "{}")) for r in rows]


def as_rows(entries):
    return [(e.url, e.source, e.via, e.depth, e.priority, e.attempts, e.hint) for e in entries]


def test_claim_skips_excluded_not_due_and_other_sources_without_losing_turns(store):
    now = [datetime(2017, 6, 28, 12, tzinfo=UTC)]
    frontier = Frontier(store, now=lambda: now[0])
    frontier.add(cand(f"https://a.dk/{i}") for i in range(3))
    frontier.add([cand("https://b.dk/0", source="t"), cand("https://b.dk/1")])
    frontier.add([cand("https://c.dk/0"), cand("https://c.dk/1")])
    assert [e.url for e in frontier.claim(3)] == ["https://a.dk/0", "https://b.dk/0",
                                                  "https://c.dk/0"]  # fmt: skip
    frontier.mark_retry("https://c.dk/0", "timeout", after=timedelta(hours=1), max_attempts=3)
    got = frontier.claim(10, exclude={"https://a.dk/0"}, source="s")
    # a.dk/0 excluded and c.dk/0 not due: a.dk/1 and c.dk/1 take their hosts' first turns;
    # b.dk/0 is another source's, so b.dk/1 is b.dk's first.
    assert [e.url for e in got] == ["https://a.dk/1", "https://b.dk/1", "https://c.dk/1",
                                    "https://a.dk/2"]  # fmt: skip
    now[0] += timedelta(hours=2)
    assert [e.url for e in frontier.claim(2, source="t")] == ["https://b.dk/0"]
    assert [e.url for e in frontier.claim(3)] == ["https://a.dk/0", "https://b.dk/0",
                                                  "https://c.dk/0"]  # fmt: skip
    assert as_rows(frontier.claim(100)) == reference(store, now[0], 100)


def test_claim_sees_writes_made_past_it_and_rolled_back_ones(store):
    now = datetime(2017, 6, 28, 12, tzinfo=UTC)
    frontier = Frontier(store, now=lambda: now)
    frontier.add(cand(f"https://a.dk/{i}") for i in range(4))
    assert len(frontier.claim(10)) == 4
    # Finished inside a transaction that rolls back: still pending, so claimed again.
    with pytest.raises(RuntimeError), store.transaction():
        frontier.mark_many_done(["https://a.dk/0", "https://a.dk/1"])
        raise RuntimeError("process failed")
    assert [e.url for e in frontier.claim(2)] == ["https://a.dk/0", "https://a.dk/1"]
    # Another frontier on the same store, and plain SQL, write behind this one's back.
    Frontier(store, now=lambda: now).add([cand("https://b.dk/0")])
    store.con.execute("UPDATE frontier SET priority = 9 WHERE url = 'https://a.dk/3'")
    store.con.execute(
        "UPDATE frontier SET next_try_at = ? WHERE url = 'https://a.dk/0'",
        [now + timedelta(minutes=5)],
    )
    got = [e.url for e in frontier.claim(10)]
    assert got == ["https://a.dk/3", "https://a.dk/1", "https://b.dk/0", "https://a.dk/2"]
    assert as_rows(frontier.claim(10)) == reference(store, now, 10)


@pytest.mark.parametrize("seed", range(6))
def test_claims_equal_the_one_statement_order_through_any_mix_of_writes(store, seed):
    rnd = random.Random(seed)
    clock = [datetime(2017, 6, 28, 12, tzinfo=UTC)]
    frontier = Frontier(store, now=lambda: clock[0])
    other = Frontier(store, now=lambda: clock[0])  # discovery's, say
    hosts = ["a.dk", "b.dk", "c.dk", "www.d.dk", "E.dk"]
    known: list[str] = []

    def new_candidates():
        out = []
        for _ in range(rnd.randint(1, 8)):
            url = f"https://{rnd.choice(hosts)}/{rnd.randint(0, 60)}"
            archive = f"https://arkiv.dk/web/2017/{url}" if rnd.random() < 0.2 else None
            out.append(cand(url, source=rnd.choice("st"), fetch_url=archive))
            known.append(url)
        return out

    for _ in range(120):
        op = rnd.random()
        if op < 0.25:
            who = frontier if rnd.random() < 0.8 else other
            who.add(new_candidates(), priority=rnd.choice([0, 0, 5]), revisit=rnd.random() < 0.3)
        elif op < 0.55 and known:
            limit = rnd.randint(1, 15)
            exclude = set(rnd.sample(known, k=rnd.randint(0, min(5, len(known)))))
            source = rnd.choice([None, None, "s", "t"])
            got = frontier.claim(limit, exclude=exclude, source=source)
            assert as_rows(got) == reference(store, clock[0], limit, exclude, source)
        elif op < 0.65 and known:
            frontier.mark_done(rnd.choice(known), rnd.choice(["done", "failed", "skipped"]))
        elif op < 0.72 and known:
            urls = rnd.sample(known, k=min(len(known), 3))
            if rnd.random() < 0.5:
                frontier.mark_many_done(urls)
            else:
                with pytest.raises(RuntimeError), store.transaction():
                    frontier.mark_many_done(urls)
                    raise RuntimeError("roll back")
        elif op < 0.82 and known:
            after = timedelta(minutes=rnd.choice([0, 10, 30]))
            frontier.mark_retry(rnd.choice(known), "timeout", after=after, max_attempts=3)
        elif op < 0.9:
            clock[0] += timedelta(minutes=rnd.randint(0, 20))
        elif known:  # plain SQL: state and priority changed behind the frontier's back
            store.con.execute(
                "UPDATE frontier SET state = ?, priority = ? WHERE url = ?",
                [rnd.choice(["pending", "done"]), rnd.choice([0, 5]), rnd.choice(known)],
            )
    assert as_rows(frontier.claim(1000)) == reference(store, clock[0], 1000)


def test_the_frontiers_own_writes_keep_its_claim_order_without_reading_the_queue_again(store):
    # Reading the order again is always right, but it reads every pending row: what keeping
    # the order in memory is for. Every write of the frontier itself must keep it in step.
    now = datetime(2017, 6, 28, 12, tzinfo=UTC)
    frontier = Frontier(store, now=lambda: now)
    frontier.add(cand(f"https://a.dk/{i}") for i in range(5))
    frontier.claim(2)
    order = frontier._order
    frontier.add([cand("https://b.dk/1", fetch_url="https://arkiv.dk/b/1")], priority=3)
    frontier.mark_retry("https://a.dk/1", "timeout", after=timedelta(hours=1), max_attempts=3)
    with store.transaction():
        frontier.mark_many_done(["https://a.dk/2"])
    frontier.mark_done("https://a.dk/3", "failed", "gone")
    frontier.add([cand("https://a.dk/3")], revisit=True)
    frontier.defer("https://a.dk/4", "host_budget: used up")
    frontier.defer_due("deadline: 3 h")
    got = frontier.claim(10)
    assert frontier._order is order
    assert [e.url for e in got] == ["https://b.dk/1", "https://a.dk/0", "https://a.dk/3",
                                    "https://a.dk/4"]  # fmt: skip
    assert as_rows(got) == reference(store, now, 10)
