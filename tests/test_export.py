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
    assert report.rows == {"items": 7, "events": 11, "item_events": 0}
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
