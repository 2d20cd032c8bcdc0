"""The command line's frame, in-process: global options anywhere, the log file cron reads."""

from __future__ import annotations

import json

import pytest

from mediespor.cli.main import main
from offline import unreachable_sources


@pytest.fixture
def failing_project(project, monkeypatch):
    """One source on a host that cannot be resolved: the run finishes with exit 1."""
    return unreachable_sources(project, monkeypatch, "nirgends")


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--project-dir", "{p}", "--debug"],
        ["check", "--log-format", "json", "--project-dir", "{p}"],
        ["--project-dir", "{p}", "check", "-q"],
    ],
)
def test_global_options_work_before_and_after_the_command(project, capsys, argv):
    code = main([a.format(p=project) for a in argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    # On stdout, or with --log-format json a JSON line like every other (the journal's jq).
    assert "events: OK" in captured.out + captured.err


def test_an_option_after_the_command_wins_over_the_same_before_it(project, tmp_path, capsys):
    other = tmp_path / "andet.duckdb"
    path = tmp_path / "l.csv"
    path.write_text("title,published,outlet\nFleksjob,2017-06-28,DR\n", encoding="utf-8")
    argv = ["--project-dir", str(project), "--db", "x.duckdb", "import", str(path)]
    assert main([*argv, "--db", str(other)]) == 0, capsys.readouterr().err
    assert other.exists() and not (project / "x.duckdb").exists()


def test_sub_actions_take_global_options_too(project, capsys):
    assert main(["events", "list", "--project-dir", str(project), "-q"]) == 0
    assert "2017-06-28" in capsys.readouterr().out


def test_a_successful_run_with_a_log_file_prints_nothing(project, tmp_path, capsys):
    log = tmp_path / "run.jsonl"
    argv = ["run", "--no-render", "--project-dir", str(project)]
    code = main([*argv, "--log-format", "json", "--log-file", str(log)])
    captured = capsys.readouterr()
    assert code == 0
    assert (captured.out, captured.err) == ("", "")  # cron mails nothing on success
    events = [json.loads(line)["event"] for line in log.read_text().splitlines()]
    assert events[0] == "run_start" and "run_summary" in events


def test_a_failing_run_logs_json_lines_and_tells_stderr_once(failing_project, tmp_path, capsys):
    log = tmp_path / "logs" / "run.jsonl"
    log.parent.mkdir()
    log.write_text('{"event": "from an earlier night"}\n')
    code = main(["--log-format", "json", "--log-file", str(log), "--project-dir",
                 str(failing_project), "run", "--no-render"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    paragraph = captured.err.strip()
    assert "\n" not in paragraph
    assert paragraph.startswith("mediespor run: exit 1: run 1: partial (exit 1)")
    assert f"(details: {log})" in paragraph
    lines = log.read_text().splitlines()
    assert lines[0] == '{"event": "from an earlier night"}'  # appended, never truncated
    for line in lines:
        json.loads(line)  # every line is JSON: jq reads the whole file


def test_an_import_with_a_log_file_puts_its_details_there(project, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("url,title,published,outlet\nhttps://a.dk/1,Rådhus,2017-06-28,DR\n")
    log = tmp_path / "import.jsonl"
    code = main(["--project-dir", str(project), "import", str(good), "--log-format", "json",
                 "--log-file", str(log)])  # fmt: skip
    assert code == 0
    check = ["check", "--project-dir", str(project), "--log-format", "json"]
    assert main([*check, "--log-file", str(log)]) == 0
    assert capsys.readouterr() == ("", "")  # as for run: cron mails nothing on success
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"url,title,published,outlet\nhttps://a.dk/2,R\xe5d,2017-06-29,DR\n")
    code = main(["--project-dir", str(project), "import", str(bad), "--log-format", "json",
                 "--log-file", str(log)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.startswith(f"mediespor import: exit 1: 1 of 1 rows of {bad} skipped")
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r["event"] for r in records] == [
        "import_summary",
        "check_ok",
        "import_skipped",
        "import_summary",
    ]
    assert records[2]["line"] == 2 and "byte 0xe5" in records[2]["reason"]  # the details


def test_an_error_goes_to_stderr_and_into_the_log(project, tmp_path, capsys):
    log = tmp_path / "run.jsonl"
    (project / "events.yaml").write_text("events: [{id: x}]\n", encoding="utf-8")
    code = main(["check", "--project-dir", str(project), "--log-format", "json",
                 "--log-file", str(log)])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("mediespor: ") and "events.yaml" in err
    (line,) = log.read_text().splitlines()
    assert json.loads(line)["event"] == "command_failed"
    assert json.loads(line)["exit_code"] == 2


def test_an_unwritable_log_file_is_a_usage_error(project, tmp_path, capsys):
    code = main(["--project-dir", str(project), "--log-file", str(tmp_path / "no" / "x"), "check"])
    assert code == 2
    assert "cannot open --log-file" in capsys.readouterr().err


HEAVY = ("duckdb", "rich", "plotly", "numpy", "httpx", "selectolax", "feedparser", "pydantic")
PROBE = """
import sys
from mediespor.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print(code, " ".join(heavy))
"""


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [(["--help"], set()), (["run", "--help"], set()), (["sql", "select 42"], {"duckdb"})],
)
def test_start_up_imports_only_what_the_command_needs(project, tmp_path, capsys, argv, allowed):
    import subprocess
    import sys

    from conftest import REPO

    path = tmp_path / "l.csv"
    path.write_text("title,published,outlet\nFleksjob,2017-06-28,DR\n", encoding="utf-8")
    assert main(["--project-dir", str(project), "import", str(path)]) == 0
    capsys.readouterr()
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), "--project-dir", str(project), *argv],
        cwd=project, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    *output, last = proc.stdout.strip().splitlines()
    code, _, heavy = last.partition(" ")
    assert code == "0", proc.stderr
    assert set(heavy.split()) == allowed
    if argv[0] == "sql":
        assert "42" in output[-1]


def test_output_piped_into_head_ends_quietly(project, tmp_path, capsys):
    import subprocess
    import sys

    from conftest import REPO

    path = tmp_path / "l.csv"
    path.write_text("title,published,outlet\nFleksjob,2017-06-28,DR\n", encoding="utf-8")
    assert main(["--project-dir", str(project), "import", str(path)]) == 0
    capsys.readouterr()
    # More rows than a pipe holds; the reader stops after one line, as `| head -1` does.
    proc = subprocess.Popen(
        [sys.executable, "-m", "mediespor", "sql", "SELECT range FROM range(300000)", "--csv"],
        cwd=project, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout.readline().split() == [b"range"]
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141  # as a shell reports a command ended by SIGPIPE
    assert err == ""  # no "internal error: BrokenPipeError"


def test_json_logs_without_a_log_file_are_json_lines_only(failing_project, capsys):
    # systemd sends stdout and stderr to the journal: `journalctl -o cat | jq .` reads it all.
    code = main(["--project-dir", str(failing_project), "run", "--no-render", "--log-format",
                 "json"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    records = [json.loads(line) for line in (captured.out + captured.err).splitlines()]
    (summary,) = [r for r in records if r["event"] == "run_summary"]
    assert summary["summary"].startswith("run 1: partial (exit 1)")
