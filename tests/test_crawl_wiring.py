"""The crawl's fetcher wired to its sinks: each request lands in ``fetches`` and the WARC files."""

from __future__ import annotations

import asyncio

from fetch_support import open_test_store, settings
from loopserver import LoopServer, Reply
from mediespor.crawl.wiring import open_fetcher
from mediespor.fetch.warc import read_response
from mediespor.models import WarcPointer


def test_requests_are_logged_in_the_store_and_archived_under_the_folder(tmp_path):
    with LoopServer(("127.0.0.1",)) as server, open_test_store(tmp_path) as store:
        server.serve_static("/a", Reply(body="<html><body>Rådhuset</body></html>".encode()))

        async def go():
            async with open_fetcher(settings(), store, tmp_path / "evidence", run_id=5) as f:
                return await f.get(server.url("/a"), source="kk")

        result = asyncio.run(go())
        row = store.con.execute(
            "SELECT run_id, source, status, warc_file, warc_offset, warc_length FROM fetches"
            " WHERE fetch_id = ?",
            [result.fetch_id],
        ).fetchone()
    assert row[:3] == (5, "kk", 200)
    stored = read_response(tmp_path / "evidence", WarcPointer(*row[3:]))
    assert stored.status == 200 and "Rådhuset".encode() in stored.body


def test_fetch_ids_are_reserved_two_commit_batches_at_a_time(tmp_path):
    # One sequence query per two commit batches: 128 ids at the default limit, 512 at 64.
    with LoopServer(("127.0.0.1",)) as server, open_test_store(tmp_path) as store:
        server.serve_static("/a", Reply(body="<html><body>Rådhuset</body></html>".encode()))

        async def reserved(limit: int) -> int:
            async with open_fetcher(settings(global_concurrency=limit, per_host=4), store,
                                    tmp_path / "evidence", run_id=limit) as f:  # fmt: skip
                await f.get(server.url("/a"), source="kk")  # robots.txt, then the page
            (first,) = store.con.execute(
                "SELECT min(fetch_id) FROM fetches WHERE run_id = ?", [limit]
            ).fetchone()
            (after,) = store.con.execute("SELECT nextval('seq_fetch_id')").fetchone()
            return after - first

        assert asyncio.run(reserved(8)) == 128
        assert asyncio.run(reserved(64)) == 512
