"""Shared fixtures: a throw-away project folder and a CLI runner that uses a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class CliResult:
    """Outcome of one CLI invocation."""

    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the shipped sources.yaml, events.yaml and known coverage."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copy(REPO / "sources.yaml", root / "sources.yaml")
    shutil.copy(REPO / "events.yaml", root / "events.yaml")
    shutil.copy(REPO / "data" / "known_coverage.csv", root / "data" / "known_coverage.csv")
    return root


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> CliResult:
    """Run ``python -m mediespor ARGS`` in ``cwd`` as a separate process."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIESPOR_")}
    full_env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "mediespor", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def run_cli():
    """The :func:`cli` helper as a fixture."""
    return cli
