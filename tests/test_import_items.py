"""Importing curated lists and archive exports: idempotent, bad rows skipped with line numbers."""

from __future__ import annotations

import json

from mediespor.import_items import import_file
from mediespor.store.db import open_store
from mediespor.topic import parse_query

QUERY = parse_query("førtidspension* OR fleksjob*")

CSV = """\
url,title,published,outlet,text,lead,kind
https://www.dr.dk/nyheder/a?utm_source=x,Ingen førtidspension i København,2017-06-22,DR,,,
,Kampen om Førtidspension i København,2017-06-28,TV2 Lorry,,,video
,Uden dato og uden url,,TV2 Lorry,,,
https://x.dk/b,,2017-06-28,DR,,,
https://x.dk/c,Forkert dato,29-13-2017,DR,,,
ftp://x.dk/d,Forkert url,2017-06-28,DR,,,
https://x.dk/e,Forkert slags,2017-06-28,DR,,,podcast
https://x.dk/f,Vejret i morgen,2017-06-28T07:00:00+02:00,DR,Sol og vind,,
https://x.dk/g,"Titel, med komma",2017-06-29,Politiken,"Tekst om fleksjob
over to linjer",,
"""


def test_csv_import_is_idempotent_and_reports_bad_rows(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(CSV, encoding="utf-8")
    store = open_store(tmp_path / "db.duckdb")
    report = import_file(store, path, QUERY, run_id=None)
    assert report.rows == 9
    assert report.created == 4
    assert report.rejected == [
        (4, "a row without url needs a published date"),
        (5, "missing title"),
        (6, "published '29-13-2017' is not a date (use 2017-06-29 or 2017-06-29T14:32:00+02:00)"),
        (7, "url 'ftp://x.dk/d' is not an http(s) URL"),
        (8, "kind 'podcast' is not one of article, video, blog, press_release, agenda, other"),
    ]
    rows = store.con.execute(
        "SELECT url, kind, is_relevant, published_precision FROM items ORDER BY title"
    ).fetchall()
    assert rows == [
        ("https://www.dr.dk/nyheder/a", "article", True, "day"),
        (None, "video", True, "day"),
        ("https://x.dk/g", "article", True, "day"),
        ("https://x.dk/f", "article", False, "time"),
    ]
    rejects = store.con.execute("SELECT location FROM rejects ORDER BY location").fetchall()
    assert [r[0].rsplit(":", 1)[1] for r in rejects] == ["4", "5", "6", "7", "8"]
    again = import_file(store, path, QUERY, run_id=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == 4
    assert store.con.execute("SELECT count(*) FROM item_versions").fetchone()[0] == 4


def test_jsonl_import_with_broken_lines(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"url": "https://a.dk/1", "title": "Fleksjob i fare", "outlet": "Avisen.dk",
                    "published": "2017-07-01T10:00:00Z"}),
        "{not json",
        "[1, 2]",
        json.dumps({"title": {"nested": 1}, "outlet": "X", "url": "https://a.dk/2"}),
        "",
        json.dumps({"url": "https://a.dk/3", "title": "Andet", "outlet": "Avisen.dk",
                    "published": "2017-07-02", "text": "om førtidspensionen"}),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    assert report.created == 2
    assert [line for line, _ in report.rejected] == [2, 3, 4]
    assert "not valid JSON" in report.rejected[0][1]
    terms = store.con.execute("SELECT topic_terms FROM items ORDER BY url").fetchall()
    assert terms == [(["fleksjob*"],), (["førtidspension*"],)]


def test_topical_import_marks_everything_relevant(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("title,published,outlet\nBorgmester finder 13 millioner,2017-06-29,TV2 Lorry\n")
    store = open_store(None)
    import_file(store, path, QUERY, run_id=None, topical=True)
    assert store.con.execute("SELECT is_relevant FROM items").fetchone() == (True,)


def test_csv_without_required_header(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("foo,bar\n1,2\n")
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    assert report.created == 0
    assert report.rejected == [(1, "the header must name at least the columns title and outlet")]
