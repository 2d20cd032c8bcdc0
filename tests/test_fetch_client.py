"""The Fetcher against a real, misbehaving HTTP server on 127.0.0.1 (no mocked HTTP layer)."""

from __future__ import annotations

import asyncio
import gzip
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from warcio.archiveiterator import ArchiveIterator

from fetch_support import SleepLog, dripping, fetch, fetcher, open_test_store, settings
from loopserver import LoopServer, Reply, reset
from mediespor.config.sources import CrawlSettings
from mediespor.crawl.wiring import open_fetcher
from mediespor.fetch.client import Fetcher
from mediespor.fetch.warc import WarcPointer, read_response

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")
PAGE = "<html><head><title>Førtidspension</title></head><body><p>Æble på ø</p></body></html>"


@pytest.fixture
def server():
    with LoopServer(HOSTS) as srv:
        yield srv


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path) as s:
        yield s


def fetch_row(store, fetch_id):
    cur = store.con.execute("SELECT * FROM fetches WHERE fetch_id = ?", [fetch_id])
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchone(), strict=True))


def test_plain_fetch_is_archived_and_logged(server, store, tmp_path):
    server.serve_static("/a", Reply(body=PAGE.encode(), headers=[("ETag", '"v1"')]))
    result = fetch(store, tmp_path, server.url("/a"), contact_url="https://example.org/contact")
    assert result.ok and result.status == 200
    assert "Æble på ø" in result.text()
    assert result.encoding == "utf-8"
    req = server.requests("/a")[0]
    assert req.headers["user-agent"].startswith("mediespor/")
    assert "https://example.org/contact" in req.headers["user-agent"]
    assert req.headers["accept-encoding"] == "gzip, deflate"
    row = fetch_row(store, result.fetch_id)
    assert row["status"] == 200 and row["etag"] == '"v1"' and row["run_id"] == 1
    assert row["body_bytes"] == len(PAGE.encode()) and len(row["body_sha256"]) == 64
    assert row["attempts"] == 1 and row["source"] == "test"
    # The pointer leads to the response; warcio reads request and response from the file.
    stored = read_response(tmp_path / "warc", WarcPointer(row["warc_file"], row["warc_offset"],
                                                          row["warc_length"]))  # fmt: skip
    assert stored.status == 200 and stored.body == PAGE.encode()
    with open(tmp_path / "warc" / row["warc_file"], "rb") as fh:
        kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in
                 ArchiveIterator(fh)]  # fmt: skip
    assert ("response", server.url("/a")) in kinds and ("request", server.url("/a")) in kinds


def test_gzip_body_is_decoded_and_stored_raw(server, store, tmp_path):
    server.serve_static(
        "/gz", Reply(body=gzip.compress(PAGE.encode()), headers=[("Content-Encoding", "gzip")])
    )
    result = fetch(store, tmp_path, server.url("/gz"))
    assert result.ok and result.body == PAGE.encode()
    row = fetch_row(store, result.fetch_id)
    stored = read_response(tmp_path / "warc", WarcPointer(row["warc_file"], row["warc_offset"],
                                                          row["warc_length"]))  # fmt: skip
    assert stored.body == PAGE.encode()  # warcio undoes the gzip the record keeps


def test_503_then_success_is_retried(server, store, tmp_path):
    calls = []

    @server.route("/flaky")
    async def flaky(req, writer):
        calls.append(req)
        if len(calls) == 1:
            return Reply(503, b"busy")
        return Reply(body=PAGE.encode())

    sleeps = SleepLog()
    result = fetch(store, tmp_path, server.url("/flaky"), sleep=sleeps)
    assert result.ok and len(calls) == 2
    assert len(sleeps.asked) == 1 and 0 < sleeps.asked[0] <= 0.05
    assert fetch_row(store, result.fetch_id)["attempts"] == 2


@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_429_retry_after_is_honoured(server, store, tmp_path, form):
    calls = []
    when = datetime.now(UTC) + timedelta(seconds=20)
    value = "7" if form == "seconds" else format_datetime(when, usegmt=True)

    @server.route("/limited")
    async def limited(req, writer):
        calls.append(req)
        if len(calls) == 1:
            return Reply(429, b"slow down", headers=[("Retry-After", value)])
        return Reply(body=PAGE.encode())

    sleeps = SleepLog()
    result = fetch(store, tmp_path, server.url("/limited"), sleep=sleeps)
    assert result.ok and len(calls) == 2
    if form == "seconds":
        assert len(sleeps.asked) == 1 and 6.9 < sleeps.asked[0] <= 7.0
    else:
        assert 15 < sleeps.asked[0] <= 20


