"""End-to-end: ``mediespor archive show/list`` on responses fetched from a loopback server."""

from __future__ import annotations

import asyncio

from fetch_support import settings
from loopserver import LoopServer, Reply
from mediespor.crawl.wiring import open_fetcher
from mediespor.store.db import open_store

PAGE = "<html><head><title>Fleksjob</title></head><body>Rådhuset</body></html>"


def crawl(project, urls):
    async def go():
        with open_store(project / "data" / "mediespor.duckdb") as store:
            async with open_fetcher(settings(), store, project / "data" / "warc") as f:
                return [await f.get(u, source="t") for u in urls]

    return asyncio.run(go())


def test_show_and_list(project, run_cli):
    with LoopServer() as server:
        server.serve_static(
            "/a",
            Reply(
                body=PAGE.encode("latin-1"),
                content_type="text/html; charset=iso-8859-1",
                headers=[("ETag", '"x1"')],
            ),
        )
        server.serve_static("/old", Reply(301, b"", headers=[("Location", "/a")]))
        crawl(project, [server.url("/old"), server.url("/missing")])
        old, missing = server.url("/old"), server.url("/missing")
        final = server.url("/a")

    shown = run_cli("archive", "show", old, cwd=project)
    assert shown.code == 0, shown.err
    assert "Status: 200" in shown.out and f"Final URL: {final}" in shown.out
    assert 'ETag: "x1"' in shown.out and "Rådhuset" in shown.out
    by_final = run_cli("archive", "show", "--headers-only", final, cwd=project)
    assert by_final.code == 0 and "Rådhuset" not in by_final.out
    raw = run_cli("archive", "show", "--raw", missing, cwd=project)
    assert raw.code == 0 and raw.out == "not found"  # the body bytes alone
    gone = run_cli("archive", "show", missing, cwd=project)
    assert gone.code == 0 and "Status: 404" in gone.out
    unknown = run_cli("archive", "show", "https://example.dk/never", cwd=project)
    assert unknown.code == 2 and "no archived fetch" in unknown.err
    listed = run_cli("archive", "list", "--limit", "10", cwd=project)
    assert listed.code == 0 and "404" in listed.out and "200" in listed.out
    assert "robots.txt" in listed.out  # robots fetches are evidence too


def test_archive_without_database_is_a_usage_error(project, run_cli):
    result = run_cli("archive", "list", cwd=project)
    assert result.code == 2 and "does not exist" in result.err
