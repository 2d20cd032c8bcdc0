"""The claim order in memory: hosts in turn, queue order, and what a claim passes over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mediespor.crawl.claim_order import ClaimOrder, Queued, micros

NOW = datetime(2017, 6, 28, 12, tzinfo=UTC)
T = micros(NOW)


def q(url: str, *, at: int = 0, priority: int = 0, source: str = "s", due_in: int | None = None):
    """A pending URL queued ``at`` seconds after NOW, its host read from the URL."""
    host = url.split("/")[2]
    retry = None if due_in is None else T + due_in * 1_000_000
    return Queued(url, source, priority, host, T + at * 1_000_000, retry)


def urls(rows: list[Queued]) -> list[str]:
    return [r.url for r in rows]


def test_micros_is_duckdbs_epoch_us():
    assert micros(datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=UTC)) == 1_000_005
    # The same moment in another zone is the same number.
    later = NOW.astimezone(UTC) + timedelta(hours=2)
    assert micros(later) == T + 7_200_000_000


def test_take_gives_hosts_in_turn_then_queue_order_best_priority_first():
    order = ClaimOrder(
        [
            q("https://a.dk/1", at=0),
            q("https://a.dk/2", at=0),
            q("https://a.dk/3", at=5),
            q("https://b.dk/1", at=3),
            q("https://b.dk/2", at=4),
            q("https://c.dk/9", at=1),
            q("https://c.dk/0", at=9, priority=2),
        ]
    )
    got = urls(order.take(10, NOW, set(), None))
    # Priority 2 first; then turn 1 of each host by queue time, turn 2, turn 3.
    assert got == ["https://c.dk/0", "https://a.dk/1", "https://c.dk/9", "https://b.dk/1",
                   "https://a.dk/2", "https://b.dk/2", "https://a.dk/3"]  # fmt: skip
    # A limit cuts a turn by queue order, not by host name.
    assert urls(order.take(3, NOW, set(), None)) == got[:3]
    assert urls(order.take(5, NOW, set(), None)) == got[:5]


def test_excluded_not_due_and_other_sources_are_passed_over_without_losing_their_turn():
    order = ClaimOrder(
        [
            q("https://a.dk/1"),
            q("https://a.dk/2", at=1),
            q("https://a.dk/3", at=2),
            q("https://b.dk/1", due_in=60),
            q("https://b.dk/2", at=1, source="t"),
            q("https://b.dk/3", at=2),
        ]
    )
    # a.dk/1 excluded: a.dk/2 is a.dk's first turn; b.dk/1 is not due, b.dk/3 is b.dk's first.
    got = urls(order.take(10, NOW, {"https://a.dk/1"}, "s"))
    assert got == ["https://a.dk/2", "https://b.dk/3", "https://a.dk/3"]
    # Later b.dk/1 is due, and without the source filter b.dk/2 comes back too.
    later = urls(order.take(10, NOW + timedelta(minutes=2), set(), None))
    assert later == ["https://a.dk/1", "https://b.dk/1", "https://a.dk/2", "https://b.dk/2",
                     "https://a.dk/3", "https://b.dk/3"]  # fmt: skip
    # Nothing is consumed by a take: exclusion is per call.
    assert urls(order.take(1, NOW, set(), None)) == ["https://a.dk/1"]


def test_put_and_drop_keep_the_order():
    order = ClaimOrder([q("https://a.dk/2", at=2), q("https://b.dk/1", at=1)])
    order.put(q("https://a.dk/1", at=1))  # queued earlier than a.dk/2 (a clock set back)
    order.drop("https://b.dk/1")
    order.drop("https://nowhere.dk/x")  # not there: nothing happens
    assert len(order) == 2
    assert urls(order.take(10, NOW, set(), None)) == ["https://a.dk/1", "https://a.dk/2"]
    # Queued again after being dropped: once, not twice.
    order.put(q("https://b.dk/1", at=1))
    order.put(q("https://b.dk/1", at=1, due_in=30))  # a new next-try time only
    assert urls(order.take(10, NOW, set(), None)) == ["https://a.dk/1", "https://a.dk/2"]
    assert urls(order.take(10, NOW + timedelta(minutes=1), set(), None)) == [
        "https://a.dk/1", "https://b.dk/1", "https://a.dk/2"]  # fmt: skip
    # A URL moved to another host and priority is taken from its new place only.
    order.put(q("https://a.dk/2", at=2, priority=1))
    got = urls(order.take(10, NOW + timedelta(minutes=1), set(), None))
    assert got == ["https://a.dk/2", "https://a.dk/1", "https://b.dk/1"]


def test_a_long_drain_cuts_finished_keys_and_forgets_empty_hosts():
    n = 3000  # more than one cut of finished keys
    order = ClaimOrder(q(f"https://a.dk/{i:05d}", at=i) for i in range(n))
    order.put(q("https://b.dk/0", at=n))
    taken: list[str] = []
    flight: list[str] = []  # taken, not finished yet: excluded, as a fetch pass excludes them
    while batch := order.take(100, NOW, set(flight), None):
        taken += urls(batch)
        flight += urls(batch)
        for url in flight[:-50]:
            order.drop(url)
        flight = flight[-50:]
    for url in flight:
        order.drop(url)
    a = [f"https://a.dk/{i:05d}" for i in range(n)]
    assert taken == [a[0], "https://b.dk/0", *a[1:]]
    assert len(order) == 0 and order.take(10, NOW, set(), None) == []
    # What was cut is not remembered: queued again, it is claimed again.
    order.put(q("https://a.dk/00001", at=1))
    assert urls(order.take(10, NOW, set(), None)) == ["https://a.dk/00001"]
