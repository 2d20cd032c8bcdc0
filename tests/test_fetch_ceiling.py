"""The global limit as a ceiling: it grows while the loop waits, stays low while it is busy."""

from __future__ import annotations

import asyncio
import time

import pytest

from fetch_support import fetcher, open_test_store
from loopserver import LoopServer, Reply
from mediespor.fetch.ceiling import FLOOR, WINDOW_S, CeilingLimit

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")


def idle() -> float:
    """A loop thread that never wanted the CPU."""
    return 0.0


async def _take(limit: CeilingLimit, n: int) -> list[asyncio.Task]:
    tasks = [asyncio.create_task(limit.acquire()) for _ in range(n)]
    await asyncio.sleep(0)
    return tasks


def test_an_idle_loop_reaches_the_ceiling_without_any_request_ending():
    async def go():
        limit = CeilingLimit(FLOOR + 8, demand=idle)
        tasks = await _take(limit, FLOOR + 8)
        first = limit.in_use
        await asyncio.wait_for(asyncio.gather(*tasks), 10)
        return first, limit.in_use, limit.capacity

    assert asyncio.run(go()) == (FLOOR, FLOOR + 8, FLOOR + 8)


def test_a_busy_loop_stays_at_the_floor_and_serves_waiters_in_order():
    async def go():
        limit = CeilingLimit(64, demand=time.monotonic)  # wanted the CPU all the time
        tasks = await _take(limit, FLOOR + 3)
        await asyncio.sleep(6 * WINDOW_S)
        held = limit.in_use
        limit.release()
        await asyncio.sleep(0)
        done = [t.done() for t in tasks[FLOOR:]]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return held, limit.capacity, done

    assert asyncio.run(go()) == (FLOOR, FLOOR, [True, False, False])


def test_a_loop_that_becomes_busy_shrinks_back_to_the_floor():
    busy = {"on": False}

    def demand() -> float:
        return time.monotonic() if busy["on"] else 0.0

    async def go():
        limit = CeilingLimit(64, demand=demand)
        tasks = await _take(limit, 64)
        await asyncio.wait_for(asyncio.gather(*tasks), 10)
        grown = limit.capacity
        busy["on"] = True
        for _ in range(64):
            limit.release()
            await asyncio.sleep(WINDOW_S / 4)
        return grown, limit.capacity, limit.in_use

    assert asyncio.run(go()) == (64, FLOOR, 0)


def test_a_cancelled_waiter_leaves_no_room_taken():
    async def go():
        limit = CeilingLimit(FLOOR, demand=time.monotonic)
        tasks = await _take(limit, FLOOR + 2)
        tasks[FLOOR].cancel()
        limit.release()  # hands the room on to the next waiter still there
        await asyncio.sleep(0)
        after = (limit.in_use, tasks[FLOOR + 1].done())
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return after

    assert asyncio.run(go()) == (FLOOR, True)


@pytest.fixture
def server():
    with LoopServer(HOSTS) as srv:
        for ip in HOSTS:
            srv.serve_static("/robots.txt", Reply(404, b"", content_type="text/plain"), ip=ip)
        yield srv


def test_a_crawl_waiting_on_its_servers_gets_the_whole_global_limit(server, tmp_path):
    limit = 32  # above the floor: the fetcher starts lower and must grow to it
    arrived: list[str] = []
    answered_when_all_in: list[bool] = []

    @server.route("/hold")
    async def hold(req, writer):
        # Answers once ``limit`` requests are in at once over all hosts, or after 1.5 s (within
        # the client's read timeout) if they never are.
        arrived.append(req.host_ip)
        for _ in range(150):
            if len(arrived) >= limit:
                break
            await asyncio.sleep(0.01)
        answered_when_all_in.append(len(arrived) >= limit)
        return Reply(body=b"<p>ok</p>")

    jobs = [server.url("/hold", ip) for ip in HOSTS for _ in range(12)][:limit]

    async def go():
        with open_test_store(tmp_path) as store:
            async with fetcher(store, tmp_path, sleep=asyncio.sleep, per_host=12,
                               global_concurrency=limit) as f:  # fmt: skip
                return await asyncio.gather(*(f.get(u, source="t") for u in jobs))

    results = asyncio.run(go())
    assert all(r.ok for r in results)
    assert answered_when_all_in == [True] * limit
