"""Extraction in worker processes: same Article as in-process, a page past its budget is cut
off with a reason and its worker replaced, and the pool goes on with the next page."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from faultsuite import page
from mediespor.extract import extract
from mediespor.extract_pool import ExtractFailure, ExtractPool

WHEN = datetime(2017, 6, 28, 12, tzinfo=UTC)


def test_worker_extracts_what_the_process_would():
    body = page("Førtidspension: en side").encode()

    async def go():
        async with ExtractPool(workers=1) as pool:
            return await pool.extract(body, "http://127.0.0.1/a", WHEN)

    got = asyncio.run(go())
    assert got == extract(body, "http://127.0.0.1/a", WHEN)
    assert got.title == "Førtidspension: en side"


def test_pathological_page_is_cut_off_and_the_worker_replaced():
    deep = page("Dyb", "<div>" * 400_000).encode()
    good = page("Førtidspension: efter den dybe side").encode()

    async def go():
        async with ExtractPool(workers=1, budget_s=1.0) as pool:
            first = await pool.extract(deep, "http://127.0.0.1/dyb", WHEN)
            after = await pool.extract(good, "http://127.0.0.1/god", WHEN)
            return first, after, pool.replaced

    first, after, replaced = asyncio.run(go())
    assert isinstance(first, ExtractFailure)
    assert "longer than 1 s" in first.reason and str(len(deep)) in first.reason
    assert replaced == 1
    assert after.title == "Førtidspension: efter den dybe side"


def test_other_work_on_the_loop_goes_on_while_a_page_is_parsed():
    deep = page("Dyb", "<div>" * 400_000).encode()
    order: list[str] = []

    async def go():
        async with ExtractPool(workers=1, budget_s=1.0) as pool:
            await pool.extract(b"<p>warm</p>", "http://127.0.0.1/w", None)

            async def parse():
                order.append(type(await pool.extract(deep, "http://x/dyb", WHEN)).__name__)

            async def other_host():
                for _ in range(5):
                    await asyncio.sleep(0)
                order.append("other host")

            await asyncio.gather(parse(), other_host())

    asyncio.run(go())
    # Parsed on the loop, the page would have finished (or not) before anything else ran.
    assert order == ["other host", "ExtractFailure"]


def test_a_worker_that_dies_mid_page_is_replaced_and_the_page_given_up():
    deep = page("Dyb", "<div>" * 400_000).encode()

    async def go():
        async with ExtractPool(workers=1, budget_s=120.0) as pool:
            await pool.extract(b"<p>warm</p>", "http://127.0.0.1/w", None)
            victim = pool._all[0].proc
            pending = asyncio.create_task(pool.extract(deep, "http://127.0.0.1/dyb", WHEN))
            await asyncio.sleep(0.5)
            victim.kill()  # as the kernel's OOM killer would
            first = await pending
            after = await pool.extract(page("Førtidspension: igen").encode(), "http://x/", WHEN)
            return first, after, pool.replaced

    first, after, replaced = asyncio.run(go())
    assert isinstance(first, ExtractFailure) and "worker died" in first.reason
    assert replaced == 1 and after.title == "Førtidspension: igen"
