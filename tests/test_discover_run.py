"""The discovery stage end to end: real Fetcher, real DuckDB store, loopback servers.

Asserts on rows: candidates in ``frontier``, list-only entries in ``items``, problems in
``rejects``.
"""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from discover_support import fixture_bytes
from fetch_support import fetcher, open_test_store
from mediespor.config.sources import SourcesFile
from mediespor.discover.run import discover_all
from mediespor.models import ItemRecord
from mediespor.progress import Reporter
from mediespor.store.items import upsert_item
from mediespor.topic import parse_query

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _config(server) -> SourcesFile:
    return SourcesFile.model_validate(
        {
            "crawl": {"allow_private_addresses": True, "delay_s": 0},
            "topic": {
                "query": "førtidspension* OR jobcenter* OR Allerslev*",
                "prefilter": "førtidspension* OR foertidspension* OR jobcent* OR Allerslev*",
            },
            "sources": [
                {
                    "name": "rss",
                    "outlet": "TV2 Lorry",
                    "kind": "feed",
                    "url": server.url_for("/rss"),
                    # The recorded feed links to the real site, not to the loopback server.
                    "allowed_domains": ["tv2lorry.dk", "localhost"],
                },
                {"name": "gone", "outlet": "DR", "kind": "feed", "url": server.url_for("/gone")},
                {
                    "name": "smap",
                    "outlet": "TV2 Lorry",
                    "kind": "sitemap",
                    "url": server.url_for("/sitemap.xml"),
                    "allowed_domains": ["tv2lorry.dk", "localhost"],
                },
                {
                    "name": "presse",
                    "outlet": "Liv Over Lov",
                    "kind": "linklist",
                    "url": server.url_for("/presse"),
                    "topical": True,
                    "outlet_aliases": {"TV 2/Lorry": "TV2 Lorry"},
                },
                {
                    "name": "off",
                    "outlet": "X",
                    "kind": "feed",
                    "url": server.url_for("/off"),
                    "enabled": False,
                },
            ],
        }
    )


def test_discovery_stage_writes_frontier_items_and_rejects(httpserver, tmp_path):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/rss").respond_with_data(
        fixture_bytes("tv2lorry-rss.xml"), content_type="application/rss+xml"
    )
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    locs = [
        "https://www.tv2lorry.dk/koebenhavn/ingen-foertidspension-til-syge",
        "https://www.tv2lorry.dk/koebenhavn/nyt-cykelstativ",
    ]
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        f"<urlset {NS}>{''.join(f'<url><loc>{u}</loc></url>' for u in locs)}</urlset>",
        content_type="application/xml",
    )
    httpserver.expect_request("/presse").respond_with_data(
        fixture_bytes("linklist-page.html"), content_type="text/html; charset=utf-8"
    )
    store = open_test_store(tmp_path)
    config = _config(httpserver)
    # Already known from the shipped coverage list: the link list must merge into it.
    known = ItemRecord(
        outlet="TV2 Lorry",
        title="Demonstration mod jobcentret",
        via="import",
        source="known-coverage",
        published_at=datetime(2017, 6, 28, tzinfo=ZoneInfo("Europe/Copenhagen")),
        published_precision="day",
    )
    with store.transaction() as con:
        known_id = upsert_item(
            con, known, now=datetime.now(UTC), run_id=None, relevant=True, topic_terms=[]
        ).item_id

    async def go():
        async with fetcher(store, tmp_path) as f:
            return await discover_all(config, f, store, parse_query(config.topic.query), run_id=1)

    run = asyncio.run(go())
    by = {o.source: o for o in run.outcomes}
    assert set(by) == {"rss", "gone", "smap", "presse"}  # the disabled source is not read
    con = store.con
    frontier = dict(con.execute("SELECT url, source FROM frontier").fetchall())
    # Feed: the traffic accident is dropped by the pre-filter; the two dispute items are queued.
    # Sources run concurrently: the URL on both the feed and the list is queued by whichever
    # got there first, and recorded as discovered by both.
    shared = "https://www.tv2lorry.dk/koebenhavn/borgmester-vil-finde-13-millioner"
    assert frontier[shared] in ("rss", "presse")
    assert {
        r[0]
        for r in con.execute("SELECT source FROM discoveries WHERE url = ?", [shared]).fetchall()
    } == {"rss", "presse"}
    assert "https://www.tv2lorry.dk/koebenhavn/trafikulykke-amagerbrogade" not in frontier
    assert by["rss"].found == 3 and by["rss"].dropped == 1
    # Sitemap: only the slug that says foertidspension passes.
    assert frontier[locs[0]] == "smap" and locs[1] not in frontier
    # Link list (topical): both linked lines are queued, the five unlinked ones are items.
    assert by["rss"].queued + by["presse"].queued == 3  # the shared URL is queued once
    assert by["presse"].records == 5
    items = con.execute(
        "SELECT outlet, item_key, is_relevant FROM items WHERE source = 'presse' ORDER BY outlet"
    ).fetchall()
    # The TV2 Lorry line merged into the known item, which keeps its first source.
    assert [o for o, _k, _r in items] == ["Avisen.dk", "DR", "Information", "Politiken"]
    assert all(k.startswith("synthetic:") and r for _o, k, r in items)
    assert ("synthetic:tv2-lorry/2017-06-28/demonstration-mod-jobcentret",) in con.execute(
        "SELECT item_key FROM items"
    ).fetchall()
    assert con.execute(
        "SELECT count(*) FROM items WHERE title = 'Demonstration mod jobcentret'"
    ).fetchone() == (1,)
    vias = con.execute(
        "SELECT via FROM item_sightings WHERE item_id = ? ORDER BY via", [known_id]
    ).fetchall()
    assert vias == [("import",), ("linklist",)]
    rejects = con.execute("SELECT stage, source, reason FROM rejects").fetchall()
    assert ("discover", "gone", "HTTP 404") in rejects
    assert run.totals()["queued"] == len(frontier)