def test_retry_after_beyond_cap_is_not_retried(server, store, tmp_path):
    server.serve_static("/later", Reply(429, b"", headers=[("Retry-After", "3600")]))
    sleeps = SleepLog()
    result = fetch(store, tmp_path, server.url("/later"), sleep=sleeps, max_retry_after_s=60)
    assert result.status == 429 and result.error_kind == "retry_after"
    assert "3600" in result.error and len(server.requests("/later")) == 1
    assert sleeps.asked == []


def test_404_is_not_retried(server, store, tmp_path):
    result = fetch(store, tmp_path, server.url("/missing"))
    assert result.status == 404 and result.error_kind == "http_status" and result.body is None
    assert len(server.requests("/missing")) == 1


def test_timeout_is_retried_then_reported(server, store, tmp_path):
    server.serve_static("/slow", Reply(body=b"late", delay_s=1.0))
    result = fetch(store, tmp_path, server.url("/slow"), read_timeout_s=0.2, max_attempts=2)
    assert result.error_kind == "timeout" and result.status is None
    assert len(server.requests("/slow")) == 2
    row = fetch_row(store, result.fetch_id)
    assert row["attempts"] == 2 and row["error_kind"] == "timeout"
    # The failure is evidence too: a metadata record describes it.
    stored = read_response(tmp_path / "warc", WarcPointer(row["warc_file"], row["warc_offset"],
                                                          row["warc_length"]))  # fmt: skip
    assert stored.record_type == "metadata" and json.loads(stored.body)["error_kind"] == "timeout"


def test_connection_reset_is_retried_then_reported(server, store, tmp_path):
    @server.route("/reset")
    async def boom(req, writer):
        reset(writer)

    result = fetch(store, tmp_path, server.url("/reset"))
    assert result.error_kind == "reset" and result.body is None
    assert len(server.requests("/reset")) == 3


