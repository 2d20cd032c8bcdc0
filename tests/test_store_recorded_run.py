"""store/recorded_run.py: a recorded run's row always ends closed, and what committed is kept."""

from __future__ import annotations

import json

import duckdb
import pytest

from mediespor.errors import ExitCode, MediesporError
from mediespor.store.db import open_store
from mediespor.store.publish import work_path
from mediespor.store.recorded_run import recorded_run
from mediespor.store.runs import finish_run, start_run


def _runs(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT run_id, command, status, exit_code, counts FROM runs ORDER BY run_id"
        ).fetchall()
    finally:
        con.close()


def _reject(con, reason: str) -> None:
    con.execute(
        "INSERT INTO rejects (stage, location, reason, noted_at) VALUES ('t', 'x', ?, now())",
        [reason],
    )


def test_a_finished_run_is_published_with_the_row_the_block_closed(tmp_path):
    db = tmp_path / "m.duckdb"
    with recorded_run(db, "import", {"file": "a.csv"}) as run:
        assert run.interrupted_at is None
        finish_run(run.store.con, run.run_id, "ok", 0, {"rows": 1})
    ((_, command, status, code, counts),) = _runs(db)
    assert (command, status, code, json.loads(counts)) == ("import", "ok", 0, {"rows": 1})


def test_a_failing_block_fails_the_row_keeps_what_committed_and_says_what_failed(tmp_path):
    db = tmp_path / "m.duckdb"
    with pytest.raises(MediesporError) as info, recorded_run(db, "run", {}) as run:
        with run.store.transaction() as con:
            _reject(con, "committed before the failure")
        run.counts = lambda: {"links": 3}
        raise OSError("No space left on device")
    assert info.value.exit_code == ExitCode.FATAL
    assert str(info.value) == f"run {run.run_id} failed: OSError: No space left on device"
    ((_, _, status, code, counts),) = _runs(db)
    assert (status, code) == ("failed", int(ExitCode.FATAL))
    assert json.loads(counts) == {"links": 3, "error": "OSError: No space left on device"}
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT reason FROM rejects").fetchall() == [
        ("committed before the failure",)
    ]
    con.close()


def test_what_names_the_failed_command(tmp_path):
    failed = pytest.raises(MediesporError, match=r"^import of liste.csv failed: ValueError: bad$")
    with failed, recorded_run(tmp_path / "m.duckdb", "import", {}, what="import of liste.csv"):
        raise ValueError("bad")


def test_a_run_a_killed_process_left_running_is_marked_interrupted(tmp_path):
    db = tmp_path / "m.duckdb"
    store = open_store(work_path(db))
    dead = start_run(store.con, "run", {})
    store.close()
    with recorded_run(db, "import", {}) as run:
        assert run.interrupted_at is not None
        finish_run(run.store.con, run.run_id, "ok", 0, {})
    statuses = [(r[0], r[2]) for r in _runs(db)]
    assert statuses == [(dead, "interrupted"), (run.run_id, "ok")]


def test_when_publishing_fails_the_working_copy_records_the_failure(tmp_path):
    db = tmp_path / "m.duckdb"
    open_store(work_path(db)).close()  # the working copy exists (an earlier run made it)
    (db / "blocked").mkdir(parents=True)  # publishing cannot put the file over a folder
    with pytest.raises(MediesporError, match="run 1 failed"), recorded_run(db, "run", {}) as run:
        finish_run(run.store.con, run.run_id, "ok", 0, {"links": 1})
    ((_, _, status, _, counts),) = _runs(work_path(db))
    assert status == "failed"
    assert json.loads(counts)["links"] == 1 and json.loads(counts)["error"]
