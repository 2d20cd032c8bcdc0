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

from mediespor.lock import RunLock
from mediespor.store.db import Store, open_store


def work_path(db: Path) -> Path:
    """The private working file of the database ``db``."""
    return db.with_name(f"{db.stem}.work{db.suffix or '.duckdb'}")


def publish(work: Path, db: Path) -> None:
    """Atomically replace ``db`` with a copy of the (closed, checkpointed) ``work`` file."""
    tmp = db.with_name(f".{db.name}.publishing")
    shutil.copyfile(work, tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, db)
    # A stale WAL of the analysts' file would be replayed onto the new snapshot; there is none
    # after a clean close, but an analyst who wrote to the file may have left one.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(str(db) + ".wal")


@contextmanager
def writing(db: Path, lock: RunLock | None = None) -> Iterator[Store]:
    """Open the working copy for writing under the run lock; publish it on a clean exit.

    A working copy is seeded from the published file the first time (e.g. a database copied in
    from elsewhere). On an exception nothing is published, so analysts never see a half batch.
    """
    own_lock = lock is None
    lock = lock or RunLock(db.with_name(db.name + ".lock"))
    if own_lock:
        lock.acquire()
    try:
        work = work_path(db)
        work.parent.mkdir(parents=True, exist_ok=True)
        if not work.exists() and db.exists():
            shutil.copyfile(db, work)
        store = open_store(work)
        try:
            yield store
            store.con.execute("CHECKPOINT")
        finally:
            store.close()
        publish(work, db)
    finally:
        if own_lock:
            lock.release()


@contextmanager
def reading(db: Path) -> Iterator[Store]:
    """Open the published database read-only (never blocks the nightly job)."""
    target = db if db.exists() else work_path(db)
    store = open_store(target, read_only=True)
    try:
        yield store
    finally:
        store.close()
