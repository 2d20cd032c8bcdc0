"""store/status.py and ``mediespor status``: typed rows, UTC run times, one line per source."""

from __future__ import annotations

from datetime import UTC, date, datetime

from conftest import offline_sources_yaml
from mediespor.cli.main import main
from mediespor.store.db import open_store
from mediespor.store.runs import finish_run, start_run
from mediespor.store.status import outlet_counts, recent_runs, totals
from offline import unreachable_sources


def test_outlet_days_are_copenhagen_days_and_run_times_utc(tmp_path, capsys):
    path = tmp_path / "l.csv"
    path.write_text(
        "url,title,published,outlet\n"
        "https://a.dk/1,Sent om aftenen,2017-06-29T23:30:00+02:00,DR\n"
        "https://a.dk/2,Dagen før,2017-06-28,DR\n"
        ",Uden dato,,DR\n",
        encoding="utf-8",
    )
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / "sources.yaml").write_text(offline_sources_yaml(), encoding="utf-8")
    from conftest import REPO

    (project / "events.yaml").write_text((REPO / "events.yaml").read_text(encoding="utf-8"))
    assert main(["--project-dir", str(project), "import", str(path)]) == 1  # one row skipped
    store = open_store(project / "data" / "mediespor.duckdb", read_only=True)
    store.con.execute("SET TimeZone = 'UTC'")  # what a UTC machine's connection would use
    (dr,) = outlet_counts(store.con)
    assert (dr.outlet, dr.items, dr.undated) == ("DR", 2, 0)
    assert (dr.first, dr.last) == (date(2017, 6, 28), date(2017, 6, 29))
    assert totals(store.con).items == 2
    (run,) = recent_runs(store.con, 5)
    assert (run.command, run.status, run.exit_code) == ("import", "partial", 1)
    assert run.started_utc.tzinfo is None  # a UTC wall time, shown with a Z
    assert abs((run.started_utc.replace(tzinfo=UTC) - datetime.now(UTC)).total_seconds()) < 3600
    store.close()


def test_status_shows_each_source_on_one_line(project, capsys, monkeypatch):
    unreachable_sources(project, monkeypatch, "nirgends", "ingensteds", "intetsteds")
    assert main(["--project-dir", str(project), "run", "--no-render", "-q"]) == 1
    capsys.readouterr()
    assert main(["--project-dir", str(project), "status"]) == 0
    out = capsys.readouterr().out
    for name in ("nirgends", "ingensteds", "intetsteds"):
        lines = [line for line in out.splitlines() if f"{name}-rss " in line]
        assert len(lines) == 1, (name, lines)
        assert len(lines[0]) <= 120
        # The cause, not the robots.txt that could not be asked because of it.
        assert "host name does not resolve" in lines[0] and "robots" not in lines[0]
    assert "started (UTC)" in out
    assert out.count("no network? 3 sources last failed because host names do not resolve") == 1
    assert max(len(line) for line in out.splitlines() if not line.startswith("items:")) <= 120


def test_recent_runs_reads_counts_as_a_dict():
    store = open_store(None)
    run_id = start_run(store.con, "run", {})
    finish_run(store.con, run_id, "ok", 0, {"links": 3})
    (run,) = recent_runs(store.con, 1)
    assert run.counts == {"links": 3} and run.seconds is not None
