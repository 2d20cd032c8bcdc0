"""The CLI end to end, as separate processes on a temporary project."""

from __future__ import annotations

import json

import duckdb

from mediespor.extract import attr_reads, content, index


def test_help_lists_commands_and_each_has_examples(project, run_cli):
    res = run_cli("--help", cwd=project)
    assert res.code == 0
    for command in ("run", "import", "status", "sql", "check"):
        assert command in res.out
        sub = run_cli(command, "--help", cwd=project)
        assert sub.code == 0, sub.err
        assert "examples:" in sub.out


def test_import_bad_rows_then_status_and_sql(project, run_cli, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text(
        "url,title,published,outlet\n"
        "https://dr.dk/1,Fleksjob under pres,2017-06-30,DR\n"
        ",Mangler dato,,DR\n",
        encoding="utf-8",
    )
    res = run_cli("import", str(data), cwd=project)
    assert res.code == 1  # partial: a row was skipped
    assert "list.csv:3: skipped: a row without url needs a published date" in res.out
    assert "1 new" in res.out
    res = run_cli("import", str(data), cwd=project)
    assert "0 new" in res.out and "1 unchanged" in res.out
    status = run_cli("status", cwd=project)
    assert status.code == 0, status.err
    assert "DR" in status.out and "import" in status.out
    sql = run_cli("sql", "--csv", "SELECT outlet, count(*) AS n FROM items GROUP BY 1", cwd=project)
    assert sql.out == "outlet,n\nDR,1\n"  # plain newlines, for shell pipelines
    bad = run_cli("sql", "SELEKT 1", cwd=project)
    assert bad.code == 2 and "SQL error" in bad.err and "Traceback" not in bad.err


def test_db_override_by_flag_and_env(project, run_cli, tmp_path):
    flag_db = tmp_path / "flag.duckdb"
    assert run_cli("--db", str(flag_db), "run", "--no-render", cwd=project).code == 0
    assert flag_db.exists()
    env_db = tmp_path / "env.duckdb"
    assert run_cli("run", "--no-render", cwd=project, env={"MEDIESPOR_DB": str(env_db)}).code == 0
    assert env_db.exists()
    assert not (project / "data" / "mediespor.duckdb").exists()


def test_run_from_another_directory_with_project_dir(project, run_cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    res = run_cli("--project-dir", str(project), "run", "--no-render", cwd=elsewhere)
    assert res.code == 0, res.err
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == 7
    con.close()


def test_json_log_lines_when_not_a_terminal(project, run_cli):
    res = run_cli("--log-format", "json", "run", "--no-render", cwd=project)
    lines = [json.loads(line) for line in res.err.splitlines() if line.strip()]
    events = [line["event"] for line in lines]
    assert events[0] == "run_start" and events[-2:] == ["run_end", "run_summary"]
    # The run says which page walks extraction used: all compiled, or which run in Python.
    compiled = (index._compiled, attr_reads.compiled, content._box_walk, content._text_walk)
    if all(module is not None for module in compiled):
        assert lines[0]["walks"] == "compiled"
    else:
        assert lines[0]["walks"].startswith("python: ")
    assert res.out == ""  # the summary is a JSON line too: the journal's jq reads every line
    assert all({"ts", "level", "event"} <= set(line) for line in lines)


def test_bad_arguments_exit_2(project, run_cli):
    assert run_cli("run", "--since", "yesterday", cwd=project).code == 2
    assert run_cli("run", "--source", "no-such-source", cwd=project).code == 2
    assert run_cli("import", "missing.csv", cwd=project).code == 2
    assert run_cli("status", cwd=project).code == 2  # no DB yet


def test_each_command_routes_logging_only_while_it_runs(project, run_cli):
    import logging

    before = list(logging.getLogger("mediespor").handlers)
    assert run_cli("run", "--no-render", cwd=project).code == 0
    assert run_cli("status", cwd=project).code == 0
    assert logging.getLogger("mediespor").handlers == before  # nothing left behind
