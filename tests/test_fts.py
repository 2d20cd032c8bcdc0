"""Full-text search works offline with the Danish stemmer, through the CLI too."""

from __future__ import annotations

from datetime import UTC, datetime

from mediespor.models import ItemRecord
from mediespor.store.db import open_store
from mediespor.store.fts import refresh_fts
from mediespor.store.items import upsert_item


def test_bm25_with_danish_stemming():
    store = open_store(None)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for i, (title, text) in enumerate(
        [
            ("Førtidspensionen afvist igen", "Hun fik afslag på førtidspension."),
            ("Vejret i weekenden", "Sol og blæst."),
            ("Ressourceforløbene kritiseres", "Jobcentret i København."),
        ]
    ):
        upsert_item(store.con, ItemRecord(outlet="DR", title=title, text=text, via="t",
                    url=f"https://dr.dk/{i}"), now=now, run_id=None, relevant=True,
                    topic_terms=[])  # fmt: skip
    assert refresh_fts(store.con) == 3
    hits = store.con.execute(
        "SELECT url FROM (SELECT url, fts_main_items.match_bm25(item_id, ?) AS s FROM items)"
        " WHERE s IS NOT NULL ORDER BY s DESC",
        ["førtidspensioner"],
    ).fetchall()
    assert hits == [("https://dr.dk/0",)]
    hits = store.con.execute(
        "SELECT url FROM (SELECT url, fts_main_items.match_bm25(item_id, 'ressourceforløb') AS s"
        " FROM items) WHERE s IS NOT NULL"
    ).fetchall()
    assert hits == [("https://dr.dk/2",)]


def test_cli_sql_can_use_match_bm25(project, run_cli):
    assert run_cli("run", "--no-render", cwd=project).code == 0
    res = run_cli(
        "sql", "--csv",
        "SELECT count(*) AS n FROM (SELECT fts_main_items.match_bm25(item_id, 'førtidspension')"
        " AS s FROM items) WHERE s IS NOT NULL",
        cwd=project,
    )  # fmt: skip
    assert res.code == 0, res.err
    assert res.out.splitlines() == ["n", "5"]
