"""``mediespor run`` in-process: a dry run touches nothing, an offline night says so once."""

from __future__ import annotations

import hashlib
import json

import pytest

from mediespor.cli.main import main
from mediespor.store.db import utcnow
from mediespor.store.publish import writing
from offline import unreachable_sources


@pytest.fixture
def unreachable(project, monkeypatch):
    """Three sources whose host names do not resolve, as on a machine without network."""
    return unreachable_sources(project, monkeypatch, "nirgends", "ingensteds", "intetsteds")


def _snapshot(root):
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_an_offline_run_says_no_network_once(unreachable, capsys):
    code = main(["--project-dir", str(unreachable), "run", "--no-render", "-q"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("no network?") == 1
    assert "3 of 3 sources failed because host names do not resolve" in out
    assert "robots.txt" not in out and "failed: nirgends-rss" not in out


def test_a_dry_run_writes_nothing_and_prints_each_url_once(unreachable, capsys):
    assert main(["--project-dir", str(unreachable), "run", "--no-render", "-q"]) == 1
    db = unreachable / "data" / "mediespor.duckdb"
    pending = ["https://nirgends.example/a/1", "https://nirgends.example/a/2"]
    with writing(db) as store:
        for url in pending:
            store.con.execute(
                "INSERT INTO frontier (url, source, via, added_at, updated_at)"
                " VALUES (?, 'nirgends-rss', 'feed', ?, ?)",
                [url, utcnow(), utcnow()],
            )
    capsys.readouterr()
    before = _snapshot(unreachable)
    code = main(["--project-dir", str(unreachable), "run", "--dry-run"])
    captured = capsys.readouterr()
    assert code == 0
    assert _snapshot(unreachable) == before  # no run row, no re-linking, no lock, no reports
    printed = captured.out + captured.err
    for url in [*pending, "https://nirgends.example/rss", "https://ingensteds.example/rss"]:
        assert printed.count(url) == 1, url
    assert "2 URLs pending" in captured.out


def test_a_dry_run_without_a_database_creates_none(unreachable, capsys):
    assert main(["--project-dir", str(unreachable), "run", "--dry-run"]) == 0
    assert not (unreachable / "data" / "mediespor.duckdb").exists()
    assert sorted(p.name for p in (unreachable / "data").iterdir()) == ["known_coverage.csv"]


def test_a_refused_known_coverage_row_is_logged_as_an_import_does(unreachable, tmp_path):
    known = unreachable / "data" / "known_coverage.csv"
    rows = known.read_text(encoding="utf-8").splitlines()
    known.write_text("\n".join([*rows, "https://a.dk/1,Møde,29. smarch 2017,DR,,,"]) + "\n")
    log = tmp_path / "run.jsonl"
    main(["--project-dir", str(unreachable), "run", "--no-render", "-q",
          "--log-format", "json", "--log-file", str(log)])  # fmt: skip
    records = [json.loads(line) for line in log.read_text().splitlines()]
    skipped = [r for r in records if r["event"] == "import_skipped"]
    assert [(r["path"], r["line"]) for r in skipped] == [(str(known), len(rows) + 1)]
    assert "smarch" in skipped[0]["reason"]
    assert not [r for r in records if r["event"] == "import_row_rejected"]
