"""robots.txt handling (RFC 9309) through the real fetcher and a loopback server."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from fetch_support import fetcher, open_test_store
from loopserver import LoopServer, Reply, reset
from mediespor.fetch.robots import robots_url, user_agent_token

PAGE = Reply(body=b"<html><body>ok</body></html>")


@pytest.fixture
def server():
    with LoopServer(("127.0.0.1",)) as srv:
        yield srv


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path) as s:
        yield s


def get_all(store, tmp_path, urls, **kw):
    async def go():
        async with fetcher(store, tmp_path, sleep=asyncio.sleep, **kw) as f:
            return [await f.get(u, source="t") for u in urls]

    return asyncio.run(go())


def robots(text: str) -> Reply:
    return Reply(body=text.encode(), content_type="text/plain")


def test_allow_and_disallow_rules_for_our_agent(server, store, tmp_path):
    server.serve_static(
        "/robots.txt",
        robots("User-agent: *\nDisallow: /\n\nUser-agent: mediespor\nDisallow: /private\n"),
    )
    server.serve_static("/public", PAGE)
    server.serve_static("/private/x", PAGE)
    public, private, again = get_all(
        store, tmp_path, [server.url("/public"), server.url("/private/x"), server.url("/public")]
    )
    assert public.ok and again.ok
    assert private.error_kind == "robots" and "disallowed" in private.error
    assert server.requests("/private/x") == []
    # Fetched once per run, and archived and logged like any other fetch.
    assert len(server.requests("/robots.txt")) == 1
    row = store.con.execute(
        "SELECT status, warc_file FROM fetches WHERE url = ?", [server.url("/robots.txt")]
    ).fetchall()
    assert row == [(200, row[0][1])] and row[0][1]


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_robots_4xx_allows_everything(server, store, tmp_path, status):
    server.serve_static("/robots.txt", Reply(status, b"nope", content_type="text/plain"))
    server.serve_static("/page", PAGE)
    (result,) = get_all(store, tmp_path, [server.url("/page")])
    assert result.ok


@pytest.mark.parametrize("failure", ["500", "503", "reset"])
def test_robots_5xx_or_unreachable_disallows_host_for_the_run(server, store, tmp_path, failure):
    if failure == "reset":

        @server.route("/robots.txt")
        async def broken(req, writer):
            reset(writer)

    else:
        server.serve_static("/robots.txt", Reply(int(failure), b"down", content_type="text/plain"))
    server.serve_static("/page", PAGE)
    first, second = get_all(
        store, tmp_path, [server.url("/page"), server.url("/page")], max_attempts=1
    )
    # Not a rule of the host's: "unavailable", so the frontier tries the URL in a later run.
    assert first.error_kind == "robots_unavailable" and "disallowed" in first.error
    assert (failure if failure != "reset" else "unreachable") in first.error
    assert second.error_kind == "robots_unavailable"
    assert server.requests("/page") == []
    assert len(server.requests("/robots.txt")) == 1


def test_crawl_delay_spaces_requests_at_the_server(server, store, tmp_path):
    server.serve_static("/robots.txt", robots("User-agent: *\nCrawl-delay: 0.3\n"))
    server.serve_static("/p", PAGE)
    results = get_all(store, tmp_path, [server.url("/p")] * 4)
    assert all(r.ok for r in results)
    times = [r.received_at for r in server.requests("/p")]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) == 3 and min(gaps) >= 0.3 - 0.01


def test_robots_can_be_switched_off(server, store, tmp_path):
    server.serve_static("/robots.txt", robots("User-agent: *\nDisallow: /\n"))
    server.serve_static("/p", PAGE)
    (result,) = get_all(store, tmp_path, [server.url("/p")], obey_robots=False)
    assert result.ok and server.requests("/robots.txt") == []


def test_helpers():
    assert (
        robots_url("https://WWW.Example.dk:8443/a/b?c#d")
        == "https://www.example.dk:8443/robots.txt"
    )
    assert user_agent_token("mediespor/0.1 (+https://x)") == "mediespor"


def test_robots_longer_than_the_body_limit_is_parsed_not_ignored(server, store, tmp_path):
    # Disallow: / first, then far more comment than the crawler's body limit (RFC 9309 §2.5).
    padding = b"# " + b"x" * 98 + b"\n"
    server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n" + padding * 30_000,
                                             content_type="text/plain"))  # fmt: skip
    server.serve_static("/a", PAGE)
    [result] = get_all(store, tmp_path, [server.url("/a")], max_body_bytes=1024 * 1024)
    assert result.error_kind == "robots" and server.requests("/a") == []


def test_rules_beyond_the_first_512_kib_are_not_read(server, store, tmp_path):
    padding = b"# " + b"x" * 98 + b"\n"
    text = b"User-agent: *\nDisallow: /early\n" + padding * 6_000 + b"Disallow: /late\n"
    server.serve_static("/robots.txt", Reply(body=text, content_type="text/plain"))
    server.serve_static("/early", PAGE)
    server.serve_static("/late", PAGE)
    early, late = get_all(store, tmp_path, [server.url("/early"), server.url("/late")])
    assert early.error_kind == "robots" and late.ok


def test_robots_cut_off_mid_body_disallows_the_host(server, store, tmp_path):
    @server.route("/robots.txt")
    async def cut(req, writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n"
                     b"User-agent: *\nAll")  # fmt: skip
        await writer.drain()
        reset(writer)

    server.serve_static("/a", PAGE)
    [result] = get_all(store, tmp_path, [server.url("/a")], max_attempts=1)
    assert result.error_kind == "robots_unavailable" and "unreadable" in result.error
    assert server.requests("/a") == []


def test_robots_served_with_an_odd_type_is_still_read(server, store, tmp_path):
    server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /x\n",
                                             content_type="application/octet-stream"))  # fmt: skip
    server.serve_static("/x", PAGE)
    [result] = get_all(store, tmp_path, [server.url("/x")])
    assert result.error_kind == "robots"


def test_an_oversized_robots_txt_with_old_mac_line_ends_still_disallows(server, store, tmp_path):
    body = b"User-agent: *\rDisallow: /\r" + (b"# " + b"x" * 98 + b"\r") * 6_000
    server.serve_static("/robots.txt", Reply(body=body, content_type="text/plain"))
    server.serve_static("/a", PAGE)
    [result] = get_all(store, tmp_path, [server.url("/a")])
    assert result.error_kind == "robots" and server.requests("/a") == []
