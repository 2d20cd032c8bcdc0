"""scripts/run and scripts/setup: the quick start installs only what the nightly job needs.

The scripts run in a copy of the project whose ``.venv/bin/python`` records what it is asked
to do, so no package index is contacted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

RECORDING_PYTHON = """#!/bin/sh
echo "python $*" >> "$(dirname "$0")/../../calls.log"
"""
RECORDING_MEDIESPOR = """#!/bin/sh
echo "mediespor $*" >> "$(dirname "$0")/../../calls.log"
exit "${FAKE_EXIT:-0}"
"""


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    shutil.copytree(REPO / "scripts", root / "scripts")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, text in (("python", RECORDING_PYTHON), ("mediespor", RECORDING_MEDIESPOR)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return root


def _run(root: Path, *args: str, exit_code: int = 0) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "FAKE_EXIT": str(exit_code)}
    return subprocess.run(
        [str(root / "scripts" / args[0]), *args[1:]],
        cwd="/", env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def _calls(root: Path) -> list[str]:
    log = root / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_scripts_run_installs_the_runtime_only_then_runs_the_job(copy):
    proc = _run(copy, "run", "--no-render")
    assert proc.returncode == 0, proc.stderr
    installs = [c for c in _calls(copy) if "pip install -q -e" in c]
    assert installs == ["python -m pip install -q -e ."]  # no [test]: no Playwright, hypothesis
    assert _calls(copy)[-1] == "mediespor run --no-render"


def test_a_venv_set_up_for_tests_already_serves_the_nightly_job(copy):
    assert _run(copy, "setup", "dev").returncode == 0
    before = len(_calls(copy))
    assert _run(copy, "run").returncode == 0
    assert [c for c in _calls(copy)[before:] if "pip" in c] == []  # nothing reinstalled
    assert _run(copy, "setup", "test").returncode == 0
    assert [c for c in _calls(copy)[before:] if "pip" in c] == []


def test_the_test_tools_are_added_when_asked_for_after_a_runtime_setup(copy):
    assert _run(copy, "setup", "runtime").returncode == 0
    assert _run(copy, "setup").returncode == 0  # default: test
    installs = [c for c in _calls(copy) if "pip install -q -e" in c]
    assert installs == ["python -m pip install -q -e .", "python -m pip install -q -e .[test]"]


def test_scripts_run_reports_exit_1_as_a_finished_run(copy):
    proc = _run(copy, "run", exit_code=1)
    assert proc.returncode == 0
    assert "finished; some sources could not be reached" in proc.stderr
    assert _run(copy, "run", exit_code=4).returncode == 4


def test_an_unknown_set_is_refused(copy):
    proc = _run(copy, "setup", "everything")
    assert proc.returncode == 2 and "unknown set 'everything'" in proc.stderr


def test_a_changed_compiled_walk_is_rebuilt_and_its_old_build_removed_first(copy):
    walks = copy / "src" / "mediespor" / "extract"
    walks.mkdir(parents=True)
    (walks / "walk.pyx").write_text("def walk(): return 1\n")
    assert _run(copy, "setup").returncode == 0
    assert _run(copy, "setup").returncode == 0  # unchanged: nothing to do
    built = walks / "walk.cpython-311-x86_64-linux-gnu.so"
    built.write_bytes(b"built from the old source")
    (walks / "walk.pyx").write_text("def walk(): return 2\n")
    assert _run(copy, "setup").returncode == 0
    installs = [c for c in _calls(copy) if "pip install -q -e" in c]
    assert installs == ["python -m pip install -q -e .[test]"] * 2
    # A build that failed now must not leave the old one to be imported in its place.
    assert not built.exists()
