"""Links found in pages never send the crawler outside a source's allowed domains."""

from __future__ import annotations

import asyncio
from datetime import date

from helpers_http import HttpxGetter
from mediespor.config.sources import FeedSource, LinklistSource, SourcesFile, WaybackSource
from mediespor.discover.run import discover_all
from mediespor.discover.scope import allowed_sites, in_scope, out_of_scope
from mediespor.models import Candidate
from mediespor.store.db import open_store
from mediespor.topic import parse_query

HOSTILE = [
    "file:///etc/passwd",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/admin",
    "http://127.0.0.2:9/other-loopback-host",
    "javascript:alert(1)",
    "ftp://tv2kosmopol.dk/x",
    "https://evil.example/foertidspension",
]


def test_default_scope_is_the_sites_of_the_configured_urls():
    feed = FeedSource(name="f", outlet="TV2", kind="feed", url="https://www.tv2kosmopol.dk/rss")
    assert allowed_sites(feed) == ("tv2kosmopol.dk",)
    wb = WaybackSource(name="w", outlet="TV2", kind="wayback", url="tv2lorry.dk/",
                       from_date=date(2017, 1, 1), to_date=date(2017, 12, 31))  # fmt: skip
    assert allowed_sites(wb) == ("tv2lorry.dk", "web.archive.org")
    assert (
        allowed_sites(LinklistSource(name="l", outlet="X", kind="linklist", file="a.txt")) is None
    )
    explicit = FeedSource(name="f", outlet="TV2", kind="feed", url="https://www.tv2lorry.dk/rss",
                          allowed_domains=["tv2lorry.dk", "www.tv2kosmopol.dk"])  # fmt: skip
    assert allowed_sites(explicit) == ("tv2lorry.dk", "tv2kosmopol.dk")


def test_in_scope():
    sites = ("tv2kosmopol.dk",)
    assert in_scope("https://www.tv2kosmopol.dk/koebenhavn/x", sites)
    assert in_scope("https://tv2kosmopol.dk/x", sites)
    assert not in_scope("https://tv2kosmopol.dk.evil.example/x", sites)
    assert not in_scope("https://eviltv2kosmopol.dk/x", sites)
    for url in HOSTILE:
        assert not in_scope(url, sites), url
    # Any-host scope still refuses what is not http(s).
    assert not in_scope("file:///etc/passwd", None)
    assert in_scope("https://dr.dk/x", None)
    wayback = Candidate(url="https://tv2lorry.dk/a", source="w", via="wayback",
                        fetch_url="http://127.0.0.3/web/2017id_/https://tv2lorry.dk/a")  # fmt: skip
    assert "allowed domains" in out_of_scope(wayback, ("tv2lorry.dk", "web.archive.org"))


def test_hostile_feed_links_are_refused_before_the_frontier(httpserver, tmp_path):
    base = httpserver.url_for("/").rstrip("/")
    items = "".join(
        f"<item><title>Førtidspension {i}</title><link>{u}</link></item>"
        for i, u in enumerate([*HOSTILE, f"{base}/koebenhavn/foertidspension-ok"])
    )
    httpserver.expect_request("/rss").respond_with_data(
        f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>",
        content_type="application/rss+xml",
    )
    config = SourcesFile.model_validate({
        "topic": {"query": "førtidspension*"},
        "sources": [{"name": "f", "outlet": "X", "kind": "feed", "url": f"{base}/rss"}],
    })  # fmt: skip
    store = open_store(tmp_path / "db.duckdb")

    async def go():
        getter = HttpxGetter()
        try:
            return await discover_all(config, getter, store, parse_query("førtidspension*"),
                                      run_id=None)  # fmt: skip
        finally:
            await getter.client.aclose()

    run = asyncio.run(go())
    queued = [r[0] for r in store.con.execute("SELECT url FROM frontier").fetchall()]
    assert queued == [f"{base}/koebenhavn/foertidspension-ok"]
    outcome = run.outcomes[0]
    # feedparser itself drops some schemes (javascript:, file:) as unusable links; the rest are
    # refused by scope, each recorded with its reason.
    assert outcome.out_of_scope >= 4
    reasons = [r[0] for r in store.con.execute("SELECT reason FROM rejects").fetchall()]
    assert sum("allowed domains" in r for r in reasons) == outcome.out_of_scope
    # The only request made was the feed itself.
    assert [req.path for req, _ in httpserver.log] == ["/rss"]


def test_redirect_gate_holds_each_source_to_its_domains():
    from mediespor.discover.scope import redirect_gate

    gate = redirect_gate([
        FeedSource(name="lorry", outlet="TV 2 Lorry", kind="feed", url="https://www.tv2lorry.dk/rss",
                   allowed_domains=["tv2lorry.dk", "tv2kosmopol.dk"]),
        FeedSource(name="kk", outlet="KK", kind="feed", url="https://www.kk.dk/rss"),
    ])  # fmt: skip
    assert gate("lorry", "https://www.tv2kosmopol.dk/a") is None
    assert "allowed domains" in gate("lorry", "https://evil.example/a")
    assert gate("kk", "https://kk.dk/nyhed") is None
    assert gate("kk", "https://www.tv2lorry.dk/a") is not None
    assert gate("unknown-source", "https://evil.example/a") is None


def test_allowed_domains_follow_the_one_host_rule():
    # Written in Unicode, with www and a trailing dot: one site, as candidate URLs spell it.
    feed = FeedSource(name="f", outlet="Æ", kind="feed", url="https://xn--blet-uoa.dk/rss",
                      allowed_domains=["WWW.Æblet.dk."])  # fmt: skip
    sites = allowed_sites(feed)
    assert sites == ("xn--blet-uoa.dk",)
    assert in_scope("https://xn--blet-uoa.dk/a", sites)
    assert in_scope("https://nyt.xn--blet-uoa.dk:8443/a", sites)  # subdomain, any port
    assert not in_scope("https://xn--blet-uoa.dk.evil.example/a", sites)
