"""Keep analysts and the nightly job out of each other's way.

DuckDB lets one process write a file, and a reader in another process blocks that writer (and
vice versa). So writers never touch the file analysts open: every command that changes data
works on a private working copy (``<name>.work.duckdb`` beside the database) under the run lock,
and when it is done publishes it to the analysts' file (``data/mediespor.duckdb``) by copy and
atomic rename. An analyst with the old file open keeps reading the old snapshot undisturbed; the
next connection sees the new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from mediespor.errors import MediesporError
from mediespor.lock import RunLock
from mediespor.store.db import Store, available_migrations, open_store, utcnow
from mediespor.store.derived import refresh_published_date

#: What DuckDB says when another process holds the file: busy, not damaged.
_LOCK_CONFLICT = "Could not set lock"


class DamagedDatabase(MediesporError):
    """The working copy cannot be opened; the message says how to restore it (exit 4)."""


def work_path(db: Path) -> Path:
    """The private working file of the database ``db``."""
    return db.with_name(f"{db.stem}.work{db.suffix or '.duckdb'}")


def publish(work: Path, db: Path) -> None:
    """Atomically replace ``db`` with a copy of the (closed, checkpointed) ``work`` file."""
    tmp = db.with_name(f".{db.name}.publishing")
    try:
        shutil.copyfile(work, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db)
    except BaseException:
        # A half-written copy on a full disk would only take the space the next try needs.
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    # A stale WAL of the analysts' file would be replayed onto the new snapshot; there is none
    # after a clean close, but an analyst who wrote to the file may have left one.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(str(db) + ".wal")


def _open_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a database, or None (also None when merely busy)."""
    try:
        store = open_store(path, read_only=True, migrate=False)
    except MediesporError as exc:
        return None if _LOCK_CONFLICT in str(exc) else str(exc)
    except duckdb.Error as exc:
        return f"{type(exc).__name__}: {exc}"
    store.close()
    return None


def working_copy_problem(db: Path) -> str | None:
    """What is wrong with the working copy of ``db`` (None when it is fine or absent)."""
    work = work_path(db)
    return _open_problem(work) if work.exists() else None


def _damaged(db: Path, problem: str) -> DamagedDatabase:
    return DamagedDatabase(
        f"the working database {work_path(db)} is damaged ({problem}); nothing was changed. "
        f"Restore it from the published copy {db} with: mediespor check --repair"
    )


def repair_working_copy(db: Path, lock: RunLock | None = None) -> Path | None:
    """Replace a damaged working copy with the published one; keep the damaged file aside.

    Returns where the damaged file was moved (None when the working copy was fine, nothing is
    touched then). Raises DamagedDatabase when the published copy cannot be opened either.
    """
    with _run_lock(db, lock):
        problem = working_copy_problem(db)
        if problem is None:
            return None
        if not db.exists() or _open_problem(db) is not None:
            raise DamagedDatabase(
                f"the working database {work_path(db)} is damaged ({problem}) and the published "
                f"copy {db} cannot be opened either; restore {db} from a backup"
            )
        work = work_path(db)
        aside = work.with_name(f"{work.name}.damaged-{utcnow():%Y%m%dT%H%M%SZ}")
        os.replace(work, aside)
        with contextlib.suppress(FileNotFoundError):
            os.replace(str(work) + ".wal", str(aside) + ".wal")
        tmp = work.with_name(f".{work.name}.restoring")
        shutil.copyfile(db, tmp)
        os.replace(tmp, work)
        return aside


@contextmanager
def _run_lock(db: Path, lock: RunLock | None) -> Iterator[None]:
    """Hold ``lock`` if given (the caller owns it), else take the database's own run lock."""
    if lock is not None:
        yield
        return
    with RunLock(db.with_name(db.name + ".lock")):
        yield


@contextmanager
def writing(db: Path, lock: RunLock | None = None) -> Iterator[Store]:
    """Open the working copy for writing under the run lock; publish it on a clean exit.

    A working copy is seeded from the published file the first time (e.g. a database copied in
    from elsewhere). On an exception nothing is published, so analysts never see a half batch.
    """
    with _run_lock(db, lock):
        work = work_path(db)
        work.parent.mkdir(parents=True, exist_ok=True)
        if not work.exists() and db.exists():
            shutil.copyfile(db, work)
        try:
            store = open_store(work)
        except MediesporError as exc:
            if _LOCK_CONFLICT in str(exc):
                raise
            raise _damaged(db, str(exc)) from exc
        except duckdb.Error as exc:  # opened, but the schema inside cannot be read
            raise _damaged(db, f"{type(exc).__name__}: {exc}") from exc
        try:
            yield store
            refresh_published_date(store.con)
            store.con.execute("CHECKPOINT")
        finally:
            store.close()
        publish(work, db)


@contextmanager
def reading(db: Path) -> Iterator[Store]:
    """Open the published database read-only (never blocks the nightly job)."""
    target = db if db.exists() else work_path(db)
    store = open_store(target, read_only=True)
    have, need = store.schema_version(), max(m.version for m in available_migrations())
    if have < need:
        # Read-only connections never migrate; views the pages use may not exist yet.
        store.close()
        raise MediesporError(
            f"{target} has schema version {have}, this mediespor needs {need}; run "
            "'mediespor run' once (it upgrades the database) and try again"
        )
    try:
        yield store
    finally:
        store.close()
