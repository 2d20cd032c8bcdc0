"""Analysts and the nightly job never block each other; two runs never write at once."""

from __future__ import annotations

import duckdb

from mediespor.lock import RunLock


def test_analyst_read_connection_does_not_break_the_run(project, run_cli):
    assert run_cli("run", "--no-render", cwd=project).code == 0
    db = project / "data" / "mediespor.duckdb"
    analyst = duckdb.connect(str(db), read_only=True)
    before = analyst.execute("SELECT count(*) FROM runs").fetchone()[0]
    res = run_cli("run", "--no-render", cwd=project)
    assert res.code == 0, res.err
    # The analyst's open connection still reads its snapshot ...
    assert analyst.execute("SELECT count(*) FROM runs").fetchone()[0] == before
    analyst.close()
    # ... and a new connection sees the new run.
    fresh = duckdb.connect(str(db), read_only=True)
    assert fresh.execute("SELECT count(*) FROM runs").fetchone()[0] == before + 1
    fresh.close()


def test_second_run_exits_locked_and_first_is_unaffected(project, run_cli, run_cli_process):
    assert run_cli("run", "--no-render", cwd=project).code == 0
    lock = RunLock(project / "data" / "mediespor.duckdb.lock")
    lock.acquire()  # stands in for a first run that is still going
    try:
        # A real second process, as cron would start it while a run holds the lock.
        res = run_cli_process("run", "--no-render", cwd=project)
        assert res.code == 3
        assert "holds" in res.err and "Traceback" not in res.err
        assert (
            run_cli("import", str(project / "data" / "known_coverage.csv"), cwd=project).code == 3
        )
    finally:
        lock.release()
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    assert con.execute("SELECT count(*), min(status) FROM runs").fetchone() == (1, "ok")
    con.close()


def test_stale_lock_of_a_dead_process_is_taken_over(project, run_cli):
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True)  # fmt: skip
    import socket

    lock_path = project / "data" / "mediespor.duckdb.lock"
    lock_path.write_text(f"{int(dead.stdout)} {socket.gethostname()}\n")
    res = run_cli("--log-format", "json", "run", "--no-render", cwd=project)
    assert res.code == 0, res.err
    assert "stale_lock_taken_over" in res.err
    assert not lock_path.exists()


def test_analyst_decisions_survive_the_next_nightly_run(project, run_cli):
    assert run_cli("run", "--no-render", cwd=project).code == 0
    db = project / "data" / "mediespor.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    item_ids = [r[0] for r in con.execute("SELECT item_id FROM items ORDER BY item_id").fetchall()]
    con.close()
    added = run_cli("link", "add", item_ids[0], "2017-06-28-demonstration", "--by", "analytiker",
                    cwd=project)  # fmt: skip
    assert added.code == 0, added.err
    assert run_cli("run", "--no-render", cwd=project).code == 0
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute(
        "SELECT status, decided_by FROM item_events WHERE item_id = ? AND event_id = ?",
        [item_ids[0], "2017-06-28-demonstration"],
    ).fetchone()
    con.close()
    assert row == ("added", "analytiker")


def test_garbage_working_copy_is_refused_then_repaired_from_the_published_copy(tmp_path):
    import os

    import pytest

    from mediespor.store.publish import (
        DamagedDatabase,
        repair_working_copy,
        work_path,
        working_copy_problem,
        writing,
    )

    db = tmp_path / "data" / "m.duckdb"
    with writing(db) as store:
        store.con.execute(
            "INSERT INTO runs (command, started_at, status) VALUES ('x', now(), 'ok')"
        )
    assert working_copy_problem(db) is None
    assert repair_working_copy(db) is None  # nothing to repair: nothing touched
    garbage = os.urandom(40_000)
    work_path(db).write_bytes(garbage)
    assert "not a valid DuckDB database" in working_copy_problem(db)
    with pytest.raises(DamagedDatabase, match="mediespor check --repair"), writing(db):
        pass
    aside = repair_working_copy(db)
    assert aside is not None and aside.read_bytes() == garbage
    with writing(db) as store:
        assert store.con.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_repair_refuses_when_the_published_copy_is_damaged_too(tmp_path):
    import pytest

    from mediespor.store.publish import DamagedDatabase, repair_working_copy, work_path

    db = tmp_path / "m.duckdb"
    db.write_bytes(b"not a database" * 100)
    work_path(db).write_bytes(b"nor this" * 100)
    with pytest.raises(DamagedDatabase, match="from a backup"):
        repair_working_copy(db)
    assert work_path(db).read_bytes() == b"nor this" * 100


def test_an_older_published_database_is_refused_by_readers_with_the_way_forward(project, run_cli):
    # A database written by an older mediespor lacks the newer views (v_items_needing_date):
    # the report and status say to run once rather than failing on a missing view.
    from mediespor.store.db import open_store

    db = project / "data" / "mediespor.duckdb"
    store = open_store(db, migrate=False)
    store.migrate(target=8)
    store.close()
    res = run_cli("report", cwd=project)
    assert res.code == 4
    assert "schema version 8" in res.err and "mediespor run" in res.err
    assert run_cli("run", "--no-render", cwd=project).code in (0, 1)
    assert run_cli("report", cwd=project).code == 0
