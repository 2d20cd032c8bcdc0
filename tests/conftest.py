"""Shared fixtures: a throw-away project folder and a CLI runner that uses a real subprocess."""

from __future__ import annotations

import os
import shutil
import socket
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


LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "ip6-localhost"}


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """Tests never reach beyond this machine: refuse name lookups of any other host."""
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and name not in LOOPBACK_NAMES and not str(name).startswith("127."):
            raise socket.gaierror(socket.EAI_NONAME, f"tests may only reach loopback, not {name}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


def offline_sources_yaml() -> str:
    """The shipped sources.yaml with its crawl and topic settings but no network sources.

    End-to-end tests of the shipped configuration must not contact the real news sites.
    """
    text = (REPO / "sources.yaml").read_text(encoding="utf-8")
    head = text.split("\nsources:", 1)[0]
    return head + "\nsources: []\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the shipped config (minus network sources) and known coverage."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "sources.yaml").write_text(offline_sources_yaml(), encoding="utf-8")
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
