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
