"""End-to-end: the nightly job on the shipped config, twice, on a temporary project.

The first night runs as a real ``python -m mediespor`` process, as cron starts it."""

from __future__ import annotations

import duckdb


def test_run_twice_is_idempotent(project, run_cli, run_cli_process):
    first = run_cli_process("--log-format", "json", "run", "--no-render", cwd=project)
    assert first.code == 0, first.err
    db = project / "data" / "mediespor.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    counts = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM items),"
        " (SELECT count(*) FROM item_versions), (SELECT count(*) FROM item_sightings)"
    ).fetchone()
    con.close()
    assert counts == (11, 7, 7, 7)
    second = run_cli("run", "--no-render", cwd=project)
    assert second.code == 0, second.err
    con = duckdb.connect(str(db), read_only=True)
    again = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM items),"
        " (SELECT count(*) FROM item_versions), (SELECT count(*) FROM item_sightings)"
    ).fetchone()
    runs = con.execute("SELECT status FROM runs ORDER BY run_id").fetchall()
    con.close()
    assert again == counts
    assert runs == [("ok",), ("ok",)]
