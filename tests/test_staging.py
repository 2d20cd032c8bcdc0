"""Rows staged as JSON and looked up by literal lists arrive exactly as given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import duckdb

from mediespor.store.staging import (
    IN_CHUNK,
    Column,
    insert_rows,
    joinable,
    select_in,
    set_by_key,
    update_rows,
)

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


def _pairs_con():
    con = duckdb.connect()
    con.execute("CREATE TABLE p (a VARCHAR, b VARCHAR, n INTEGER, PRIMARY KEY (a, b))")
    con.execute("CREATE INDEX p_a ON p (a)")
    return con


def test_set_by_key_sets_exact_composite_keys_and_returns_those_found():
    con = _pairs_con()
    con.execute("INSERT INTO p VALUES ('x', '1', 0), ('x', '2', 0), ('y', '1', 0), ('y', '2', 0),"
                " ('it''s', 'æ ☃', 0)")  # fmt: skip
    # ('x', '1') and ('y', '2') are asked for; the cross pairs ('x', '2'), ('y', '1') are not.
    found = set_by_key(con, "p", ["a", "b"], "n", [
        (("x", "1"), 5), (("y", "2"), 5), (("it's", "æ ☃"), 7), (("z", "1"), 5),
    ])  # fmt: skip
    assert found == {("x", "1"), ("y", "2"), ("it's", "æ ☃")}
    rows = con.execute("SELECT a, b, n FROM p ORDER BY a, b").fetchall()
    assert rows == [("it's", "æ ☃", 7), ("x", "1", 5), ("x", "2", 0), ("y", "1", 0), ("y", "2", 5)]


def test_set_by_key_chunks_long_lists():
    con = _pairs_con()
    con.execute("INSERT INTO p SELECT 'k' || i, 'v', 0 FROM range(700) t(i)")
    keys = [(f"k{i}", "v") for i in range(0, 700, 2)]
    assert len(keys) > IN_CHUNK
    assert set_by_key(con, "p", ["a", "b"], "n", [(k, 1) for k in keys]) == set(keys)
    assert con.execute("SELECT sum(n) FROM p").fetchone()[0] == len(keys)


def test_set_by_key_finds_rows_through_the_first_columns_index():
    con = _pairs_con()
    con.execute("INSERT INTO p SELECT 'k' || i, 'v', 0 FROM range(5000) t(i)")
    seen: list[str] = []

    class Spy:  # records the statement, runs it for real
        def execute(self, sql, params=()):
            seen.append(sql)
            return con.execute(sql, params)

    set_by_key(Spy(), "p", ["a", "b"], "n", [(("k1", "v"), 1), (("k2", "v"), 1)])
    con.execute("BEGIN")  # the plan as run (plain EXPLAIN shows the scan before index choice)
    plan = con.execute("EXPLAIN ANALYZE " + seen[0].split(" RETURNING")[0], [1]).fetchall()
    con.execute("ROLLBACK")
    assert "Index Scan" in plan[0][1]
    assert "Sequential Scan" not in plan[0][1]


def test_keys_with_the_separator_or_a_nul_are_not_joinable():
    assert joinable(("a", "b c", "æ'ø"))
    assert not joinable(("a", "b\x1fc"))
    assert not joinable(("a\x00", "b"))