def test_rich_progress_and_structured_logs_both_work(httpserver, tmp_path):
    # The stage reports through rich on a terminal and logfmt lines for cron; both name the
    # source.
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        f"<urlset {NS}><url><loc>https://x.dk/foertidspension</loc></url></urlset>",
        content_type="application/xml",
    )
    store = open_test_store(tmp_path)
    config = SourcesFile.model_validate(
        {
            "topic": {"query": "foertidspension*"},
            "sources": [
                {
                    "name": "smap",
                    "outlet": "X",
                    "kind": "sitemap",
                    "url": httpserver.url_for("/sitemap.xml"),
                }
            ],
        }
    )
    for fmt in ("rich", "logfmt"):
        out = io.StringIO()

        async def go(fmt=fmt, out=out):
            async with fetcher(store, tmp_path) as f:
                return await discover_all(
                    config, f, store, parse_query("x"), run_id=1, reporter=Reporter(fmt, stream=out)
                )

        run = asyncio.run(go())
        assert run.outcomes[0].found == 1
        assert "smap" in out.getvalue()
    assert "event=discover_source" in out.getvalue() and "source=smap" in out.getvalue()


def test_feeds_and_sitemaps_queue_at_most_max_items_per_run(httpserver, tmp_path):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    items = "".join(
        f"<item><title>Førtidspension {i}</title><link>{httpserver.url_for(f'/f/{i}')}</link>"
        "</item>"
        for i in range(30)
    )
    httpserver.expect_request("/rss").respond_with_data(
        f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>',
        content_type="application/rss+xml",
    )
    locs = "".join(
        f"<url><loc>{httpserver.url_for(f'/s/foertidspension-{i}')}</loc></url>"
        for i in range(2500)
    )
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        f"<urlset {NS}>{locs}</urlset>", content_type="application/xml"
    )
    config = SourcesFile.model_validate({
        "crawl": {"allow_private_addresses": True, "delay_s": 0},
        "topic": {"query": "førtidspension*", "prefilter": "førtidspension* OR foertidspension*"},
        "sources": [
            {"name": "rss", "outlet": "A", "kind": "feed", "url": httpserver.url_for("/rss"),
             "max_items": 12},
            {"name": "smap", "outlet": "A", "kind": "sitemap",
             "url": httpserver.url_for("/sitemap.xml"), "max_items": 1200},
        ],
    })  # fmt: skip
    store = open_test_store(tmp_path)

    async def go():
        async with fetcher(store, tmp_path) as f:
            return await discover_all(config, f, store, parse_query("førtidspension*"), run_id=1)

    by = {o.source: o for o in asyncio.run(go()).outcomes}
    queued = dict(
        store.con.execute("SELECT source, count(*) FROM frontier GROUP BY source").fetchall()
    )
    assert queued == {"rss": 12, "smap": 1200}
    assert by["rss"].stopped == "max_items (12) reached" and by["rss"].over_max_items == 18
    assert by["smap"].stopped == "max_items (1200) reached"
