"""Shared fixtures: a throw-away project folder, CLI runners, and the skipping of slow tests.

The CLI runner calls ``main(argv)`` in this process (a new Python process per call cost a
third of the suite's time); ``run_cli_process`` keeps a real process for the few tests that
need one. Tests marked ``slow`` or ``browser`` run only when ``MEDIESPOR_SLOW=1`` (``.ci/run``
sets it) or ``CI=true``, or when ``-m`` selects markers explicitly.
"""

from __future__ import annotations

import io
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


class _Capture(io.TextIOWrapper):
    """A UTF-8 text stream with a ``.buffer``, as ``sys.stdout`` is (``archive show`` writes
    raw bytes to it); reads back what was written as the process's pipe would give it."""

    def __init__(self, data: bytes = b"") -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", write_through=True)

    def captured(self) -> str:
        self.flush()
        raw = self.buffer.getvalue().decode("utf-8")
        # text=True in subprocess.run reads universal newlines.
        return raw.replace("\r\n", "\n").replace("\r", "\n")


def _exit_code(exc: SystemExit, err: _Capture) -> int:
    """The exit status the interpreter would give ``SystemExit`` (argparse's --help and errors)."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=err)
    return 1


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: bytes = b"") -> CliResult:
    """Run ``mediespor ARGS`` in ``cwd`` in this process, as the command would run.

    The environment is the test's without ``MEDIESPOR_*`` variables plus ``env``; standard
    input holds ``stdin``; everything is restored afterwards.
    """
    from mediespor.cli.main import main

    out, err = _Capture(), _Capture()
    with pytest.MonkeyPatch.context() as mp:
        for name in [k for k in os.environ if k.startswith("MEDIESPOR_")]:
            mp.delenv(name)
        for name, value in (env or {}).items():
            mp.setenv(name, value)
        mp.chdir(cwd)
        mp.setattr(sys, "stdin", _Capture(stdin))
        mp.setattr(sys, "stdout", out)
        mp.setattr(sys, "stderr", err)
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = _exit_code(exc, err)
    return CliResult(code, out.captured(), err.captured())


def cli_process(
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
    """The in-process :func:`cli` helper as a fixture."""
    return cli


@pytest.fixture
def run_cli_process():
    """The :func:`cli_process` helper (a real process) as a fixture."""
    return cli_process


SLOW_HOW = "MEDIESPOR_SLOW=1 scripts/test"
_SLOW_SKIPPED = pytest.StashKey[int]()


def run_slow(config: pytest.Config) -> bool:
    """Whether this session runs tests marked ``slow``: CI, MEDIESPOR_SLOW=1, or ``-m``."""
    if os.environ.get("MEDIESPOR_SLOW", "") not in ("", "0"):
        return True
    if os.environ.get("CI", "").lower() in ("true", "1"):
        return True
    return bool(config.getoption("markexpr", ""))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip slow tests (browser tests are slow too) in a default local run, with the way to
    run them as the reason."""
    if run_slow(config):
        return
    skip = pytest.mark.skip(reason=f"slow; run with {SLOW_HOW} (CI runs them)")
    for item in items:
        if item.get_closest_marker("slow") or item.get_closest_marker("browser"):
            item.add_marker(skip)
            config.stash[_SLOW_SKIPPED] = config.stash.get(_SLOW_SKIPPED, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say how many slow tests a default run left out and how to run them."""
    skipped = config.stash.get(_SLOW_SKIPPED, 0)
    if skipped:
        terminalreporter.write_line(
            f"{skipped} slow tests skipped (listed below); all of them, as CI runs: {SLOW_HOW}",
            yellow=True,
        )
