"""Exports round-trip and are byte-for-byte reproducible."""

from __future__ import annotations

import duckdb
import pytest

from mediespor.export import ITEM_COLUMNS, export
from mediespor.store.db import open_store


@pytest.fixture
def db(project, run_cli):
    assert run_cli("run", "--no-render", cwd=project).code == 0
    store = open_store(project / "data" / "mediespor.duckdb", read_only=True)
    yield store
    store.close()


def test_parquet_read_back_equals_table(db, tmp_path):
    report = export(db.con, tmp_path / "p", "parquet")
    links = db.con.execute("SELECT count(*) FROM item_events").fetchone()[0]
    assert report.rows == {"items": 7, "events": 11, "item_events": links}
    back_links = db.con.execute(
        f"SELECT item_id, event_id, score FROM read_parquet('{tmp_path / 'p' / 'item_events.parquet'}')"
    ).fetchall()
    assert (
        back_links
        == db.con.execute(
            "SELECT item_id, event_id, score FROM item_events ORDER BY item_id, event_id"
        ).fetchall()
    )
    cols = ", ".join(ITEM_COLUMNS)
    table = db.con.execute(f"SELECT {cols} FROM items ORDER BY published_at, item_id").fetchall()
    back = db.con.execute(
        f"SELECT {cols} FROM read_parquet('{tmp_path / 'p' / 'items.parquet'}')"
    ).fetchall()
    assert back == table
    events = db.con.execute(
        f"SELECT * FROM read_parquet('{tmp_path / 'p' / 'events.parquet'}')"
    ).fetchall()
    assert [e[0] for e in events][:2] == ["2013-01-01-reform", "2017-06-27-brev-16-krav"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports_are_reproducible(db, tmp_path, fmt):
    a = export(db.con, tmp_path / "a", fmt)
    b = export(db.con, tmp_path / "b", fmt)
    for name in a.files:
        assert a.files[name].read_bytes() == b.files[name].read_bytes(), name


def test_partitioned_parquet_and_filters(db, tmp_path):
    export(db.con, tmp_path / "part", "parquet", partition=True)
    files = sorted(p.relative_to(tmp_path / "part" / "items").parent.as_posix()
                   for p in (tmp_path / "part" / "items").rglob("*.parquet"))  # fmt: skip
    # Hive-style folders; DuckDB percent-encodes the space and decodes it on read.
    assert files == ["outlet=TV2%20Lorry/year=2017"]
    glob = tmp_path / "part" / "items" / "**" / "*.parquet"
    back = db.con.execute(
        f"SELECT DISTINCT outlet, year FROM read_parquet('{glob}', hive_partitioning = true)"
    ).fetchall()
    assert back == [("TV2 Lorry", 2017)]
    report = export(
        db.con, tmp_path / "since", "csv", since=__import__("datetime").date(2017, 6, 28)
    )
    assert report.rows["items"] == 3


def test_cli_export(project, run_cli, tmp_path):
    assert run_cli("run", "--no-render", cwd=project).code == 0
    res = run_cli(
        "export", "--format", "jsonl", "--relevant-only", str(tmp_path / "o"), cwd=project
    )
    assert res.code == 0, res.err
    rows = duckdb.sql(f"SELECT count(*) FROM read_json('{tmp_path / 'o' / 'items.jsonl'}')")
    assert rows.fetchone()[0] == 7
    assert run_cli("export", "--format", "csv", "--partition", str(tmp_path), cwd=project).code == 2


def test_since_keeps_a_month_or_year_that_reaches_past_it(tmp_path):
    from datetime import date

    from mediespor.date_interval import start_of
    from mediespor.models import ItemRecord
    from mediespor.store.items import upsert_item

    store = open_store(None)
    for n, (day, precision) in enumerate(
        [(date(2017, 6, 1), "month"), (date(2017, 5, 1), "month"), (date(2017, 1, 1), "year"),
         (date(2016, 1, 1), "year"), (date(2017, 6, 14), "day"), (date(2017, 6, 15), "day")]
    ):  # fmt: skip
        rec = ItemRecord(
            outlet="DR", title=f"{precision} {day}", via="t", url=f"https://dr.dk/{n}",
            published_at=start_of(day, precision), published_precision=precision,
        )  # fmt: skip
        upsert_item(store.con, rec, now=start_of(day, "day"), run_id=1, relevant=True,
                    topic_terms=[])  # fmt: skip
    report = export(store.con, tmp_path / "since", "jsonl", since=date(2017, 6, 15))
    titles = duckdb.sql(
        f"SELECT title FROM read_json('{report.files['items']}') ORDER BY title"
    ).fetchall()
    store.close()
    assert [t[0] for t in titles] == ["day 2017-06-15", "month 2017-06-01", "year 2017-01-01"]


def test_csv_items_carry_the_copenhagen_day(db, tmp_path):
    export(db.con, tmp_path / "c", "csv")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")  # an analyst's pandas or DuckDB on a UTC machine
    rows = con.execute(
        f"SELECT published_date, published_precision FROM read_csv('{tmp_path / 'c' / 'items.csv'}')"
    ).fetchall()
    expected = db.con.execute(
        "SELECT CAST(timezone('Europe/Copenhagen', published_at) AS DATE), published_precision"
        " FROM items ORDER BY published_at NULLS LAST, item_id"
    ).fetchall()
    assert rows == expected and all(day is not None for day, _ in rows)
