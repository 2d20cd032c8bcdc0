"""The store: migrations, atomic batches, and item upserts."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from mediespor.models import ItemRecord
from mediespor.store.db import available_migrations, open_store
from mediespor.store.items import item_key_for, synthetic_key, upsert_item

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_migrations_are_numbered_uniquely_in_order():
    # Numbers were reserved per area, so gaps are allowed; order and uniqueness are not optional.
    versions = [m.version for m in available_migrations()]
    assert versions[0] == 1
    assert versions == sorted(set(versions))


def test_db_created_by_migration_1_upgrades_cleanly(tmp_path):
    path = tmp_path / "old.duckdb"
    store = open_store(path, migrate=False)
    assert store.migrate(target=1) == [1]
    assert store.schema_version() == 1
    store.con.execute(
        "INSERT INTO items (item_id, item_key, outlet, first_seen, last_seen)"
        " VALUES ('a', 'https://x.dk/a', 'DR', now(), now())"
    )
    store.close()
    store = open_store(path)
    latest = available_migrations()[-1].version
    assert store.schema_version() == latest
    assert store.con.execute("SELECT outlet FROM items").fetchall() == [("DR",)]
    # The views (store/views.sql) work on the upgraded file.
    store.con.execute("SELECT * FROM v_coverage_by_week").fetchall()
    # Opening again applies nothing.
    assert store.migrate() == []
    store.close()


def test_transaction_rolls_back_the_whole_batch(tmp_path):
    store = open_store(tmp_path / "t.duckdb")
    rec = ItemRecord(outlet="DR", title="Første", via="test", url="https://dr.dk/1")
    with pytest.raises(RuntimeError), store.transaction() as con:
        upsert_item(con, rec, now=NOW, run_id=None, relevant=True, topic_terms=[])
        raise RuntimeError("crash mid-batch")
    assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    assert store.con.execute("SELECT count(*) FROM item_versions").fetchone()[0] == 0
    store.close()


def test_crash_in_a_real_process_leaves_db_as_before(tmp_path):
    """A process killed mid-transaction: the file reopens with only committed batches."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "k.duckdb"
    script = textwrap.dedent(
        f"""
        import os, signal
        from datetime import datetime, UTC
        from mediespor.models import ItemRecord
        from mediespor.store.db import open_store
        from mediespor.store.items import upsert_item
        s = open_store({str(path)!r})
        now = datetime.now(UTC)
        with s.transaction() as con:
            upsert_item(con, ItemRecord(outlet="DR", title="a", via="t", url="https://dr.dk/a"),
                        now=now, run_id=None, relevant=True, topic_terms=[])
        s.con.execute("BEGIN TRANSACTION")
        for i in range(50):
            upsert_item(s.con, ItemRecord(outlet="DR", title=str(i), via="t",
                        url=f"https://dr.dk/b{{i}}"), now=now, run_id=None, relevant=True,
                        topic_terms=[])
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    store = open_store(path)
    assert store.con.execute("SELECT url FROM items").fetchall() == [("https://dr.dk/a",)]
    store.close()


def test_upsert_same_record_twice_changes_nothing_but_last_seen(tmp_path):
    store = open_store(None)
    rec = ItemRecord(outlet="DR", title="T", via="feed", url="https://dr.dk/x", text="body")
    first = upsert_item(store.con, rec, now=NOW, run_id=1, relevant=True, topic_terms=["x"])
    later = NOW.replace(hour=13)
    second = upsert_item(store.con, rec, now=later, run_id=2, relevant=True, topic_terms=["x"])
    assert first.created and not second.created and not second.new_version
    assert first.item_id == second.item_id
    row = store.con.execute("SELECT first_seen, last_seen FROM items").fetchone()
    assert row[0] == NOW and row[1] == later
    assert store.con.execute("SELECT count(*) FROM item_versions").fetchone()[0] == 1


def test_edited_headline_is_a_new_version_whitespace_is_not():
    store = open_store(None)
    base = dict(outlet="DR", via="feed", url="https://dr.dk/x", text="Brødtekst her.")
    upsert_item(store.con, ItemRecord(title="Gammel titel", **base), now=NOW, run_id=1,
                relevant=True, topic_terms=[])  # fmt: skip
    r = upsert_item(store.con, ItemRecord(title="  Gammel   titel ", **base), now=NOW, run_id=2,
                    relevant=True, topic_terms=[])  # fmt: skip
    assert not r.new_version
    r = upsert_item(store.con, ItemRecord(title="Ny titel", **base), now=NOW, run_id=3,
                    relevant=True, topic_terms=[])  # fmt: skip
    assert r.new_version
    versions = store.con.execute(
        "SELECT version, title FROM item_versions ORDER BY version"
    ).fetchall()
    assert versions == [(1, "Gammel titel"), (2, "Ny titel")]
    assert store.con.execute("SELECT title FROM items").fetchone()[0] == "Ny titel"


def test_list_item_merges_into_crawled_item_with_real_url():
    store = open_store(None)
    from mediespor.import_items import parse_published

    published = parse_published("2017-06-29")
    day, precision = published.value, published.precision
    listed = ItemRecord(
        outlet="TV2 Lorry",
        title="Borgmester vil finde yderligere 13 millioner til sagsbehandling",
        via="import",
        published_at=day,
        published_precision=precision,
    )
    assert item_key_for(listed) == synthetic_key("TV2 Lorry", day, listed.title)
    a = upsert_item(store.con, listed, now=NOW, run_id=1, relevant=True, topic_terms=[])
    crawled = ItemRecord(
        outlet="TV2 Lorry",
        title="Borgmester vil finde yderligere 13 millioner til sagsbehandling",
        via="feed",
        url="https://www.tv2lorry.dk/koebenhavn/borgmester-vil-finde-13-millioner",
        published_at=datetime(2017, 6, 29, 12, 32, tzinfo=UTC),
        published_precision="time",
        text="Anna Mee Allerslev vil finde penge.",
    )
    b = upsert_item(store.con, crawled, now=NOW, run_id=2, relevant=True, topic_terms=[])
    assert b.item_id == a.item_id and b.merged_synthetic
    rows = store.con.execute("SELECT item_key, url, text FROM items").fetchall()
    assert rows == [(crawled.url, crawled.url, crawled.text)]
    vias = store.con.execute("SELECT via FROM item_sightings ORDER BY via").fetchall()
    assert vias == [("feed",), ("import",)]


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path):
    from mediespor.errors import MediesporError

    with pytest.raises(MediesporError, match="cannot open database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_views_count_relevant_items_per_iso_week():
    store = open_store(None)
    for i, day in enumerate([26, 28, 29, 3]):
        month = 7 if day == 3 else 6
        rec = ItemRecord(
            outlet="DR", title=f"t{i}", via="t", url=f"https://dr.dk/{i}",
            published_at=datetime(2017, month, day, 10, tzinfo=UTC),
        )  # fmt: skip
        upsert_item(store.con, rec, now=NOW, run_id=1, relevant=True, topic_terms=[])
    # Known only to the month: not counted in the week of 1 June.
    coarse = ItemRecord(
        outlet="DR", title="juni", via="t", url="https://dr.dk/juni",
        published_at=datetime(2017, 5, 31, 22, tzinfo=UTC), published_precision="month",
    )  # fmt: skip
    upsert_item(store.con, coarse, now=NOW, run_id=1, relevant=True, topic_terms=[])
    rows = store.con.execute(
        "SELECT iso_year, iso_week, week_start, items FROM v_coverage_by_week"
    ).fetchall()
    assert [(r[0], r[1], str(r[2]), r[3]) for r in rows] == [
        (2017, 26, "2017-06-26", 3),
        (2017, 27, "2017-07-03", 1),
    ]


def test_duckdb_version_is_the_pinned_one():
    # The fts extension shipped on PyPI exists for exactly this engine version.
    assert duckdb.__version__ == "1.5.5"


def test_record_failure_marks_a_finished_or_running_run_failed_with_its_reason(tmp_path):
    import json

    from mediespor.store.db import open_store
    from mediespor.store.runs import finish_run, record_failure, record_failure_in, start_run

    path = tmp_path / "r.duckdb"
    store = open_store(path)
    ok = start_run(store.con, "run", {})
    finish_run(store.con, ok, "ok", 0, {"links": 3})
    running = start_run(store.con, "import", {})
    record_failure(store.con, running, "OSError: [Errno 28] No space left on device")
    store.close()
    # After the connection is gone (publishing failed): the run that looked ok is failed.
    assert record_failure_in(path, ok, "OSError: [Errno 28] No space left on device")
    store = open_store(path)
    rows = store.con.execute(
        "SELECT status, exit_code, counts FROM runs ORDER BY run_id"
    ).fetchall()
    store.close()
    assert [(s, c) for s, c, _ in rows] == [("failed", 4), ("failed", 4)]
    first = json.loads(rows[0][2])
    assert first["links"] == 3 and "No space left" in first["error"]


def test_statements_do_not_search_for_pandas_each_time(tmp_path, monkeypatch):
    # DuckDB looks for pandas on every statement; a missing one must not be searched for
    # on sys.path again and again (it was 40% of a store write's CPU).
    import sys

    searched: list[str] = []

    class Watch:
        def find_spec(self, name, path=None, target=None):
            if name == "pandas":
                searched.append(name)
            return None

    monkeypatch.setattr(sys, "meta_path", [Watch(), *sys.meta_path])
    store = open_store(tmp_path / "p.duckdb")
    for n in range(20):
        store.con.execute("SELECT ?::VARCHAR, ?::TIMESTAMPTZ", [f"x{n}", NOW]).fetchone()
    store.close()
    assert len(searched) <= 1  # at most the first import, where pandas is installed


def test_a_wal_past_duckdbs_default_waits_for_close_and_survives_reopening(tmp_path):
    db = tmp_path / "m.duckdb"
    store = open_store(db)
    text = "Borgerne venter på en afgørelse om fleksjob. " * 400  # ~18 KB a row
    store.con.execute("CREATE TABLE big (i INTEGER, t VARCHAR)")
    for start in range(0, 1200, 100):  # ~22 MB of WAL in 12 commits, past the 16 MB default
        with store.transaction() as con:
            con.execute("INSERT INTO big SELECT i, ? || i FROM range(?, ?) r(i)",
                        [text, start, start + 100])  # fmt: skip
    wal = db.with_name(db.name + ".wal")
    assert wal.stat().st_size > 16 * 1024 * 1024  # not checkpointed at the default threshold
    store.close()
    assert not wal.exists() or wal.stat().st_size == 0
    again = open_store(db)
    assert again.con.execute("SELECT count(*), count(DISTINCT t) FROM big").fetchone() == (
        1200, 1200,
    )  # fmt: skip