def test_truncated_body_is_reported_and_kept_as_truncated(server, store, tmp_path):
    @server.route("/cut")
    async def cut(req, writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n")
        writer.write(b"<html>only part")
        await writer.drain()
        writer.close()

    result = fetch(store, tmp_path, server.url("/cut"), max_attempts=1)
    assert result.error_kind == "truncated" and result.body is None and result.status == 200
    row = fetch_row(store, result.fetch_id)
    with open(tmp_path / "warc" / row["warc_file"], "rb") as fh:
        fh.seek(row["warc_offset"])
        rec = next(iter(ArchiveIterator(fh)))
        assert rec.rec_headers.get_header("WARC-Truncated") == "disconnect"
        assert rec.content_stream().read() == b"<html>only part"


def test_body_over_limit_is_cut_off(server, store, tmp_path):
    server.serve_static("/big", Reply(body=b"x" * 50_000))
    result = fetch(store, tmp_path, server.url("/big"), max_body_bytes=10_000)
    assert result.error_kind == "too_large" and result.body is None
    row = fetch_row(store, result.fetch_id)
    assert row["error_kind"] == "too_large"
    assert len(server.requests("/big")) == 1  # a size limit is not a transient failure


def test_gzip_bomb_is_cut_off_not_expanded(server, store, tmp_path):
    bomb = gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 300_000
    server.serve_static("/bomb", Reply(body=bomb, headers=[("Content-Encoding", "gzip")]))
    result = fetch(store, tmp_path, server.url("/bomb"), max_body_bytes=1024 * 1024)
    assert result.error_kind == "too_large" and "after decompression" in result.error
    row = fetch_row(store, result.fetch_id)
    # Reading stopped early: the archived (compressed) payload is a fraction of the bomb.
    assert row["warc_length"] < len(bomb)


def test_declared_charset_that_lies_and_missing_charset(server, store, tmp_path):
    server.serve_static(
        "/lies", Reply(body=PAGE.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    )
    latin = ("<html><head><meta charset='windows-1252'></head><body>" + "Søndag på Rådhuspladsen. " * 20
             + "</body></html>").encode("cp1252")  # fmt: skip
    server.serve_static("/meta", Reply(body=latin, content_type="text/html"))
    plain = ("<html><body>" + "Kommunen skærer i førtidspension og fleksjob, siger rådmanden. " * 20
             + "</body></html>").encode("latin-1")  # fmt: skip
    server.serve_static("/none", Reply(body=plain, content_type="text/html"))
    server.serve_static("/garbage", Reply(body=bytes(range(256)) * 50, content_type="text/html"))
    lies = fetch(store, tmp_path, server.url("/lies"))
    meta = fetch(store, tmp_path, server.url("/meta"))
    none = fetch(store, tmp_path, server.url("/none"))
    garbage = fetch(store, tmp_path, server.url("/garbage"))
    assert "Æble på ø" in lies.text()
    assert meta.encoding == "cp1252" and "Søndag på Rådhuspladsen" in meta.text()
    assert "skærer i førtidspension" in none.text()
    # Bytes with NULs behind text/html are not a page: refused with a reason, never a crash.
    assert not garbage.ok and garbage.error_kind == "unparseable"
    assert "binary" in garbage.error and isinstance(garbage.text(), str)


def test_unwanted_content_type_is_skipped(server, store, tmp_path):
    server.serve_static("/img", Reply(body=b"\x89PNG" + b"0" * 10_000, content_type="image/png"))
    result = fetch(store, tmp_path, server.url("/img"))
    assert result.error_kind == "content_type" and result.body is None
    assert fetch_row(store, result.fetch_id)["content_type"] == "image/png"


def test_redirect_chain_across_hosts_is_followed_and_recorded(server, store, tmp_path):
    # The real case: tv2lorry.dk moved to tv2kosmopol.dk.
    new_home = server.url("/artikel/1", HOSTS[1])
    server.serve_static("/old", Reply(301, b"", headers=[("Location", "/artikel/1-old")]))
    server.serve_static("/artikel/1-old", Reply(308, b"", headers=[("Location", new_home)]))
    server.serve_static("/artikel/1", Reply(body=PAGE.encode()), ip=HOSTS[1])
    result = fetch(store, tmp_path, server.url("/old"))
    assert result.ok and result.final_url == new_home
    assert result.redirects == (server.url("/old"), server.url("/artikel/1-old"))
    row = fetch_row(store, result.fetch_id)
    assert row["final_url"] == new_home
    assert [h["status"] for h in json.loads(row["redirects"])] == [301, 308]
    assert len(server.requests("/artikel/1", HOSTS[1])) == 1


def test_redirect_loop_and_overlong_chain_end_with_clear_errors(server, store, tmp_path):
    server.serve_static("/x", Reply(302, b"", headers=[("Location", "/y")]))
    server.serve_static("/y", Reply(302, b"", headers=[("Location", "/x")]))
    for i in range(6):
        server.serve_static(f"/hop{i}", Reply(302, b"", headers=[("Location", f"/hop{i + 1}")]))
    loop = fetch(store, tmp_path, server.url("/x"))
    assert loop.error_kind == "redirect_loop" and "already visited" in loop.error
    long = fetch(store, tmp_path, server.url("/hop0"), max_redirects=3)
    assert long.error_kind == "too_many_redirects" and len(long.redirects) == 4


def test_redirect_to_private_address_is_refused(server, store, tmp_path):
    secret = server.url("/secret", HOSTS[0])
    server.serve_static("/go", Reply(302, b"", headers=[("Location", secret)]), ip=HOSTS[1])
    server.serve_static("/secret", Reply(body=b"internal"))

    async def go():
        # Pretend 127.0.0.2 is a public host: the policy under test is the real one otherwise.
        from mediespor.fetch.safety import public_only

        f = fetcher(store, tmp_path, allow_private_addresses=False)
        f.address_policy = lambda ip: str(ip) == HOSTS[1] or public_only(ip)
        async with f:
            return await f.get(server.url("/go", HOSTS[1]), source="t")

    result = asyncio.run(go())
    assert result.error_kind == "blocked_address" and "127.0.0.1" in result.error
    assert server.requests("/secret") == [] and len(server.requests("/go", HOSTS[1])) == 1


def test_loopback_refused_by_default_and_only_http(server, store, tmp_path):
    server.serve_static("/a", Reply(body=b"x"))
    refused = fetch(store, tmp_path, server.url("/a"), allow_private_addresses=False)
    assert refused.error_kind == "blocked_address" and server.requests("/a") == []
    assert CrawlSettings().allow_private_addresses is False
    ftp = fetch(store, tmp_path, "ftp://127.0.0.1/file")
    assert ftp.error_kind == "scheme" and ftp.fetch_id is not None


def test_unchanged_page_gets_304_without_body(server, store, tmp_path):
    @server.route("/etag")
    async def etag(req, writer):
        if req.headers.get("if-none-match") == '"abc"':
            return Reply(304, b"", content_type=None, headers=[("ETag", '"abc"')])
        return Reply(body=PAGE.encode(), headers=[("ETag", '"abc"')])

    @server.route("/lm")
    async def lm(req, writer):
        stamp = "Wed, 01 Mar 2017 10:00:00 GMT"
        if req.headers.get("if-modified-since") == stamp:
            return Reply(304, b"", content_type=None)
        return Reply(body=PAGE.encode(), headers=[("Last-Modified", stamp)])

    for path in ("/etag", "/lm"):
        first = fetch(store, tmp_path, server.url(path))
        second = fetch(store, tmp_path, server.url(path))
        third = fetch(store, tmp_path, server.url(path))
        assert first.ok and not first.not_modified
        assert second.not_modified and second.body is None and second.status == 304
        assert third.not_modified  # the 304 row keeps the validators for the next run
        assert fetch_row(store, second.fetch_id)["body_sha256"] is None
    unconditional = asyncio.run(_get_unconditional(store, tmp_path, server.url("/etag")))
    assert unconditional.ok


async def _get_unconditional(store, tmp_path, url):
    async with fetcher(store, tmp_path) as f:
        return await f.get(url, source="t", conditional=False)


def test_get_outside_context_is_a_programming_error(store, tmp_path):
    f = open_fetcher(CrawlSettings(), store, tmp_path / "warc")
    with pytest.raises(RuntimeError):
        asyncio.run(f.get("http://127.0.0.1/", source="t"))


def test_refused_connection_and_corrupt_gzip_are_reported(server, store, tmp_path):
    import socket

    with socket.socket() as sock:  # a port nobody listens on once this socket closes
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused = fetch(store, tmp_path, f"http://127.0.0.1:{port}/x", obey_robots=False)
    assert refused.error_kind == "connect" and refused.status is None
    assert fetch_row(store, refused.fetch_id)["attempts"] == 3
    server.serve_static(
        "/badgz",
        Reply(body=b"\x1f\x8b\x08\x00not gzip at all" * 20, headers=[("Content-Encoding", "gzip")]),
    )
    corrupt = fetch(store, tmp_path, server.url("/badgz"))
    assert corrupt.error_kind == "encoding" and "corrupt" in corrupt.error
    assert corrupt.body is None


@pytest.mark.parametrize(
    "bad",
    ["http://[::1/", "http://127.0.0.1:99999/", "http:///nohost", "mailto:x@kk.dk", "",
     "http://exa\x00mple.dk/", "https://" + "a" * 300 + ".dk/"],
)  # fmt: skip
def test_malformed_urls_come_back_as_errors(store, tmp_path, bad):
    result = fetch(store, tmp_path, bad, obey_robots=False)
    assert result.error_kind is not None and result.body is None and result.fetch_id


# --- issue 16: malformed heads, slow hosts, time budgets, redirect scope ------------------------


_drip = dripping(b"x" * 1000, 0.2)


def _fetches(store):
    return store.con.execute("SELECT url, error_kind, attempts FROM fetches").fetchall()


def test_malformed_location_is_a_bad_redirect_not_retried(server, store, tmp_path):
    @server.route("/m")
    async def bad(req, writer):
        writer.write(b"HTTP/1.1 301 Moved\r\nLocation: /a\x01b\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()

    result = fetch(store, tmp_path, server.url("/m"))
    assert result.error_kind == "bad_redirect" and "location" in result.error.lower()
    assert len(server.requests("/m")) == 1
    assert fetch_row(store, result.fetch_id)["attempts"] == 1


def test_a_body_too_slow_for_the_total_timeout_is_not_retried(server, store, tmp_path):
    server.route("/drip")(_drip)
    result = fetch(store, tmp_path, server.url("/drip"), total_timeout_s=1.0, read_timeout_s=2.0)
    assert result.error_kind == "timeout" and "too slowly" in result.error
    assert len(server.requests("/drip")) == 1


def test_headers_dripping_in_are_given_up_once_not_retried(server, store, tmp_path):
    @server.route("/slowhead")
    async def slow_head(req, writer):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 200
        try:
            for i in range(len(head)):
                writer.write(head[i : i + 1])
                await writer.drain()
                await asyncio.sleep(0.2)
        except ConnectionError:
            pass

    result = fetch(store, tmp_path, server.url("/slowhead"), total_timeout_s=1.0)
    assert result.error_kind == "timeout" and result.status is None
    assert len(server.requests("/slowhead")) == 1


def test_host_budget_cuts_a_drip_and_then_defers_the_host(server, store, tmp_path):
    server.route("/drip")(_drip)
    server.serve_static("/ok", Reply(body=PAGE.encode()))

    async def go():
        async with fetcher(store, tmp_path, max_host_s=1.0, total_timeout_s=30.0) as f:
            first = await f.get(server.url("/drip"), source="t")
            second = await f.get(server.url("/ok"), source="t")
            other = await f.get(server.url("/ok", "127.0.0.2"), source="t")
            return first, second, other

    first, second, other = asyncio.run(go())
    assert first.error_kind == "timeout" and "max_host_s" in first.error
    assert second.error_kind == "host_budget" and second.fetch_id is None
    assert other.ok  # another host has a budget of its own
    assert server.requests("/ok", "127.0.0.1") == []  # nothing sent once the budget was spent
    assert [k for _, k, _ in _fetches(store)].count("host_budget") == 0  # and nothing logged


def test_run_deadline_stops_every_host(server, store, tmp_path):
    server.serve_static("/slow", Reply(body=PAGE.encode(), delay_s=3))
    server.serve_static("/ok", Reply(body=PAGE.encode()))

    async def go():
        async with fetcher(store, tmp_path, max_run_s=1.0, read_timeout_s=5.0) as f:
            slow = await f.get(server.url("/slow"), source="t")
            late = await f.get(server.url("/ok", "127.0.0.2"), source="t")
            return slow, late, f.budgets.run_over()

    slow, late, over = asyncio.run(go())
    assert slow.error_kind == "timeout" and "max_run_s" in slow.error
    assert over and late.error_kind == "deadline"
    assert server.requests("/ok") == []


def test_article_redirects_stay_within_the_source_domains(server, store, tmp_path):
    from mediespor.fetch.client import ARTICLE_FETCH

    server.serve_static(
        "/go", Reply(302, b"", headers=[("Location", server.url("/x", "127.0.0.2"))])
    )
    server.serve_static("/x", Reply(body=PAGE.encode()))

    def gate(source, url):
        return None if "127.0.0.1" in url else f"{url} is not on 127.0.0.1"

    async def go(article: bool):
        async with fetcher(store, tmp_path) as f:
            f.redirect_gate = gate
            ARTICLE_FETCH.set(article)
            return await f.get(server.url("/go"), source="t")

    refused = asyncio.run(go(True))
    assert refused.error_kind == "redirect_out_of_scope" and "not on 127.0.0.1" in refused.error
    assert server.requests("/x", "127.0.0.2") == []
    assert asyncio.run(go(False)).ok  # discovery's own requests (a moved feed) are not gated


def test_a_host_that_adds_slashes_is_asked_with_the_slash_after_one_redirect(
    server, store, tmp_path
):
    for name in ("a", "b"):
        server.serve_static(f"/{name}", Reply(301, b"", headers=[("Location", f"/{name}/")]))
        server.serve_static(f"/{name}/", Reply(body=PAGE.encode()))

    async def go():
        from mediespor.fetch.client import ARTICLE_FETCH

        ARTICLE_FETCH.set(True)  # articles only: discovery asks for configured URLs as written
        async with fetcher(store, tmp_path) as f:
            return [await f.get(server.url(p), source="t") for p in ("/a", "/b")]

    a, b = asyncio.run(go())
    assert a.ok and a.redirects == (server.url("/a"),)
    assert b.ok and b.url == server.url("/b") and b.final_url == server.url("/b/")
    assert server.requests("/b") == [] and len(server.requests("/b/")) == 1


def test_a_strict_host_that_knows_only_the_slash_form_is_asked_for_it_after_a_404(
    server, store, tmp_path
):
    # Canonical keys drop the trailing slash; a server that answers 404 for "/c" instead of
    # redirecting must not cost the article.
    for name in ("c", "d"):
        server.serve_static(f"/{name}/", Reply(body=PAGE.encode()))
    server.serve_static("/f", Reply(body=PAGE.encode()))

    async def go(paths):
        from mediespor.fetch.client import ARTICLE_FETCH

        ARTICLE_FETCH.set(True)
        async with fetcher(store, tmp_path) as f:
            return [await f.get(server.url(p), source="t") for p in paths]

    c, d = asyncio.run(go(["/c", "/d"]))
    assert c.ok and c.final_url == server.url("/c/") and "Æble" in c.text()
    assert len(server.requests("/c")) == 1
    # The host is known to want slashes now: the next article goes straight to "/d/".
    assert d.ok and server.requests("/d") == [] and len(server.requests("/d/")) == 1

    # Both forms missing: the page is gone (404, not retried more than once per form), and
    # the host is not taken for a slash host, so "/f" is asked for as written.
    e, f = asyncio.run(go(["/e", "/f"]))
    assert e.status == 404 and not e.ok
    assert len(server.requests("/e")) == 1 and len(server.requests("/e/")) == 1
    assert f.ok and len(server.requests("/f")) == 1 and server.requests("/f/") == []


def test_one_nul_byte_does_not_make_a_page_binary(server, store, tmp_path):
    body = PAGE.encode().replace(b"<body>", b"<body>\x00")
    server.serve_static("/nul", Reply(body=body))
    result = fetch(store, tmp_path, server.url("/nul"))
    assert result.ok and "Æble på ø" in result.text()


def test_utf8_with_stray_bytes_is_read_as_utf8(server, store, tmp_path):
    body = PAGE.encode().replace(b"Ble", b"ble\xff").replace(b"</p>", b"\x80</p>")
    server.serve_static("/u", Reply(body=body * 3, content_type="text/html; charset=utf-8"))
    result = fetch(store, tmp_path, server.url("/u"))
    assert result.encoding == "utf-8" and "på ø" in result.text() and "\ufffd" in result.text()


def test_slash_learning_leaves_archive_captures_and_queries_alone():
    from mediespor.fetch.client import _with_slash

    assert _with_slash("https://kk.dk/sag/x") == "https://kk.dk/sag/x/"
    capture = "https://web.archive.org/web/2017id_/https://www.kk.dk/sag/x"
    assert _with_slash(capture) == capture
    assert _with_slash("https://kk.dk/sag?id=3") == "https://kk.dk/sag?id=3"
    assert _with_slash("https://kk.dk/sag/x.html") == "https://kk.dk/sag/x.html"


class _ListLog:
    """A fetch recorder that keeps entries in a list: the fetcher needs no database."""

    def __init__(self):
        self.entries = []

    def add(self, entry):
        self.entries.append(entry)
        return len(self.entries)

    def validators(self, url):
        return None

    def flush(self):
        pass


def test_the_fetcher_hands_each_finished_request_to_its_sinks(server, tmp_path):
    from mediespor.fetch.warc import WarcArchive

    server.serve_static("/a", Reply(body=PAGE.encode()))
    server.serve_static("/moved", Reply(301, headers=[("Location", "/a")]))
    log, archive = _ListLog(), WarcArchive(tmp_path / "w")

    async def go():
        async with Fetcher(settings(), log=log, archive=archive, run_id=9) as f:
            return [await f.get(server.url(p), source="t") for p in ("/moved", "/missing")]

    moved, missing = asyncio.run(go())
    assert [(r.fetch_id, r.status) for r in (moved, missing)] == [(2, 200), (3, 404)]
    robots, first, second = log.entries
    assert robots.source == "robots" and robots.url.endswith("/robots.txt")
    assert first.url == server.url("/moved") and first.final_url == server.url("/a")
    assert [h.status for h in first.redirects] == [301] and first.run_id == 9
    assert second.error_kind == "http_status" and second.status == 404
    stored = read_response(tmp_path / "w", first.warc)
    assert stored.status == 200 and stored.body == PAGE.encode()
    assert read_response(tmp_path / "w", second.warc).status == 404
