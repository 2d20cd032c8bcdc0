"""``--max-requests`` as discovery's getter sees it: requests beyond the budget are refused."""

from __future__ import annotations

import asyncio

from fetch_support import fetcher, open_test_store
from loopserver import LoopServer, Reply
from mediespor.crawl.request_budget import Budget, BudgetGetter
from mediespor.failures import FailureKind


def test_budget_counts_down_and_none_is_unlimited():
    budget = Budget(2)
    assert [budget.take() for _ in range(3)] == [True, True, False]
    assert budget.remaining == 0
    unlimited = Budget(None)
    assert all(unlimited.take() for _ in range(100)) and unlimited.remaining is None


def test_requests_beyond_the_budget_are_refused_without_a_request(tmp_path):
    with LoopServer(("127.0.0.1",)) as server, open_test_store(tmp_path) as store:
        server.serve_static("/feed", Reply(body=b"<rss/>", content_type="application/rss+xml"))
        server.serve_static("/gone", Reply(404))

        async def go():
            async with fetcher(store, tmp_path) as f:
                getter = BudgetGetter(f, Budget(2))
                results = [
                    await getter.get(server.url("/feed"), source="a"),
                    await getter.get(server.url("/gone"), source="b"),
                    await getter.get(server.url("/feed"), source="c"),
                ]
                return getter, results

        getter, (ok, missing, refused) = asyncio.run(go())
        served = len(server.requests("/feed"))
    assert ok.status == 200 and missing.status == 404
    assert refused.error_kind is FailureKind.BUDGET and refused.error_kind.deferred
    assert refused.status is None and "--max-requests" in refused.error
    assert served == 1 and getter.exhausted
    # Each source's first failure, typed: only c was stopped by the budget.
    assert getter.first_failure == {"b": FailureKind.HTTP_STATUS, "c": FailureKind.BUDGET}
