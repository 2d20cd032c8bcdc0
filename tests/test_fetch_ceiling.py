"""The global limit as a ceiling: it grows while the loop waits, stays low while it is busy.

That a real crawl reaches the whole ceiling is tested at the server in test_fetch_politeness.
"""

from __future__ import annotations

import asyncio
import time

from mediespor.fetch.ceiling import FLOOR, WINDOW_S, CeilingLimit


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
