"""Rows staged as JSON and looked up by literal lists arrive exactly as given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import duckdb

from mediespor.store.staging import Column, insert_rows, select_in, update_rows

COLS = (Column("k", "VARCHAR"), Column("seen", "TIMESTAMPTZ"), Column("tags", "VARCHAR[]"),
        Column("n", "DOUBLE"), Column("ok", "BOOLEAN"))  # fmt: skip
AWKWARD = ["it's", 'say "hi"', "back\\slash", "æøå ☃", "nul\x00byte", "", "x'); DROP TABLE t; --"]


def _con():
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Europe/Copenhagen'")
    con.execute(
        "CREATE TABLE t (k VARCHAR PRIMARY KEY, seen TIMESTAMPTZ, tags VARCHAR[], n DOUBLE,"
        " ok BOOLEAN)"
    )
    return con


def test_staged_rows_round_trip_with_awkward_values():
    con = _con()
    when = datetime(2017, 6, 29, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    rows = [[k, when, ["a", k], 0.1 + i, i % 2 == 0] for i, k in enumerate(AWKWARD)]
    rows.append(["none", None, None, None, None])
    insert_rows(con, "t", COLS, rows)
    got = {r[0]: list(r) for r in con.execute("SELECT k, seen, tags, n, ok FROM t").fetchall()}
    assert set(got) == {*AWKWARD, "none"}
    for row in rows:
        assert got[row[0]] == row
    assert got["it's"][1] == when.astimezone(UTC)


def test_select_in_finds_every_awkward_key_and_nothing_else():
    con = _con()
    insert_rows(con, "t", COLS, [[k, None, None, None, None] for k in [*AWKWARD, "other"]])
    found = select_in(con, "SELECT k FROM t", [("k", [*AWKWARD, "missing", None])])
    assert sorted(k for (k,) in found) == sorted(AWKWARD)
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == len(AWKWARD) + 1


def test_select_in_unions_columns_and_chunks_long_lists():
    con = _con()
    insert_rows(con, "t", COLS, [[f"k{i}", None, None, float(i), None] for i in range(700)])
    keys = [f"k{i}" for i in range(0, 700, 2)]  # more than one IN list
    found = select_in(con, "SELECT k FROM t", [("k", keys), ("CAST(n AS VARCHAR)", ["1.0"])])
    assert sorted(k for (k,) in found) == sorted([*keys, "k1"])


def test_update_rows_sets_only_the_given_rows():
    con = _con()
    insert_rows(con, "t", COLS, [[k, None, ["x"], 1.0, False] for k in ("a", "b'c", "d")])
    update_rows(con, "t", COLS[0], [COLS[2], COLS[4]], [["b'c", ["y", "z"], True]])
    rows = con.execute("SELECT k, tags, n, ok FROM t ORDER BY k").fetchall()
    assert rows == [
        ("a", ["x"], 1.0, False),
        ("b'c", ["y", "z"], 1.0, True),
        ("d", ["x"], 1.0, False),
    ]
