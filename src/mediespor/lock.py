"""A run lock beside the database, so two runs never write at once.

The lock is a file created with O_EXCL holding the owner's PID and host. A lock whose PID is no
longer alive on this host is stale: it is taken over with a warning.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from pathlib import Path

from mediespor.errors import LockHeldError

#: How long an empty lock file counts as one being written (a holder writes its PID at once).
EMPTY_STALE_S = 60


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunLock:
    """Exclusive lock file; use as a context manager."""

    def __init__(self, path: Path):
        self.path = path
        self.took_over_from: int | None = None
        self._held = False

    def acquire(self) -> None:
        """Take the lock, or raise LockHeldError naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        me = f"{os.getpid()} {socket.gethostname()}\n".encode()
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self._read_holder()
                if holder is None:
                    # Being written right now, or garbage: treat garbage as stale. An empty
                    # file is a holder between create and write, unless it has stayed empty
                    # (a write that failed on a full disk, a crash): then it is garbage too.
                    with contextlib.suppress(FileNotFoundError):
                        st = self.path.stat()
                        if st.st_size == 0 and time.time() - st.st_mtime < EMPTY_STALE_S:
                            continue
                    self._remove()
                    continue
                pid, host = holder
                if host == socket.gethostname() and not _alive(pid):
                    self.took_over_from = pid
                    self._remove()
                    continue
                raise LockHeldError(
                    f"another run (pid {pid} on {host}) holds {self.path}; try again later"
                ) from None
            else:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(me)
                self._held = True
                return
        raise LockHeldError(f"could not take {self.path}")

    def _read_holder(self) -> tuple[int, str] | None:
        try:
            parts = self.path.read_text().split()
            return int(parts[0]), parts[1]
        except (FileNotFoundError, ValueError, IndexError):
            return None

    def _remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def release(self) -> None:
        """Give the lock back."""
        if self._held:
            self._remove()
            self._held = False

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
