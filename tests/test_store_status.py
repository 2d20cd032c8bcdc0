"""store/status.py and ``mediespor status``: typed rows, UTC run times, one line per source."""

from __future__ import annotations

import socket
from datetime import UTC, date, datetime

from conftest import offline_sources_yaml
from mediespor.cli.main import main
from mediespor.store.db import open_store
from mediespor.store.runs import finish_run, start_run
from mediespor.store.status import outlet_counts, recent_runs, totals

SOURCES = "".join(
    f"""
  - name: {name}
    outlet: {name.title()}
    kind: feed
    url: https://{name}.example/rss
"""
    for name in ("nirgends", "ingensteds", "intetsteds")
)


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
    text = offline_sources_yaml().replace("\nsources: []\n", "\nsources:" + SOURCES)
    (project / "sources.yaml").write_text(text, encoding="utf-8")

    def offline(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    for _ in range(3):  # three failed nights in a row flag a source
        assert main(["--project-dir", str(project), "run", "--no-render", "-q"]) == 1
    capsys.readouterr()
    assert main(["--project-dir", str(project), "status"]) == 0
    out = capsys.readouterr().out
    for name in ("nirgends", "ingensteds", "intetsteds"):
        lines = [line for line in out.splitlines() if f"{name} " in line and "Nirgends" not in name]
        assert len(lines) == 1, (name, lines)
        assert len(lines[0]) <= 120 and "3" in lines[0]
    assert "started (UTC)" in out
    assert max(len(line) for line in out.splitlines() if not line.startswith("items:")) <= 120


def test_recent_runs_reads_counts_as_a_dict():
    store = open_store(None)
    run_id = start_run(store.con, "run", {})
    finish_run(store.con, run_id, "ok", 0, {"links": 3})
    (run,) = recent_runs(store.con, 1)
    assert run.counts == {"links": 3} and run.seconds is not None
