"""The run lock: exclusive between processes; a dead holder's lock is taken over."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from mediespor.errors import ExitCode, LockHeldError
from mediespor.lock import RunLock

REPO = Path(__file__).resolve().parents[1]
HOLDER = """
import sys, time
from pathlib import Path
from mediespor.lock import RunLock
lock = RunLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def hold_in_subprocess(path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], env=env,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_acquire_writes_pid_and_release_removes(tmp_path):
    path = tmp_path / "sub" / "db.lock"
    with RunLock(path) as lock:
        pid, host = path.read_text().split()
        assert int(pid) == os.getpid() and host == socket.gethostname()
        assert lock.took_over_from is None
    assert not path.exists()


def test_second_process_is_refused_then_takes_over_after_kill_9(tmp_path):
    path = tmp_path / "db.lock"
    holder = hold_in_subprocess(path)
    try:
        with pytest.raises(LockHeldError, match=f"pid {holder.pid}") as info:
            RunLock(path).acquire()
        assert info.value.exit_code == ExitCode.LOCKED
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    assert path.exists()  # a killed holder cannot clean up
    lock = RunLock(path)
    lock.acquire()
    assert lock.took_over_from == holder.pid
    assert int(path.read_text().split()[0]) == os.getpid()
    lock.release()


def test_same_process_cannot_take_it_twice(tmp_path):
    path = tmp_path / "db.lock"
    with RunLock(path), pytest.raises(LockHeldError):
        RunLock(path).acquire()


def test_lock_of_another_host_is_respected(tmp_path):
    path = tmp_path / "db.lock"
    path.write_text("999999 some-other-host\n")
    with pytest.raises(LockHeldError, match="some-other-host"):
        RunLock(path).acquire()
    assert path.read_text() == "999999 some-other-host\n"


def test_garbage_lock_is_replaced_and_empty_one_is_not_stolen(tmp_path):
    path = tmp_path / "db.lock"
    path.write_text("not a pid\n")
    with RunLock(path):
        assert int(path.read_text().split()[0]) == os.getpid()
    path.write_text("")  # another process between create and write
    with pytest.raises(LockHeldError, match="could not take"):
        RunLock(path).acquire()


def test_an_empty_lock_left_by_a_crash_is_stale_after_a_minute(tmp_path):
    # A write that failed (a full disk) or a machine crash right after the create leaves an
    # empty file; it must not refuse every later run with exit 3.
    path = tmp_path / "db.lock"
    path.write_text("")
    an_hour_ago = path.stat().st_mtime - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    lock = RunLock(path)
    lock.acquire()
    assert int(path.read_text().split()[0]) == os.getpid()
    lock.release()
