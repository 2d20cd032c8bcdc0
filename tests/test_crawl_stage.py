"""The crawl stage over a real loopback site: what is not an article becomes a reject.

A feed lists an article, a tag page made only of teasers of other stories (titled with the
dispute's subject word, so its title alone would pass the topic filter) and a soft 404. The
article is stored; the overview page and the soft 404 are rejects with their reasons, no item,
and the run ends as a run with one soft 404 does. An item stored from a URL that later serves
an overview page stays, and is not marked gone.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from faultsuite import BODY, LONG_BODY, _cli, _feed_site, overview_page, page, scenario_project
from loopserver import LoopServer, Reply
from mediespor.errors import ExitCode
from mediespor.extract.not_article import OVERVIEW_REASON

IP = "127.0.0.1"
ARTICLE, TAG, GONE = "/a/udvalg", "/emne/foertidspension", "/a/vaek"


def _project(tmp_path: Path, server: LoopServer) -> Path:
    return scenario_project(
        tmp_path / "p",
        [f'{{name: loop, outlet: Loopavisen, kind: feed, url: "{server.base(IP)}/rss"}}'],
    )


def _db(root: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)


def test_an_overview_page_is_a_reject_with_its_reason_and_the_run_goes_on(tmp_path):
    with LoopServer((IP,)) as server:
        _feed_site(IP, server, {
            ARTICLE: page("Førtidspension: udvalg ser på sagerne", LONG_BODY).encode(),
            TAG: overview_page("Førtidspension").encode(),
            GONE: page("Siden blev ikke fundet", "<p>Prøv at søge igen.</p>").encode(),
        })  # fmt: skip
        root = _project(tmp_path, server)
        code = _cli(root, "run", "--no-render")
        base = server.base(IP)
    con = _db(root)
    items = {r[0] for r in con.execute("SELECT url FROM items").fetchall()}
    rejects = dict(con.execute("SELECT location, reason FROM rejects WHERE stage = 'extract'")
                   .fetchall())  # fmt: skip
    status, counts = con.execute("SELECT status, counts FROM runs ORDER BY run_id DESC").fetchone()
    con.close()
    assert items == {base + ARTICLE}
    assert rejects[base + TAG] == OVERVIEW_REASON
    assert rejects[base + GONE].startswith("soft 404")
    # Like a soft 404, an overview page is counted and does not make the run partial.
    assert (code, status) == (ExitCode.OK, "ok")
    errors = json.loads(counts)["per_source"]["loop"]["errors"]
    assert (errors.get("overview"), errors.get("soft_404")) == (1, 1)


def test_an_item_whose_page_becomes_an_overview_stays_and_is_not_gone(tmp_path):
    with LoopServer((IP,)) as server:
        _feed_site(IP, server, {TAG: page("Førtidspension: sagerne i udvalget", BODY).encode()})
        root = _project(tmp_path, server)
        first = _cli(root, "run", "--no-render")
        # The next night the same URL answers with a tag page (the feed still lists it).
        server.serve_static(TAG, Reply(body=overview_page("Førtidspension").encode()), ip=IP)
        second = _cli(root, "run", "--no-render")
        url = server.base(IP) + TAG
    con = _db(root)
    item = con.execute("SELECT title, gone, text FROM items WHERE url = ?", [url]).fetchall()
    reasons = [r[0] for r in con.execute("SELECT reason FROM rejects WHERE location = ?", [url])
               .fetchall()]  # fmt: skip
    con.close()
    assert (first, second) == (ExitCode.OK, ExitCode.OK)
    assert len(item) == 1
    title, gone, text = item[0]
    assert title == "Førtidspension: sagerne i udvalget" and not gone
    assert "sagsbehandlingen af førtidspension" in text
    assert reasons == [OVERVIEW_REASON]
