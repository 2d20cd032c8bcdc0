"""No duplicates: one article reached six ways is one item with several provenance rows.

The fixture site serves the same article through an RSS feed (with utm_ tracking), a sitemap,
a section listing (with fbclid, and via an old URL that redirects), and a Wayback Machine
stand-in (CDX API + id_ capture), all on 127.0.0.1.
"""

from __future__ import annotations

import json

import duckdb
from werkzeug import Request, Response

from newsite import Page, Site

SLUG = "foertidspension-naegtet-igen"
TEXT = ("Endnu en syg borger får nej til førtidspension i København.\n\n"
        "Hun skal i sit tredje ressourceforløb.")  # fmt: skip


class ManyWaysSite(Site):
    """The news site plus a listing page, an old redirecting URL and a Wayback stand-in."""

    def handle(self, request: Request) -> Response:
        path = request.path
        article = f"{self.base}/koebenhavn/{SLUG}"
        if path == "/sektion":
            html = (
                "<html><body><ul>"
                f'<li class="teaser"><a href="/koebenhavn/{SLUG}?fbclid=IwAR0abc">Nej igen</a></li>'
                f'<li class="teaser"><a href="/artikel/{SLUG}">Nej igen (gammel adresse)</a></li>'
                "</ul></body></html>"
            )
            return Response(html, content_type="text/html; charset=utf-8")
        if path.startswith("/artikel/"):
            return Response(status=301, headers={"Location": f"/koebenhavn/{SLUG}"})
        if path == "/cdx/search/cdx":
            fields = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest",
                      "length"]  # fmt: skip
            rows = [fields, ["x", "20170629101500", article, "text/html", "200", "D", "900"]]
            return Response(json.dumps(rows), content_type="application/json")
        if path.startswith("/web/20170629101500id_/"):
            page = self.pages["a"]
            return Response(page.html(self.base), content_type="text/html; charset=utf-8")
        return super().handle(request)


def test_one_article_many_ways_is_one_item(project, run_cli, httpserver):
    site = ManyWaysSite()
    site.pages = {"a": Page(SLUG, "Førtidspension nægtet igen", "2017-06-29T08:00:00+02:00",
                            "Endnu et afslag.", TEXT)}  # fmt: skip
    site.feed_slugs = ["a"]
    site.sitemap_slugs = ["a"]
    site.install(httpserver)
    b = site.base
    (project / "sources.yaml").write_text(
        f"""\
crawl: {{delay_s: 0, allow_private_addresses: true, max_attempts: 1}}
topic: {{query: "førtidspension* OR ressourceforløb*"}}
sources:
  - {{name: rss, outlet: Fixture Nyt, kind: feed, url: "{b}/rss"}}
  - {{name: sitemap, outlet: Fixture Nyt, kind: sitemap, url: "{b}/sitemap.xml"}}
  - name: sektion
    outlet: Fixture Nyt
    kind: listing
    url: "{b}/sektion"
    item_selector: li.teaser
    topical: true
  - name: arkiv
    outlet: Fixture Nyt
    kind: wayback
    url: "{b}/koebenhavn/"
    from_date: 2017-01-01
    to_date: 2017-12-31
    cdx_endpoint: "{b}/cdx/search/cdx"
    replay_endpoint: "{b}/web"
    cdx_delay_s: 0
""",
        encoding="utf-8",
    )
    (project / "data" / "known_coverage.csv").unlink()
    res = run_cli("run", "--no-render", cwd=project)
    assert res.code == 0, res.err + res.out
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    items = con.execute("SELECT item_id, url, archive_url FROM items").fetchall()
    assert len(items) == 1, items
    item_id, url, archive_url = items[0]
    assert url == f"{b}/koebenhavn/{SLUG}"
    assert archive_url and "20170629101500" in archive_url
    sightings = con.execute(
        "SELECT source, via, seen_url FROM item_sightings WHERE item_id = ? ORDER BY 1, 3",
        [item_id],
    ).fetchall()
    con.close()
    assert {s[1] for s in sightings} == {"feed", "sitemap", "listing", "wayback"}
    listing_urls = sorted(s[2] for s in sightings if s[0] == "sektion")
    assert listing_urls == [f"{b}/artikel/{SLUG}", f"{b}/koebenhavn/{SLUG}"]
