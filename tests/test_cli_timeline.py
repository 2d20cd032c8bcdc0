"""End-to-end: ``mediespor timeline`` and ``mediespor report`` as separate processes."""

from __future__ import annotations

from timeline_db import build_demo


def make_db(project):
    store, _ = build_demo(project / "data" / "mediespor.duckdb")
    store.close()


def test_timeline_command_writes_the_page(project, run_cli):
    make_db(project)
    res = run_cli("--log-format", "json", "timeline", cwd=project)
    assert res.code == 0, res.err
    page = project / "reports" / "timeline.html"
    html = page.read_text(encoding="utf-8")
    assert "Presseomtale af striden om førtidspension" in html
    assert "11 emner på tidslinjen, 1 uden dato" in res.out
    assert not (project / "reports" / "index.html").exists()


def test_timeline_out_option(project, run_cli, tmp_path):
    make_db(project)
    out = tmp_path / "usb" / "tidslinje.html"
    res = run_cli("timeline", "--out", str(out), cwd=project)
    assert res.code == 0, res.err
    assert out.stat().st_size > 1_000_000  # plotly.js is inside
    res = run_cli("timeline", "--out", str(tmp_path), cwd=project)
    assert res.code == 2 and "is a folder" in res.err


def test_report_command_writes_index_and_timeline(project, run_cli, tmp_path):
    make_db(project)
    res = run_cli("report", "--out", str(tmp_path / "rapport"), cwd=project)
    assert res.code == 0, res.err
    index = (tmp_path / "rapport" / "index.html").read_text(encoding="utf-8")
    assert "Dækning pr. medie pr. måned" in index
    assert (tmp_path / "rapport" / "timeline.html").exists()


def test_commands_without_database_exit_2(project, run_cli):
    for cmd in ("timeline", "report"):
        res = run_cli(cmd, cwd=project)
        assert res.code == 2
        assert "does not exist yet" in res.err


def test_timeline_after_a_real_run(project, run_cli):
    # The shipped events and known coverage, through the real nightly job, then the page.
    assert run_cli("run", "--no-render", cwd=project).code == 0
    res = run_cli("timeline", cwd=project)
    assert res.code == 0, res.err
    html = (project / "reports" / "timeline.html").read_text(encoding="utf-8")
    assert "Demonstration foran Københavns Rådhus" in html
