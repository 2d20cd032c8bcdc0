"""The analyst views: defined once in store/views.sql, re-applied after the migrations.

Migrations 002, 006, 009, 010 and 012 used to re-create the views; they no longer do. That is
only allowed because every database ends with the same views as before: ``views_v014.json``
holds the views as DuckDB rendered them in a database built by the migrations of version 14
(before views.sql existed). When a view is changed on purpose, that file is rewritten with it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from conftest import FIXTURES
from mediespor.store.db import available_migrations, open_store

SHIPPED_VIEWS: dict[str, str] = json.loads(
    (FIXTURES / "views_v014.json").read_text(encoding="utf-8")
)
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _views(store) -> dict[str, str]:
    rows = store.con.execute(
        "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
    ).fetchall()
    return dict(rows)


def _columns(store, view: str) -> list[str]:
    return [r[0] for r in store.con.execute(f"DESCRIBE {view}").fetchall()]


def _add_relevant_item(store, item_id: str) -> None:
    store.con.execute(
        "INSERT INTO items (item_id, item_key, outlet, title, is_relevant, published_at,"
        " first_seen, last_seen) VALUES (?, ?, 'DR', 'Møde om fleksjob', TRUE,"
        " TIMESTAMPTZ '2017-06-28 22:00:00+00', ?, ?)",
        [item_id, f"https://a.dk/{item_id}", NOW, NOW],
    )


def test_a_new_database_has_exactly_the_views_the_migrations_used_to_make():
    store = open_store(None)
    assert _views(store) == SHIPPED_VIEWS
    store.close()


@pytest.mark.parametrize("version", [m.version for m in available_migrations()])
def test_a_database_of_every_version_upgrades_to_the_same_views_and_keeps_its_rows(
    tmp_path, version
):
    path = tmp_path / f"v{version}.duckdb"
    store = open_store(path, migrate=False)
    store.migrate(target=version)
    if version < 12:
        # As a database of that time had it: bound before items.published_date existed.
        store.con.execute("CREATE VIEW v_relevant_items AS SELECT * FROM items WHERE is_relevant")
    else:
        for sql in SHIPPED_VIEWS.values():
            store.con.execute(sql.replace("CREATE VIEW", "CREATE OR REPLACE VIEW"))
    _add_relevant_item(store, "a1")
    store.close()

    store = open_store(path)
    assert store.schema_version() == available_migrations()[-1].version
    assert _views(store) == SHIPPED_VIEWS
    assert "published_date" in _columns(store, "v_relevant_items")
    rows = store.con.execute(
        "SELECT item_id, published_date::VARCHAR FROM v_item_primary_event"
    ).fetchall()
    assert rows == [("a1", "2017-06-29")]
    store.close()


def _oids(store) -> dict[str, int]:
    return dict(store.con.execute("SELECT view_name, view_oid FROM duckdb_views()").fetchall())


def test_opening_again_changes_no_view_and_a_changed_view_is_put_back(tmp_path):
    path = tmp_path / "m.duckdb"
    open_store(path).close()
    store = open_store(path)
    first = _oids(store)
    store.close()
    store = open_store(path)
    # Not re-created (a re-created view gets a new oid): an unchanged database is not written.
    assert _oids(store) == first
    store.con.execute("CREATE OR REPLACE VIEW v_coverage_by_week AS SELECT 1 AS broken")
    store.close()
    store = open_store(path)
    assert _views(store) == SHIPPED_VIEWS
    assert _oids(store)["v_coverage_by_week"] != first["v_coverage_by_week"]
    assert store.migrate() == []
    store.close()


def test_a_database_stopped_at_an_old_version_gets_no_views():
    # Tests build old files with a target; the current views need the current tables.
    store = open_store(None, migrate=False)
    store.migrate(target=1)
    assert _views(store) == {}
    store.close()
