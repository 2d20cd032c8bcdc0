"""Two nights of `mediespor run` against a fixture news site on 127.0.0.1.

Night 1 crawls the site. Night 2 sees one new article, one edited headline, one deleted page and
one source down. After each night we check the database, the run rows, the exit code and the
rendered timeline.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import duckdb
import pytest

from newsite import Page, Site

TEXT = (
    "Københavns Kommune får kritik for sagsbehandlingen af førtidspension.\n\n"
    "Borgere med varig sygdom sendes i ressourceforløb i stedet for at få tilkendt "
    "førtidspension, siger kritikerne.\n\n"
    "Beskæftigelses- og integrationsborgmester Anna Mee Allerslev vil se på sagerne."
)


def sources_yaml(base: str) -> str:
    return f"""\
crawl:
  delay_s: 0
  allow_private_addresses: true
  max_attempts: 1
topic:
  query: førtidspension* OR fleksjob* OR ressourceforløb*
sources:
  - name: fixture-rss
    outlet: Fixture Nyt
    kind: feed
    url: {base}/rss
  - name: fixture-sitemap
    outlet: Fixture Nyt
    kind: sitemap
    url: {base}/sitemap.xml
"""


@pytest.fixture
def site(httpserver):
    s = Site()
    s.pages = {
        "a": Page("a", "Ingen førtidspension til syge københavnere", "2017-06-22T08:15:00+02:00",
                  "Kritik af jobcentret.", TEXT),
        "b": Page("b", "Demonstration for førtidspension ved Rådhuset", "2017-06-28T16:02:00+02:00",
                  "150 demonstrerede.", TEXT),
        "c": Page("c", "Fleksjob og ressourceforløb under lup", "2017-06-29T10:30:00+02:00",
                  "Borgmester finder 13 millioner.", TEXT),
        "d": Page("foertidspensioner-stiger", "Førtidspensioner i København stiger", "2018-12-06T09:00:00+01:00",
                  "Tallet er næsten fordoblet.", TEXT),
        "w": Page("w", "Solrig weekend i vente", "2017-06-30T07:00:00+02:00",
                  "Vejret bliver godt.", "Sol over hele landet.\n\nLidt vind fra vest."),
    }  # fmt: skip
    s.feed_slugs = ["a", "b", "c", "w"]
    # Sitemaps give only URLs: the pre-filter reads the slug.
    s.sitemap_slugs = ["d"]
    s.install(httpserver)
    return s


def q(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_two_nights(project, run_cli, site):
    (project / "sources.yaml").write_text(sources_yaml(site.base), encoding="utf-8")
    db = project / "data" / "mediespor.duckdb"

    # --- night 1 -------------------------------------------------------------------------
    night1 = run_cli("--log-format", "json", "run", cwd=project)
    assert night1.code == 0, night1.err
    crawled = dict(q(db, "SELECT url, title FROM items WHERE source LIKE 'fixture-%'"))
    base = site.base + "/koebenhavn/"
    assert set(crawled) == {
        base + "a",
        base + "b",
        base + "c",
        base + "foertidspensioner-stiger",
    }  # w: off topic
    assert q(db, "SELECT count(*) FROM items")[0][0] == 7 + 4
    dated = q(db, "SELECT published_at FROM items WHERE url = ?", base + "b")[0][0]
    assert dated == datetime(2017, 6, 28, 14, 2, tzinfo=UTC)  # 16:02 in Copenhagen (CEST)
    assert q(db, "SELECT count(*) FROM fetches WHERE warc_file IS NOT NULL")[0][0] >= 6
    run1 = q(db, "SELECT status, exit_code, counts FROM runs ORDER BY run_id")[-1]
    assert run1[:2] == ("ok", 0)
    per_source = json.loads(run1[2])["per_source"]
    assert per_source["fixture-rss"]["new_items"] == 3
    assert per_source["fixture-sitemap"]["new_items"] == 1
    timeline = (project / "reports" / "timeline.html").read_text(encoding="utf-8")
    assert "Demonstration for førtidspension ved Rådhuset" in timeline

    # --- night 2 -------------------------------------------------------------------------
    site.pages["b"].title = "Stor demonstration for førtidspension ved Rådhuset"
    site.pages["c"].status = 404
    site.pages["f"] = Page("f", "Ny aftale om fleksjob i København", "2017-07-05T12:00:00+02:00",
                           "Dialogmøde med Andreas Keil.", TEXT)  # fmt: skip
    site.feed_slugs = ["f", "a", "b", "c", "w"]
    site.sitemap_status = 500

    night2 = run_cli("--log-format", "json", "run", cwd=project)
    assert night2.code == 1, night2.err  # a source failed; the rest was stored
    assert q(db, "SELECT count(*) FROM items")[0][0] == 7 + 5
    versions = q(
        db,
        "SELECT v.version, v.title FROM item_versions v JOIN items i USING (item_id)"
        " WHERE i.url = ? ORDER BY v.version",
        base + "b",
    )
    assert versions == [
        (1, "Demonstration for førtidspension ved Rådhuset"),
        (2, "Stor demonstration for førtidspension ved Rådhuset"),
    ]
    assert q(db, "SELECT gone FROM items WHERE url = ?", base + "c") == [(True,)]
    assert q(db, "SELECT gone FROM items WHERE url = ?", base + "a") == [(False,)]
    not_modified = q(
        db,
        "SELECT count(*) FROM fetches WHERE url = ? AND status = 304",
        base + "a",
    )[0][0]
    assert not_modified == 1
    run2 = q(db, "SELECT status, exit_code, counts FROM runs ORDER BY run_id")[-1]
    assert run2[:2] == ("partial", 1)
    per_source = json.loads(run2[2])["per_source"]
    assert per_source["fixture-sitemap"]["status"] == "failed"
    assert "500" in per_source["fixture-sitemap"]["error"]
    assert per_source["fixture-rss"]["new_items"] == 1
    assert per_source["fixture-rss"]["updated_items"] == 1
    timeline = (project / "reports" / "timeline.html").read_text(encoding="utf-8")
    assert "Ny aftale om fleksjob i København" in timeline
    assert "Stor demonstration for førtidspension ved Rådhuset" in timeline


def test_sources_the_request_budget_never_reached_are_skipped_not_failed(project, run_cli, site):
    (project / "sources.yaml").write_text(sources_yaml(site.base), encoding="utf-8")
    db = project / "data" / "mediespor.duckdb"
    res = run_cli("run", "--max-requests", "1", "--no-render", cwd=project)
    assert res.code == 0, res.err  # nothing is broken: the rest waits for the next night
    per_source = json.loads(q(db, "SELECT counts FROM runs ORDER BY run_id")[-1][0])["per_source"]
    # Sources run concurrently: one got the single request, the other was refused at once.
    assert sorted(v["status"] for v in per_source.values()) == ["ok", "skipped"]
    skipped = next(v for v in per_source.values() if v["status"] == "skipped")
    assert "--max-requests" in skipped["error"] and skipped["discovered"] == 0
