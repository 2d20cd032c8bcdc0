"""Bulk inserts through NDJSON and the joined-id parameter."""

from __future__ import annotations

import duckdb

from mediespor.link.bulk import IN_IDS, ids_param, insert_rows


def test_rows_with_unicode_quotes_and_nulls_arrive_intact():
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE t (id VARCHAR, n DOUBLE, d DATE, note VARCHAR)")
    rows = [
        {"id": "a", "n": 0.25, "d": "2017-06-28", "note": 'Rådhuspladsen: "protest"\nlinje 2'},
        {"id": "b", "n": None, "d": None, "note": None},
    ]
    cols = {"id": "VARCHAR", "n": "DOUBLE", "d": "DATE", "note": "VARCHAR"}
    assert insert_rows(con, "t", cols, rows) == 2
    got = con.execute("SELECT id, n, CAST(d AS VARCHAR), note FROM t ORDER BY id").fetchall()
    assert got == [
        ("a", 0.25, "2017-06-28", 'Rådhuspladsen: "protest"\nlinje 2'),
        ("b", None, None, None),
    ]
    assert insert_rows(con, "t", cols, []) == 0


def test_joined_ids_select_exactly_those_rows():
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE t AS SELECT CAST(range AS VARCHAR) AS id FROM range(100)")
    got = con.execute(
        f"SELECT id FROM t WHERE id IN {IN_IDS} ORDER BY id", [ids_param(["3", "42", "x"])]
    ).fetchall()
    assert got == [("3",), ("42",)]
