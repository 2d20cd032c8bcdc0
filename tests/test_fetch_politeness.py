"""Politeness measured at the server: per-host concurrency and spacing, global parallelism."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from fetch_support import fetcher, hold_until_all_in, open_test_store
from loopserver import LoopServer, Reply
from mediespor.fetch.politeness import Politeness

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")
#: Server-side arrival times can be closer than client-side starts by scheduling jitter.
JITTER = 0.01


@pytest.fixture
def server():
    with LoopServer(HOSTS) as srv:
        for ip in HOSTS:
            srv.serve_static("/robots.txt", Reply(404, b"", content_type="text/plain"), ip=ip)
        yield srv


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path) as s:
        yield s


def crawl(store, tmp_path, jobs, **kw):
    """Fetch (url, source) pairs concurrently with real sleeping."""

    async def go():
        async with fetcher(store, tmp_path, sleep=asyncio.sleep, **kw) as f:
            return await asyncio.gather(*(f.get(u, source=s) for u, s in jobs))

    return asyncio.run(go())


def gaps(requests):
    times = sorted(r.received_at for r in requests)
    return [b - a for a, b in itertools.pairwise(times)]


def test_per_host_concurrency_is_never_exceeded_while_hosts_run_in_parallel(
    server, store, tmp_path
):
    server.serve_static("/slow", Reply(body=b"<p>x</p>", delay_s=0.05))
    jobs = [(server.url("/slow", ip), "t") for ip in HOSTS for _ in range(8)]
    results = crawl(store, tmp_path, jobs, per_host=2, global_concurrency=8)
    assert all(r.ok for r in results)
    reqs = server.requests("/slow")
    assert len(reqs) == 24
    assert max(r.in_flight for r in reqs) == 2  # per host, counted by the server
    # Different hosts overlapped: some request arrived while another host's was in flight.
    spans = [(r.received_at, r.received_at + 0.05, r.host_ip) for r in reqs]
    assert any(a[2] != b[2] and a[0] < b[0] < a[1] for a in spans for b in spans)


def test_min_delay_per_host_and_per_source_override(server, store, tmp_path):
    server.serve_static("/p", Reply(body=b"<p>x</p>"))

    async def go():
        async with fetcher(store, tmp_path, sleep=asyncio.sleep, delay_s=0.1) as f:
            f.source_delays["slow"] = 0.25
            await asyncio.gather(
                *(f.get(server.url("/p", HOSTS[0]), source="fast") for _ in range(5)),
                *(f.get(server.url("/p", HOSTS[1]), source="slow") for _ in range(4)),
            )

    asyncio.run(go())
    fast = gaps(server.requests("/p", HOSTS[0]))
    slow = gaps(server.requests("/p", HOSTS[1]))
    assert len(fast) == 4 and min(fast) >= 0.1 - JITTER
    assert len(slow) == 3 and min(slow) >= 0.25 - JITTER


def test_redirect_hop_counts_against_the_host_it_lands_on(server, store, tmp_path):
    target = server.url("/p", HOSTS[1])
    server.serve_static("/p", Reply(body=b"<p>x</p>"))
    for i in range(3):
        server.serve_static(f"/r{i}", Reply(301, b"", headers=[("Location", target)]))

    async def go():
        async with fetcher(store, tmp_path, sleep=asyncio.sleep, delay_s=0.15) as f:
            return await asyncio.gather(
                *(f.get(server.url(f"/r{i}", HOSTS[0]), source="t") for i in range(3)),
                *(f.get(target, source="t") for _ in range(2)),
            )

    results = asyncio.run(go())
    assert all(r.ok for r in results)
    landed = [r for r in server.requests(ip=HOSTS[1]) if r.path == "/p"]
    assert len(landed) == 5 and min(gaps(landed)) >= 0.15 - JITTER


def test_push_back_delays_the_next_slot():
    async def go():
        gate = Politeness(per_host=1, global_limit=4)
        loop = asyncio.get_running_loop()
        async with gate.slot("h", 0.0):
            pass
        gate.push_back("h", 0.2)
        start = loop.time()
        async with gate.slot("h", 0.0):
            return loop.time() - start

    assert asyncio.run(go()) >= 0.2 - JITTER


def test_a_request_no_longer_wanted_gives_its_turn_away_without_waiting():
    from fetch_support import SleepLog

    async def go():
        waits = SleepLog()
        gate = Politeness(per_host=1, global_limit=4, sleep=waits)
        async with gate.slot("h", 10.0) as first:
            pass
        async with gate.slot("h", 10.0, wanted=lambda: False) as second:
            pass
        async with gate.slot("h", 10.0, wanted=lambda: True) as third:
            pass
        return first, second, third, waits.asked

    first, second, third, asked = asyncio.run(go())
    assert (first, second, third) == (True, False, True)
    assert len(asked) == 1  # only the third request waited out the delay


def test_a_crawl_waiting_on_its_servers_gets_the_whole_global_limit(server, store, tmp_path):
    limit = 32  # above the ceiling's floor: the fetcher starts lower and must grow to it
    held = hold_until_all_in(server, limit, wait_s=1.5)  # the client's read timeout is 2 s
    jobs = [(server.url("/hold", ip), "t") for ip in HOSTS for _ in range(12)][:limit]
    results = crawl(store, tmp_path, jobs, per_host=12, global_concurrency=limit)
    assert all(r.ok for r in results)
    assert held.all_in == [True] * limit  # all 32 were at the servers at once
