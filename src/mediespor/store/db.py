"""Open the DuckDB file, apply forward-only numbered migrations, run transactions.

Migrations live in ``store/migrations/NNN_name.sql`` and create tables and indexes. Each is
applied once, in order, inside its own transaction, and recorded in ``schema_version``. A
migration file that has shipped is never edited in a way that changes the schema it leaves;
changes come as a new, higher-numbered file. The analyst views are not history: they are
defined once in ``store/views.sql`` and re-applied after migrating to the latest version.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Protocol

import duckdb

from mediespor.danish_dates import ZONE_NAME
from mediespor.errors import MediesporError

_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered schema change."""

    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """All migrations shipped with the package, in version order."""
    folder = resources.files("mediespor.store") / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise MediesporError(f"two migrations share a number: {versions}")
    return found


_VIEW_NAME = re.compile(r"^CREATE OR REPLACE VIEW (\w+)", re.MULTILINE)


@dataclass(frozen=True)
class ViewScript:
    """``store/views.sql``: the SQL that (re)creates every analyst view, the views' names,
    and the stamp (its digest) each view carries as its comment once created from it."""

    sql: str
    names: tuple[str, ...]
    stamp: str


def view_script() -> ViewScript:
    """The analyst views as ``store/views.sql`` defines them."""
    sql = (resources.files("mediespor.store") / "views.sql").read_text(encoding="utf-8")
    digest = hashlib.sha256(sql.encode("utf-8")).hexdigest()[:16]
    stamp = f"defined in mediespor store/views.sql (sha256 {digest})"
    return ViewScript(sql, tuple(_VIEW_NAME.findall(sql)), stamp)


def utcnow() -> datetime:
    """The current time as an aware UTC datetime (the store's clock)."""
    return datetime.now(UTC)


class Deferred(Protocol):
    """Writes held back until the transaction they belong to is about to commit."""

    def flush(self) -> None:
        """Write what is held (inside the transaction)."""

    def discard(self) -> None:
        """Forget what is held (the transaction rolls back)."""


class Store:
    """A DuckDB connection with the project's schema applied."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None):
        self.con = con
        self.path = path
        self._deferred: list[Deferred] = []

    def close(self) -> None:
        """Close the connection (checkpoints the WAL)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a batch atomically: on any exception the DB is left as before the batch."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
            for writer in self._deferred:
                writer.flush()
        except BaseException:
            for writer in self._deferred:
                writer.discard()
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    @contextmanager
    def deferring(self, writer: Deferred) -> Iterator[Deferred]:
        """Flush ``writer`` at the end of every transaction while the block runs (and once
        after it, for anything added outside a transaction)."""
        self._deferred.append(writer)
        try:
            yield writer
        finally:
            self._deferred.remove(writer)
        writer.flush()

    def schema_version(self) -> int:
        """The highest migration applied, 0 for an empty database."""
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self, target: int | None = None) -> list[int]:
        """Apply pending migrations up to ``target`` (all by default); return those applied.

        Without a ``target`` the views are then (re)created from ``store/views.sql``, so a
        database of any version ends with the current ones. A database stopped at an older
        ``target`` (tests of old files) has the tables of that version and no views.
        """
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
        )
        current = self.schema_version()
        applied: list[int] = []
        for mig in available_migrations():
            if mig.version <= current or (target is not None and mig.version > target):
                continue
            with self.transaction() as con:
                con.execute(mig.sql)
                con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)",
                    [mig.version, mig.name, utcnow()],
                )
            applied.append(mig.version)
        if target is None:
            views = view_script()
            if applied or not self._views_current(views):
                self._create_views(views)
        return applied

    def _views_current(self, views: ViewScript) -> bool:
        """True when every view carries the stamp of this ``views.sql``.

        Re-creating unchanged views would write the database on every open, and closing it
        would then cost a checkpoint (about 25 ms); a view changed by hand has lost its stamp.
        """
        stamped = self.con.execute(
            "SELECT count(*) FROM duckdb_views() WHERE schema_name = 'main' AND comment = ?"
            " AND list_contains(?, view_name)",
            [views.stamp, list(views.names)],
        ).fetchone()[0]
        return stamped == len(views.names)

    def _create_views(self, views: ViewScript) -> None:
        with self.transaction() as con:
            con.execute(views.sql)
            for name in views.names:
                con.execute(f"COMMENT ON VIEW {name} IS '{views.stamp}'")


def _note_pandas_absent() -> None:
    """Record a missing pandas as absent, so DuckDB's checks for it cost nothing.

    DuckDB's Python API tries ``import pandas`` three times per statement; without pandas each
    failed import searches all of ``sys.path`` again, about 40% of the CPU of a store write.
    Where pandas is installed nothing changes.
    """
    if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
        sys.modules["pandas"] = None  # type: ignore[assignment]


#: WAL size at which DuckDB checkpoints on its own. A checkpoint rewrites every changed ART index
#: and every column segment an UPDATE touched in full, so it costs in proportion to the archive
#: (measured in DuckDB 1.5: ~1 s at 10,000 items, ~8 s at 100,000), not to the WAL. At DuckDB's
#: 16 MB default that came every ~2,600 stored pages and cost more than the writes themselves at
#: 100,000 items; at 256 MB it comes every ~40,000. The WAL holds committed data safely (it is
#: replayed after a crash); closing the store checkpoints it.
CHECKPOINT_THRESHOLD = "256MB"


def open_store(path: str | Path | None, *, migrate: bool = True, read_only: bool = False) -> Store:
    """Open (creating when needed) the database at ``path``; ``None`` means in-memory.

    The parent folder is created. Migrations run unless ``migrate`` is false or the
    connection is read-only.
    """
    _note_pandas_absent()
    if path is None:
        con = duckdb.connect(":memory:")
        store = Store(con, None)
    else:
        p = Path(path)
        if not read_only:
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(p), read_only=read_only)
        except duckdb.IOException as exc:
            raise MediesporError(f"cannot open database {p}: {exc}") from exc
        store = Store(con, p)
        if not read_only:
            store.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    # Timestamps are shown in Copenhagen time to analysts; storage is absolute (TIMESTAMPTZ).
    store.con.execute(f"SET TimeZone = '{ZONE_NAME}'")
    if migrate and not read_only:
        store.migrate()
    return store
