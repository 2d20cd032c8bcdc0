"""deploy/: the crontab line as cron runs it (bare environment, started from /), and systemd."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from mediespor.cli.main import build_parser

DEPLOY = REPO / "deploy"
CHECKOUT = "/opt/mediespor"


def _cron_line() -> str:
    lines = [
        line
        for line in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not re.match(r"^\w+=", line)
    ]
    assert len(lines) == 1, lines
    return lines[0]


def _cron_command(project: Path) -> str:
    """The line's command as cron hands it to /bin/sh: ``\\%`` is ``%`` (a bare % a newline)."""
    command = _cron_line().split(None, 5)[5]
    assert not re.search(r"(?<!\\)%", command), "an unescaped % ends the command in cron"
    return command.replace("\\%", "%").replace(CHECKOUT, str(project))


@pytest.fixture
def checkout(project: Path) -> Path:
    """The project as a checkout: ``.venv/bin/mediespor`` runs this source tree."""
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    launcher = bin_dir / "mediespor"
    launcher.write_text(
        f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(REPO / 'src'))} "
        f'exec {shlex.quote(sys.executable)} -m mediespor "$@"\n'
    )
    launcher.chmod(0o755)
    return project


def _as_cron(command: str) -> subprocess.CompletedProcess:
    # What cron gives a job: /bin/sh, a minimal PATH, no terminal, no MEDIESPOR_* variables.
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "SHELL": "/bin/sh", "LOGNAME": "x"}
    return subprocess.run(
        ["/bin/sh", "-c", command],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def test_the_crontab_line_runs_silently_from_root_in_a_bare_environment(checkout):
    proc = _as_cron(_cron_command(checkout))
    assert proc.returncode == 0, proc.stderr
    assert (proc.stdout, proc.stderr) == ("", "")  # nothing for cron to mail
    (log,) = (checkout / "data" / "logs").glob("run-*.jsonl")
    assert re.fullmatch(r"run-\d{4}-\d{2}\.jsonl", log.name)
    events = [json.loads(line)["event"] for line in log.read_text().splitlines()]
    assert events[0] == "run_start" and events[-1] == "run_summary"
    assert (checkout / "data" / "mediespor.duckdb").exists()
    assert (checkout / "reports" / "timeline.html").exists()


def test_the_crontab_line_mails_one_paragraph_when_the_run_fails(checkout):
    (checkout / "sources.yaml").write_text("crawl: {delay_s: -1}\nsources: []\n")
    proc = _as_cron(_cron_command(checkout))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "sources.yaml" in proc.stderr
    (log,) = (checkout / "data" / "logs").glob("run-*.jsonl")
    for line in log.read_text().splitlines():
        assert json.loads(line)["exit_code"] == 2


def test_the_crontab_does_not_rely_on_cron_tz():
    text = (DEPLOY / "crontab").read_text(encoding="utf-8")
    assert not re.search(r"^CRON_TZ=", text, flags=re.M)  # Debian's cron ignores it
    assert "2>&1" not in _cron_line() and ">>" not in _cron_line()  # stderr must reach cron


def test_the_systemd_timer_names_the_copenhagen_zone():
    timer = (DEPLOY / "mediespor.timer").read_text(encoding="utf-8")
    assert re.search(r"^OnCalendar=.* Europe/Copenhagen$", timer, flags=re.M)


def test_the_service_command_parses_and_its_user_is_created_in_the_deploy_steps():
    service = (DEPLOY / "mediespor.service").read_text(encoding="utf-8")
    user = re.search(r"^User=(\S+)$", service, flags=re.M).group(1)
    steps = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"adduser --system .*\b{user}$", steps, flags=re.M)
    assert f"chown -R {user}:{user} {CHECKOUT}" in steps
    exec_start = re.search(r"^ExecStart=(.+)$", service, flags=re.M).group(1).split()
    assert exec_start[0] == f"{CHECKOUT}/.venv/bin/mediespor"
    args = build_parser().parse_args(exec_start[1:])
    assert (args.command, args.log_format, args.project_dir) == ("run", "json", CHECKOUT)


def test_cron_and_systemd_paths_are_the_checkout():
    for name in ("crontab", "mediespor.service"):
        text = (DEPLOY / name).read_text(encoding="utf-8")
        assert CHECKOUT in text, name
    assert os.sep == "/"
