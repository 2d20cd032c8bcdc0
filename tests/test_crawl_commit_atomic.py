"""A page's fetch row (with its ETag) commits with the page, never before it.

If the validators of a page were committed while the page itself was still being extracted,
a run killed at that moment would resume with a conditional GET, get a 304, mark the URL done
and never store the page. Here the kill happens at a precise point (a hook in ``fetch``), not
after a timed sleep: one page's batch has committed, the other page is still in flight.
"""

from __future__ import annotations

import asyncio

import pytest

from fetch_support import cand, fetcher, open_test_store
from loopserver import LoopServer, Reply
from mediespor.crawl.fetch_pass import PassOptions, run_frontier
from mediespor.crawl.frontier import Frontier
from mediespor.models import ItemRecord
from mediespor.store.db import utcnow
from mediespor.store.items import upsert_item


class Killed(BaseException):
    """The process dies here: nothing after this point runs (no rollback, no commit)."""


@pytest.fixture
def server():
    with LoopServer(("127.0.0.1",)) as srv:
        for name in ("fast", "slow"):
            etag = f'"{name}-1"'

            async def answer(req, writer, etag=etag, name=name):
                if req.headers.get("if-none-match") == etag:
                    return Reply(304, b"", content_type=None, headers=[("ETag", etag)])
                body = f"<html><title>{name}</title><body>Side {name}</body></html>".encode()
                return Reply(body=body, headers=[("ETag", etag)])

            srv.route(f"/{name}")(answer)
        yield srv


def process_into(store):
    def process(result, entry):
        upsert_item(store.con, ItemRecord(outlet="Loop", title=entry.url, via="feed",
                    url=entry.url, text=result.text(), fetch_id=result.fetch_id),
                    now=utcnow(), run_id=None, relevant=None, topic_terms=None)  # fmt: skip

    return process


def committed(store, sql: str, url: str) -> int:
    """What a kill right now would leave: the pass holds no open transaction between awaits."""
    return store.con.execute(sql, [url]).fetchone()[0]


def one_page_in_flight(store, tmp_path, fast: str, slow: str, at_the_point):
    """A pass over ``fast`` and ``slow`` where ``slow`` is fetched first but still "extracting"
    when ``fast``'s batch has committed; ``at_the_point()`` runs then (and may kill the run)."""

    async def go():
        slow_fetched = asyncio.Event()
        async with fetcher(store, tmp_path) as f:

            async def fetch(entry):
                result = await f.get(entry.fetch_url, source=entry.source)
                if entry.url == fast:
                    await slow_fetched.wait()  # the slow page's row waits in the log meanwhile
                    return result
                slow_fetched.set()
                while committed(store, "SELECT count(*) FROM items WHERE url = ?", fast) == 0:
                    await asyncio.sleep(0.01)
                at_the_point()
                return result

            return await run_frontier(f, store, process_into(store), frontier=Frontier(store),
                                      fetch=fetch, options=PassOptions(commit_every=1))  # fmt: skip

    return asyncio.run(go())


def test_a_page_in_flight_has_no_validators_committed_by_another_pages_batch(server, tmp_path):
    fast, slow = server.url("/fast"), server.url("/slow")
    seen: dict[str, int] = {}
    with open_test_store(tmp_path) as store:
        Frontier(store).add([cand(fast), cand(slow)])

        def look():
            seen["validators"] = committed(
                store, "SELECT count(*) FROM fetches WHERE url = ? AND etag IS NOT NULL", slow
            )
            seen["item"] = committed(store, "SELECT count(*) FROM items WHERE url = ?", slow)

        stats = one_page_in_flight(store, tmp_path, fast, slow, look)
        assert seen == {"validators": 0, "item": 0}
        assert stats.processed == 2
        urls = store.con.execute("SELECT url FROM items ORDER BY url").fetchall()
        assert urls == [(fast,), (slow,)]


def test_killed_while_a_page_is_in_flight_the_resume_stores_that_page(server, tmp_path):
    fast, slow = server.url("/fast"), server.url("/slow")
    with open_test_store(tmp_path) as store:
        frontier = Frontier(store)
        frontier.add([cand(fast), cand(slow)])

        def die():
            raise Killed  # before the slow page's batch commits

        async def resumed_pass():
            async with fetcher(store, tmp_path) as f:
                return await run_frontier(f, store, process_into(store), frontier=frontier)

        with pytest.raises(Killed):
            one_page_in_flight(store, tmp_path, fast, slow, die)
        assert frontier.counts() == {"done": 1, "pending": 1}
        stats = asyncio.run(resumed_pass())
        assert (stats.processed, stats.not_modified) == (1, 0)
        urls = store.con.execute("SELECT url FROM items ORDER BY url").fetchall()
        assert urls == [(fast,), (slow,)]
        # The request of the killed run stays on record (its WARC evidence is written).
        assert committed(store, "SELECT count(*) FROM fetches WHERE url = ?", slow) == 2


@pytest.mark.parametrize("how", ["raises", "says so"])
def test_a_page_that_could_not_be_stored_is_asked_for_whole_on_the_next_visit(
    server, tmp_path, how
):
    url = server.url("/slow")
    with open_test_store(tmp_path) as store:
        frontier = Frontier(store)
        frontier.add([cand(url)])
        store_page = process_into(store)

        def broken(result, entry):
            if how == "raises":
                raise ValueError("cannot store this page tonight")
            return False  # e.g. its extraction failed, and the reason is recorded

        async def one_pass(process):
            async with fetcher(store, tmp_path) as f:
                return await run_frontier(f, store, process, frontier=frontier)

        first = asyncio.run(one_pass(broken))
        assert (first.process_errors, first.processed) == ((1, 0) if how == "raises" else (0, 1))
        assert committed(store, "SELECT count(*) FROM fetches WHERE url = ?", url) == 1
        assert committed(store, "SELECT count(etag) FROM fetches WHERE url = ?", url) == 0
        assert frontier.add([cand(url)], revisit=True) == 1
        stats = asyncio.run(one_pass(store_page))
        assert (stats.processed, stats.not_modified) == (1, 0)
        assert committed(store, "SELECT count(*) FROM items WHERE url = ?", url) == 1
